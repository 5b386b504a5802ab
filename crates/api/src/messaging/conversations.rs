//! `/api/conversations`: starting, listing and changing conversations, participants and
//! read positions.

use axum::{
    Json,
    extract::{Path, Query, State},
    http::StatusCode,
};
use fluxstudio_domain::Invalid;
use fluxstudio_messaging::{ConversationView, NewConversation, StateChange};
use fluxstudio_store::DbId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::{
    ApiError, ApiJson, AppState, ErrorBody,
    auth::{extract::Authenticated, views::Done},
    ids::path_id,
    json::OptionalJson,
    pagination,
    pagination::{DEFAULT_LIMIT, MAX_LIMIT},
};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewConversationBody {
    /// `direct` (exactly one other person) or `group`.
    pub kind: String,
    /// The others in it; each must share an organization with you.
    pub participant_ids: Vec<Uuid>,
    /// A group's name (optional).
    pub name: Option<String>,
}

/// Start a conversation. A direct conversation that already exists is returned (200).
#[utoipa::path(post, path = "/api/conversations", tag = "messaging", security(("bearer" = [])),
    request_body = NewConversationBody,
    responses((status = 201, body = ConversationView), (status = 200, body = ConversationView),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    ApiJson(body): ApiJson<NewConversationBody>,
) -> Result<(StatusCode, Json<ConversationView>), ApiError> {
    let people: Vec<DbId> = body.participant_ids.into_iter().map(DbId).collect();
    let new = match body.kind.as_str() {
        "direct" => match people.as_slice() {
            [with] => NewConversation::Direct { with: *with },
            _ => {
                return Err(Invalid::new(
                    "participantIds",
                    "A direct conversation names exactly one other person.",
                )
                .into());
            }
        },
        "group" => NewConversation::Group {
            name: body.name.unwrap_or_default(),
            with: people,
        },
        _ => {
            return Err(Invalid::new(
                "kind",
                "Choose `direct` or `group`; a project's channel comes with the project.",
            )
            .into());
        }
    };
    let (view, created) = state.messaging().start(caller.user, new).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(view)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ConversationQuery {
    /// The archived conversations instead of the others.
    #[serde(default)]
    pub archived: bool,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    #[param(pattern = "^[0-9a-f]{32}$")]
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConversationList {
    pub items: Vec<ConversationView>,
    pub next_cursor: Option<String>,
}

/// Your conversations (direct, group and your projects' channels), most recently active
/// first, each with its last message and your unread count.
#[utoipa::path(get, path = "/api/conversations", tag = "messaging", security(("bearer" = [])),
    params(ConversationQuery),
    responses((status = 200, body = ConversationList), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Query(query): Query<ConversationQuery>,
) -> Result<Json<ConversationList>, ApiError> {
    let limit = pagination::limit(query.limit, DEFAULT_LIMIT, MAX_LIMIT)?;
    let before = pagination::cursor(query.cursor.as_deref())?;
    let mut items = state
        .messaging()
        .conversations(caller.user, query.archived, before, limit + 1)
        .await?;
    // The cursor is the activity key: the newest message's id, or the conversation's.
    let next = if items.len() as i64 > limit {
        items.truncate(limit as usize);
        items.last().map(|c| {
            pagination::encode(DbId(c.last_message.as_ref().map(|m| m.id).unwrap_or(c.id)))
        })
    } else {
        None
    };
    Ok(Json(ConversationList {
        items,
        next_cursor: next,
    }))
}

/// One conversation, with its participants and their read positions.
#[utoipa::path(get, path = "/api/conversations/{id}", tag = "messaging", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ConversationView), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
) -> Result<Json<ConversationView>, ApiError> {
    let id = path_id(&id, "conversation")?;
    Ok(Json(state.messaging().conversation(caller.user, id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConversationChange {
    /// Rename a group (blank removes the name).
    pub name: Option<String>,
    /// Mute or unmute, for you alone.
    pub muted: Option<bool>,
    /// Archive or unarchive, for you alone.
    pub archived: Option<bool>,
}

/// Rename a group, or mute or archive a conversation for yourself.
#[utoipa::path(patch, path = "/api/conversations/{id}", tag = "messaging", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = ConversationChange,
    responses((status = 200, body = ConversationView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    ApiJson(change): ApiJson<ConversationChange>,
) -> Result<Json<ConversationView>, ApiError> {
    let id = path_id(&id, "conversation")?;
    let messaging = state.messaging();
    let mut view = None;
    if let Some(name) = &change.name {
        view = Some(messaging.rename(caller.user, id, name).await?);
    }
    if change.muted.is_some() || change.archived.is_some() {
        let state_change = StateChange {
            muted: change.muted,
            archived: change.archived,
        };
        view = Some(messaging.set_state(caller.user, id, state_change).await?);
    }
    match view {
        Some(view) => Ok(Json(view)),
        None => Ok(Json(messaging.conversation(caller.user, id).await?)),
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ParticipantsBody {
    pub user_ids: Vec<Uuid>,
}

/// Add people to a group.
#[utoipa::path(post, path = "/api/conversations/{id}/participants", tag = "messaging",
    security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = ParticipantsBody,
    responses((status = 200, body = ConversationView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_participants(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ParticipantsBody>,
) -> Result<Json<ConversationView>, ApiError> {
    let id = path_id(&id, "conversation")?;
    let people = body.user_ids.into_iter().map(DbId).collect();
    Ok(Json(
        state
            .messaging()
            .add_participants(caller.user, id, people)
            .await?,
    ))
}

/// Remove someone from a group (its owner), or leave it (anyone). Their live connection
/// stops receiving its messages at once.
#[utoipa::path(delete, path = "/api/conversations/{id}/participants/{userId}", tag = "messaging",
    security(("bearer" = [])), params(("id" = Uuid, Path), ("userId" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn remove_participant(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((id, user)): Path<(String, String)>,
) -> Result<Json<Done>, ApiError> {
    let id = path_id(&id, "conversation")?;
    let user = path_id(&user, "participant")?;
    state
        .messaging()
        .remove_participant(caller.user, id, user)
        .await?;
    Ok(Json(Done::says("Removed from the conversation.")))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReadBody {
    /// Read up to this message number; absent means everything.
    #[serde(default, deserialize_with = "crate::json::optional_non_negative_whole")]
    pub seq: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReadPosition {
    pub conversation_id: Uuid,
    pub last_read_seq: i64,
}

/// Mark a conversation read up to a message (never moves back). Others see the receipt.
#[utoipa::path(post, path = "/api/conversations/{id}/read", tag = "messaging",
    security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = Option<ReadBody>,
    responses((status = 200, body = ReadPosition), (status = 404, body = ErrorBody)))]
pub async fn read(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    OptionalJson(body): OptionalJson<ReadBody>,
) -> Result<Json<ReadPosition>, ApiError> {
    let id = path_id(&id, "conversation")?;
    let seq = body.seq;
    let position = state.messaging().mark_read(caller.user, id, seq).await?;
    Ok(Json(ReadPosition {
        conversation_id: id.0,
        last_read_seq: position,
    }))
}
