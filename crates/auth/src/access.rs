//! Access tokens: HS256 JWTs signed with `JWT_SECRET`, valid 15 minutes, carrying the
//! session id (`sid`) so a revoked session's tokens can be refused before they expire.
//! Only HS256 is accepted; `alg: none` and every other algorithm are refused.

use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How long an access token lives (the seed's 15 minutes), in seconds.
pub const LIFETIME_SECONDS: i64 = 900;
const ACCESS: &str = "access";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Claims {
    pub sub: Uuid,
    pub email: String,
    pub user_type: String,
    /// Always `access`: a token of another kind is refused as an access token.
    #[serde(rename = "type")]
    pub kind: String,
    pub sid: Uuid,
    pub iat: i64,
    pub exp: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("the access token has expired")]
    Expired,
    #[error("the access token is not valid")]
    Invalid,
    #[error("the signing secret was refused")]
    BadSecret,
}

/// How long the second step of a sign-in with two-factor authentication may take.
pub const CHALLENGE_SECONDS: i64 = 300;
const CHALLENGE: &str = "2fa_challenge";

/// The claims of a two-factor challenge: a password was right, a code is still due.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct ChallengeClaims {
    sub: Uuid,
    #[serde(rename = "type")]
    kind: String,
    iat: i64,
    exp: i64,
}

/// Signs and checks access tokens with one secret.
#[derive(Clone)]
pub struct AccessTokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    lifetime_seconds: i64,
}

impl AccessTokens {
    pub fn new(secret: &[u8]) -> Result<Self, TokenError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        validation.set_required_spec_claims(&["exp", "sub"]);
        Ok(Self {
            encoding: EncodingKey::from_secret(secret).map_err(|_| TokenError::BadSecret)?,
            decoding: DecodingKey::from_secret(secret).map_err(|_| TokenError::BadSecret)?,
            validation,
            lifetime_seconds: LIFETIME_SECONDS,
        })
    }

    /// Tokens that live `seconds` instead of [`LIFETIME_SECONDS`]: only for tests of what
    /// happens when a token expires (`FLUX_TEST_ACCESS_TOKEN_SECONDS`, with test hooks).
    pub fn with_lifetime(mut self, seconds: i64) -> Self {
        self.lifetime_seconds = seconds;
        self
    }

    /// How long a token issued now lives, in seconds.
    pub fn lifetime_seconds(&self) -> i64 {
        self.lifetime_seconds
    }

    /// A token for this user and session, issued at `now`.
    pub fn issue(
        &self,
        user: Uuid,
        email: &str,
        user_type: &str,
        session: Uuid,
        now: DateTime<Utc>,
    ) -> Result<String, TokenError> {
        let claims = Claims {
            sub: user,
            email: email.to_owned(),
            user_type: user_type.to_owned(),
            kind: ACCESS.to_owned(),
            sid: session,
            iat: now.timestamp(),
            exp: (now + Duration::seconds(self.lifetime_seconds)).timestamp(),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|_| TokenError::Invalid)
    }

    /// The claims of a valid, unexpired access token.
    pub fn verify(&self, token: &str) -> Result<Claims, TokenError> {
        let data =
            decode::<Claims>(token, &self.decoding, &self.validation).map_err(|e| {
                match e.kind() {
                    jsonwebtoken::errors::ErrorKind::ExpiredSignature => TokenError::Expired,
                    _ => TokenError::Invalid,
                }
            })?;
        if data.claims.kind != ACCESS {
            return Err(TokenError::Invalid);
        }
        Ok(data.claims)
    }

    /// A short-lived token saying `user` passed the password step and owes a code. It is
    /// of its own kind, so it can never be used as an access token (nor one as it).
    pub fn issue_challenge(&self, user: Uuid, now: DateTime<Utc>) -> Result<String, TokenError> {
        let claims = ChallengeClaims {
            sub: user,
            kind: CHALLENGE.to_owned(),
            iat: now.timestamp(),
            exp: (now + Duration::seconds(CHALLENGE_SECONDS)).timestamp(),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|_| TokenError::Invalid)
    }

    /// The user a valid, unexpired challenge was issued to.
    pub fn verify_challenge(&self, token: &str) -> Result<Uuid, TokenError> {
        let data = decode::<ChallengeClaims>(token, &self.decoding, &self.validation).map_err(
            |e| match e.kind() {
                jsonwebtoken::errors::ErrorKind::ExpiredSignature => TokenError::Expired,
                _ => TokenError::Invalid,
            },
        )?;
        if data.claims.kind != CHALLENGE {
            return Err(TokenError::Invalid);
        }
        Ok(data.claims.sub)
    }
}

