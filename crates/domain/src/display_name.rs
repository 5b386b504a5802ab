//! A person's name as shown to others: trimmed, 1 to 100 characters, no control characters.

use crate::Invalid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

pub const MAX_CHARS: usize = 100;

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(Invalid::new("name", "Enter a name."));
        }
        if name.chars().count() > MAX_CHARS {
            return Err(Invalid::new("name", "Use at most 100 characters."));
        }
        if name.chars().any(char::is_control) {
            return Err(Invalid::new(
                "name",
                "A name cannot contain control characters.",
            ));
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
    }
}
