//! An SMTP server for tests: listens on `127.0.0.1`, accepts every mail (and any
//! credentials), and keeps what it received so a test can read the link out of it.
//!
//! It speaks enough of RFC 5321 for lettre without TLS: `EHLO`/`HELO`, `AUTH PLAIN` and
//! `AUTH LOGIN`, `MAIL FROM`, `RCPT TO`, `DATA` (dot-unstuffed), `RSET`, `NOOP`, `QUIT`.
//! Point a [`Mailer`](crate::Mailer) at it with [`SmtpCapture::smtp_config`], or the server
//! binary with `SMTP_HOST=127.0.0.1 SMTP_PORT={port}`.
//!
//! ```no_run
//! # async fn demo() {
//! use std::time::Duration;
//! use fluxstudio_mail::capture::SmtpCapture;
//!
//! let smtp = SmtpCapture::start().await;
//! // … make the code under test send to ada@studio.example through 127.0.0.1:{smtp.port()} …
//! let mail = smtp.wait_for("ada@studio.example", Duration::from_secs(5)).await.unwrap();
//! let link = mail.link("http://localhost:3001/verify-email?token=").unwrap();
//! # }
//! ```

mod mime;
mod session;

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};

pub use mime::CapturedMail;

use crate::{SmtpConfig, SmtpTls};

/// A running capture server. Dropping it stops the listener and every open session.
#[derive(Debug)]
pub struct SmtpCapture {
    port: u16,
    state: Arc<State>,
    accept_loop: JoinHandle<()>,
}

/// What the sessions share with the test.
#[derive(Debug)]
struct State {
    mails: Mutex<Vec<Received>>,
    /// Bumped after each mail is stored, so `wait_for` wakes up instead of polling a clock.
    arrivals: watch::Sender<usize>,
}

#[derive(Debug)]
struct Received {
    mail: CapturedMail,
    /// Already handed out by `wait_for`.
    taken: bool,
}

impl State {
    fn store(&self, mail: CapturedMail) {
        self.lock().push(Received { mail, taken: false });
        self.arrivals.send_modify(|count| *count += 1);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Received>> {
        // A test that panicked while holding the lock leaves the list intact.
        self.mails.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl SmtpCapture {
    /// Starts listening on `127.0.0.1` on a free port.
    ///
    /// # Panics
    /// When no local port can be bound: a test cannot go on without its mail server.
    pub async fn start() -> Self {
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .expect("bind the SMTP capture server to 127.0.0.1");
        let port = listener
            .local_addr()
            .expect("the capture server's address")
            .port();
        let state = Arc::new(State {
            mails: Mutex::new(Vec::new()),
            arrivals: watch::Sender::new(0),
        });
        let accept_loop = tokio::spawn(accept(listener, Arc::clone(&state)));
        Self {
            port,
            state,
            accept_loop,
        }
    }

    /// The port it listens on, on `127.0.0.1`.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// An [`SmtpConfig`] for this server: `127.0.0.1`, no TLS, credentials when `user` is set.
    pub fn smtp_config(&self, user: Option<&str>) -> SmtpConfig {
        SmtpConfig {
            host: "127.0.0.1".to_owned(),
            port: self.port,
            user: user.map(str::to_owned),
            password: user.map(|_| "capture-password".to_owned()),
            tls: SmtpTls::None,
        }
    }

    /// Every mail received so far, oldest first.
    pub fn messages(&self) -> Vec<CapturedMail> {
        self.state
            .lock()
            .iter()
            .map(|received| received.mail.clone())
            .collect()
    }

    /// The oldest mail to `to` (an envelope recipient, compared case-insensitively) that
    /// `wait_for` has not returned yet, waiting up to `timeout` for it to arrive.
    ///
    /// Each mail is returned once, so two calls for the same address give its first and
    /// then its second mail (say, two password resets) without racing on which arrived.
    /// [`messages`](Self::messages) still lists everything.
    pub async fn wait_for(&self, to: &str, timeout: Duration) -> Option<CapturedMail> {
        let deadline = tokio::time::Instant::now() + timeout;
        // Subscribe before looking, so a mail stored in between still wakes us up.
        let mut arrivals = self.state.arrivals.subscribe();
        loop {
            if let Some(mail) = self.take(to) {
                return Some(mail);
            }
            match tokio::time::timeout_at(deadline, arrivals.changed()).await {
                Ok(Ok(())) => continue,
                Ok(Err(_)) | Err(_) => return self.take(to),
            }
        }
    }

    fn take(&self, to: &str) -> Option<CapturedMail> {
        let mut mails = self.state.lock();
        let received = mails.iter_mut().find(|received| {
            !received.taken
                && received
                    .mail
                    .to
                    .iter()
                    .any(|rcpt| rcpt.eq_ignore_ascii_case(to))
        })?;
        received.taken = true;
        Some(received.mail.clone())
    }
}

impl Drop for SmtpCapture {
    fn drop(&mut self) {
        // Dropping the accept loop drops its listener and its `JoinSet`, which aborts
        // the sessions still open.
        self.accept_loop.abort();
    }
}

async fn accept(listener: TcpListener, state: Arc<State>) {
    let mut sessions = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    sessions.spawn(session::serve(stream, Arc::clone(&state)));
                }
                Err(err) => tracing::warn!(error = %err, "SMTP capture: accept failed"),
            },
            // Reap finished sessions so the set does not grow with every connection.
            Some(_) = sessions.join_next(), if !sessions.is_empty() => {}
        }
    }
}
