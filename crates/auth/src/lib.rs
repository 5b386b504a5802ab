//! FluxStudio's credentials, free of HTTP and SQL: Argon2id password hashes, signed access
//! tokens (HS256 JWT, 15 minutes), opaque refresh tokens stored only as SHA-256, and the
//! second factor: TOTP codes (RFC 6238) and single-use recovery codes.
#![forbid(unsafe_code)]

pub mod access;
mod base32;
pub mod csrf;
pub mod password;
mod random;
pub mod recovery;
pub mod refresh;
pub mod totp;

pub use random::NoRandomness;
