//! Real mails through `Mailer` and lettre to the in-process capture server, and the
//! capture server's side of the SMTP dialogue.

use std::time::Duration;

use fluxstudio_mail::capture::SmtpCapture;
use fluxstudio_mail::{MailConfig, Mailer, templates};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const WAIT: Duration = Duration::from_secs(10);

fn config(smtp: &SmtpCapture, user: Option<&str>) -> MailConfig {
    MailConfig {
        smtp: Some(smtp.smtp_config(user)),
        from: "FluxStudio <no-reply@studio.example>".into(),
        app_url: "http://localhost:3001/".into(),
        app_name: "FluxStudio".into(),
    }
}

#[tokio::test]
async fn a_verification_mail_arrives_with_its_link_and_credentials() {
    let smtp = SmtpCapture::start().await;
    let config = config(&smtp, Some("studio"));
    let mailer = Mailer::new(&config).unwrap();
    let email = templates::verify_email(
        &config,
        "Zoë <zoe@studio.example>",
        "Zoë <script>",
        "t0k-en_",
    );
    mailer.send(email.clone()).await.unwrap();

    let mail = smtp
        .wait_for("ZOE@studio.example", WAIT)
        .await
        .expect("the mail");
    assert_eq!(mail.from, "no-reply@studio.example");
    assert_eq!(mail.to, ["zoe@studio.example"]);
    assert_eq!(mail.auth_user.as_deref(), Some("studio"));
    assert_eq!(
        mail.subject().as_deref(),
        Some("Confirm your email address for FluxStudio")
    );
    assert_eq!(mail.text_body().unwrap(), email.text);
    assert_eq!(mail.html_body().unwrap(), email.html);
    assert!(mail.html_body().unwrap().contains("Hi Zoë &lt;script&gt;,"));
    assert_eq!(
        mail.link("http://localhost:3001/verify-email?token=")
            .as_deref(),
        Some("http://localhost:3001/verify-email?token=t0k-en_")
    );
    assert_eq!(smtp.messages(), [mail]);
}

#[tokio::test]
async fn no_credentials_without_a_user() {
    let smtp = SmtpCapture::start().await;
    let config = config(&smtp, None);
    let mailer = Mailer::new(&config).unwrap();
    let email = templates::invitation(&config, "eve@studio.example", "Ada", "Nine", "member", "i");
    mailer.send(email).await.unwrap();
    let mail = smtp
        .wait_for("eve@studio.example", WAIT)
        .await
        .expect("the mail");
    assert_eq!(mail.auth_user, None);
    assert_eq!(
        mail.subject().as_deref(),
        Some("Ada invited you to Nine on FluxStudio")
    );
    assert!(
        mail.link("http://localhost:3001/invitations/accept?token=i")
            .is_some()
    );
}

#[tokio::test]
async fn background_sends_arrive_and_each_is_handed_out_once() {
    let smtp = SmtpCapture::start().await;
    let config = config(&smtp, None);
    let mailer = Mailer::new(&config).unwrap();
    let reset = |token| templates::reset_password(&config, "ada@studio.example", "Ada", token);
    mailer.send_in_background(reset("first"));
    let first = smtp
        .wait_for("ada@studio.example", WAIT)
        .await
        .expect("first mail");
    mailer.send_in_background(reset("second"));
    let second = smtp
        .wait_for("ada@studio.example", WAIT)
        .await
        .expect("second mail");
    let prefix = "http://localhost:3001/reset-password?token=";
    assert_eq!(first.link(prefix).unwrap(), format!("{prefix}first"));
    assert_eq!(second.link(prefix).unwrap(), format!("{prefix}second"));
    assert_eq!(
        smtp.wait_for("ada@studio.example", Duration::from_millis(50))
            .await,
        None
    );
    assert_eq!(smtp.messages().len(), 2);
}

/// A raw client for the parts of the dialogue lettre does not exercise.
struct Client {
    reader: BufReader<tokio::net::tcp::OwnedReadHalf>,
    writer: tokio::net::tcp::OwnedWriteHalf,
}

impl Client {
    async fn connect(port: u16) -> Self {
        let (read, writer) = TcpStream::connect(("127.0.0.1", port))
            .await
            .unwrap()
            .into_split();
        let mut client = Self {
            reader: BufReader::new(read),
            writer,
        };
        assert!(client.reply().await.starts_with("220 "));
        client
    }

    /// The whole reply (all continuation lines), joined with `\n`.
    async fn reply(&mut self) -> String {
        let mut lines = Vec::new();
        loop {
            let mut line = String::new();
            self.reader.read_line(&mut line).await.unwrap();
            let line = line.trim_end().to_owned();
            let last = line.as_bytes().get(3) != Some(&b'-');
            lines.push(line);
            if last {
                return lines.join("\n");
            }
        }
    }

