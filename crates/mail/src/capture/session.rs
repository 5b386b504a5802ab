//! One SMTP session of the capture server, from the greeting to `QUIT`.

use std::io;
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};

use super::{CapturedMail, State};

/// The `EHLO` answer: the extensions lettre looks for, and both login mechanisms so that
/// tests can check credentials are (or are not) sent.
const EHLO: &str =
    "250-fluxstudio-capture\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 AUTH PLAIN LOGIN\r\n";

struct Session {
    reader: BufReader<OwnedReadHalf>,
    writer: OwnedWriteHalf,
    state: Arc<State>,
    greeted: bool,
    auth_user: Option<String>,
    /// The transaction in progress: `Some` after `MAIL FROM`.
    from: Option<String>,
    to: Vec<String>,
}

/// Runs the session until the client quits or disconnects.
pub(super) async fn serve(stream: TcpStream, state: Arc<State>) -> io::Result<()> {
    let (read, writer) = stream.into_split();
    let mut session = Session {
        reader: BufReader::new(read),
        writer,
        state,
        greeted: false,
        auth_user: None,
        from: None,
        to: Vec::new(),
    };
    session.reply("220 fluxstudio-capture ESMTP ready").await?;
    while let Some(line) = session.line().await? {
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        let (verb, arg) = line.split_once(' ').unwrap_or((line, ""));
        match verb.to_ascii_uppercase().as_str() {
            "EHLO" => {
                session.greet();
                session.writer.write_all(EHLO.as_bytes()).await?;
            }
            "HELO" => {
                session.greet();
                session.reply("250 fluxstudio-capture").await?;
            }
            "AUTH" => session.auth(arg.trim()).await?,
            "MAIL" => session.mail_from(arg).await?,
            "RCPT" => session.rcpt_to(arg).await?,
            "DATA" => session.data().await?,
            "RSET" => {
                session.reset();
                session.reply("250 2.0.0 OK").await?;
            }
            "NOOP" => session.reply("250 2.0.0 OK").await?,
            "QUIT" => {
                session.reply("221 2.0.0 Bye").await?;
                return Ok(());
            }
            _ => session.reply("500 5.5.2 Command not recognized").await?,
        }
    }
    Ok(())
}

impl Session {
    /// The next line with its line ending, `None` at end of stream.
    async fn line(&mut self) -> io::Result<Option<Vec<u8>>> {
        let mut line = Vec::new();
        let read = self.reader.read_until(b'\n', &mut line).await?;
        Ok((read > 0).then_some(line))
    }

    async fn reply(&mut self, reply: &str) -> io::Result<()> {
        self.writer
            .write_all(format!("{reply}\r\n").as_bytes())
            .await
    }

    fn greet(&mut self) {
        self.greeted = true;
        self.reset();
    }

    fn reset(&mut self) {
        self.from = None;
        self.to.clear();
    }

    /// `AUTH PLAIN [initial]` or `AUTH LOGIN [username]`: any password is accepted, the
    /// username is recorded on the mails of this session.
    async fn auth(&mut self, arg: &str) -> io::Result<()> {
        if self.auth_user.is_some() {
            return self.reply("503 5.5.1 Already authenticated").await;
        }
        let (mechanism, initial) = arg.split_once(' ').unwrap_or((arg, ""));
        let user = match mechanism.to_ascii_uppercase().as_str() {
            "PLAIN" => {
                let Some(response) = self.challenge("", initial).await? else {
                    return Ok(());
                };
                // authzid NUL authcid NUL password
                response.split('\0').nth(1).map(str::to_owned)
            }
            "LOGIN" => {
                let Some(user) = self.challenge("VXNlcm5hbWU6", initial).await? else {
                    return Ok(());
                };
                let Some(_password) = self.challenge("UGFzc3dvcmQ6", "").await? else {
                    return Ok(());
                };
                Some(user)
            }
            _ => return self.reply("504 5.5.4 Mechanism not supported").await,
        };
        match user {
            Some(user) => {
                self.auth_user = Some(user);
                self.reply("235 2.7.0 Authentication successful").await
            }
            None => self.reply("501 5.5.2 Malformed credentials").await,
        }
    }

