//! Organization slugs: the short, readable name in an organization's addresses
//! (`/orgs/acme-studio`). One alphabet everywhere (`a-z`, `0-9`, single dashes between
//! them) so a slug survives URLs, file names and case-insensitive systems unchanged, and
//! one length (60) so it fits every column and path built from it.
//!
//! [`slugify`] makes one from a name anybody typed, in any script; [`Slug::parse`] checks
//! one a client chose; [`with_suffix`] makes the next candidate when a slug is taken.

use std::fmt;
use std::str::FromStr;

use crate::Invalid;

/// The longest slug, in characters (all ASCII, so also in bytes).
pub const MAX_LEN: usize = 60;

/// [`Slug::parse`]'s rule as the API's document states it, with [`MAX_LEN`] as `maxLength`.
pub const PATTERN: &str = "^[a-z0-9]+(?:-[a-z0-9]+)*$";

/// What [`slugify`] gives when a name has nothing it can keep (only punctuation or emoji).
pub const FALLBACK: &str = "org";

/// A slug a client gave that passed [`Slug::parse`]: 1 to 60 characters of `a-z` and
/// `0-9` in runs joined by single dashes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Slug(String);

impl Slug {
    /// Checks a slug chosen by a client. It is taken as given, not slugified: a client that
    /// sends `Acme Studio` is told what a slug may contain rather than silently getting
    /// `acme-studio`, which it may not expect in its addresses.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let bad = |message: &str| Invalid::new("slug", message);
        if raw.is_empty() {
            return Err(bad("Enter a slug, such as \"acme-studio\"."));
        }
        if raw.chars().count() > MAX_LEN {
            return Err(bad("Use at most 60 characters."));
        }
        if !raw.bytes().all(is_slug_byte) {
            return Err(bad(
                "Use only lower-case letters a-z, digits 0-9 and dashes, such as \"acme-studio\".",
            ));
        }
        if raw.starts_with('-') || raw.ends_with('-') {
            return Err(bad("Start and end with a letter or a digit, not a dash."));
        }
        if raw.contains("--") {
            return Err(bad("Use single dashes between words, not two in a row."));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Slug {
    type Err = Invalid;

    fn from_str(s: &str) -> Result<Self, Invalid> {
        Self::parse(s)
    }
}

/// A slug made from a display name: folded to ASCII, lower-case, each run of anything else
/// one dash, no dash at either end, at most 60 characters, and [`FALLBACK`] when nothing is
/// left. Its output always passes [`Slug::parse`].
///
/// Letters and digits of any script are transliterated (`Über` → `uber`, `Łódź` → `lodz`,
/// `東京` → `dong-jing`); symbols and emoji are separators, not words, because deunicode
/// would spell an emoji out (`🎨` → `art`) and a studio called "🎨" did not name itself
/// "art". Combining accents (names typed in decomposed form) are dropped, so they do not
/// split a word in two.
pub fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len().min(MAX_LEN + 1));
    // A dash is owed once a separator follows kept text; it is written only before the next
    // kept character, so the slug never starts or ends with one and never has two.
    let mut dash_owed = false;
    for c in name.chars() {
        let folded = if is_combining_mark(c) {
            continue;
        } else if c.is_alphanumeric() {
            deunicode::deunicode_char(c).unwrap_or(" ")
        } else {
            " "
        };
        for b in folded.bytes() {
            if b.is_ascii_alphanumeric() {
                if dash_owed && !slug.is_empty() {
                    slug.push('-');
                }
                dash_owed = false;
                slug.push(char::from(b.to_ascii_lowercase()));
            } else {
                dash_owed = true;
            }
        }
        // Past the limit the rest cannot change the kept prefix: stop reading a long name.
        if slug.len() > MAX_LEN {
            break;
        }
    }
    slug.truncate(MAX_LEN);
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        FALLBACK.to_owned()
    } else {
        slug.to_owned()
    }
}

/// The `n`th candidate for `base` when earlier ones are taken: `base` itself for `n` ≤ 1,
/// else `base-n` (`acme-2`, `acme-3`, …). `base` is shortened, and a dash that leaves at its
/// end trimmed, so the whole stays within 60 characters and a slug stays a slug. (An empty
/// `base`, which is not a slug, gives the number alone, or [`FALLBACK`] for `n` ≤ 1.)
pub fn with_suffix(base: &str, n: u32) -> String {
    let suffix = if n <= 1 {
        String::new()
    } else {
        format!("-{n}")
    };
    let room = MAX_LEN - suffix.len();
    let cut = base
        .char_indices()
        .nth(room)
        .map_or(base.len(), |(at, _)| at);
    let base = base[..cut].trim_end_matches('-');
    if base.is_empty() {
        // Only for a base that was not a slug: the number alone is still one.
        return if n <= 1 {
            FALLBACK.to_owned()
        } else {
            n.to_string()
        };
    }
    format!("{base}{suffix}")
}