    async fn send(&mut self, line: &str) -> String {
        self.writer
            .write_all(format!("{line}\r\n").as_bytes())
            .await
            .unwrap();
        self.reply().await
    }
}

#[tokio::test]
async fn speaks_enough_smtp() {
    let smtp = SmtpCapture::start().await;
    let mut client = Client::connect(smtp.port()).await;
    assert!(
        client
            .send("MAIL FROM:<a@x.example>")
            .await
            .starts_with("503 ")
    );
    let ehlo = client.send("EHLO client.example").await;
    for extension in ["8BITMIME", "SMTPUTF8", "AUTH PLAIN LOGIN"] {
        assert!(ehlo.contains(extension), "{ehlo}");
    }
    assert!(client.send("VRFY someone").await.starts_with("500 "));
    assert!(client.send("AUTH CRAM-MD5").await.starts_with("504 "));
    // AUTH LOGIN, answering both challenges: "Username:" then "Password:".
    assert_eq!(client.send("AUTH LOGIN").await, "334 VXNlcm5hbWU6");
    assert_eq!(client.send("bG9naW4tdXNlcg==").await, "334 UGFzc3dvcmQ6");
    assert!(client.send("c2VjcmV0").await.starts_with("235 "));
    assert!(client.send("NOOP").await.starts_with("250 "));
    assert!(
        client
            .send("RCPT TO:<b@x.example>")
            .await
            .starts_with("503 ")
    );
    assert!(
        client
            .send("MAIL FROM:<dropped@x.example>")
            .await
            .starts_with("250 ")
    );
    assert!(client.send("RSET").await.starts_with("250 "));
    assert!(client.send("DATA").await.starts_with("503 "));
    assert!(
        client
            .send("MAIL FROM:<a@x.example> BODY=8BITMIME")
            .await
            .starts_with("250 ")
    );
    assert!(
        client
            .send("RCPT TO:<b@x.example>")
            .await
            .starts_with("250 ")
    );
    assert!(
        client
            .send("rcpt to:<c@x.example>")
            .await
            .starts_with("250 ")
    );
    assert!(client.send("DATA").await.starts_with("354 "));
    let data = "Subject: dots\r\n\r\n..leading dot\r\n.\r\n";
    client.writer.write_all(data.as_bytes()).await.unwrap();
    assert!(client.reply().await.starts_with("250 "));
    assert!(client.send("QUIT").await.starts_with("221 "));

    let mail = smtp.wait_for("c@x.example", WAIT).await.expect("the mail");
    assert_eq!(mail.from, "a@x.example");
    assert_eq!(mail.to, ["b@x.example", "c@x.example"]);
    assert_eq!(mail.auth_user.as_deref(), Some("login-user"));
    assert_eq!(mail.raw, "Subject: dots\r\n\r\n.leading dot\r\n");
    assert_eq!(mail.text_body().as_deref(), Some(".leading dot\n"));
}

#[tokio::test]
async fn auth_plain_with_a_challenge_records_the_user() {
    let smtp = SmtpCapture::start().await;
    let mut client = Client::connect(smtp.port()).await;
    assert!(client.send("HELO client.example").await.starts_with("250 "));
    assert_eq!(client.send("AUTH PLAIN").await, "334");
    // "\0plain-user\0secret"
    assert!(
        client
            .send("AHBsYWluLXVzZXIAc2VjcmV0")
            .await
            .starts_with("235 ")
    );
    assert!(client.send("AUTH PLAIN AHgAeQ==").await.starts_with("503 "));
    assert!(client.send("MAIL FROM:<>").await.starts_with("250 "));
    assert!(
        client
            .send("RCPT TO:<d@x.example>")
            .await
            .starts_with("250 ")
    );
    assert!(client.send("DATA").await.starts_with("354 "));
    assert!(client.send("\r\nbody\r\n.").await.starts_with("250 "));
    let mail = smtp.wait_for("d@x.example", WAIT).await.expect("the mail");
    assert_eq!(
        (mail.from.as_str(), mail.auth_user.as_deref()),
        ("", Some("plain-user"))
    );
}

#[tokio::test]
async fn dropping_it_stops_the_listener() {
    let smtp = SmtpCapture::start().await;
    let port = smtp.port();
    let mut open = Client::connect(port).await;
    drop(smtp);
    // The abort lands on the runtime's next turn; give it a bounded number of them.
    let closed = tokio::time::timeout(WAIT, async {
        while TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            tokio::task::yield_now().await;
        }
    });
    assert!(closed.await.is_ok(), "the port still accepts connections");
    // The session that was open is closed too.
    let mut line = String::new();
    let read = open.reader.read_line(&mut line).await;
    assert!(matches!(read, Ok(0) | Err(_)), "{line}");
}
