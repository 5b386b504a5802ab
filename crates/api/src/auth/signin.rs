//! Signing up and in, refreshing tokens, signing out.

use axum::{
    Json,
    extract::State,
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use fluxstudio_accounts::{SignIn, SignupRequest};
use fluxstudio_domain::{DisplayName, Email, Password, UserType};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{
    cookies,
    extract::{Authenticated, Origin, bearer},
    views::{AuthResponse, Done, TokenResponse, TwoFactorChallenge},
};
use crate::{ApiError, ApiJson, AppState, ErrorBody, json::OptionalJson};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignupBody {
    #[schema(example = "ada@studio.example")]
    pub email: String,
    /// At least 8 characters with an upper-case letter, a lower-case letter and a digit.
    pub password: String,
    #[schema(example = "Ada Lovelace")]
    pub name: String,
    /// `client` (the default) or `designer`.
    pub user_type: Option<String>,
    /// The token of an invitation link: signs up (even while registration is closed) and
    /// joins the organization. The email must be the invited address.
    pub invitation_token: Option<String>,
}

/// Create an account and sign in. The first account of an instance becomes its admin.
#[utoipa::path(post, path = "/api/auth/signup", tag = "auth", request_body = SignupBody,
    responses(
        (status = 201, body = AuthResponse),
        (status = 403, description = "registration closed, or CSRF token missing", body = ErrorBody),
        (status = 404, description = "invitation_invalid: the invitation is unknown, expired, revoked or used", body = ErrorBody),
        (status = 409, description = "email taken", body = ErrorBody),
        (status = 422, description = "invalid field", body = ErrorBody),
        (status = 429, description = "too many attempts", body = ErrorBody)))]
pub async fn signup(
    State(state): State<AppState>,
    Origin(client): Origin,
    ApiJson(body): ApiJson<SignupBody>,
) -> Result<Response, ApiError> {
    let request = SignupRequest {
        email: Email::parse(&body.email)?,
        password: Password::parse(&body.password)?,
        name: DisplayName::parse(&body.name)?,
        user_type: match body.user_type.as_deref() {
            None => UserType::Client,
            Some(word) => word.parse()?,
        },
    };
    let grant = match body.invitation_token.as_deref() {
        None => state.accounts().signup(request, &client).await?,
        Some(token) => {
            let (grant, invitation) = state
                .accounts()
                .signup_invited(request, &client, token)
                .await?;
            state
                .workspace()
                .member_joined(grant.user.id, &invitation)
                .await;
            grant
        }
    };
    Ok(with_refresh_cookie(
        &state,
        StatusCode::CREATED,
        AuthResponse::from(grant),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginBody {
    pub email: String,
    pub password: String,
}

/// What a sign-in answers: tokens, or a challenge for the second factor.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)] // Only its schema is used: the handler builds each answer itself.
#[serde(untagged)]
enum LoginAnswer {
    SignedIn(Box<AuthResponse>),
    Challenge(TwoFactorChallenge),
}

/// Sign in with email and password. An account with two-factor authentication answers
/// with a challenge instead of tokens (`twoFactorRequired: true`).
#[utoipa::path(post, path = "/api/auth/login", tag = "auth", request_body = LoginBody,
    responses(
        (status = 200, description = "signed in, or a two-factor challenge", body = LoginAnswer),
        (status = 401, description = "wrong email or password", body = ErrorBody),
        (status = 403, description = "account disabled", body = ErrorBody),
        (status = 429, description = "too many failed attempts", body = ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    Origin(client): Origin,
    ApiJson(body): ApiJson<LoginBody>,
) -> Result<Response, ApiError> {
    let account = body.email.trim().to_lowercase();
    let limits = &state.inner.limits;
    limits.login_allowed(&account, client.ip.as_deref()).await?;
    let outcome = state
        .accounts()
        .login(&body.email, &body.password, &client)
        .await;
    let outcome = limits
        .after_login(&account, client.ip.as_deref(), outcome, || {
            // Off the request path: the refusal's timing says nothing about the account.
            let (accounts, email, client) =
                (state.accounts().clone(), account.clone(), client.clone());
            tokio::spawn(async move { accounts.sign_in_paused(&email, &client).await });
        })
        .await?;
    Ok(match outcome {
        SignIn::Granted(grant) => {
            with_refresh_cookie(&state, StatusCode::OK, AuthResponse::from(*grant))
        }
        SignIn::TwoFactorRequired {
            challenge,
            expires_in,
        } => Json(TwoFactorChallenge {
            two_factor_required: true,
            challenge_token: challenge,
            expires_in,
        })
        .into_response(),
    })
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SecondFactorBody {
    pub challenge_token: String,
    /// A 6-digit code from the authenticator app, or a recovery code.
    pub code: String,
}

/// The second step of signing in to an account with two-factor authentication.
#[utoipa::path(post, path = "/api/auth/login/2fa", tag = "auth", request_body = SecondFactorBody,
    responses(
        (status = 200, body = AuthResponse),
        (status = 401, description = "wrong code, or the challenge expired", body = ErrorBody),
        (status = 429, description = "too many failed attempts", body = ErrorBody)))]
pub async fn login_two_factor(
    State(state): State<AppState>,
    Origin(client): Origin,
    ApiJson(body): ApiJson<SecondFactorBody>,
) -> Result<Response, ApiError> {
    let limits = &state.inner.limits;
    // Failed codes count against the account the challenge is for, whichever challenge
    // they came with: signing in again for a fresh challenge buys no extra guesses.
    let key = match state.accounts().challenge_subject(&body.challenge_token) {
        Some(user) => format!("2fa:{}", user.0),
        None => "2fa:-".to_owned(),
    };
    limits.login_allowed(&key, client.ip.as_deref()).await?;
    let outcome = state
        .accounts()
        .login_two_factor(&body.challenge_token, &body.code, &client)
        .await;
    let grant = limits
        .after_login(&key, client.ip.as_deref(), outcome, || {})
        .await?;
    Ok(with_refresh_cookie(
        &state,
        StatusCode::OK,
        AuthResponse::from(grant),
    ))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RefreshBody {
    /// Optional when the refresh cookie is sent (browsers).
    pub refresh_token: Option<String>,
}

/// Exchange a refresh token (from the body or the cookie) for new tokens. The presented
/// token is spent; presenting it again ends the session.
#[utoipa::path(post, path = "/api/auth/refresh", tag = "auth", request_body = Option<RefreshBody>,
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, description = "no refresh token sent (`missing_refresh_token`), or one that is invalid, expired, revoked or reused", body = ErrorBody)))]
pub async fn refresh(
    State(state): State<AppState>,
    Origin(client): Origin,
    headers: HeaderMap,
    OptionalJson(body): OptionalJson<RefreshBody>,
) -> Result<Response, ApiError> {
    let token = presented_refresh(&headers, body.refresh_token.as_deref()).ok_or_else(|| {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "missing_refresh_token",
            "Send the refresh token as `refreshToken` in the body or in the refresh cookie.",
        )
        .with_field("refreshToken")
    })?;
    match state.accounts().refresh(&token, &client).await {
        Ok(grant) => Ok(with_refresh_cookie(
            &state,
            StatusCode::OK,
            TokenResponse::of(&grant),
        )),
        Err(error) => {
            // A dead refresh cookie is useless to the browser: drop it with the refusal.
            let mut response = ApiError::from(error).into_response();
            let clear = cookies::clear_refresh(state.inner.web);
            response.headers_mut().append(header::SET_COOKIE, clear);
            Ok(response)
        }
    }
}