fn is_slug_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'
}

/// Unicode's combining diacritical mark blocks: the accents of decomposed text (NFD, as
/// macOS file names and some keyboards produce), which attach to the letter before them.
fn is_combining_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// (name, slug)
    const SLUGIFY: &[(&str, &str)] = &[
        ("Acme Studio", "acme-studio"),
        ("  Acme   Studio  ", "acme-studio"),
        ("ACME_studio.co", "acme-studio-co"),
        ("Smith & Jones, Ltd.", "smith-jones-ltd"),
        ("--already-a-slug--", "already-a-slug"),
        ("studio42", "studio42"),
        ("42", "42"),
        ("Über Café", "uber-cafe"),
        ("Łódź Studio", "lodz-studio"),
        ("Straße", "strasse"),
        ("Ærøskøbing", "aeroskobing"),
        ("Cafe\u{301} Noir", "cafe-noir"),
        ("Re\u{301}sume\u{301}", "resume"),
        ("東京 Design", "dong-jing-design"),
        ("Москва", "moskva"),
        ("Ｆｕｌｌｗｉｄｔｈ", "fullwidth"),
        ("🎨 Paint Shop 🎨", "paint-shop"),
        ("Design🎨Lab", "design-lab"),
        ("!!!", "org"),
        ("", "org"),
        ("   ", "org"),
        ("🎨", "org"),
        ("🎨🖌️", "org"),
        ("\u{0}\t\n", "org"),
    ];

    #[test]
    fn slugifies_names() {
        for (name, slug) in SLUGIFY {
            assert_eq!(slugify(name), *slug, "{name:?}");
        }
    }

    #[test]
    fn slugify_cuts_at_sixty_and_trims_the_dash_left_at_the_cut() {
        let long = "a".repeat(100);
        assert_eq!(slugify(&long), "a".repeat(60));
        // The 60th character is the dash before "tail": it goes.
        let dash_at_cut = format!("{} tail", "b".repeat(59));
        assert_eq!(slugify(&dash_at_cut), "b".repeat(59));
        // Transliteration lengthens: 40 × "ß" is 80 letters before the cut.
        assert_eq!(slugify(&"ß".repeat(40)), "s".repeat(60));
    }

    /// (slug, accepted)
    const PARSE: &[(&str, bool)] = &[
        ("acme", true),
        ("acme-studio", true),
        ("a", true),
        ("0", true),
        ("studio-42-x", true),
        ("", false),
        ("Acme", false),
        ("acme studio", false),
        ("acme_studio", false),
        (" acme", false),
        ("acme\n", false),
        ("-acme", false),
        ("acme-", false),
        ("-", false),
        ("acme--studio", false),
        ("café", false),
        ("acme.studio", false),
    ];

    #[test]
    fn parses_slugs() {
        for (raw, accepted) in PARSE {
            let parsed = Slug::parse(raw);
            assert_eq!(parsed.is_ok(), *accepted, "{raw:?}: {parsed:?}");
            match parsed {
                Ok(slug) => {
                    assert_eq!(slug.as_str(), *raw);
                    assert_eq!(slug.to_string(), *raw);
                }
                Err(err) => {
                    assert_eq!(err.field, "slug");
                    assert!(err.message.ends_with('.'), "{err}");
                }
            }
        }
        assert!(Slug::parse(&"a".repeat(60)).is_ok());
        let long = Slug::parse(&"a".repeat(61)).unwrap_err();
        assert_eq!(long.message, "Use at most 60 characters.");
        assert_eq!("acme".parse::<Slug>(), Slug::parse("acme"));
    }

    #[test]
    fn refusals_say_what_to_change() {
        let message = |raw: &str| Slug::parse(raw).unwrap_err().message;
        assert!(message("").contains("Enter a slug"));
        assert!(message("Acme").contains("lower-case"));
        assert!(message("-acme").contains("not a dash"));
        assert!(message("acme--studio").contains("single dashes"));
    }

    /// (base, n, candidate)
    const SUFFIX: &[(&str, u32, &str)] = &[
        ("acme", 0, "acme"),
        ("acme", 1, "acme"),
        ("acme", 2, "acme-2"),
        ("acme", 3, "acme-3"),
        ("acme-studio", 10, "acme-studio-10"),
        ("acme", u32::MAX, "acme-4294967295"),
        ("", 2, "2"),
        ("", 1, "org"),
    ];

    #[test]
    fn suffixes_candidates() {
        for (base, n, candidate) in SUFFIX {
            assert_eq!(with_suffix(base, *n), *candidate, "{base:?} {n}");
        }
        let full = "a".repeat(60);
        assert_eq!(with_suffix(&full, 1), full);
        assert_eq!(with_suffix(&full, 2), format!("{}-2", "a".repeat(58)));
        assert_eq!(with_suffix(&full, 100), format!("{}-100", "a".repeat(56)));
        // Shortening to 58 would end on the dash before "b": it is trimmed too.
        let dash_at_cut = format!("{}-bbbb", "a".repeat(57));
        assert_eq!(
            with_suffix(&dash_at_cut, 2),
            format!("{}-2", "a".repeat(57))
        );
    }

    fn names() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "\\PC{0,120}",
            "[ -~]{0,120}",
            "[a-zA-Z0-9 ._&-]{0,120}",
            "[àéîõüßøłżçñ東京北Ωж🎨\u{301} -]{0,80}",
        ]
    }

    proptest! {
        /// The documented pattern and length accept exactly what `parse` accepts.
        #[test]
        fn the_document_states_the_rule(raw in "[a0\\-A ]{0,6}|[a-]{58,62}") {
            let documented = raw.chars().count() <= MAX_LEN
                && regex::Regex::new(PATTERN).unwrap().is_match(&raw);
            prop_assert_eq!(documented, Slug::parse(&raw).is_ok(), "{:?}", raw);
        }

        #[test]
        fn slugify_always_gives_a_slug(name in names()) {
            let slug = slugify(&name);
            prop_assert!(Slug::parse(&slug).is_ok(), "{name:?} → {slug:?}");
        }

        #[test]
        fn slugify_is_idempotent(name in names()) {
            let slug = slugify(&name);
            prop_assert_eq!(slugify(&slug), slug);
        }

        #[test]
        fn with_suffix_keeps_a_slug_a_slug(name in names(), n in any::<u32>()) {
            let base = slugify(&name);
            let candidate = with_suffix(&base, n);
            prop_assert!(Slug::parse(&candidate).is_ok(), "{base:?} {n} → {candidate:?}");
            if n > 1 {
                let suffix = format!("-{n}");
                prop_assert!(candidate.ends_with(&suffix));
                prop_assert!(base.starts_with(candidate.strip_suffix(&suffix).unwrap()));
            } else {
                prop_assert_eq!(candidate, base);
            }
        }

        #[test]
        fn parse_accepts_exactly_the_slug_grammar(raw in "[a-z0-9-]{0,70}|\\PC{0,20}") {
            let grammar = !raw.is_empty()
                && raw.len() <= MAX_LEN
                && raw.split('-').all(|word| {
                    !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                });
            prop_assert_eq!(Slug::parse(&raw).is_ok(), grammar);
        }
    }

    /// Names whose folding lengthens them (`ß` → `ss`, `東` → `dong`, `ﬀ` → `ff`, `①` →
    /// `1`), with combining accents and separators, long enough to straddle the 60 cut.
    fn names_at_the_cut() -> impl Strategy<Value = String> {
        "[a-z0-9ßﬀ①東Ææ \u{301}\u{20dd}._🎨-]{40,90}"
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any Unicode string is a slug, unchanged, or refused with a sentence about `slug`.
        #[test]
        fn parse_takes_any_string_without_panicking(raw in any::<String>()) {
            match Slug::parse(&raw) {
                Ok(slug) => {
                    prop_assert_eq!(slug.as_str(), raw.as_str());
                    prop_assert_eq!(slug.to_string().parse::<Slug>(), Ok(slug));
                }
                Err(err) => {
                    prop_assert_eq!(err.field, "slug");
                    prop_assert!(err.message.ends_with('.'), "{err}");
                    prop_assert_eq!(raw.parse::<Slug>(), Err(err));
                }
            }
        }

        /// Around the cut, what slugify gives is a slug, and reads back as itself.
        #[test]
        fn slugify_at_the_cut_gives_a_slug(name in names_at_the_cut()) {
            let slug = slugify(&name);
            let parsed = Slug::parse(&slug);
            prop_assert!(parsed.is_ok(), "{name:?} → {slug:?}: {parsed:?}");
            prop_assert_eq!(parsed.unwrap().into_string(), slug);
        }

        /// Any base at all, slug or not: the candidate fits in 60 characters.
        #[test]
        fn with_suffix_takes_any_base_without_panicking(base in any::<String>(), n in any::<u32>()) {
            let candidate = with_suffix(&base, n);
            prop_assert!(candidate.chars().count() <= MAX_LEN, "{base:?} {n} → {candidate:?}");
            prop_assert!(!candidate.is_empty());
        }
    }
}
