//! Time-based one-time passwords (RFC 6238) for two-factor sign-in, with the parameters every
//! authenticator app supports: HMAC-SHA1, 30-second steps, 6 digits.
//!
//! The caller keeps, per user, the secret (as [`TotpSecret::base32`]) and the last step a
//! code was accepted for. [`TotpSecret::verify`] refuses that step and any earlier one, so a
//! code seen over someone's shoulder cannot be used a second time.

use std::fmt;

use hmac::{Hmac, Mac};
use sha1::Sha1;
use subtle::ConstantTimeEq;

use crate::base32;
use crate::random::{self, NoRandomness};

/// Seconds per step: a code changes every 30 seconds.
pub const PERIOD_SECONDS: i64 = 30;
/// Digits per code.
pub const DIGITS: usize = 6;
/// Steps accepted either side of the current one, for clocks up to ~30 s apart.
const DRIFT_STEPS: i64 = 1;
/// Bytes of a new secret: 160 bits, the length RFC 4226 recommends for HMAC-SHA1.
const GENERATED_BYTES: usize = 20;
/// RFC 4226 requires at least 128 bits; a shorter stored or typed secret is refused.
const MIN_BYTES: usize = 16;
/// HMAC-SHA1 hashes a key longer than its 64-byte block, so more bytes add no strength;
/// refusing them bounds what a pasted value can make us hold.
const MAX_BYTES: usize = 64;

/// A shared TOTP secret. Its `Debug` shows no byte of it, so it cannot leak into logs.
#[derive(Clone)]
pub struct TotpSecret(Vec<u8>);

impl TotpSecret {
    /// A new secret of 160 random bits from the operating system.
    pub fn generate() -> Result<Self, NoRandomness> {
        Ok(Self(random::bytes::<GENERATED_BYTES>()?.to_vec()))
    }

    /// A secret from its base32 form (any case, spaces and `=` ignored); `None` when that is
    /// not base32 or does not decode to 16 to 64 bytes.
    pub fn from_base32(text: &str) -> Option<Self> {
        base32::decode(text)
            .filter(|bytes| (MIN_BYTES..=MAX_BYTES).contains(&bytes.len()))
            .map(Self)
    }

    /// The secret as upper-case base32 without padding: what authenticator apps take when
    /// typed in, and the form to store.
    pub fn base32(&self) -> String {
        base32::encode(&self.0)
    }

    /// The `otpauth://` key URI that a QR code carries to an authenticator app. The label is
    /// `Issuer:account` and the issuer is repeated as a parameter, as the key URI format
    /// recommends, both percent-encoded.
    pub fn otpauth_uri(&self, issuer: &str, account: &str) -> String {
        let issuer = percent_encode(issuer);
        format!(
            "otpauth://totp/{issuer}:{account}?secret={secret}&issuer={issuer}\
             &algorithm=SHA1&digits={DIGITS}&period={PERIOD_SECONDS}",
            account = percent_encode(account),
            secret = self.base32(),
        )
    }

    /// The code an authenticator app shows at `unix_seconds`, zero-padded to 6 digits.
    pub fn code_at(&self, unix_seconds: i64) -> String {
        String::from_utf8_lossy(&self.code_for_step(step_at(unix_seconds))).into_owned()
    }

    /// The step `code` belongs to, if it is the code of the step at `unix_seconds` or of
    /// the step just before or after, and that step is later than `last_used_step`; `None`
    /// otherwise. Spaces in `code` are ignored. The caller stores the returned step as the
    /// new `last_used_step`.
    ///
    /// Codes are compared in constant time. When two candidate steps happen to share a code,
    /// the later step is returned, so the same code cannot be accepted again for the other.
    pub fn verify(
        &self,
        code: &str,
        unix_seconds: i64,
        last_used_step: Option<i64>,
    ) -> Option<i64> {
        let typed: Vec<u8> = code.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
        if typed.len() != DIGITS || !typed.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let now = step_at(unix_seconds);
        let mut matched = None;
        for offset in -DRIFT_STEPS..=DRIFT_STEPS {
            let Some(step) = now.checked_add(offset) else {
                continue;
            };
            let fresh = last_used_step.is_none_or(|last| step > last);
            let equal: bool = self.code_for_step(step).ct_eq(&typed).into();
            if equal && fresh {
                matched = Some(step);
            }
        }
        matched
    }

