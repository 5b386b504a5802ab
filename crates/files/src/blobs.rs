//! Blobs: a file's bytes, stored once under their SHA-256 whatever the file is called
//! (`blobs/ab/ab12…`), through `object_store` (the local disk by default). A write goes to
//! a temporary object (`tmp/<uuid>`) while it is hashed, measured and its type told; only
//! a complete, accepted body is moved to its key, durably (`fsync` on the local disk). A
//! refused or broken upload leaves nothing behind; one cut short by a crash leaves only a
//! temporary object, which the sweep removes.

use std::{fmt::Display, path::Path as FsPath, sync::Arc};

use tokio::sync::{RwLock, RwLockReadGuard};

use bytes::Bytes;
use futures_util::{Stream, StreamExt, stream::BoxStream};
use object_store::{GetResult, ObjectStore, ObjectStoreExt, local::LocalFileSystem, path::Path};
use sha2::{Digest, Sha256};

use crate::kinds::{self, HEAD_BYTES, Kind};
use crate::staging::Sink;

/// Where uploads are written before they are whole (`tmp/<uuid>`).
pub(crate) const TEMPORARY: &str = "tmp";
/// Where whole blobs live (`blobs/ab/ab12…`).
pub(crate) const BLOBS: &str = "blobs";
/// Where a blob's previews live (`previews/<sha256>/small.jpg`).
pub(crate) const PREVIEWS: &str = "previews";

#[derive(Debug, thiserror::Error)]
pub enum PutError {
    #[error("the file is larger than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("the file is empty")]
    Empty,
    #[error("this type of file is not accepted")]
    Unsupported,
    /// The client's body broke off (the connection closed, say).
    #[error("the upload broke off: {0}")]
    Body(String),
    #[error("storage failed: {0}")]
    Storage(#[from] object_store::Error),
}

/// A blob as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Lower-case hex.
    pub sha256: String,
    pub size: u64,
    pub kind: Kind,
}

/// A body stored whole as a temporary object, not yet under its key.
#[derive(Debug)]
pub struct Staged {
    pub(crate) temporary: Path,
    pub stored: Stored,
}

#[derive(Debug, Clone)]
pub struct Blobs {
    pub(crate) store: Arc<dyn ObjectStore>,
    /// The folder of a store on the local disk, where an upload cut short by a crash leaves
    /// a staging file the store's listing does not show (see [`crate::sweep`]).
    pub(crate) local_root: Option<std::path::PathBuf>,
    /// Held (shared) from moving a blob to its key until the row that names it is
    /// committed, and (alone) by the sweep while it decides a blob is unnamed and removes
    /// it: so the sweep never removes bytes that a new version of the same content has just
    /// been given.
    pub(crate) naming: Arc<RwLock<()>>,
}

impl Blobs {
    /// Blobs on the local disk under `root` (created when missing), written durably.
    pub fn local(root: &FsPath) -> Result<Self, object_store::Error> {
        std::fs::create_dir_all(root).map_err(|source| object_store::Error::Generic {
            store: "LocalFileSystem",
            source: Box::new(source),
        })?;
        let store = LocalFileSystem::new_with_prefix(root)?.with_fsync(true);
        Ok(Self {
            store: Arc::new(store),
            local_root: Some(root.to_path_buf()),
            naming: Arc::default(),
        })
    }

    /// Blobs in an S3-compatible bucket.
    pub fn in_bucket(bucket: &crate::Bucket) -> Result<Self, object_store::Error> {
        Ok(Self {
            store: bucket.open()?,
            local_root: None,
            naming: Arc::default(),
        })
    }

    /// Whether the store answers (a bucket that does not exist, or keys it refuses, do not):
    /// asked once at start, so a wrong setting stops the server rather than every upload.
    pub async fn reachable(&self) -> Result<(), object_store::Error> {
        self.store
            .list_with_delimiter(Some(&Path::from(TEMPORARY)))
            .await
            .map(|_| ())
    }

    /// Where the blob of `sha256` lives: never derived from anything a person typed.
    pub fn key(sha256: &str) -> Path {
        Path::from(format!(
            "{BLOBS}/{}/{sha256}",
            &sha256[..2.min(sha256.len())]
        ))
    }

    /// Stores `body` under its key: [`Blobs::stage`] then [`Blobs::keep`].
    pub async fn put<S, E>(&self, body: S, name: &str, limit: u64) -> Result<Stored, PutError>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin,
        E: Display,
    {
        let staged = self.stage(body, name, limit).await?;
        let _naming = self.naming().await;
        self.keep(staged).await
    }

