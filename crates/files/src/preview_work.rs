//! Making previews in the background, off the request path: a version of a raster image is
//! stored with its previews `pending` and queued; one worker makes them, one at a time and
//! on a blocking thread (decoding is CPU and memory; on two cores one at a time keeps the
//! server answering), stores them beside the blob (`previews/<sha256>/small.jpg`), notes the
//! outcome and tells the project's room (`file:preview`). Versions still pending when the
//! server stopped are taken up again when it starts.

use bytes::Bytes;
use fluxstudio_domain::{FileFamily, PreviewState};
use fluxstudio_events::{Audience, Event};
use fluxstudio_store::{
    DbId,
    files::{self, VersionRow},
};
use serde_json::json;

use crate::{
    FileError, Files,
    previews::{self, PreviewError, Rendered},
};

/// The two sizes a preview comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PreviewSize {
    Small,
    Large,
}

impl PreviewSize {
    pub fn name(self) -> &'static str {
        match self {
            Self::Small => "small",
            Self::Large => "large",
        }
    }
}

/// Whether a version of this family gets previews.
pub(crate) fn previewed(family: FileFamily) -> PreviewState {
    match family {
        FileFamily::Image => PreviewState::Pending,
        _ => PreviewState::None,
    }
}

impl Files {
    /// Queues version `id`'s previews for the worker.
    pub(crate) fn queue_preview(&self, id: DbId) {
        // Without a worker (it stopped with the server) the version stays pending, and is
        // taken up at the next start.
        let _ = self.inner().previews.send(id);
    }

    /// The worker: the versions left pending first, then each one queued. Runs until the
    /// server stops; a second call returns at once.
    pub async fn run_previews(self) {
        let Some(mut queue) = self.inner().queued.lock().ok().and_then(|mut q| q.take()) else {
            return;
        };
        loop {
            let left = match files::pending_previews(self.db(), 100).await {
                Ok(left) => left,
                Err(error) => {
                    tracing::warn!(%error, "cannot read the versions waiting for previews");
                    break;
                }
            };
            if left.is_empty() {
                break;
            }
            for version in left {
                self.make_previews(version).await;
            }
        }
        while let Some(id) = queue.recv().await {
            match files::version_by_id(self.db(), id).await {
                Ok(Some(version)) if version.preview == PreviewState::Pending => {
                    self.make_previews(version).await;
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "cannot read a version to preview"),
            }
        }
    }

    async fn make_previews(&self, version: VersionRow) {
        let (state, size) = match self.render_and_store(&version).await {
            Ok(rendered) => (
                PreviewState::Ready,
                Some((i64::from(rendered.width), i64::from(rendered.height))),
            ),
            Err(error) => {
                tracing::warn!(%error, version = %version.id.0, "no preview for this version");
                let size = match error {
                    FileError::Preview(PreviewError::TooManyPixels { width, height }) => {
                        Some((i64::from(width), i64::from(height)))
                    }
                    _ => None,
                };
                (PreviewState::Failed, size)
            }
        };
        if let Err(error) = files::set_preview(self.db(), version.id, state, size).await {
            tracing::warn!(%error, "cannot note a version's previews");
            return;
        }
        if let Ok(Some(file)) = files::by_id(self.db(), version.file_id).await {
            // Shaped like the other file events (`entityId`), with what changed.
            let payload = json!({
                "projectId": file.project_id.0,
                "entityType": "file",
                "entityId": file.id.0,
                "version": version.number,
                "preview": state,
            });
            self.workspace().bus().publish(Event::emit(
                Audience::Project(file.project_id.0),
                "file:preview",
                payload,
            ));
        }
    }

    async fn render_and_store(&self, version: &VersionRow) -> Result<Rendered, FileError> {
        let bytes = self
            .blobs()
            .get(&version.sha256, None)
            .await?
            .bytes()
            .await?;
        let rendered = tokio::task::spawn_blocking(move || previews::render(&bytes))
            .await
            .map_err(|error| FileError::Storage(error.to_string()))??;
        for (size, jpeg) in [
            (PreviewSize::Small, &rendered.small),
            (PreviewSize::Large, &rendered.large),
        ] {
            self.blobs()
                .put_preview(&version.sha256, size.name(), Bytes::from(jpeg.clone()))
                .await?;
        }
        Ok(rendered)
    }

    /// Version `number` of file `id`'s preview in `size`, for whoever may see the file:
    /// with the version, so the caller can answer its validators.
    pub async fn preview(
        &self,
        user: DbId,
        id: DbId,
        number: i64,
        size: PreviewSize,
    ) -> Result<(VersionRow, Bytes), FileError> {
        let (_, version) = self.version(user, id, number).await?;
        if version.preview != PreviewState::Ready {
            return Err(FileError::NoPreview(version.preview));
        }
        let bytes = self
            .blobs()
            .get_preview(&version.sha256, size.name())
            .await?
            .bytes()
            .await?;
        Ok((version, bytes))
    }
}
