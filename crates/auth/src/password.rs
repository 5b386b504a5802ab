//! Password hashing with Argon2id (by default 19 MiB, 2 passes, 1 lane, as OWASP
//! recommends), stored as a PHC string so the parameters travel with each hash: raising
//! the cost later still verifies every older hash.

use argon2::{
    Algorithm, Argon2, Params, Version,
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

/// How much work one hash costs: memory in KiB and passes over it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    pub memory_kib: u32,
    pub iterations: u32,
}

impl Default for Cost {
    fn default() -> Self {
        Self {
            memory_kib: Params::DEFAULT_M_COST,
            iterations: Params::DEFAULT_T_COST,
        }
    }
}

impl Cost {
    fn hasher(self) -> Result<Argon2<'static>, HashError> {
        let params = Params::new(self.memory_kib, self.iterations, 1, None)
            .map_err(|e| HashError::Hash(e.to_string()))?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }
}

/// Hashes `password` with a fresh random salt at the default cost.
pub fn hash(password: &Password) -> Result<String, HashError> {
    hash_with(Cost::default(), password)
}

/// Hashes `password` with a fresh random salt at `cost`.
pub fn hash_with(cost: Cost, password: &Password) -> Result<String, HashError> {
    cost.hasher()?
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

    #[test]
    fn a_cheaper_cost_travels_with_its_hash() {
        let password = Password::parse("Correct1horse").unwrap();
        let cost = Cost {
            memory_kib: 8,
            iterations: 1,
        };
        let cheap = hash_with(cost, &password).unwrap();
        assert!(cheap.contains("m=8,t=1,p=1"), "{cheap}");
        assert!(verify("Correct1horse", &cheap).unwrap());
        assert!(
            Cost {
                memory_kib: 0,
                iterations: 0
            }
            .hasher()
            .is_err()
        );
    }
}
