//! CSRF tokens for the double-submit check: a random nonce and its HMAC-SHA256 under the
//! server's secret. The same token sits in an HttpOnly cookie and comes back in the
//! `X-CSRF-Token` header; signing it means a cookie planted by a sibling subdomain (which
//! cannot know the secret) is refused too. A token stays valid as long as its cookie, so
//! it is stable for the session instead of rotating on every request.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::{NoRandomness, random};

type HmacSha256 = Hmac<Sha256>;

/// Mints and checks CSRF tokens under one key.
#[derive(Clone)]
pub struct CsrfKey(Vec<u8>);

impl CsrfKey {
    /// A key derived from the server's secret, labelled so it never equals a JWT key use.
    pub fn derive(secret: &[u8]) -> Self {
        let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC takes keys of any length");
        mac.update(b"fluxstudio csrf key v1");
        Self(mac.finalize().into_bytes().to_vec())
    }

    pub fn issue(&self) -> Result<String, NoRandomness> {
        let nonce = URL_SAFE_NO_PAD.encode(random::bytes::<24>()?);
        let signature = self.sign(&nonce);
        Ok(format!("{nonce}.{signature}"))
    }

    /// Whether `token` was minted with this key.
    pub fn is_genuine(&self, token: &str) -> bool {
        let Some((nonce, signature)) = token.split_once('.') else {
            return false;
        };
        self.sign(nonce)
            .as_bytes()
            .ct_eq(signature.as_bytes())
            .into()
    }

    /// The double-submit check: the header equals the cookie, and the token is genuine.
    pub fn check(&self, cookie: &str, header: &str) -> bool {
        bool::from(cookie.as_bytes().ct_eq(header.as_bytes())) && self.is_genuine(header)
    }

    fn sign(&self, nonce: &str) -> String {
        let mut mac = HmacSha256::new_from_slice(&self.0).expect("HMAC takes keys of any length");
        mac.update(nonce.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }
}

impl std::fmt::Debug for CsrfKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CsrfKey(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn genuine_tokens_pass_and_forgeries_fail() {
        let key = CsrfKey::derive(b"0123456789abcdef0123456789abcdef");
        let token = key.issue().unwrap();
        assert_ne!(token, key.issue().unwrap());
        assert!(key.check(&token, &token));
        assert!(
            !key.check(&token, &key.issue().unwrap()),
            "header must equal cookie"
        );
        let other = CsrfKey::derive(b"another secret, another instance!");
        assert!(!other.is_genuine(&token));
        let (nonce, _) = token.split_once('.').unwrap();
        let forged = format!("{nonce}.AAAA");
        assert!(!key.check(&forged, &forged));
        assert!(!key.is_genuine("no-dot"));
        assert!(!key.is_genuine(""));
    }

    fn key() -> CsrfKey {
        CsrfKey::derive(b"0123456789abcdef0123456789abcdef")
    }

    /// Strings shaped like tokens (base64url runs around dots) as well as anything at all.
    fn token_like() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[A-Za-z0-9_-]{0,40}\\.[A-Za-z0-9_-]{0,50}",
            "[A-Za-z0-9_.=+/ -]{0,90}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// A header and a cookie of any content are read without panicking, and nothing
        /// that was not minted with the key passes.
        #[test]
        fn any_cookie_and_header_is_refused_cleanly(cookie in token_like(), header in token_like()) {
            let key = key();
            prop_assert!(!key.is_genuine(&cookie));
            prop_assert!(!key.is_genuine(&header));
            prop_assert!(!key.check(&cookie, &header));
            prop_assert!(!key.check(&header, &header));
        }

        /// What the key mints, it reads back; one character changed, cut or added, and the
        /// token is refused.
        #[test]
        fn a_minted_token_round_trips_and_any_change_is_refused(
            at in any::<prop::sample::Index>(),
            with in any::<char>(),
            cut in any::<prop::sample::Index>(),
        ) {
            let key = key();
            let token = key.issue().unwrap();
            prop_assert!(key.is_genuine(&token));
            prop_assert!(key.check(&token, &token));

            let mut chars: Vec<char> = token.chars().collect();
            let i = at.index(chars.len());
            prop_assume!(chars[i] != with);
            chars[i] = with;
            let changed: String = chars.into_iter().collect();
            prop_assert!(!key.is_genuine(&changed), "{changed:?}");
            prop_assert!(!key.check(&token, &changed));
            prop_assert!(!key.check(&changed, &changed));

            let cut = &token[..cut.index(token.len())];
            prop_assert!(!key.is_genuine(cut), "{cut:?}");
            let longer = format!("{token}{with}");
            prop_assert!(!key.is_genuine(&longer), "{longer:?}");
        }

        /// A key comes from a secret of any length, and trusts only its own tokens.
        #[test]
        fn keys_from_any_secret_trust_only_their_own(secret in prop::collection::vec(any::<u8>(), 0..80)) {
            let own = CsrfKey::derive(&secret);
            let token = own.issue().unwrap();
            prop_assert!(own.check(&token, &token));
            prop_assume!(secret != b"0123456789abcdef0123456789abcdef");
            prop_assert!(!key().is_genuine(&token));
        }
    }
}
