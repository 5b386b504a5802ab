//! Links by email: verifying the address, resetting a forgotten password.

use axum::{Json, extract::State, http::StatusCode};
use fluxstudio_domain::Password;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{
    extract::{Authenticated, Origin},
    views::Done,
};
use crate::{ApiError, ApiJson, AppState, ErrorBody};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenBody {
    /// The token from the emailed link.
    pub token: String,
}

/// Confirm the email address with the token from the verification mail.
#[utoipa::path(post, path = "/api/auth/verify-email", tag = "auth", request_body = TokenBody,
    responses((status = 200, body = Done), (status = 404, description = "unknown, expired or used link (one answer for all)", body = ErrorBody)))]
pub async fn verify_email(
    State(state): State<AppState>,
    Origin(client): Origin,
    ApiJson(body): ApiJson<TokenBody>,
) -> Result<Json<Done>, ApiError> {
    state.accounts().verify_email(&body.token, &client).await?;
    Ok(Json(Done::says("Email address verified.")))
}

/// Send a new verification mail to the signed-in user (unless already verified).
#[utoipa::path(post, path = "/api/auth/resend-verification", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = Done), (status = 401, body = ErrorBody)))]
pub async fn resend_verification(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<Done>, ApiError> {
    let sent = state.accounts().resend_verification(&caller).await?;
    Ok(Json(Done::says(if sent {
        "A new verification link is on its way."
    } else {
        "This email address is already verified."
    })))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ForgotBody {
    pub email: String,
}

/// Ask for a password reset link. The answer is the same whether or not the address
/// has an account.
#[utoipa::path(post, path = "/api/auth/forgot-password", tag = "auth", request_body = ForgotBody,
    responses((status = 202, body = Done), (status = 429, body = ErrorBody)))]
pub async fn forgot_password(
    State(state): State<AppState>,
    Origin(client): Origin,
    ApiJson(body): ApiJson<ForgotBody>,
) -> Result<(StatusCode, Json<Done>), ApiError> {
    state.accounts().forgot_password(&body.email, &client);
    Ok((
        StatusCode::ACCEPTED,
        Json(Done::says(
            "If an account uses this address, a reset link is on its way. It is valid for one hour.",
        )),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetBody {
    pub token: String,
    /// The new password.
    pub password: String,
}

/// Set a new password with the token from the reset mail. Every session of the account
/// ends.
#[utoipa::path(post, path = "/api/auth/reset-password", tag = "auth", request_body = ResetBody,
    responses((status = 200, body = Done),
        (status = 404, description = "unknown, expired or used link (one answer for all)", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn reset_password(
    State(state): State<AppState>,
    Origin(client): Origin,
    ApiJson(body): ApiJson<ResetBody>,
) -> Result<Json<Done>, ApiError> {
    let password = Password::parse(&body.password)?;
    state
        .accounts()
        .reset_password(&body.token, password, &client)
        .await?;
    Ok(Json(Done::says(
        "Password changed. Sign in with the new one.",
    )))
}
