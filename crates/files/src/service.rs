//! The file service: a project's files and their versions, for the people the project's
//! rules let in. Bytes go to the blob store (`blobs`), rows to the database
//! (`fluxstudio_store::files`), activities and live events through the workspace.

use std::{path::PathBuf, sync::Arc};

use fluxstudio_store::{Db, DbId, files};
use fluxstudio_workspace::Workspace;
use tokio::sync::mpsc;

use crate::{Blobs, FileError, spool::Spool, sweep::Swept};

/// What the server's configuration says about files.
#[derive(Debug, Clone, Copy)]
pub struct FileSettings {
    /// `ENABLE_FILE_UPLOAD` (default true). Off: nothing new is taken; what is there is
    /// still listed and downloaded.
    pub uploads_enabled: bool,
    /// `MAX_FILE_SIZE` in bytes (default 50 MB): one file's, or one version's, size.
    pub max_file_size: u64,
    /// `STORAGE_QUOTA_MB` in bytes: what one organization's files may take in all.
    pub quota: Option<u64>,
}

impl Default for FileSettings {
    fn default() -> Self {
        Self {
            uploads_enabled: true,
            max_file_size: 50 * 1024 * 1024,
            quota: None,
        }
    }
}

#[derive(Clone)]
pub struct Files {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    db: Db,
    workspace: Workspace,
    blobs: Blobs,
    /// Resumable uploads in progress, on the local disk.
    spool: Spool,
    settings: FileSettings,
    /// Versions whose previews are to be made (see `preview_work`), and the worker's end.
    pub(crate) previews: mpsc::UnboundedSender<DbId>,
    pub(crate) queued: std::sync::Mutex<Option<mpsc::UnboundedReceiver<DbId>>>,
}

impl Files {
    /// `spool` is the folder of resumable uploads in progress (on the local disk whatever
    /// holds the blobs).
    pub fn new(
        db: Db,
        workspace: Workspace,
        blobs: Blobs,
        spool: PathBuf,
        settings: FileSettings,
    ) -> Self {
        let (previews, queued) = mpsc::unbounded_channel();
        Self {
            inner: Arc::new(Inner {
                db,
                workspace,
                blobs,
                spool: Spool::new(spool),
                settings,
                previews,
                queued: std::sync::Mutex::new(Some(queued)),
            }),
        }
    }

    pub fn settings(&self) -> FileSettings {
        self.inner.settings
    }

    pub fn blobs(&self) -> &Blobs {
        &self.inner.blobs
    }

    /// Removes what no one can reach any more (see [`crate::sweep`]): files sent into a
    /// conversation and never put on a message, temporaries and blobs no version names, last
    /// written more than `grace` ago, and resumable uploads past their time.
    pub async fn sweep(&self, grace: std::time::Duration) -> Result<Swept, FileError> {
        let now = chrono::Utc::now();
        let grace = chrono::Duration::from_std(grace).unwrap_or(chrono::Duration::MAX);
        let db = self.db();
        // First, so that the bytes of files let go now are swept below.
        let unsent = self.forget_unsent(now).await?;
        let mut swept = self
            .blobs()
            .sweep(now - grace, |sha256| async move {
                Ok::<_, FileError>(files::blob_is_named(db, &sha256).await?)
            })
            .await?;
        swept.expired_uploads = self.spool().sweep(now).await?;
        swept.unsent_files = unsent;
        Ok(swept)
    }

    pub(crate) fn inner(&self) -> &Inner {
        &self.inner
    }

    pub(crate) fn spool(&self) -> &Spool {
        &self.inner.spool
    }

    pub(crate) fn db(&self) -> &Db {
        &self.inner.db
    }

    pub(crate) fn workspace(&self) -> &Workspace {
        &self.inner.workspace
    }
}