    /// Stores `body` (streamed: never held whole) as a temporary object when it is at most
    /// `limit` bytes, not empty, and of a type on the list (told from its first bytes and,
    /// for design formats, `name`'s extension). A refusal stops reading at once and leaves
    /// nothing.
    pub async fn stage<S, E>(&self, body: S, name: &str, limit: u64) -> Result<Staged, PutError>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin,
        E: Display,
    {
        let uuid = uuid::Uuid::now_v7().to_string();
        let mut sink = Sink::open(self, &uuid).await?;
        let mut reading = Reading::new(name, limit);
        if let Err(refused) = reading.copy(body, &mut sink).await {
            if let Err(error) = sink.abort().await {
                tracing::warn!(%error, "could not discard a refused upload");
            }
            return Err(refused);
        }
        sink.finish().await?;
        let temporary = Path::from(format!("{TEMPORARY}/{uuid}"));
        let stored = reading.stored()?;
        Ok(Staged { temporary, stored })
    }

    /// The shared hold on naming blobs: take it before [`Blobs::keep`] and keep it until
    /// the row naming the blob is committed.
    pub async fn naming(&self) -> RwLockReadGuard<'_, ()> {
        self.naming.read().await
    }

    /// Moves a staged body to its key (durably on the local disk). The same bytes have the
    /// same key: replacing a blob with itself changes nothing.
    pub async fn keep(&self, staged: Staged) -> Result<Stored, PutError> {
        self.store
            .rename(&staged.temporary, &Self::key(&staged.stored.sha256))
            .await?;
        Ok(staged.stored)
    }

    /// Removes a staged body that will not be kept.
    pub async fn discard(&self, staged: Staged) {
        if let Err(error) = self.store.delete(&staged.temporary).await {
            tracing::warn!(%error, "could not remove a discarded upload; the sweep will");
        }
    }

    fn preview_key(sha256: &str, name: &str) -> Path {
        Path::from(format!("{PREVIEWS}/{sha256}/{name}.jpg"))
    }

    /// Stores the preview `name` of the blob `sha256` (it goes when the blob does).
    pub async fn put_preview(
        &self,
        sha256: &str,
        name: &str,
        jpeg: Bytes,
    ) -> Result<(), object_store::Error> {
        self.store
            .put(&Self::preview_key(sha256, name), jpeg.into())
            .await
            .map(|_| ())
    }

    pub async fn get_preview(
        &self,
        sha256: &str,
        name: &str,
    ) -> Result<GetResult, object_store::Error> {
        self.store.get(&Self::preview_key(sha256, name)).await
    }

    /// The blob's bytes, all of them or `range`.
    pub async fn get(
        &self,
        sha256: &str,
        range: Option<std::ops::Range<u64>>,
    ) -> Result<GetResult, object_store::Error> {
        let options = object_store::GetOptions {
            range: range.map(Into::into),
            ..Default::default()
        };
        self.store.get_opts(&Self::key(sha256), options).await
    }

    /// The blob's bytes, all of them or `range`, as a stream of large pieces (see
    /// [`crate::pieces`]): what a download sends.
    pub async fn read(
        &self,
        sha256: &str,
        range: Option<std::ops::Range<u64>>,
    ) -> Result<BoxStream<'static, Result<Bytes, object_store::Error>>, object_store::Error> {
        Ok(crate::pieces::pieces(self.get(sha256, range).await?))
    }
}

/// One body being read: hashed, measured and its type told as it streams by.
struct Reading<'a> {
    name: &'a str,
    limit: u64,
    hasher: Sha256,
    size: u64,
    head: Vec<u8>,
    kind: Option<Kind>,
}

impl<'a> Reading<'a> {
    fn new(name: &'a str, limit: u64) -> Self {
        Self {
            name,
            limit,
            hasher: Sha256::new(),
            size: 0,
            head: Vec::with_capacity(HEAD_BYTES),
            kind: None,
        }
    }

    async fn copy<S, E>(&mut self, mut body: S, sink: &mut Sink) -> Result<(), PutError>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin,
        E: Display,
    {
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(|error| PutError::Body(error.to_string()))?;
            self.size += chunk.len() as u64;
            if self.size > self.limit {
                return Err(PutError::TooLarge { limit: self.limit });
            }
            if self.kind.is_none() {
                let wanted = HEAD_BYTES - self.head.len();
                self.head
                    .extend_from_slice(&chunk[..wanted.min(chunk.len())]);
                if self.head.len() == HEAD_BYTES {
                    self.kind = Some(self.classify()?);
                }
            }
            self.hasher.update(&chunk);
            sink.put(chunk).await?;
        }
        if self.size == 0 {
            return Err(PutError::Empty);
        }
        if self.kind.is_none() {
            self.kind = Some(self.classify()?);
        }
        Ok(())
    }

    fn classify(&self) -> Result<Kind, PutError> {
        kinds::classify(&self.head, self.name).ok_or(PutError::Unsupported)
    }

    fn stored(self) -> Result<Stored, PutError> {
        let kind = self.kind.ok_or(PutError::Unsupported)?;
        let digest = self.hasher.finalize();
        let sha256 = digest.iter().map(|b| format!("{b:02x}")).collect();
        Ok(Stored {
            sha256,
            size: self.size,
            kind,
        })
    }
}

