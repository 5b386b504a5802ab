//! Two-factor recovery codes: ten single-use codes shown once when two-factor sign-in is
//! turned on, for the day the authenticator is lost. They are stored only as digests.
//!
//! A code is 10 symbols from an alphabet without the look-alikes `0 o 1 l i`, shown as
//! `xxxxx-xxxxx` so it is easy to copy by hand; what a person types back is normalised
//! (case, dashes and spaces do not matter) before it is digested and looked up.
//!
//! Without `0 o 1 l i`, the lower-case letters and digits leave 31 symbols, not 32: each
//! symbol carries log2(31) ≈ 4.95 bits and a code ≈ 49.5 bits. Symbols are drawn by
//! rejection sampling, so every one is equally likely despite 31 not dividing 256.

use sha2::{Digest, Sha256};

use crate::random::{self, NoRandomness};

/// The symbols of a code: digits 2–9 and the letters other than `i`, `l`, `o`.
pub const ALPHABET: &[u8; 31] = b"23456789abcdefghjkmnpqrstuvwxyz";
/// Codes given out at a time.
pub const COUNT: usize = 10;
/// Symbols per code (the dash in the shown form is not one).
pub const LENGTH: usize = 10;

/// The largest multiple of the alphabet's size that fits a byte: bytes at or above it are
/// redrawn, so `byte % 31` is uniform.
const ACCEPT_BELOW: u8 = (256 / ALPHABET.len() * ALPHABET.len()) as u8;

/// Ten distinct new codes, as shown to the user (`xxxxx-xxxxx`).
pub fn generate() -> Result<Vec<String>, NoRandomness> {
    let mut symbols = Symbols::new();
    let mut codes: Vec<String> = Vec::with_capacity(COUNT);
    while codes.len() < COUNT {
        let mut code = String::with_capacity(LENGTH + 1);
        for i in 0..LENGTH {
            if i == LENGTH / 2 {
                code.push('-');
            }
            code.push(symbols.next()?);
        }
        // A repeat is astronomically unlikely, but ten codes must be ten codes.
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    Ok(codes)
}

/// The canonical form of a typed code: lower case, without dashes or whitespace, exactly
/// 10 symbols of the alphabet; `None` for anything else.
pub fn normalize(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| *c != '-' && !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let valid = code.len() == LENGTH && code.bytes().all(|b| ALPHABET.contains(&b));
    valid.then_some(code)
}

/// The stored form of a normalised code: its SHA-256, in hex.
///
/// A fast hash rather than Argon2 is enough here: each code holds ~49.5 random bits, not a
/// human-chosen password, so a stolen digest table cannot be reversed by guessing likely
/// codes, and each code works once. A fast digest also lets the caller find a typed code
/// by looking its digest up, instead of running a slow hash against all ten.
pub fn digest(normalized: &str) -> String {
    hex::encode(Sha256::digest(normalized.as_bytes()))
}

/// Uniform symbols drawn from the operating system's randomness, a buffer at a time.
struct Symbols {
    buffer: [u8; 64],
    used: usize,
}

impl Symbols {
    /// Starts with the buffer used up, so the first symbol fills it.
    fn new() -> Self {
        Self {
            buffer: [0; 64],
            used: 64,
        }
    }

    fn next(&mut self) -> Result<char, NoRandomness> {
        loop {
            if self.used == self.buffer.len() {
                random::fill(&mut self.buffer)?;
                self.used = 0;
            }
            let byte = self.buffer[self.used];
            self.used += 1;
            if byte < ACCEPT_BELOW {
                return Ok(char::from(ALPHABET[usize::from(byte) % ALPHABET.len()]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn the_alphabet_has_no_look_alikes_or_repeats() {
        for ambiguous in b"0o1li" {
            assert!(!ALPHABET.contains(ambiguous), "{}", char::from(*ambiguous));
        }
        let mut sorted = ALPHABET.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), ALPHABET.len(), "no symbol twice");
        assert!(
            ALPHABET
                .iter()
                .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
        );
        assert_eq!(ACCEPT_BELOW, 248);
    }

    #[test]
    fn ten_distinct_codes_in_the_shown_format() {
        let codes = generate().unwrap();
        assert_eq!(codes.len(), COUNT);
        for code in &codes {
            let (left, right) = code.split_once('-').unwrap();
            assert_eq!((left.len(), right.len()), (5, 5), "{code}");
            assert_eq!(normalize(code).unwrap(), format!("{left}{right}"));
        }
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), COUNT);
        assert_ne!(codes, generate().unwrap(), "fresh randomness each time");
    }

    #[test]
    fn every_symbol_turns_up() {
        // 2,000 draws: the chance that one of 31 uniform symbols never appears is ~1e-26.
        let mut seen = [false; 256];
        for _ in 0..20 {
            for code in generate().unwrap() {
                code.bytes().for_each(|b| seen[usize::from(b)] = true);
            }
        }
        for symbol in ALPHABET {
            assert!(seen[usize::from(*symbol)], "{}", char::from(*symbol));
        }
    }

    #[test]
    fn normalize_forgives_case_dashes_and_spaces() {
        for typed in [
            "abcde-fghjk",
            "ABCDE-FGHJK",
            "abcdefghjk",
            " abcde fghjk ",
            "ab-cde-fg hjk",
            "AbCdE\t-\tFgHjK",
        ] {
            assert_eq!(normalize(typed).as_deref(), Some("abcdefghjk"), "{typed:?}");
        }
    }

    #[test]
    fn normalize_refuses_other_symbols_and_lengths() {
        for typed in [
            "",
            "-----",
            "abcde-fghj",       // 9
            "abcde-fghjkm",     // 11
            "abcde-fghj0",      // zero
            "abcde-fghjo",      // letter o
            "abcde-fghj1",      // one
            "abcde-fghjl",      // letter l
            "abcde-fghji",      // letter i
            "abcde_fghjk",      // underscore
            "abcdé-fghjk",      // non-ASCII
            "ＡＢＣＤＥ-fghjk", // full-width
        ] {
            assert_eq!(normalize(typed), None, "{typed:?}");
        }
    }

    #[test]
    fn digest_is_stable_sha256_hex() {
        assert_eq!(
            digest("abcdefghjk"),
            hex::encode(Sha256::digest(b"abcdefghjk"))
        );
        assert_eq!(digest("abcdefghjk").len(), 64);
        // The same code however it was typed.
        let shown = normalize("ABCDE-FGHJK").unwrap();
        assert_eq!(digest(&shown), digest(&normalize("abcde fghjk").unwrap()));
        assert_ne!(digest("abcdefghjk"), digest("abcdefghjm"));
    }

    proptest! {
        #[test]
        fn normalize_is_idempotent_and_accepts_only_alphabet_codes(typed in "[-a-zA-Z0-9 ]{0,16}") {
            if let Some(code) = normalize(&typed) {
                prop_assert_eq!(code.len(), LENGTH);
                prop_assert!(code.bytes().all(|b| ALPHABET.contains(&b)));
                prop_assert_eq!(normalize(&code), Some(code.clone()));
                prop_assert_eq!(normalize(&code.to_uppercase()), Some(code));
            }
        }
    }
}
