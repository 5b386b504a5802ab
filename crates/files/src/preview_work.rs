//! Making previews in the background, off the request path: a version of a raster image, a
//! PDF or an SVG is stored with its previews `pending` and queued; one worker makes them, one
//! at a time and on a blocking thread (decoding is CPU and memory; on two cores one at a time
//! keeps the server answering), stores them beside the blob (`previews/<sha256>/small.jpg`,
//! `large.jpg`, and a PDF's `page-2.jpg`…), notes the outcome and tells the project's room
//! (`file:preview`). Versions still pending when the server stopped are taken up again when
//! it starts.

use bytes::Bytes;
use fluxstudio_domain::{FileFamily, PreviewState};
use fluxstudio_events::{Audience, Event};
use fluxstudio_store::{
    DbId,
    files::{self, VersionRow},
};
use fluxstudio_workspace::WorkspaceError;
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
    if previews::previewed(family) {
        PreviewState::Pending
    } else {
        PreviewState::None
    }
}

/// The name a preview is stored under: the small or large one of the first page, or the
/// large one of a PDF's page from the second (no small ones of those are made).
fn preview_name(size: PreviewSize, page: u32) -> Option<String> {
    match (size, page) {
        (_, 0) | (PreviewSize::Small, 2..) => None,
        (size, 1) => Some(size.name().to_owned()),
        (PreviewSize::Large, page) => Some(format!("page-{page}")),
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
        let (state, size, pages) = match self.render_and_store(&version).await {
            Ok(rendered) => (
                PreviewState::Ready,
                rendered
                    .size
                    .map(|(width, height)| (i64::from(width), i64::from(height))),
                rendered.pages.map(i64::from),
            ),
            Err(error) => {
                tracing::warn!(%error, version = %version.id.0, "no preview for this version");
                let size = match error {
                    FileError::Preview(PreviewError::TooManyPixels { width, height }) => {
                        Some((i64::from(width), i64::from(height)))
                    }
                    _ => None,
                };
                (PreviewState::Failed, size, None)
            }
        };
        let noted = files::set_preview(self.db(), version.id, state, size, pages).await;
        if let Err(error) = noted {
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
        let family = files::by_id(self.db(), version.file_id)
            .await?
            .map(|file| file.family)
            .ok_or(WorkspaceError::NotFound("file"))?;
        // A renderer that panics on a hostile file fails that version's previews, nothing more.
        let rendered = tokio::task::spawn_blocking(move || previews::render(family, &bytes))
            .await
            .map_err(|error| FileError::Storage(error.to_string()))??;
        let pages = std::iter::once((PreviewSize::Small, 1, &rendered.small))
            .chain(std::iter::once((PreviewSize::Large, 1, &rendered.large)))
            .chain(
                (2..)
                    .zip(&rendered.more_pages)
                    .map(|(n, jpeg)| (PreviewSize::Large, n, jpeg)),
            );
        for (size, page, jpeg) in pages {
            let name = preview_name(size, page).expect("a preview that is made has a name");
            self.blobs()
                .put_preview(&version.sha256, &name, Bytes::from(jpeg.clone()))
                .await?;
        }
        Ok(rendered)
    }

    /// Version `number` of file `id`'s preview in `size` of `page` (from 1; past the first
    /// only a PDF's, large), for whoever may see the file: with the version, so the caller can
    /// answer its validators.
    pub async fn preview(
        &self,
        user: DbId,
        id: DbId,
        number: i64,
        size: PreviewSize,
        page: u32,
    ) -> Result<(VersionRow, Bytes), FileError> {
        let (_, version) = self.version(user, id, number).await?;
        if version.preview != PreviewState::Ready {
            return Err(FileError::NoPreview(version.preview));
        }
        let made = version.pages.unwrap_or(1).min(previews::MAX_PAGES as i64);
        let name = preview_name(size, page)
            .filter(|_| i64::from(page) <= made)
            .ok_or(FileError::NoPage { page })?;
        let bytes = self
            .blobs()
            .get_preview(&version.sha256, &name)
            .await?
            .bytes()
            .await?;
        Ok((version, bytes))
    }
}