#[cfg(test)]
mod tests {
    use futures_util::{TryStreamExt, stream};

    use super::*;
    use crate::testing::*;

    #[tokio::test]
    async fn the_same_bytes_are_stored_once_under_their_hash() {
        let scratch = Scratch::new();
        let blobs = Blobs::local(&scratch.0).unwrap();
        let bytes = picture(20_000);
        let first = blobs
            .put(body(bytes.clone(), 777), "a.png", 1 << 20)
            .await
            .unwrap();
        let second = blobs
            .put(body(bytes.clone(), 4096), "other name.png", 1 << 20)
            .await
            .unwrap();
        assert_eq!(first, second);
        let expected: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(first.sha256, expected);
        assert_eq!(first.size, bytes.len() as u64);
        assert_eq!(first.kind.mime, "image/png");
        let key = format!("blobs/{}/{}", &expected[..2], expected);
        assert_eq!(scratch.objects(&blobs).await, vec![key]);
        let read = blobs
            .get(&expected, None)
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        assert_eq!(read.as_ref(), bytes.as_slice());
        let part = blobs
            .get(&expected, Some(8..16))
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        assert_eq!(part.as_ref(), &bytes[8..16]);
    }

    #[tokio::test]
    async fn a_blob_is_read_in_large_pieces_whole_or_in_part() {
        let scratch = Scratch::new();
        let blobs = Blobs::local(&scratch.0).unwrap();
        let bytes = picture(3 * crate::pieces::PIECE + 1234);
        let stored = blobs
            .put(body(bytes.clone(), 64 * 1024), "big.png", 1 << 24)
            .await
            .unwrap();
        let read = |range| {
            let blobs = blobs.clone();
            let sha256 = stored.sha256.clone();
            async move {
                let pieces: Vec<Bytes> = blobs
                    .read(&sha256, range)
                    .await
                    .unwrap()
                    .try_collect()
                    .await
                    .unwrap();
                pieces
            }
        };
        let whole = read(None).await;
        let sizes: Vec<usize> = whole.iter().map(Bytes::len).collect();
        let piece = crate::pieces::PIECE;
        assert_eq!(sizes, vec![piece, piece, piece, bytes.len() - 3 * piece]);
        assert_eq!(whole.concat(), bytes);
        let across = (piece as u64 - 10)..(piece as u64 + 20);
        let part = read(Some(across.clone())).await;
        assert_eq!(
            part.concat(),
            &bytes[across.start as usize..across.end as usize]
        );
    }

    #[tokio::test]
    async fn refusals_leave_nothing_behind() {
        let scratch = Scratch::new();
        let blobs = Blobs::local(&scratch.0).unwrap();
        let too_large = blobs
            .put(body(picture(50_000), 1000), "big.png", 10_000)
            .await;
        assert!(matches!(
            too_large,
            Err(PutError::TooLarge { limit: 10_000 })
        ));
        let empty = blobs.put(body(Vec::new(), 1), "empty.png", 10_000).await;
        assert!(matches!(empty, Err(PutError::Empty)));
        let script = blobs
            .put(
                body(b"#!/bin/sh\nrm -rf /\n".to_vec(), 4),
                "run.png",
                10_000,
            )
            .await;
        assert!(matches!(script, Err(PutError::Unsupported)));
        let mut broken: Vec<Result<Bytes, String>> = vec![Ok(Bytes::from(picture(100)))];
        broken.push(Err("connection reset".to_owned()));
        let cut = blobs.put(stream::iter(broken), "cut.png", 10_000).await;
        assert!(matches!(cut, Err(PutError::Body(_))));
        assert_eq!(scratch.objects(&blobs).await, Vec::<String>::new());
    }

    #[tokio::test]
    async fn the_limit_is_exact() {
        let scratch = Scratch::new();
        let blobs = Blobs::local(&scratch.0).unwrap();
        let bytes = picture(1000);
        let limit = bytes.len() as u64;
        assert!(
            blobs
                .put(body(bytes.clone(), 100), "x.png", limit)
                .await
                .is_ok()
        );
        let over = blobs.put(body(bytes, 100), "x.png", limit - 1).await;
        assert!(matches!(over, Err(PutError::TooLarge { .. })));
    }
}