    /// HOTP (RFC 4226) of the step's counter, truncated dynamically to 6 ASCII digits.
    fn code_for_step(&self, step: i64) -> [u8; DIGITS] {
        let mut mac =
            Hmac::<Sha1>::new_from_slice(&self.0).expect("HMAC accepts keys of any length");
        // A step before 1970 is negative; its counter is the same 64 bits read as unsigned,
        // so every step still has a code of its own.
        mac.update(&(step as u64).to_be_bytes());
        let hash = mac.finalize().into_bytes();
        let offset = usize::from(hash[hash.len() - 1] & 0x0f);
        let binary = u32::from_be_bytes([
            hash[offset] & 0x7f,
            hash[offset + 1],
            hash[offset + 2],
            hash[offset + 3],
        ]);
        let mut value = binary % 10u32.pow(DIGITS as u32);
        let mut digits = [b'0'; DIGITS];
        for digit in digits.iter_mut().rev() {
            *digit = b'0' + (value % 10) as u8;
            value /= 10;
        }
        digits
    }
}

impl fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TotpSecret(<redacted>)")
    }
}

/// The step `unix_seconds` falls in (floor division, so it holds before 1970 too).
fn step_at(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(PERIOD_SECONDS)
}

/// RFC 3986 percent-encoding of everything but the unreserved characters, so an issuer or
/// account holding `:`, `&`, `?`, `#`, spaces or non-ASCII cannot break the URI apart.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
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

    /// RFC 6238 appendix B's SHA-1 key: the ASCII bytes of "12345678901234567890".
    fn rfc_secret() -> TotpSecret {
        TotpSecret(b"12345678901234567890".to_vec())
    }

    #[test]
    fn rfc_6238_sha1_vectors() {
        // (T, the RFC's 8-digit code); a 6-digit code is its last 6 digits.
        for (time, eight) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ] {
            assert_eq!(rfc_secret().code_at(time), &eight[2..], "T={time}");
        }
    }

    #[test]
    fn generated_secrets_are_160_random_bits_in_base32() {
        let (a, b) = (
            TotpSecret::generate().unwrap(),
            TotpSecret::generate().unwrap(),
        );
        assert_eq!(a.0.len(), 20);
        assert_eq!(a.base32().len(), 32);
        assert_ne!(a.base32(), b.base32());
        let again = TotpSecret::from_base32(&a.base32().to_lowercase()).unwrap();
        assert_eq!(again.0, a.0);
    }

    #[test]
    fn from_base32_needs_16_to_64_bytes() {
        assert!(TotpSecret::from_base32("").is_none());
        assert!(TotpSecret::from_base32(&base32::encode(&[7; 15])).is_none());
        assert!(TotpSecret::from_base32(&base32::encode(&[7; 16])).is_some());
        assert!(TotpSecret::from_base32(&base32::encode(&[7; 64])).is_some());
        assert!(TotpSecret::from_base32(&base32::encode(&[7; 65])).is_none());
        assert!(TotpSecret::from_base32("not base32 at all!!").is_none());
        // Grouped the way apps display it.
        let spaced = "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ";
        assert_eq!(TotpSecret::from_base32(spaced).unwrap().0, rfc_secret().0);
    }

    #[test]
    fn debug_hides_the_secret() {
        let secret = rfc_secret();
        let shown = format!("{secret:?} {:#?}", secret);
        assert_eq!(shown, "TotpSecret(<redacted>) TotpSecret(<redacted>)");
        assert!(!shown.contains(&secret.base32()));
    }

    #[test]
    fn otpauth_uri_percent_encodes_label_and_issuer() {
        let uri = rfc_secret().otpauth_uri("Flux Studio", "ada+2fa@studio.example");
        assert_eq!(
            uri,
            "otpauth://totp/Flux%20Studio:ada%2B2fa%40studio.example\
             ?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Flux%20Studio\
             &algorithm=SHA1&digits=6&period=30"
        );
        let tricky = rfc_secret().otpauth_uri("A&B:C", "x?y#z é");
        assert!(tricky.starts_with("otpauth://totp/A%26B%3AC:x%3Fy%23z%20%C3%A9?secret="));
        assert!(tricky.contains("&issuer=A%26B%3AC&"));
    }

    #[test]
    fn accepts_one_step_of_drift_either_way_and_no_more() {
        let secret = rfc_secret();
        let now = 1_111_111_111; // step 37_037_037
        let step = now / PERIOD_SECONDS;
        for (offset, accepted) in [(-2, false), (-1, true), (0, true), (1, true), (2, false)] {
            let code = secret.code_at(now + offset * PERIOD_SECONDS);
            let expected = accepted.then_some(step + offset);
            assert_eq!(secret.verify(&code, now, None), expected, "offset {offset}");
        }
    }

    #[test]
    fn refuses_replay_of_a_used_or_earlier_step() {
        let secret = rfc_secret();
        let now = 1_234_567_890;
        let code = secret.code_at(now);
        let step = secret.verify(&code, now, None).unwrap();
        assert_eq!(step, now / PERIOD_SECONDS);
        assert_eq!(
            secret.verify(&code, now, Some(step)),
            None,
            "same step again"
        );
        assert_eq!(
            secret.verify(&code, now + 20, Some(step)),
            None,
            "still in the window"
        );
        // The previous step's code is refused once a later step was used…
        let previous = secret.code_at(now - PERIOD_SECONDS);
        assert_eq!(secret.verify(&previous, now, Some(step)), None);
        // …but the next step's code is fresh.
        let next = secret.code_at(now + PERIOD_SECONDS);
        assert_eq!(secret.verify(&next, now, Some(step)), Some(step + 1));
    }

    #[test]
    fn when_two_steps_share_a_code_the_later_one_is_used() {
        // Found by search: with the RFC secret, steps 910_737 and 910_738 both give 911617.
        let secret = rfc_secret();
        let (first, second) = (910_737, 910_738);
        let code = secret.code_at(first * PERIOD_SECONDS);
        assert_eq!(code, "911617");
        assert_eq!(code, secret.code_at(second * PERIOD_SECONDS));
        let at = first * PERIOD_SECONDS; // both candidates are in the window
        assert_eq!(secret.verify(&code, at, None), Some(second));
        assert_eq!(secret.verify(&code, at, Some(second)), None);
    }

    #[test]
    fn ignores_spaces_and_refuses_malformed_codes() {
        let secret = rfc_secret();
        let now = 59;
        let step = Some(now / PERIOD_SECONDS);
        assert_eq!(secret.verify("287 082", now, None), step);
        assert_eq!(secret.verify(" 287082\t", now, None), step);
        for bad in [
            "",
            "28708",
            "2870820",
            "94287082",
            "28708a",
            "287-082",
            "２８７０８２",
            "+87082",
        ] {
            assert_eq!(secret.verify(bad, now, None), None, "{bad:?}");
        }
    }

    #[test]
    fn extreme_times_do_not_panic() {
        let secret = rfc_secret();
        for time in [i64::MIN, -1, 0, i64::MAX] {
            let code = secret.code_at(time);
            assert_eq!(code.len(), 6);
            assert!(secret.verify(&code, time, None).is_some(), "{time}");
        }
    }

    proptest! {
        #[test]
        fn base32_round_trips(bytes in proptest::collection::vec(any::<u8>(), 16..=64)) {
            let secret = TotpSecret(bytes.clone());
            let encoded = secret.base32();
            prop_assert_eq!(TotpSecret::from_base32(&encoded).unwrap().0, bytes.clone());
            prop_assert_eq!(TotpSecret::from_base32(&encoded.to_lowercase()).unwrap().0, bytes);
        }

        #[test]
        fn every_code_verifies_at_its_own_time(time in 0i64..4_000_000_000) {
            let secret = rfc_secret();
            let code = secret.code_at(time);
            prop_assert_eq!(code.len(), 6);
            prop_assert!(code.bytes().all(|b| b.is_ascii_digit()));
            prop_assert_eq!(secret.verify(&code, time, None), Some(time / PERIOD_SECONDS));
        }
    }
}