#[cfg(test)]
mod tests {
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

    use super::*;

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

    fn token_at(now: DateTime<Utc>) -> (AccessTokens, String, Uuid, Uuid) {
        let tokens = AccessTokens::new(SECRET).unwrap();
        let (user, session) = (Uuid::new_v4(), Uuid::new_v4());
        let token = tokens
            .issue(user, "ada@studio.example", "designer", session, now)
            .unwrap();
        (tokens, token, user, session)
    }

    #[test]
    fn round_trip_carries_the_session() {
        let (tokens, token, user, session) = token_at(Utc::now());
        let claims = tokens.verify(&token).unwrap();
        assert_eq!((claims.sub, claims.sid), (user, session));
        assert_eq!(claims.kind, "access");
        assert_eq!(claims.exp - claims.iat, LIFETIME_SECONDS);
    }

    #[test]
    fn expired_forged_and_unsigned_tokens_are_refused() {
        let (tokens, old, _, _) = token_at(Utc::now() - Duration::minutes(16));
        assert_eq!(tokens.verify(&old), Err(TokenError::Expired));

        let (_, token, _, _) = token_at(Utc::now());
        let other = AccessTokens::new(b"another-secret-of-enough-length!!").unwrap();
        assert_eq!(other.verify(&token), Err(TokenError::Invalid));

        // Same claims, `alg: none`, no signature.
        let payload = token.split('.').nth(1).unwrap();
        let none = format!(
            "{}.{payload}.",
            URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#)
        );
        assert_eq!(tokens.verify(&none), Err(TokenError::Invalid));
        assert_eq!(tokens.verify("not.a.token"), Err(TokenError::Invalid));
        assert_eq!(tokens.verify(""), Err(TokenError::Invalid));
    }

    #[test]
    fn challenges_and_access_tokens_are_not_interchangeable() {
        let (tokens, access, user, _) = token_at(Utc::now());
        let challenge = tokens.issue_challenge(user, Utc::now()).unwrap();
        assert_eq!(tokens.verify_challenge(&challenge), Ok(user));
        assert_eq!(tokens.verify(&challenge), Err(TokenError::Invalid));
        assert_eq!(tokens.verify_challenge(&access), Err(TokenError::Invalid));
        let old = tokens
            .issue_challenge(user, Utc::now() - Duration::seconds(CHALLENGE_SECONDS + 1))
            .unwrap();
        assert_eq!(tokens.verify_challenge(&old), Err(TokenError::Expired));
    }

    #[test]
    fn a_token_of_another_kind_is_not_an_access_token() {
        let tokens = AccessTokens::new(SECRET).unwrap();
        let now = Utc::now();
        let claims = Claims {
            sub: Uuid::new_v4(),
            email: "ada@studio.example".into(),
            user_type: "designer".into(),
            kind: "refresh".into(),
            sid: Uuid::new_v4(),
            iat: now.timestamp(),
            exp: now.timestamp() + 60,
        };
        let token = encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &EncodingKey::from_secret(SECRET).unwrap(),
        )
        .unwrap();
        assert_eq!(tokens.verify(&token), Err(TokenError::Invalid));
    }
}
