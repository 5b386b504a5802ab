//! The caller's own account: profile, password, sessions.

use axum::{
    Json,
    extract::{Path, State},
};
use fluxstudio_accounts::ProfileChange;
use fluxstudio_domain::{
    DisplayName, Invalid, Password, limits,
    text::{CONTROLS, STORABLE_WHITE_SPACE as SPACE, WHITE_SPACE},
};
use fluxstudio_store::DbId;
use serde::{Deserialize, Deserializer};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{
    extract::{Authenticated, Origin},
    views::{Done, SessionView, Sessions, UserView},
};
use crate::{ApiError, ApiJson, AppState, ErrorBody};

/// The signed-in user.
#[utoipa::path(get, path = "/api/auth/me", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = UserView), (status = 401, body = ErrorBody)))]
pub async fn me(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<UserView>, ApiError> {
    Ok(Json(state.accounts().me(&caller).await?.into()))
}

/// Fields to change; an absent field stays as it is, `null` clears avatar or timezone.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProfileBody {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub avatar_url: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, example = "Europe/Paris")]
    pub timezone: Option<Option<String>>,
}

/// Tells "sent as null" (`Some(None)`) from "not sent" (`None`, via `default`).
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

pub const AVATAR_MAX: usize = limits::AVATAR_URL_CHARS;
pub const TIMEZONE_MAX: usize = limits::TIMEZONE_CHARS;

/// [`avatar_url`]'s rule as the document states it, with [`AVATAR_MAX`] as `maxLength`.
pub fn avatar_pattern() -> String {
    format!("^[{SPACE}]*https?://[^{CONTROLS}{WHITE_SPACE}]*[{SPACE}]*$")
}

/// [`timezone`]'s rule as the document states it, with [`TIMEZONE_MAX`] as `maxLength`.
pub fn timezone_pattern() -> String {
    format!("^[{SPACE}]*[A-Za-z][A-Za-z0-9/_+-]*[{SPACE}]*$")
}

/// Edit the profile: name, avatar URL, time zone.
#[utoipa::path(patch, path = "/api/auth/me", tag = "auth", security(("bearer" = [])),
    request_body = ProfileBody,
    responses((status = 200, body = UserView), (status = 422, body = ErrorBody)))]
pub async fn update_me(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    ApiJson(body): ApiJson<ProfileBody>,
) -> Result<Json<UserView>, ApiError> {
    let name = body.name.as_deref().map(DisplayName::parse).transpose()?;
    let avatar = body
        .avatar_url
        .as_ref()
        .map(|a| a.as_deref().map(avatar_url).transpose());
    let avatar = avatar.transpose()?;
    let timezone = body
        .timezone
        .as_ref()
        .map(|t| t.as_deref().map(timezone).transpose());
    let timezone = timezone.transpose()?;
    let change = ProfileChange {
        name: name.as_ref().map(DisplayName::as_str),
        avatar_url: avatar,
        timezone,
    };
    Ok(Json(
        state
            .accounts()
            .update_profile(&caller, &change)
            .await?
            .into(),
    ))
}

/// An avatar is an http(s) URL of reasonable length (never `javascript:` or `data:`).
fn avatar_url(raw: &str) -> Result<&str, Invalid> {
    let url = raw.trim();
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    if !scheme_ok || raw.chars().count() > AVATAR_MAX || url.chars().any(char::is_whitespace) {
        return Err(Invalid::new(
            "avatarUrl",
            format!("Give an http(s) URL of at most {AVATAR_MAX} characters."),
        ));
    }
    Ok(url)
}

/// An IANA time zone name such as `Europe/Paris` or `UTC`.
fn timezone(raw: &str) -> Result<&str, Invalid> {
    let tz = raw.trim();
    let shaped = !tz.is_empty()
        && raw.chars().count() <= TIMEZONE_MAX
        && tz.starts_with(|c: char| c.is_ascii_alphabetic())
        && tz
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/_+-".contains(c));
    if !shaped {
        return Err(Invalid::new(
            "timezone",
            "Give an IANA time zone name such as Europe/Paris or UTC.",
        ));
    }
    Ok(tz)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PasswordBody {
    pub current_password: String,
    pub new_password: String,
}

/// Change the password. Every other session of the account ends; this one stays.
#[utoipa::path(post, path = "/api/auth/password", tag = "auth", security(("bearer" = [])),
    request_body = PasswordBody,
    responses((status = 200, body = Done), (status = 401, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn change_password(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Origin(client): Origin,
    ApiJson(body): ApiJson<PasswordBody>,
) -> Result<Json<Done>, ApiError> {
    let new =
        Password::parse(&body.new_password).map_err(|e| Invalid::new("newPassword", e.message))?;
    let ended = state
        .accounts()
        .change_password(&caller, &body.current_password, new, &client)
        .await?;
    Ok(Json(Done {
        message: "Password changed. Other devices were signed out.".to_owned(),
        sessions_revoked: Some(ended),
    }))
}

/// The account's live sessions; `isCurrent` marks the one making this request.
#[utoipa::path(get, path = "/api/auth/sessions", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = Sessions), (status = 401, body = ErrorBody)))]
pub async fn sessions(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<Json<Sessions>, ApiError> {
    let rows = state.accounts().sessions(&caller).await?;
    let current = caller.session.0;
    Ok(Json(Sessions {
        sessions: rows
            .into_iter()
            .map(|row| SessionView::new(row, current))
            .collect(),
    }))
}

/// End one of the account's sessions; its tokens stop working at once.
#[utoipa::path(delete, path = "/api/auth/sessions/{id}", tag = "auth", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "the session")),
    responses((status = 200, body = Done), (status = 404, body = ErrorBody)))]
pub async fn revoke_session(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Origin(client): Origin,
    Path(id): Path<String>,
) -> Result<Json<Done>, ApiError> {
    let session = Uuid::parse_str(&id).map_err(|_| ApiError::not_found("No such session."))?;
    state
        .accounts()
        .revoke_session(&caller, DbId(session), &client)
        .await?;
    Ok(Json(Done::says("Session revoked.")))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The documented patterns and lengths accept exactly what the rules accept.
        #[test]
        fn the_document_states_the_rules(
            raw in "[ \\u{3000}\\u{85}\\x00hftps:/Ea1_+é-]{0,12}|[\\u{85}\\u{b} ]?https?://[a ]{0,3}|[a]{62,66}|https://[a]{2038,2042}",
        ) {
            let matches = |pattern: &str| regex::Regex::new(pattern).unwrap().is_match(&raw);
            let chars = raw.chars().count();
            // What the API accepts: a JSON string holds no control character, then the rule.
            let storable = raw.chars().all(fluxstudio_domain::text::is_storable);
            proptest::prop_assert_eq!(chars <= AVATAR_MAX && matches(&avatar_pattern()), storable && avatar_url(&raw).is_ok());
            proptest::prop_assert_eq!(chars <= TIMEZONE_MAX && matches(&timezone_pattern()), storable && timezone(&raw).is_ok());
        }
    }
}
