//! Why the server closes a connection. Codes 4400-4499 are final: the web app does not
//! retry them with the same token (4401 makes it refresh the token first and reconnect).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No token, or a forged, expired or ended one; or, on an open connection, its session
    /// ended or its account was disabled.
    Unauthorized,
    /// The open connection's token expired: reconnect with a fresh one.
    TokenExpired,
    /// No such document, or the caller may not see it.
    NotFound,
    /// The open connection's person may no longer see the document's project.
    AccessEnded,
    /// A frame or an awareness state over the limit.
    TooLarge,
    /// Not y-protocols.
    Malformed,
    /// The database could not store an update: reconnect and send it again.
    Unavailable,
    /// The server fell behind relaying to this client: reconnect to sync again.
    TooSlow,
    /// This instance is stopping (a restart): reconnect, to another instance behind a
    /// balancer. Everything acknowledged is stored already.
    Restarting,
}

impl Refusal {
    pub fn code(self) -> u16 {
        match self {
            Self::Unauthorized | Self::TokenExpired => 4401,
            Self::AccessEnded => 4403,
            Self::NotFound => 4404,
            Self::TooLarge => 4413,
            Self::Malformed => 4400,
            Self::Unavailable => 1011,
            Self::TooSlow => 1013,
            Self::Restarting => 1012,
        }
    }

    pub fn reason(self) -> &'static str {
        match self {
            Self::Unauthorized => "unauthorized: sign in again",
            Self::TokenExpired => "token expired: reconnect with a fresh token",
            Self::AccessEnded => "access to this document ended",
            Self::NotFound => "no such document",
            Self::TooLarge => "message too large",
            Self::Malformed => "malformed message",
            Self::Unavailable => "storage unavailable, reconnect",
            Self::TooSlow => "fell behind, reconnect",
            Self::Restarting => "server restarting, reconnect",
        }
    }
}
