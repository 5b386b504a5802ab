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

/// The characters text may not hold ([`is_storable`]'s refusals: Unicode's `Cc` but tab,
/// line feed and carriage return), as the inside of a regular expression's class. The
/// `\uXXXX` escapes read the same in ECMA-262 (the API's document), Python and Rust.
pub const CONTROLS: &str = r"\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F";

/// Unicode's `White_Space`, what `str::trim` and `char::is_whitespace` take away, as the
/// inside of a class.
pub const WHITE_SPACE: &str =
    r"\t\n\u000B\u000C\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";

/// Every control character (`Cc`), for a single line such as a name, as a class's inside.
pub const LINE_CONTROLS: &str = r"\u0000-\u001F\u007F-\u009F";

/// [`WHITE_SPACE`] without the control characters among it (vertical tab, form feed, next
/// line), which no JSON string may hold anyway: the white space a trimmed field may be sent
/// with.
pub const STORABLE_WHITE_SPACE: &str =
    r"\t\n\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";

/// The pattern of a single line (a name) as the API's document states it: no control
/// character at all and, when `required`, something besides white space.
pub fn line_pattern(required: bool) -> String {
    if required {
        format!("^[^{LINE_CONTROLS}]*[^{LINE_CONTROLS}{WHITE_SPACE}][^{LINE_CONTROLS}]*$")
    } else {
        format!("^[^{LINE_CONTROLS}]*$")
    }
}

/// The pattern of text as the API's document states it: storable characters only and,
/// when `required`, at least one that is not white space.
pub fn pattern(required: bool) -> String {
    if required {
        format!("^[^{CONTROLS}]*[^{CONTROLS}{WHITE_SPACE}][^{CONTROLS}]*$")
    } else {
        format!("^[^{CONTROLS}]*$")
    }
}

/// `text`, if every character of it may be stored; else the refusal for `field`.
pub fn storable<'a>(field: &'static str, text: &'a str) -> Result<&'a str, Invalid> {
    if text.chars().all(is_storable) {
        Ok(text)
    } else {
        Err(Invalid::new(field, CONTROL_MESSAGE))
    }
}

/// What someone searches for (`q`), before it is cut into terms: at most
/// [`SEARCH_CHARS`](crate::limits::SEARCH_CHARS) characters, storable ones only (a NUL
/// would reach PostgreSQL, which refuses it); else the refusal for `q`.
pub fn search(q: &str) -> Result<&str, Invalid> {
    if q.chars().count() > crate::limits::SEARCH_CHARS {
        let most = crate::limits::SEARCH_CHARS;
        return Err(Invalid::new(
            "q",
            format!("Search for at most {most} characters."),
        ));
    }
    storable("q", q)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The documented pattern, read by another engine, accepts exactly what the rules
        /// here accept: storable, and not blank when required.
        #[test]
        fn the_pattern_states_the_rule(raw in "[\\x00-\\x{a0}\\u{1680}\\u{2000}-\\u{200b}\\u{2028}-\\u{2030}\\u{3000}\\u{feff}a]{0,6}") {
            for required in [false, true] {
                let rule = raw.chars().all(is_storable) && (!required || !raw.trim().is_empty());
                let documented = regex::Regex::new(&pattern(required)).unwrap().is_match(&raw);
                prop_assert_eq!(documented, rule, "{:?} required={}", raw, required);
                let line = !raw.chars().any(char::is_control) && (!required || !raw.trim().is_empty());
                let documented = regex::Regex::new(&line_pattern(required)).unwrap().is_match(&raw);
                prop_assert_eq!(documented, line, "line {:?} required={}", raw, required);
            }
        }
    }

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
