//! The development JWT secret: generated once and kept under `./data` (which git ignores),
//! so sessions survive restarts without anyone having to invent a secret. Production must
//! give `JWT_SECRET`; the config refuses to start without it.

use std::{
    fs::OpenOptions,
    io::{ErrorKind, Write},
    os::unix::fs::OpenOptionsExt,
    path::{Path, PathBuf},
};

use anyhow::{Context, bail};

use crate::config::{JwtSecret, MIN_SECRET_LEN};

pub const DEV_SECRET_FILE: &str = "data/jwt-secret";

/// Where the secret in use came from, for the start-up log (never the secret itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretSource {
    Environment,
    Loaded(PathBuf),
    Generated(PathBuf),
}

/// The given secret, or the development one from `file` (created on first use).
pub fn resolve(given: Option<JwtSecret>, file: &Path) -> anyhow::Result<(JwtSecret, SecretSource)> {
    if let Some(secret) = given {
        return Ok((secret, SecretSource::Environment));
    }
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).context("the operating system gave no random bytes")?;
    let fresh = hex::encode(bytes);
    // create_new: if two processes start at once, exactly one writes and both read it.
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(file)
    {
        Ok(mut out) => {
            out.write_all(fresh.as_bytes())
                .and_then(|()| out.sync_all())
                .with_context(|| format!("cannot write {}", file.display()))?;
            Ok((JwtSecret(fresh), SecretSource::Generated(file.to_owned())))
        }
        Err(err) if err.kind() == ErrorKind::AlreadyExists => {
            let stored = std::fs::read_to_string(file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let stored = stored.trim().to_owned();
            if stored.len() < MIN_SECRET_LEN {
                bail!(
                    "{} holds a secret shorter than {MIN_SECRET_LEN} bytes; delete it to generate a new one",
                    file.display()
                );
            }
            Ok((JwtSecret(stored), SecretSource::Loaded(file.to_owned())))
        }
        Err(err) => Err(err).with_context(|| format!("cannot create {}", file.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_once_then_reused_and_private() {
        let dir = std::env::temp_dir().join(format!("flux-secret-{}", std::process::id()));
        let file = dir.join("data/jwt-secret");
        let (first, source) = resolve(None, &file).unwrap();
        assert_eq!(source, SecretSource::Generated(file.clone()));
        assert_eq!(first.0.len(), 64);
        let (second, source) = resolve(None, &file).unwrap();
        assert_eq!(source, SecretSource::Loaded(file.clone()));
        assert_eq!(first.0, second.0);
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let given = JwtSecret("x".repeat(40));
        let (secret, source) = resolve(Some(given), &file).unwrap();
        assert_eq!((secret.0.len(), source), (40, SecretSource::Environment));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
