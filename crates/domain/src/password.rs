//! The password policy (the seed's rule): at least 8 characters with an upper-case letter,
//! a lower-case letter and a digit. Checked on the raw password exactly as typed: never
//! trimmed, escaped or otherwise changed before it is hashed. The API's document states it
//! as [`pattern`]: letters by their Unicode general category (`Lu`, `Ll`), digits 0–9.

use std::fmt;

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use crate::Invalid;

/// A password that meets the policy. Never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

pub const MIN_CHARS: usize = 8;
/// Long enough for any passphrase, short enough that hashing it cannot be made expensive.
pub const MAX_CHARS: usize = 1024;
/// What the API accepts as a new password (the policy, in characters a JSON string may hold),
/// as an ECMA-262 pattern for its document, with [`MIN_CHARS`]..=[`MAX_CHARS`] as its
/// lengths. The three kinds may come in any order: the pattern spells out all six rather
/// than looking ahead, which a fuzzer generating from it could only meet by filtering.
pub fn pattern() -> String {
    let any = format!("[^{}]*", crate::text::CONTROLS);
    let [upper, lower, digit] = [r"\p{Lu}", r"\p{Ll}", "[0-9]"];
    let orders = [
        [upper, lower, digit],
        [upper, digit, lower],
        [lower, upper, digit],
        [lower, digit, upper],
        [digit, upper, lower],
        [digit, lower, upper],
    ];
    let orders: Vec<String> = orders
        .iter()
        .map(|[a, b, c]| format!("{any}{a}{any}{b}{any}{c}"))
        .collect();
    format!("^(?:{}){any}$", orders.join("|"))
}

impl Password {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let bad = |message: &str| Invalid::new("password", message);
        if raw.chars().count() < MIN_CHARS {
            return Err(bad("Use at least 8 characters."));
        }
        if raw.chars().count() > MAX_CHARS {
            return Err(bad("Use at most 1024 characters."));
        }
        let has = |test: &dyn Fn(char) -> bool| raw.chars().any(test);
        let category = |wanted| move |c: char| c.general_category() == wanted;
        if !(has(&category(GeneralCategory::UppercaseLetter))
            && has(&category(GeneralCategory::LowercaseLetter))
            && has(&|c: char| c.is_ascii_digit()))
        {
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
        let longest = format!("Aa1{}", "é".repeat(MAX_CHARS - 3));
        assert!(Password::parse(&longest).is_ok());
        assert!(Password::parse(&format!("{longest}x")).is_err());
        // Letters by their general category, as the document's pattern has them: Ⓐ is
        // upper-case but not a letter (So), ǅ is title-case (Lt).
        assert!(Password::parse("Éléphant1").is_ok());
        assert!(Password::parse("ⓐbcdefg1").is_err());
        assert!(Password::parse("ǅabcdefg1").is_err());
    }

    #[test]
    fn kept_exactly_as_typed_and_never_printed() {
        let password = Password::parse("  Spaced Out 1  ").unwrap();
        assert_eq!(password.expose(), "  Spaced Out 1  ");
        assert_eq!(format!("{password:?}"), "Password(***)");
    }

    proptest! {
        #[test]
        fn accepts_exactly_what_the_documented_pattern_matches(
            raw in "\\PC{0,40}|[aB1\\n\\x00\\u{24b6}\\u{1c5}é ]{6,12}",
        ) {
            // The pattern, read by another engine, against the policy on a JSON string.
            let documented = (MIN_CHARS..=MAX_CHARS).contains(&raw.chars().count())
                && regex::Regex::new(&pattern()).unwrap().is_match(&raw);
            let meets = raw.chars().all(crate::text::is_storable) && Password::parse(&raw).is_ok();
            prop_assert_eq!(documented, meets, "{:?}", raw);
            if let Ok(password) = Password::parse(&raw) {
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
