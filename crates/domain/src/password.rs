//! The password policy (the seed's rule): at least 8 characters with an upper-case letter,
//! a lower-case letter and a digit. Checked on the raw password exactly as typed: never
//! trimmed, escaped or otherwise changed before it is hashed.

use std::fmt;

use crate::Invalid;

/// A password that meets the policy. Never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

pub const MIN_CHARS: usize = 8;
/// Long enough for any passphrase, short enough that hashing it cannot be made expensive.
pub const MAX_BYTES: usize = 1024;

impl Password {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let bad = |message: &str| Invalid::new("password", message);
        if raw.chars().count() < MIN_CHARS {
            return Err(bad("Use at least 8 characters."));
        }
        if raw.len() > MAX_BYTES {
            return Err(bad("Use at most 1024 bytes."));
        }
        let has = |test: fn(char) -> bool| raw.chars().any(test);
        if !(has(char::is_uppercase) && has(char::is_lowercase) && has(|c| c.is_ascii_digit())) {
            return Err(bad(
                "Use at least one upper-case letter, one lower-case letter and one digit.",
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    /// The password exactly as typed, for hashing or verifying.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn the_seed_rule() {
        assert!(Password::parse("Correct1horse").is_ok());
        for weak in ["Short1A", "alllower1", "ALLUPPER1", "NoDigitsHere", ""] {
            assert_eq!(
                Password::parse(weak).unwrap_err().field,
                "password",
                "{weak}"
            );
        }
        assert!(Password::parse(&format!("Aa1{}", "x".repeat(MAX_BYTES))).is_err());
    }

    #[test]
    fn kept_exactly_as_typed_and_never_printed() {
        let password = Password::parse("  Spaced Out 1  ").unwrap();
        assert_eq!(password.expose(), "  Spaced Out 1  ");
        assert_eq!(format!("{password:?}"), "Password(***)");
    }

    proptest! {
        #[test]
        fn accepts_exactly_what_has_all_three_kinds(raw in "\\PC{0,40}") {
            let meets = raw.chars().count() >= MIN_CHARS
                && raw.chars().any(char::is_uppercase)
                && raw.chars().any(char::is_lowercase)
                && raw.chars().any(|c| c.is_ascii_digit());
            let parsed = Password::parse(&raw);
            prop_assert_eq!(parsed.is_ok(), meets);
            if let Ok(password) = parsed {
                prop_assert_eq!(password.expose(), raw.as_str());
            }
        }

        #[test]
        fn strong_passwords_pass_whatever_surrounds_them(
            pad in "[ \t]{0,3}", upper in "[A-Z]", lower in "[a-z]{6,20}", digit in "[0-9]",
        ) {
            let raw = format!("{pad}{upper}{lower}{digit}{pad}");
            let password = Password::parse(&raw).unwrap();
            prop_assert_eq!(password.expose(), raw.as_str());
        }
    }
}