/// Sign out: ends the session of the refresh token (body or cookie), or of the bearer
/// token when no refresh token is sent. Signing out twice is not an error.
#[utoipa::path(post, path = "/api/auth/logout", tag = "auth", request_body = Option<RefreshBody>,
    responses((status = 200, body = Done)))]
pub async fn logout(
    State(state): State<AppState>,
    Origin(client): Origin,
    headers: HeaderMap,
    OptionalJson(body): OptionalJson<RefreshBody>,
) -> Result<Response, ApiError> {
    let accounts = state.accounts();
    if let Some(token) = presented_refresh(&headers, body.refresh_token.as_deref()) {
        accounts.logout_token(&token, &client).await?;
    } else if let Some(access) = bearer(&headers) {
        let caller = accounts.authenticate(access).await?;
        accounts.logout_session(&caller, &client).await?;
    }
    let mut response = Json(Done::says("Signed out.")).into_response();
    let clear = cookies::clear_refresh(state.inner.web);
    response.headers_mut().append(header::SET_COOKIE, clear);
    Ok(response)
}

/// Sign out everywhere: ends every session of the account, this one included.
#[utoipa::path(post, path = "/api/auth/logout-all", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = Done), (status = 401, body = ErrorBody)))]
pub async fn logout_all(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Origin(client): Origin,
) -> Result<Response, ApiError> {
    let ended = state.accounts().logout_all(&caller, &client).await?;
    let mut response = Json(Done {
        message: "Signed out from every device.".to_owned(),
        sessions_revoked: Some(ended),
    })
    .into_response();
    let clear = cookies::clear_refresh(state.inner.web);
    response.headers_mut().append(header::SET_COOKIE, clear);
    Ok(response)
}

/// The refresh token a request presents: the body's, else the cookie's.
fn presented_refresh(headers: &HeaderMap, body: Option<&str>) -> Option<String> {
    body.filter(|t| !t.is_empty())
        .or_else(|| cookies::read(headers, cookies::REFRESH))
        .map(str::to_owned)
}

/// `body` with the refresh cookie set from its refresh token.
fn with_refresh_cookie<T>(state: &AppState, status: StatusCode, body: T) -> Response
where
    T: serde::Serialize + HasRefresh,
{
    let cookie = cookies::set_refresh(state.inner.web, body.refresh_token());
    (status, [(header::SET_COOKIE, cookie)], Json(body)).into_response()
}

trait HasRefresh {
    fn refresh_token(&self) -> &str;
}

impl HasRefresh for AuthResponse {
    fn refresh_token(&self) -> &str {
        &self.tokens.refresh_token
    }
}

impl HasRefresh for TokenResponse {
    fn refresh_token(&self) -> &str {
        &self.refresh_token
    }
}
