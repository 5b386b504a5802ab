//! Refresh tokens: 256 random bits, handed to the client once and stored only as their
//! SHA-256, so a copy of the database cannot be replayed as sessions.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sha2::{Digest, Sha256};

/// A new refresh token and the digest to store for it.
pub struct IssuedRefresh {
    /// Given to the client; never stored.
    pub token: String,
    /// Stored in `refresh_tokens.token_hash`.
    pub hash: String,
}

/// Kept at this path for callers written before it moved to [`crate::random`].
pub use crate::random::NoRandomness;

pub fn issue() -> Result<IssuedRefresh, NoRandomness> {
    let bytes = crate::random::bytes::<32>()?;
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = digest(&token);
    Ok(IssuedRefresh { token, hash })
}

/// The stored form of a presented token.
pub fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_256_bits_stored_as_sha256() {
        let a = issue().unwrap();
        let b = issue().unwrap();
        assert_eq!(URL_SAFE_NO_PAD.decode(&a.token).unwrap().len(), 32);
        assert_ne!(a.token, b.token);
        assert_eq!(a.hash, digest(&a.token));
        assert_eq!(a.hash.len(), 64);
        assert!(!a.hash.contains(&a.token));
    }
}
