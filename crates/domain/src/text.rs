//! What any stored text may hold: everything but control characters (tab, line feed and
//! carriage return excepted). NUL above all: PostgreSQL refuses it and SQLite keeps it, so
//! refusing it (and its kin, which hide text or break lines in logs and mails) at the edge
//! keeps both engines alike.

use crate::Invalid;

/// The refusal's words, the same for every field.
pub const CONTROL_MESSAGE: &str =
    "Text may not contain control characters (such as NUL); tabs and line breaks are fine.";

/// Whether `c` may be stored in text.
pub fn is_storable(c: char) -> bool {
    !c.is_control() || matches!(c, '\t' | '\n' | '\r')
}

/// `text`, if every character of it may be stored; else the refusal for `field`.
pub fn storable<'a>(field: &'static str, text: &'a str) -> Result<&'a str, Invalid> {
    if text.chars().all(is_storable) {
        Ok(text)
    } else {
        Err(Invalid::new(field, CONTROL_MESSAGE))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_nul_and_other_controls_but_not_line_breaks() {
        for bad in ["a\0b", "\u{7}", "\u{1b}[31m", "\u{7f}", "\u{85}", "\u{9f}"] {
            assert!(storable("body", bad).is_err(), "{bad:?}");
        }
        for good in ["a\tb\nc\r\nd", "Zoë 🎭", "\u{a0}", ""] {
            assert_eq!(storable("body", good), Ok(good));
        }
    }
}