    /// The decoded answer to a `334` challenge, or `initial` when the client already gave
    /// it on the `AUTH` line. `None` once a 501 has been sent (cancelled, not base64).
    async fn challenge(&mut self, prompt: &str, initial: &str) -> io::Result<Option<String>> {
        let answer = if initial.is_empty() {
            self.reply(&format!("334 {prompt}")).await?;
            match self.line().await? {
                Some(line) => String::from_utf8_lossy(&line).trim().to_owned(),
                None => return Ok(None),
            }
        } else {
            initial.to_owned()
        };
        if answer == "*" {
            self.reply("501 5.0.0 Authentication cancelled").await?;
            return Ok(None);
        }
        match STANDARD
            .decode(&answer)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
        {
            Some(decoded) => Ok(Some(decoded)),
            None => {
                self.reply("501 5.5.2 Cannot decode the response").await?;
                Ok(None)
            }
        }
    }

    async fn mail_from(&mut self, arg: &str) -> io::Result<()> {
        if !self.greeted {
            return self.reply("503 5.5.1 Send EHLO first").await;
        }
        match path(arg, "FROM:") {
            Some(from) => {
                self.reset();
                self.from = Some(from);
                self.reply("250 2.1.0 OK").await
            }
            None => self.reply("501 5.5.4 Syntax: MAIL FROM:<address>").await,
        }
    }

    async fn rcpt_to(&mut self, arg: &str) -> io::Result<()> {
        if self.from.is_none() {
            return self.reply("503 5.5.1 Send MAIL first").await;
        }
        match path(arg, "TO:") {
            Some(to) if !to.is_empty() => {
                self.to.push(to);
                self.reply("250 2.1.5 OK").await
            }
            _ => self.reply("501 5.5.4 Syntax: RCPT TO:<address>").await,
        }
    }

    /// Reads the message up to the line holding a single `.`, removing the extra dot the
    /// client put before every line that starts with one (RFC 5321, 4.5.2).
    async fn data(&mut self) -> io::Result<()> {
        if self.to.is_empty() {
            return self.reply("503 5.5.1 Send RCPT first").await;
        }
        self.reply("354 End data with <CR><LF>.<CR><LF>").await?;
        let mut raw = Vec::new();
        loop {
            let Some(line) = self.line().await? else {
                return Ok(()); // Disconnected mid-message: nothing was accepted.
            };
            if line == b".\r\n" || line == b".\n" {
                break;
            }
            raw.extend_from_slice(
                line.strip_prefix(b".")
                    .filter(|rest| rest.starts_with(b"."))
                    .unwrap_or(&line),
            );
        }
        self.state.store(CapturedMail {
            from: self.from.take().unwrap_or_default(),
            to: std::mem::take(&mut self.to),
            auth_user: self.auth_user.clone(),
            raw: String::from_utf8_lossy(&raw).into_owned(),
        });
        self.reply("250 2.0.0 OK: queued").await
    }
}

/// The address of `FROM:<a@b> BODY=8BITMIME` (keyword case-insensitive, `<>` optional,
/// parameters ignored); `""` for the null sender `<>`.
fn path(arg: &str, keyword: &str) -> Option<String> {
    let arg = arg.trim_start();
    let rest = arg
        .get(..keyword.len())
        .filter(|k| k.eq_ignore_ascii_case(keyword))
        .map(|_| arg[keyword.len()..].trim_start())?;
    let address = match rest.strip_prefix('<') {
        Some(inner) => inner.split_once('>')?.0,
        None => rest.split_whitespace().next()?,
    };
    Some(address.to_owned())
}

#[cfg(test)]
mod tests {
    use super::path;

    #[test]
    fn reads_paths_with_and_without_brackets_and_parameters() {
        assert_eq!(
            path("FROM:<a@b.example> BODY=8BITMIME SMTPUTF8", "FROM:").as_deref(),
            Some("a@b.example")
        );
        assert_eq!(
            path("from: <a@b.example>", "FROM:").as_deref(),
            Some("a@b.example")
        );
        assert_eq!(
            path("TO:a@b.example", "TO:").as_deref(),
            Some("a@b.example")
        );
        assert_eq!(path("FROM:<>", "FROM:").as_deref(), Some(""));
        assert_eq!(path("TO:<a@b.example", "TO:"), None);
        assert_eq!(path("FROM:<a@b.example>", "TO:"), None);
        assert_eq!(path("", "TO:"), None);
    }
}
