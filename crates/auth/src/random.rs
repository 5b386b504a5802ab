//! The one door to the operating system's random numbers, shared by everything in this crate
//! that mints a secret (refresh tokens, TOTP secrets, recovery codes), so they all fail the
//! same way when the OS has none to give.

/// The operating system could not supply random bytes. Nothing secret can be minted then, so
/// callers refuse the operation rather than fall back to weaker randomness.
#[derive(Debug, thiserror::Error)]
#[error("the operating system gave no random bytes: {0}")]
pub struct NoRandomness(String);

/// Fills `bytes` from the operating system's cryptographic random source.
pub(crate) fn fill(bytes: &mut [u8]) -> Result<(), NoRandomness> {
    getrandom::fill(bytes).map_err(|e| NoRandomness(e.to_string()))
}

/// `N` random bytes.
pub(crate) fn bytes<const N: usize>() -> Result<[u8; N], NoRandomness> {
    let mut out = [0u8; N];
    fill(&mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_differently_each_time() {
        let (a, b) = (bytes::<32>().unwrap(), bytes::<32>().unwrap());
        assert_ne!(a, b);
        let mut empty: [u8; 0] = [];
        assert!(fill(&mut empty).is_ok());
    }
}
