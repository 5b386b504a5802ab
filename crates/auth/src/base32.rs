//! RFC 4648 base32 (the `A–Z2–7` alphabet), the form authenticator apps expect TOTP secrets
//! in. Written here rather than pulled in as a crate because it is thirty lines.
//!
//! Encoding leaves out the `=` padding (the otpauth key URI format asks for none). Decoding is
//! forgiving about what people type or paste — any case, spaces between groups, padding — and
//! strict about the rest: another character, or a length no encoder produces, is refused.

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// `bytes` as upper-case base32, without padding.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buffer, mut bits) = (0u16, 0u32);
    for &byte in bytes {
        buffer = (buffer << 8) | u16::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[usize::from((buffer >> bits) & 31)]));
        }
        // Keep only the bits not yet written, so the buffer never overflows.
        buffer &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(char::from(
            ALPHABET[usize::from((buffer << (5 - bits)) & 31)],
        ));
    }
    out
}

/// The bytes `text` encodes, ignoring case, ASCII whitespace and `=`; `None` when it holds any
/// other character, when its length cannot come from an encoder (1, 3 or 6 symbols past a
/// multiple of 8), or when the unused low bits of its last symbol are not zero.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let (mut buffer, mut bits) = (0u16, 0u32);
    for c in text.bytes() {
        if c.is_ascii_whitespace() || c == b'=' {
            continue;
        }
        let value = ALPHABET.iter().position(|&a| a == c.to_ascii_uppercase())?;
        buffer = (buffer << 5) | value as u16;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    // An encoder leaves at most 4 bits over, all zero; 5 or more means a symbol too many.
    (bits < 5 && buffer == 0).then_some(out)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// RFC 4648 section 10, with the padding the RFC shows removed.
    const VECTORS: [(&str, &str); 7] = [
        ("", ""),
        ("f", "MY"),
        ("fo", "MZXQ"),
        ("foo", "MZXW6"),
        ("foob", "MZXW6YQ"),
        ("fooba", "MZXW6YTB"),
        ("foobar", "MZXW6YTBOI"),
    ];

    #[test]
    fn rfc_4648_vectors() {
        for (plain, encoded) in VECTORS {
            assert_eq!(encode(plain.as_bytes()), encoded, "{plain:?}");
            assert_eq!(decode(encoded).unwrap(), plain.as_bytes(), "{encoded:?}");
        }
    }

    #[test]
    fn decoding_forgives_case_spaces_and_padding() {
        assert_eq!(decode("MZXW6YQ=").unwrap(), b"foob");
        assert_eq!(decode("mzxw 6ytb oi======").unwrap(), b"foobar");
        assert_eq!(decode(" MzXw6YtBoI\n").unwrap(), b"foobar");
    }

    #[test]
    fn decoding_refuses_what_no_encoder_writes() {
        for bad in [
            "MZXW1", // 1 is not in the alphabet
            "MZXW0", "MZ-XW", "MZXWé", "M",   // 1 symbol past a multiple of 8
            "MZX", // 3
            "MZXW6YT", "MZXW6YR", // 7 symbols whose last leaves a non-zero bit
            "MZ XW6 Y",
        ] {
            assert_eq!(decode(bad), None, "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let encoded = encode(&bytes);
            prop_assert!(!encoded.contains('='));
            prop_assert_eq!(encoded.len(), (bytes.len() * 8).div_ceil(5));
            prop_assert_eq!(decode(&encoded).unwrap(), bytes.clone());
            prop_assert_eq!(decode(&encoded.to_lowercase()).unwrap(), bytes);
        }
    }
}
