//! Where an upload's bytes go while it arrives: its temporary object (`tmp/<uuid>`).
//!
//! In a bucket that is a multipart upload. On the local disk it is a file written here
//! rather than through `object_store`, for one reason: its pages are sent to the disk while
//! the rest of the body arrives (a `fdatasync` in the background every [`SYNC_EVERY`]
//! bytes), so the `fsync` that makes it durable before the 201 has little left to do. A
//! 50 MiB upload otherwise waited about 30 ms for that last `fsync` (docs/PERFORMANCE.md,
//! P11). What it holds is bounded: one batch gathering and one being written.

use std::{
    fs::File,
    io,
    os::unix::fs::FileExt,
    path::{Path as FsPath, PathBuf},
    sync::Arc,
};

use bytes::Bytes;
use object_store::{ObjectStoreExt, WriteMultipart, path::Path};
use tokio::task::JoinHandle;

use crate::blobs::{Blobs, TEMPORARY};

/// Parts in flight to a bucket at once, each up to `object_store`'s part size (5 MiB).
const PARTS_IN_FLIGHT: usize = 2;
/// Bytes gathered before they are written to the local file in one blocking task.
const BATCH: usize = 1024 * 1024;
/// Bytes written between the background `fdatasync`s of a local file.
const SYNC_EVERY: u64 = 8 * 1024 * 1024;

/// An upload's temporary object being written.
pub(crate) enum Sink {
    Disk(DiskSink),
    Bucket(WriteMultipart),
}

impl Sink {
    /// Starts the temporary object `tmp/<name>` in `blobs`' store.
    pub(crate) async fn open(blobs: &Blobs, name: &str) -> Result<Self, object_store::Error> {
        match &blobs.local_root {
            Some(root) => Ok(Self::Disk(
                DiskSink::create(root.join(TEMPORARY).join(name)).await?,
            )),
            None => {
                let temporary = Path::from(format!("{TEMPORARY}/{name}"));
                let upload = blobs.store.put_multipart(&temporary).await?;
                Ok(Self::Bucket(WriteMultipart::new(upload)))
            }
        }
    }

    pub(crate) async fn put(&mut self, chunk: Bytes) -> Result<(), object_store::Error> {
        match self {
            Self::Disk(disk) => disk.put(chunk).await,
            Self::Bucket(writer) => {
                writer.wait_for_capacity(PARTS_IN_FLIGHT).await?;
                writer.put(chunk);
                Ok(())
            }
        }
    }

    /// Writes what is left and makes the whole object durable.
    pub(crate) async fn finish(self) -> Result<(), object_store::Error> {
        match self {
            Self::Disk(disk) => disk.finish().await,
            Self::Bucket(writer) => writer.finish().await.map(|_| ()),
        }
    }

    /// Drops the object and what was written of it.
    pub(crate) async fn abort(self) -> Result<(), object_store::Error> {
        match self {
            Self::Disk(disk) => disk.abort().await,
            Self::Bucket(writer) => writer.abort().await,
        }
    }
}

/// A temporary object on the local disk: one file, written in batches by blocking tasks.
pub(crate) struct DiskSink {
    path: PathBuf,
    file: Arc<File>,
    /// Bytes handed to writes so far (the next batch's offset).
    written: u64,
    /// `written` when the last background `fdatasync` started.
    synced: u64,
    batch: Vec<Bytes>,
    batch_len: usize,
    writing: Option<JoinHandle<io::Result<()>>>,
    syncing: Option<JoinHandle<io::Result<()>>>,
    /// Until finished or aborted, dropping the sink removes the file.
    open: bool,
}

impl DiskSink {
    async fn create(path: PathBuf) -> Result<Self, object_store::Error> {
        let at = path.clone();
        let file = blocking(move || {
            if let Some(folder) = at.parent() {
                std::fs::create_dir_all(folder)?;
            }
            File::options().write(true).create_new(true).open(&at)
        })
        .await
        .map_err(|error| failed(&path, error))?;
        Ok(Self {
            path,
            file: Arc::new(file),
            written: 0,
            synced: 0,
            batch: Vec::new(),
            batch_len: 0,
            writing: None,
            syncing: None,
            open: true,
        })
    }

    async fn put(&mut self, chunk: Bytes) -> Result<(), object_store::Error> {
        self.batch_len += chunk.len();
        self.batch.push(chunk);
        if self.batch_len >= BATCH {
            self.write_batch().await?;
        }
        Ok(())
    }

    /// Waits for the batch being written, then starts writing the one gathered (and a
    /// background `fdatasync` when enough has been written since the last).
    async fn write_batch(&mut self) -> Result<(), object_store::Error> {
        self.settle_write().await?;
        if self.written - self.synced >= SYNC_EVERY
            && self.syncing.as_ref().is_none_or(JoinHandle::is_finished)
        {
            self.settle_sync().await?;
            let file = Arc::clone(&self.file);
            self.syncing = Some(tokio::task::spawn_blocking(move || file.sync_data()));
            self.synced = self.written;
        }
        let batch = std::mem::take(&mut self.batch);
        let mut at = self.written;
        self.written += self.batch_len as u64;
        self.batch_len = 0;
        let file = Arc::clone(&self.file);
        self.writing = Some(tokio::task::spawn_blocking(move || {
            for chunk in batch {
                file.write_all_at(&chunk, at)?;
                at += chunk.len() as u64;
            }
            Ok(())
        }));
        Ok(())
    }

