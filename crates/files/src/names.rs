//! A file's name as people typed it is kept for display; every other use (a download's
//! `Content-Disposition`, a search) takes the safe form made here. No storage key is ever
//! made from a name: blobs are stored under their SHA-256 ([`crate::blobs`]).

use unicode_normalization::UnicodeNormalization;

/// The longest safe name, in bytes (most file systems' limit for one name).
pub const MAX_BYTES: usize = 255;

/// What a name becomes when nothing of it is left.
const FALLBACK: &str = "file";

/// The safe form of `name`: NFC; no control, format (bidi overrides, zero-width) or
/// separator characters (`/` and `\` become `_`); no `..` runs, no leading or trailing
/// dots or spaces; at most [`MAX_BYTES`] bytes, cut on a character and keeping the
/// extension when it can; never empty.
pub fn safe(name: &str) -> String {
    let cleaned: String = name
        .nfc()
        .filter(|c| !is_hidden(*c))
        .map(|c| if matches!(c, '/' | '\\') { '_' } else { c })
        .collect();
    // Shortened first: what follows only removes characters, so it stays short.
    let shortened = shorten(&cleaned);
    let mut out = String::with_capacity(shortened.len());
    for c in shortened.chars() {
        // `..` anywhere would read as "the folder above" to something that joins paths.
        if c == '.' && out.ends_with('.') {
            continue;
        }
        out.push(c);
    }
    let trimmed = out.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if trimmed.is_empty() {
        FALLBACK.to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// The name kept for display: NFC, without the characters [`safe`] calls hidden, trimmed,
/// at most [`MAX_BYTES`] bytes (cut as [`safe`] cuts). Separators and dots stay, since
/// nothing but a person reads it. `None` when nothing visible is left.
pub fn display(name: &str) -> Option<String> {
    let cleaned: String = name.nfc().filter(|c| !is_hidden(*c)).collect();
    let trimmed = cleaned.trim();
    (!trimmed.is_empty()).then(|| shorten(trimmed))
}

/// Characters that are not seen, or that change how the rest is seen: controls (NUL, C1),
/// bidi controls and overrides, zero-width characters, and the byte order mark.
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}' // zero-width space, joiners, LRM, RLM
            | '\u{202A}'..='\u{202E}' // embeddings and overrides
            | '\u{2060}'..='\u{2069}' // word joiner, invisible operators, isolates
            | '\u{061C}' // Arabic letter mark
            | '\u{FEFF}' // byte order mark
        )
}

/// At most [`MAX_BYTES`] bytes: the stem is cut, on a character, so the extension stays.
fn shorten(name: &str) -> String {
    if name.len() <= MAX_BYTES {
        return name.to_owned();
    }
    let (stem, extension) = match name.rfind('.') {
        Some(dot) if name.len() - dot <= 16 && dot > 0 => name.split_at(dot),
        _ => (name, ""),
    };
    let room = MAX_BYTES - extension.len();
    let mut cut = room.min(stem.len());
    while !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}{extension}", &stem[..cut])
}

/// A `Content-Disposition` header for `name` (RFC 6266): an ASCII `filename` for old
/// clients (anything else as `_`) and the exact name as `filename*` (RFC 8187, UTF-8,
/// percent-encoded). `inline` only where the type is safe to show.
pub fn content_disposition(name: &str, inline: bool) -> String {
    let name = safe(name);
    let ascii: String = name
        .chars()
        .map(|c| match c {
            ' '..='~' if c != '"' && c != '\\' && c != '%' => c,
            _ => '_',
        })
        .collect();
    let kind = if inline { "inline" } else { "attachment" };
    format!(
        "{kind}; filename=\"{ascii}\"; filename*=UTF-8''{}",
        percent_encode(&name)
    )
}

/// RFC 8187's `attr-char` kept, every other byte as `%XX`.
fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len() * 3);
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn harmful_parts_go() {
        assert_eq!(safe("../../etc/passwd"), "_._etc_passwd");
        assert_eq!(safe("..\\..\\boot.ini"), "_._boot.ini");
        assert_eq!(safe("drill\u{0}chart.pdf"), "drillchart.pdf");
        // "Right-to-left override" makes `gpj.exe` read as `exe.jpg`.
        assert_eq!(safe("photo\u{202E}gpj.exe"), "photogpj.exe");
        assert_eq!(safe("  .hidden. "), "hidden");
        assert_eq!(safe("..."), "file");
        assert_eq!(safe(""), "file");
    }

    #[test]
    fn names_are_composed_alike() {
        // "é" typed as one character or as "e" and a combining accent.
        assert_eq!(safe("Cafe\u{301}.png"), safe("Caf\u{e9}.png"));
    }

    #[test]
    fn long_names_keep_their_extension() {
        let long = format!("{}.psd", "é".repeat(300));
        let short = safe(&long);
        assert!(short.len() <= MAX_BYTES);
        assert!(short.ends_with(".psd"));
    }

    #[test]
    fn downloads_name_the_file_both_ways() {
        assert_eq!(
            content_disposition("Costume sketch – Act 1.png", false),
            "attachment; filename=\"Costume sketch _ Act 1.png\"; \
             filename*=UTF-8''Costume%20sketch%20%E2%80%93%20Act%201.png"
        );
        assert!(content_disposition("a\"b.svg", true).starts_with("inline; filename=\"a_b.svg\""));
    }

    proptest! {
        /// Whatever is typed, the safe name is short, visible, one path segment and not empty.
        #[test]
        fn any_name_is_made_safe(name in any::<String>()) {
            let safe = safe(&name);
            prop_assert!(!safe.is_empty() && safe.len() <= MAX_BYTES);
            prop_assert!(!safe.contains(['/', '\\']) && !safe.contains(".."));
            prop_assert!(!safe.chars().any(is_hidden));
            prop_assert!(!safe.starts_with('.') && !safe.ends_with('.'));
            prop_assert_eq!(super::safe(&safe), safe.clone());
        }

        /// The header is ASCII whatever the name.
        #[test]
        fn the_header_is_ascii(name in any::<String>(), inline in any::<bool>()) {
            prop_assert!(content_disposition(&name, inline).is_ascii());
        }
    }
}
