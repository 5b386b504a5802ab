//! The file service: a project's files and their versions, for the people the project's
//! rules let in. Bytes go to the blob store (`blobs`), rows to the database
//! (`fluxstudio_store::files`), activities and live events through the workspace.

use std::sync::Arc;

use fluxstudio_store::{Db, files};
use fluxstudio_workspace::Workspace;

use crate::{Blobs, FileError, sweep::Swept};

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

struct Inner {
    db: Db,
    workspace: Workspace,
    blobs: Blobs,
    settings: FileSettings,
}

impl Files {
    pub fn new(db: Db, workspace: Workspace, blobs: Blobs, settings: FileSettings) -> Self {
        Self {
            inner: Arc::new(Inner {
                db,
                workspace,
                blobs,
                settings,
            }),
        }
    }

    pub fn settings(&self) -> FileSettings {
        self.inner.settings
    }

    pub fn blobs(&self) -> &Blobs {
        &self.inner.blobs
    }

    /// Removes what no one can reach any more (see [`crate::sweep`]): temporaries and blobs
    /// no version names, last written more than `grace` ago.
    pub async fn sweep(&self, grace: std::time::Duration) -> Result<Swept, FileError> {
        let grace = chrono::Duration::from_std(grace).unwrap_or(chrono::Duration::MAX);
        let before = chrono::Utc::now() - grace;
        let db = self.db();
        self.blobs()
            .sweep(before, |sha256| async move {
                Ok::<_, FileError>(files::blob_is_named(db, &sha256).await?)
            })
            .await
    }

    pub(crate) fn db(&self) -> &Db {
        &self.inner.db
    }

    pub(crate) fn workspace(&self) -> &Workspace {
        &self.inner.workspace
    }
}
