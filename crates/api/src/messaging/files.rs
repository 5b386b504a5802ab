//! Files sent into a direct or group conversation, to go on a message there
//! (`SendBody.attachments`); only its participants download them. A project channel's
//! messages carry the project's files instead.

use axum::{
    Json,
    extract::{Path, Request, State},
    http::{HeaderMap, StatusCode},
    response::Response,
};
use fluxstudio_files::ConversationFileView;
use fluxstudio_messaging::Need;

use crate::{
    ApiError, AppState, ErrorBody,
    auth::extract::Authenticated,
    files::{
        content::{Blob, serve},
        documented::{Download, DownloadHeaders, FormRefusals},
        uploads::{UploadForm, receive_form},
    },
    ids::path_id,
};

/// Send a file into a direct or group conversation you take part in, to attach to your
/// next message there. Its type is told from its bytes.
#[utoipa::path(post, path = "/api/conversations/{id}/files", tag = "messaging",
    security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses((status = 201, body = ConversationFileView), FormRefusals,
        (status = 403, description = "Uploads are off (`uploads_disabled`), or you may not post here (`forbidden`).", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "A project channel: attach the project's files instead (`project_channel`).", body = ErrorBody)))]
pub async fn upload(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    request: Request,
) -> Result<(StatusCode, Json<ConversationFileView>), ApiError> {
    let id = path_id(&id, "conversation")?;
    let (parts, body) = request.into_parts();
    let to = match state.messaging().open(caller.user, id, Need::Post).await {
        Ok(row) if row.project_id.is_some() => Err(ApiError::new(
            StatusCode::CONFLICT,
            "project_channel",
            "A project channel's messages carry the project's files: upload to the project and attach those.",
        )),
        Ok(_) => state.files().taking_uploads().map_err(ApiError::from),
        Err(error) => Err(error.into()),
    };
    receive_form(&state, to, &parts.headers, body, async |(), name, file| {
        state
            .files()
            .receive_sent(caller.user, id, &name, file)
            .await
    })
    .await
}

/// Download a file sent into a conversation you take part in: once it is on a message,
/// everyone there may; before, only whoever sent it. Ranges and `ETag` as for a project's
/// files.
#[utoipa::path(get, path = "/api/conversations/{id}/files/{fileId}/content", tag = "messaging",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("fileId" = Uuid, Path),
        DownloadHeaders),
    responses(Download, (status = 404, body = ErrorBody)))]
pub async fn content(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path((id, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let id = path_id(&id, "conversation")?;
    let file = path_id(&file, "file")?;
    state.messaging().open(caller.user, id, Need::Read).await?;
    let sent = state.files().sent_file(caller.user, id, file).await?;
    let blob = Blob {
        sha256: &sent.sha256,
        size: sent.size,
        mime: &sent.mime,
        name: &sent.name,
        family: sent.kind,
    };
    serve(&state, blob, &headers).await
}
