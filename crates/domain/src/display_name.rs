//! A person's (or an organization's, team's, project's) name as shown to others: at most
//! 100 characters as sent, no control characters, not blank; kept trimmed. The API's
//! document states it as [`crate::text::line_pattern`] with that `maxLength`.

use crate::{Invalid, limits};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

pub const MAX_CHARS: usize = limits::NAME_CHARS;

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        if raw.chars().count() > MAX_CHARS {
            return Err(Invalid::new("name", "Use at most 100 characters."));
        }
        if raw.chars().any(char::is_control) {
            return Err(Invalid::new(
                "name",
                "A name cannot contain control characters.",
            ));
        }
        let name = raw.trim();
        if name.is_empty() {
            return Err(Invalid::new("name", "Enter a name."));
        }
        Ok(Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trimmed_bounded_and_printable() {
        assert_eq!(
            DisplayName::parse("  Ada Lovelace ").unwrap().as_str(),
            "Ada Lovelace"
        );
        assert_eq!(
            DisplayName::parse("Zoë Ørsted").unwrap().as_str(),
            "Zoë Ørsted"
        );
        for bad in ["", "   ", "Ada\u{0}", "Line\nbreak"] {
            assert_eq!(
                DisplayName::parse(bad).unwrap_err().field,
                "name",
                "{bad:?}"
            );
        }
        assert!(DisplayName::parse(&"é".repeat(100)).is_ok());
        assert!(DisplayName::parse(&"é".repeat(101)).is_err());
        assert!(DisplayName::parse(&format!(" {} ", "é".repeat(99))).is_err());
    }

    proptest::proptest! {
        /// The documented pattern and length accept exactly what `parse` accepts.
        #[test]
        fn the_document_states_the_rule(raw in "[ a\\n\\x00\\u{3000}]{0,4}|[ a]{95,102}") {
            let documented = raw.chars().count() <= MAX_CHARS
                && regex::Regex::new(&crate::text::line_pattern(true)).unwrap().is_match(&raw);
            proptest::prop_assert_eq!(documented, DisplayName::parse(&raw).is_ok(), "{:?}", raw);
        }
    }
}
