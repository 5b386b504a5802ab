//! Two-factor authentication set-up for the signed-in user.

use axum::{Json, extract::State};
use fluxstudio_accounts::AccountError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::extract::{Authenticated, Origin};
use crate::{ApiError, ApiJson, AppState, ErrorBody};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TwoFactorState {
    pub enabled: bool,
    pub recovery_codes_left: i64,
}

/// Whether two-factor authentication is on, and how many recovery codes are left.
#[utoipa::path(get, path = "/api/auth/2fa", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = TwoFactorState), (status = 401, body = ErrorBody)))]
pub async fn status(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<TwoFactorState>, ApiError> {
    let status = state.accounts().two_factor_status(&caller).await?;
    Ok(Json(TwoFactorState {
        enabled: status.enabled,
        recovery_codes_left: status.recovery_codes_left,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Setup {
    /// Base32, for typing into an authenticator app.
    pub secret: String,
    /// `otpauth://totp/…`, for a QR code.
    pub otpauth_uri: String,
}

/// Start set-up: a new secret, pending until a code from it is confirmed.
#[utoipa::path(post, path = "/api/auth/2fa/setup", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = Setup), (status = 409, description = "already on", body = ErrorBody)))]
pub async fn setup(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<Setup>, ApiError> {
    let setup = state.accounts().setup_two_factor(&caller).await?;
    Ok(Json(Setup {
        secret: setup.secret,
        otpauth_uri: setup.otpauth_uri,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeBody {
    /// The 6-digit code the authenticator app shows.
    pub code: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Enabled {
    pub enabled: bool,
    /// Ten single-use codes for when the authenticator is lost; shown only now.
    pub recovery_codes: Vec<String>,
}

/// Turn two-factor on with a first code from the pending secret.
#[utoipa::path(post, path = "/api/auth/2fa/confirm", tag = "auth", security(("bearer" = [])),
    request_body = CodeBody,
    responses((status = 200, body = Enabled), (status = 401, description = "wrong code", body = ErrorBody),
        (status = 409, description = "no set-up pending, or already on", body = ErrorBody)))]
pub async fn confirm(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Origin(client): Origin,
    ApiJson(body): ApiJson<CodeBody>,
) -> Result<Json<Enabled>, ApiError> {
    let codes = state
        .accounts()
        .confirm_two_factor(&caller, &body.code, &client)
        .await?;
    Ok(Json(Enabled {
        enabled: true,
        recovery_codes: codes,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DisableBody {
    pub password: String,
    /// A current code, or a recovery code.
    pub code: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Disabled {
    pub enabled: bool,
}

/// Turn two-factor off, with the password and a code.
#[utoipa::path(post, path = "/api/auth/2fa/disable", tag = "auth", security(("bearer" = [])),
    request_body = DisableBody,
    responses((status = 200, body = Disabled), (status = 401, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn disable(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Origin(client): Origin,
    ApiJson(body): ApiJson<DisableBody>,
) -> Result<Json<Disabled>, ApiError> {
    state
        .accounts()
        .disable_two_factor(&caller, &body.password, &body.code, &client)
        .await
        .map_err(|error| {
            // This request calls the password `password`, not `currentPassword`.
            let wrong_password = matches!(error, AccountError::WrongPassword);
            let api = ApiError::from(error);
            if wrong_password {
                api.with_field("password")
            } else {
                api
            }
        })?;
    Ok(Json(Disabled { enabled: false }))
}
