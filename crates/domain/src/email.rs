//! Email addresses, normalised once at the edge: trimmed and lower-cased, so that
//! `Ada@Studio.Example` and `ada@studio.example ` are the same account everywhere.

use crate::Invalid;

/// A syntactically valid, normalised email address.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

/// RFC 5321's limits, in characters as sent: the whole address with any surrounding white
/// space, and each label of the domain. (Its 64 for the part before `@` is left to the mail
/// relay: stating it beside the other rules takes a look-ahead, which a fuzzer generating
/// from the document can only meet by filtering.)
pub const MAX_CHARS: usize = 254;
const MAX_LABEL_LEN: usize = 63;

/// What the part before `@` may not hold besides white space and control characters.
const LOCAL_REFUSED: &str = "@\"(),:;<>[\\]";

/// The rule of [`Email::parse`] as the API's document states it (ECMA-262), with
/// [`MAX_CHARS`] as its `maxLength`.
pub fn pattern() -> String {
    use crate::text::{CONTROLS, STORABLE_WHITE_SPACE as SPACE, WHITE_SPACE};
    let local = format!(r#"[^{CONTROLS}{WHITE_SPACE}@"(),:;<>\[\\\].]+"#);
    let label = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    format!("^[{SPACE}]*{local}(?:\\.{local})*@{label}(?:\\.{label})+[{SPACE}]*$")
}

impl Email {
    /// Checks the address as sent (trimmed), then lower-cases it.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let bad = |why: &str| Invalid::new("email", format!("Enter a valid email address: {why}."));
        if raw.chars().count() > MAX_CHARS {
            return Err(bad("it is longer than 254 characters"));
        }
        let email = raw.trim();
        if email.is_empty() {
            return Err(Invalid::new("email", "Enter an email address."));
        }
        let (local, domain) = email.rsplit_once('@').ok_or_else(|| bad("it has no @"))?;
        if local.is_empty() {
            return Err(bad("there is nothing before the @"));
        }
        let local_ok = local
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !LOCAL_REFUSED.contains(c))
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..");
        if !local_ok {
            return Err(bad(
                "the part before @ has characters an address cannot have",
            ));
        }
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|label| {
                !label.is_empty()
                    && label.len() <= MAX_LABEL_LEN
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if !domain_ok {
            return Err(bad("the domain after @ is not valid"));
        }
        Ok(Self(email.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn normalises_case_and_surrounding_space() {
        let email = Email::parse("  Ada.Lovelace+flux@Studio.Example ").unwrap();
        assert_eq!(email.as_str(), "ada.lovelace+flux@studio.example");
    }

    #[test]
    fn refuses_what_is_not_an_address() {
        for raw in [
            "",
            "   ",
            "ada",
            "ada@",
            "@studio.example",
            "ada@studio",
            "ada@@studio.example",
            "ada lovelace@studio.example",
            "ada@studio..example",
            "ada@-studio.example",
            "ada@studio_example.com",
            ".ada@studio.example",
            "ada..l@studio.example",
            "ada@stüdio.example",
        ] {
            let err = Email::parse(raw).unwrap_err();
            assert_eq!(err.field, "email", "{raw}");
        }
        let very_long = format!("ada@{}.example", "a".repeat(250));
        assert!(Email::parse(&very_long).is_err());
    }

    fn address() -> impl Strategy<Value = String> {
        (
            "[A-Za-z0-9][A-Za-z0-9._+-]{0,20}[A-Za-z0-9]",
            "[A-Za-z0-9]{1,10}",
            "[A-Za-z]{2,6}",
            "[ \t]{0,2}",
        )
            .prop_map(|(local, host, tld, pad)| format!("{pad}{local}@{host}.{tld}{pad}"))
            .prop_filter("no consecutive dots", |s| !s.contains(".."))
    }

    proptest! {
        #[test]
        fn normalisation_is_idempotent_and_case_blind(raw in address()) {
            let once = Email::parse(&raw).unwrap();
            prop_assert_eq!(Email::parse(once.as_str()).unwrap(), once.clone());
            prop_assert_eq!(Email::parse(&raw.to_uppercase()).unwrap(), once.clone());
            prop_assert_eq!(once.as_str(), once.as_str().trim().to_lowercase());
        }

        #[test]
        fn never_panics(raw in "\\PC{0,300}") {
            let _ = Email::parse(&raw);
        }

        /// The documented pattern, read by another engine, accepts exactly what `parse`
        /// accepts.
        #[test]
        fn the_pattern_states_the_rule(
            raw in "[ \\ta-cA.@\\-\\u{85}\\u{b}\\u{3000}é\"\\x00K\\u{212a}]{0,12}|[ \\u{85}a]{0,2}[a.]{0,66}@[aZ.-]{1,5}[ \\u{b}]?",
        ) {
            let documented = raw.chars().count() <= MAX_CHARS
                && regex::Regex::new(&pattern()).unwrap().is_match(&raw);
            // What the API accepts: a JSON string holds no control character, then `parse`.
            let accepted = raw.chars().all(crate::text::is_storable) && Email::parse(&raw).is_ok();
            prop_assert_eq!(documented, accepted, "{:?}", raw);
        }
    }
}
