//! FluxStudio's credentials, free of HTTP and SQL: Argon2id password hashes, signed access
//! tokens (HS256 JWT, 15 minutes) and opaque refresh tokens stored only as SHA-256.
#![forbid(unsafe_code)]

pub mod access;
pub mod password;
pub mod refresh;