    async fn settle_write(&mut self) -> Result<(), object_store::Error> {
        match self.writing.take() {
            Some(task) => joined(task)
                .await
                .map_err(|error| failed(&self.path, error)),
            None => Ok(()),
        }
    }

    async fn settle_sync(&mut self) -> Result<(), object_store::Error> {
        match self.syncing.take() {
            Some(task) => joined(task)
                .await
                .map_err(|error| failed(&self.path, error)),
            None => Ok(()),
        }
    }

    async fn finish(mut self) -> Result<(), object_store::Error> {
        if self.batch_len > 0 {
            self.write_batch().await?;
        }
        self.settle_write().await?;
        self.settle_sync().await?;
        let file = Arc::clone(&self.file);
        blocking(move || file.sync_all())
            .await
            .map_err(|error| failed(&self.path, error))?;
        self.open = false;
        Ok(())
    }

    async fn abort(mut self) -> Result<(), object_store::Error> {
        // Errors of the writes no longer matter; they must only be over.
        let _ = self.settle_write().await;
        let _ = self.settle_sync().await;
        self.open = false;
        let path = self.path.clone();
        blocking(move || std::fs::remove_file(&path))
            .await
            .map_err(|error| failed(&self.path, error))
    }
}

impl Drop for DiskSink {
    /// An upload dropped halfway (its request gone) leaves no file behind; should this
    /// fail, the sweep removes it.
    fn drop(&mut self) {
        if self.open {
            let path = self.path.clone();
            match tokio::runtime::Handle::try_current() {
                Ok(runtime) => drop(runtime.spawn_blocking(move || std::fs::remove_file(path))),
                Err(_) => drop(std::fs::remove_file(path)),
            }
        }
    }
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> io::Result<T> + Send + 'static,
) -> io::Result<T> {
    joined(tokio::task::spawn_blocking(work)).await
}

async fn joined<T>(task: JoinHandle<io::Result<T>>) -> io::Result<T> {
    task.await.map_err(io::Error::other)?
}

fn failed(path: &FsPath, source: io::Error) -> object_store::Error {
    object_store::Error::Generic {
        store: "LocalFileSystem",
        source: format!("writing {}: {source}", path.display()).into(),
    }
}

#[cfg(test)]
mod tests {
    use futures_util::{StreamExt, future, stream};

    use super::*;
    use crate::testing::*;

    #[tokio::test]
    async fn a_body_of_many_batches_and_syncs_is_staged_byte_for_byte() {
        let scratch = Scratch::new();
        let blobs = Blobs::local(&scratch.0).unwrap();
        // Past two background syncs, in chunks that do not divide a batch.
        let bytes = picture(2 * SYNC_EVERY as usize + 3 * BATCH + 77);
        let staged = blobs
            .stage(body(bytes.clone(), 65_521), "big.png", 1 << 30)
            .await
            .unwrap();
        let on_disk = std::fs::read(scratch.0.join(staged.temporary.as_ref())).unwrap();
        assert_eq!(on_disk.len(), bytes.len());
        assert!(on_disk == bytes, "the staged file differs from the body");
        let stored = blobs.keep(staged).await.unwrap();
        let key = format!("blobs/{}/{}", &stored.sha256[..2], stored.sha256);
        assert_eq!(scratch.objects(&blobs).await, vec![key]);
    }

    #[tokio::test]
    async fn a_body_refused_after_several_batches_leaves_nothing() {
        let scratch = Scratch::new();
        let blobs = Blobs::local(&scratch.0).unwrap();
        let bytes = picture(SYNC_EVERY as usize + 5 * BATCH);
        let limit = SYNC_EVERY + 4 * BATCH as u64;
        let refused = blobs.stage(body(bytes, 40_000), "big.png", limit).await;
        assert!(matches!(refused, Err(crate::PutError::TooLarge { .. })));
        assert_eq!(scratch.objects(&blobs).await, Vec::<String>::new());
    }

    #[tokio::test]
    async fn an_upload_dropped_halfway_leaves_no_file() {
        let scratch = Scratch::new();
        let blobs = Blobs::local(&scratch.0).unwrap();
        let (sent, all_sent) = tokio::sync::oneshot::channel::<()>();
        let mut sent = Some(sent);
        // Three batches, then a body that never ends: the request is dropped meanwhile.
        let first = body(picture(3 * BATCH), 50_000);
        let then = stream::poll_fn(move |_| {
            if let Some(sent) = sent.take() {
                let _ = sent.send(());
            }
            std::task::Poll::Pending
        });
        let staging = blobs.stage(first.chain(then), "cut.png", 1 << 30);
        match future::select(Box::pin(staging), all_sent).await {
            future::Either::Left(_) => panic!("the body never ends"),
            future::Either::Right((_, staging)) => drop(staging),
        }
        // The removal is handed to a blocking task: wait until it has run.
        let folder = scratch.0.join(TEMPORARY);
        let mut left = usize::MAX;
        for _ in 0..1000 {
            left = std::fs::read_dir(&folder).unwrap().count();
            if left == 0 {
                break;
            }
            tokio::task::yield_now().await;
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        assert_eq!(left, 0, "the dropped upload's file is still there");
    }
}
