//! Messages over HTTP: history both ways, sending, editing, deleting, reactions, search.

use axum::{
    Json,
    extract::{Path, Query, State},
    http::StatusCode,
};
use fluxstudio_messaging::{Direction, MessageView, SendMessage, Strand};
use fluxstudio_store::DbId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::{
    ApiError, ApiJson, AppState, ErrorBody,
    auth::extract::Authenticated,
    ids::path_id,
    pagination,
    pagination::{DEFAULT_LIMIT, MAX_LIMIT},
};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HistoryQuery {
    /// The newest messages before this number (the default: the newest of all).
    pub before: Option<i64>,
    /// The oldest messages after this number (catching up); with `before` too, those
    /// between the two.
    pub after: Option<i64>,
    /// The replies to this message instead of the main line.
    #[param(value_type = Option<uuid::Uuid>, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    pub thread: Option<String>,
    /// Replies too, not only the main line (all messages in order).
    #[serde(default)]
    pub include_replies: bool,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MessagePage {
    /// In ascending `seq`, whichever way the page was read.
    pub items: Vec<MessageView>,
    /// More lie beyond this page in the direction read.
    pub has_more: bool,
    /// The conversation's newest message number.
    pub last_seq: i64,
}

/// A page of a conversation's messages. Read back with `before` (scrolling up) or
/// forward with `after` (what a client that saw up to N missed).
#[utoipa::path(get, path = "/api/conversations/{id}/messages", tag = "messaging",
    security(("bearer" = [])), params(("id" = Uuid, Path), HistoryQuery),
    responses((status = 200, body = MessagePage), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn history(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    Query(query): Query<HistoryQuery>,
) -> Result<Json<MessagePage>, ApiError> {
    let id = path_id(&id, "conversation")?;
    let limit = pagination::limit(query.limit, DEFAULT_LIMIT, MAX_LIMIT)?;
    let direction = match (query.before, query.after) {
        (Some(before), Some(after)) => Direction::Between(after.max(0), before),
        (before, None) => Direction::Before(before),
        (None, Some(after)) => Direction::After(after.max(0)),
    };
    let strand = match (&query.thread, query.include_replies) {
        (Some(thread), _) => Strand::Thread(path_id(thread, "message")?),
        (None, true) => Strand::All,
        (None, false) => Strand::Main,
    };
    let page = state
        .messaging()
        .history(caller.user, id, strand, direction, limit)
        .await?;
    Ok(Json(MessagePage {
        items: page.messages,
        has_more: page.has_more,
        last_seq: page.last_seq,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SendBody {
    /// Markdown, 1–10000 characters.
    pub body: String,
    /// Reply in the thread of this message.
    pub parent_id: Option<Uuid>,
    /// People in the conversation to notify.
    #[serde(default)]
    pub mentions: Vec<Uuid>,
    /// Your own id for the message (up to 64 characters): sending again with it returns
    /// the first message (200) instead of posting twice.
    pub client_id: Option<String>,
    /// Files it carries, up to 10: in a project channel, ids of the project's files; in a
    /// direct or group conversation, ids of files you sent into it
    /// (`POST /api/conversations/{id}/files`) that are on no message yet.
    #[serde(default)]
    pub attachments: Vec<Uuid>,
}

/// Send a message. It is stored and numbered before this answers; everyone connected
/// receives it live as `message:new`.
#[utoipa::path(post, path = "/api/conversations/{id}/messages", tag = "messaging",
    security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = SendBody,
    responses((status = 201, body = MessageView), (status = 200, body = MessageView),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn send(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<SendBody>,
) -> Result<(StatusCode, Json<MessageView>), ApiError> {
    let id = path_id(&id, "conversation")?;
    let message = SendMessage {
        body: body.body,
        parent: body.parent_id.map(DbId),
        mentions: body.mentions.into_iter().map(DbId).collect(),
        client_id: body.client_id,
        attachments: body.attachments.into_iter().map(DbId).collect(),
    };
    let (view, created) = state.messaging().send(caller.user, id, message).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(view)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EditBody {
    pub body: String,
    #[serde(default)]
    pub mentions: Vec<Uuid>,
}

/// Edit your message; it is marked edited.
#[utoipa::path(patch, path = "/api/messages/{id}", tag = "messaging", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = EditBody,
    responses((status = 200, body = MessageView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn edit(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<EditBody>,
) -> Result<Json<MessageView>, ApiError> {
    let id = path_id(&id, "message")?;
    let mentions = body.mentions.into_iter().map(DbId).collect();
    Ok(Json(
        state
            .messaging()
            .edit(caller.user, id, &body.body, mentions)
            .await?,
    ))
}

/// Delete your message; a tombstone keeps its place.
#[utoipa::path(delete, path = "/api/messages/{id}", tag = "messaging", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = MessageView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
) -> Result<Json<MessageView>, ApiError> {
    let id = path_id(&id, "message")?;
    Ok(Json(state.messaging().delete(caller.user, id).await?))
}

#[derive(Debug, Deserialize, ToSchema, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReactionBody {
    /// One emoji or a short code such as `:tada:`.
    pub emoji: String,
}

/// React to a message.
#[utoipa::path(post, path = "/api/messages/{id}/reactions", tag = "messaging",
    security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = ReactionBody,
    responses((status = 200, body = MessageView), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn react(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ReactionBody>,
) -> Result<Json<MessageView>, ApiError> {
    let id = path_id(&id, "message")?;
    Ok(Json(
        state
            .messaging()
            .react(caller.user, id, &body.emoji, true)
            .await?,
    ))
}

/// Take back your reaction.
#[utoipa::path(delete, path = "/api/messages/{id}/reactions", tag = "messaging",
    security(("bearer" = [])), params(("id" = Uuid, Path), ReactionBody),
    responses((status = 200, body = MessageView), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn unreact(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    Query(query): Query<ReactionBody>,
) -> Result<Json<MessageView>, ApiError> {
    let id = path_id(&id, "message")?;
    Ok(Json(
        state
            .messaging()
            .react(caller.user, id, &query.emoji, false)
            .await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SearchQuery {
    /// Words to find (every one must match; the last may be the start of a word).
    pub q: String,
    /// Only this conversation.
    #[param(value_type = Option<uuid::Uuid>, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    pub conversation_id: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    #[param(pattern = "^[0-9a-f]{32}$")]
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SearchResults {
    pub items: Vec<MessageView>,
    pub next_cursor: Option<String>,
}

/// Search the messages of your conversations, newest first.
#[utoipa::path(get, path = "/api/search/messages", tag = "messaging", security(("bearer" = [])),
    params(SearchQuery),
    responses((status = 200, body = SearchResults), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn search(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Query(query): Query<SearchQuery>,
) -> Result<Json<SearchResults>, ApiError> {
    let limit = pagination::limit(query.limit, DEFAULT_LIMIT, MAX_LIMIT)?;
    let before = pagination::cursor(query.cursor.as_deref())?;
    let conversation = query
        .conversation_id
        .as_deref()
        .map(|id| path_id(id, "conversation"))
        .transpose()?;
    let mut items = state
        .messaging()
        .search(caller.user, &query.q, conversation, before, limit + 1)
        .await?;
    let next = pagination::trim(&mut items, limit, |m| m.id);
    Ok(Json(SearchResults {
        items,
        next_cursor: next,
    }))
}
