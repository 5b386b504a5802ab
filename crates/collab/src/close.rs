//! Why the server closes a connection. Codes 4400-4499 are final: the web app does not
//! retry them with the same token (4401 makes it refresh the token first).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No token, or a forged, expired or ended one.
    Unauthorized,
    /// No such document, or the caller may not see it.
    NotFound,
    /// A frame or an awareness state over the limit.
    TooLarge,
    /// Not y-protocols.
    Malformed,
    /// The database could not store an update: reconnect and send it again.
    Unavailable,
    /// The server fell behind relaying to this client: reconnect to sync again.
    TooSlow,
}

impl Refusal {
    pub fn code(self) -> u16 {
        match self {
            Self::Unauthorized => 4401,
            Self::NotFound => 4404,
            Self::TooLarge => 4413,
            Self::Malformed => 4400,
            Self::Unavailable => 1011,
            Self::TooSlow => 1013,
        }
    }

    pub fn reason(self) -> &'static str {
        match self {
            Self::Unauthorized => "unauthorized: sign in again",
            Self::NotFound => "no such document",
            Self::TooLarge => "message too large",
            Self::Malformed => "malformed message",
            Self::Unavailable => "storage unavailable, reconnect",
            Self::TooSlow => "fell behind, reconnect",
        }
    }
}
