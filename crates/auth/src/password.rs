//! Password hashing with Argon2id (the crate's defaults: 19 MiB, 2 passes, 1 lane, as
//! OWASP recommends), stored as a PHC string so the parameters travel with each hash.

use argon2::{
    Argon2,
    password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash},
};
use fluxstudio_domain::Password;

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("cannot hash the password: {0}")]
    Hash(String),
    #[error("the stored password hash is not a PHC string: {0}")]
    Stored(String),
}

/// Hashes `password` with a fresh random salt.
pub fn hash(password: &Password) -> Result<String, HashError> {
    Argon2::default()
        .hash_password(password.expose().as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| HashError::Hash(e.to_string()))
}

/// Whether `attempt` (exactly as typed, never policy-checked: an old password may predate
/// the policy) matches the stored hash. A malformed stored hash is an error, not a "no".
pub fn verify(attempt: &str, stored: &str) -> Result<bool, HashError> {
    let parsed = PasswordHash::new(stored).map_err(|e| HashError::Stored(e.to_string()))?;
    Ok(Argon2::default()
        .verify_password(attempt.as_bytes(), &parsed)
        .is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ_by_salt() {
        let password = Password::parse("Correct1horse").unwrap();
        let first = hash(&password).unwrap();
        let second = hash(&password).unwrap();
        assert!(first.starts_with("$argon2id$v=19$"), "{first}");
        assert_ne!(first, second, "a fresh salt each time");
        assert!(verify("Correct1horse", &first).unwrap());
        assert!(!verify("correct1horse", &first).unwrap());
        assert!(!verify(" Correct1horse", &first).unwrap(), "never trimmed");
        assert!(verify("x", "not a hash").is_err());
    }
}
