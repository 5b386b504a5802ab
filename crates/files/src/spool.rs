//! The spool of resumable uploads (tus, see `resumable`): on the local disk, each upload is
//! a ticket (`<id>.json`, what it is for and how long) and the bytes received so far
//! (`<id>.part`), appended in order and flushed to the disk before their new offset is
//! answered. The offset is the part's length, so a crash loses nothing that was answered,
//! and what arrived of a body cut short is kept for the client to continue after it.

use std::{
    collections::HashMap,
    io,
    path::{Path, PathBuf},
    sync::{Arc, Mutex as SyncMutex},
};

use bytes::Bytes;
use chrono::{DateTime, Utc};
use futures_util::{Stream, StreamExt, stream};
use serde::{Deserialize, Serialize};
use tokio::{
    fs,
    io::{AsyncReadExt, AsyncWriteExt},
    sync::{Mutex, OwnedMutexGuard},
};
use uuid::Uuid;

/// What a resumable upload is for, kept beside its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ticket {
    pub id: Uuid,
    /// Only they may continue, read or end it.
    pub user: Uuid,
    pub project: Uuid,
    /// The file it is a new version of; none for a new file.
    pub file: Option<Uuid>,
    pub name: String,
    /// The whole upload's length in bytes, declared when it was made.
    pub length: u64,
    pub expires_at: DateTime<Utc>,
    /// The file and version number it became, once whole.
    pub made: Option<(Uuid, i64)>,
}

/// Why bytes were not appended.
#[derive(Debug, thiserror::Error)]
pub enum AppendError {
    /// The client's offset is not the upload's.
    #[error("the upload is at byte {0}")]
    Offset(u64),
    #[error("more bytes than the upload's length")]
    TooLong,
    /// The body broke off; what arrived of it is kept.
    #[error("the body broke off at byte {offset}: {why}")]
    BrokeOff { offset: u64, why: String },
    #[error(transparent)]
    Io(#[from] io::Error),
}

#[derive(Debug)]
pub struct Spool {
    dir: PathBuf,
    /// One writer per upload at a time (see [`Spool::hold`]).
    busy: SyncMutex<HashMap<Uuid, Arc<Mutex<()>>>>,
}

impl Spool {
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            busy: SyncMutex::default(),
        }
    }

    fn ticket_path(&self, id: Uuid) -> PathBuf {
        self.dir.join(format!("{id}.json"))
    }

    fn part_path(&self, id: Uuid) -> PathBuf {
        self.dir.join(format!("{id}.part"))
    }

    /// Holds `id` for one request: `None` while another holds it (its client is already
    /// sending, or finishing it).
    pub fn hold(&self, id: Uuid) -> Option<OwnedMutexGuard<()>> {
        let mut busy = self
            .busy
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // Forget the locks nobody holds, so the map does not grow with every upload.
        busy.retain(|_, lock| Arc::strong_count(lock) > 1);
        busy.entry(id).or_default().clone().try_lock_owned().ok()
    }

    /// Makes an upload: an empty part, then its ticket.
    pub async fn create(&self, ticket: &Ticket) -> io::Result<()> {
        fs::create_dir_all(&self.dir).await?;
        fs::File::create(self.part_path(ticket.id))
            .await?
            .sync_all()
            .await?;
        self.save(ticket).await
    }

    /// Writes `ticket` whole or not at all (a temporary file, flushed, then renamed).
    pub async fn save(&self, ticket: &Ticket) -> io::Result<()> {
        let json = serde_json::to_vec(ticket).map_err(io::Error::other)?;
        let path = self.ticket_path(ticket.id);
        let temporary = path.with_extension("json.tmp");
        let mut file = fs::File::create(&temporary).await?;
        file.write_all(&json).await?;
        file.sync_all().await?;
        fs::rename(&temporary, &path).await?;
        sync_dir(&self.dir).await
    }

    pub async fn ticket(&self, id: Uuid) -> io::Result<Option<Ticket>> {
        match fs::read(self.ticket_path(id)).await {
            Ok(json) => serde_json::from_slice(&json)
                .map(Some)
                .map_err(io::Error::other),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// The bytes received so far (0 once the upload was made into a file).
    pub async fn offset(&self, id: Uuid) -> io::Result<u64> {
        match fs::metadata(self.part_path(id)).await {
            Ok(meta) => Ok(meta.len()),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(0),
            Err(error) => Err(error),
        }
    }

    /// Appends `body` at `offset` (which must be where the upload is), up to `length`
    /// bytes in all; flushed before the new offset is returned. Hold the upload first.
    pub async fn append<S, E>(
        &self,
        id: Uuid,
        offset: u64,
        length: u64,
        mut body: S,
    ) -> Result<u64, AppendError>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin,
        E: std::fmt::Display,
    {
        let at = self.offset(id).await?;
        if at != offset {
            return Err(AppendError::Offset(at));
        }
        let mut file = fs::OpenOptions::new()
            .append(true)
            .open(self.part_path(id))
            .await?;
        let mut written = at;
        let mut outcome = Ok(());
        while let Some(chunk) = body.next().await {
            let chunk = match chunk {
                Ok(chunk) => chunk,
                Err(why) => {
                    outcome = Err(why.to_string());
                    break;
                }
            };
            if written + chunk.len() as u64 > length {
                // What fits is kept; the rest is refused.
                let room = usize::try_from(length - written).unwrap_or(0);
                file.write_all(&chunk[..room]).await?;
                file.sync_data().await?;
                return Err(AppendError::TooLong);
            }
            file.write_all(&chunk).await?;
            written += chunk.len() as u64;
        }
        file.sync_data().await?;
        match outcome {
            Ok(()) => Ok(written),
            Err(why) => Err(AppendError::BrokeOff {
                offset: written,
                why,
            }),
        }
    }

    /// The bytes received, streamed.
    pub async fn read(
        &self,
        id: Uuid,
    ) -> io::Result<impl Stream<Item = io::Result<Bytes>> + Unpin + use<>> {
        let file = fs::File::open(self.part_path(id)).await?;
        Ok(Box::pin(stream::unfold(Some(file), |file| async move {
            let mut file = file?;
            let mut buffer = vec![0_u8; 256 * 1024];
            match file.read(&mut buffer).await {
                Ok(0) => None,
                Ok(n) => {
                    buffer.truncate(n);
                    Some((Ok(Bytes::from(buffer)), Some(file)))
                }
                Err(error) => Some((Err(error), None)),
            }
        })))
    }

    /// Drops the bytes once they are a file; the ticket stays (to answer a late retry) until
    /// it expires.
    pub async fn drop_part(&self, id: Uuid) -> io::Result<()> {
        ignore_missing(fs::remove_file(self.part_path(id)).await)
    }

    /// Removes an upload: its bytes and its ticket.
    pub async fn remove(&self, id: Uuid) -> io::Result<()> {
        self.drop_part(id).await?;
        ignore_missing(fs::remove_file(self.ticket_path(id)).await)
    }

    /// Removes every upload expired by `now`, and any part or ticket left without the
    /// other by a crash; how many uploads went.
    pub async fn sweep(&self, now: DateTime<Utc>) -> io::Result<usize> {
        let mut entries = match fs::read_dir(&self.dir).await {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(0),
            Err(error) => return Err(error),
        };
        let mut ids = Vec::new();
        while let Some(entry) = entries.next_entry().await? {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(id) = name.split('.').next().and_then(|s| Uuid::parse_str(s).ok()) {
                ids.push(id);
            }
        }
        ids.sort();
        ids.dedup();
        let mut removed = 0;
        for id in ids {
            let Some(_held) = self.hold(id) else { continue };
            let expired = match self.ticket(id).await {
                Ok(Some(ticket)) => ticket.expires_at <= now,
                // A part without its ticket (a crash between the two writes of `create`),
                // or a ticket that cannot be read: nobody can continue it.
                Ok(None) | Err(_) => true,
            };
            if expired {
                self.remove(id).await?;
                ignore_missing(
                    fs::remove_file(self.ticket_path(id).with_extension("json.tmp")).await,
                )?;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

fn ignore_missing(result: io::Result<()>) -> io::Result<()> {
    match result {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// Makes a rename in `dir` durable.
async fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir).await?.sync_all().await
}

#[cfg(test)]
mod tests {
    use std::convert::Infallible;

    use super::*;
    use crate::testing::Scratch;

    fn ticket(length: u64, expires_at: DateTime<Utc>) -> Ticket {
        Ticket {
            id: Uuid::now_v7(),
            user: Uuid::now_v7(),
            project: Uuid::now_v7(),
            file: None,
            name: "a.png".into(),
            length,
            expires_at,
            made: None,
        }
    }

    fn chunks(parts: &[&'static [u8]]) -> impl Stream<Item = Result<Bytes, Infallible>> + Unpin {
        stream::iter(
            parts
                .iter()
                .map(|p| Ok(Bytes::from_static(p)))
                .collect::<Vec<_>>(),
        )
    }

    #[tokio::test]
    async fn bytes_are_appended_in_order_at_the_offset_only() {
        let scratch = Scratch::new();
        let spool = Spool::new(scratch.0.join("resumable"));
        let later = Utc::now() + chrono::Duration::hours(1);
        let upload = ticket(10, later);
        spool.create(&upload).await.unwrap();
        assert_eq!(spool.ticket(upload.id).await.unwrap(), Some(upload.clone()));
        let held = spool.hold(upload.id).unwrap();
        assert!(spool.hold(upload.id).is_none(), "one writer at a time");
        assert_eq!(
            spool
                .append(upload.id, 0, 10, chunks(&[b"abc", b"de"]))
                .await
                .unwrap(),
            5
        );
        let wrong = spool.append(upload.id, 3, 10, chunks(&[b"x"])).await;
        assert!(matches!(wrong, Err(AppendError::Offset(5))));
        let over = spool.append(upload.id, 5, 10, chunks(&[b"fghijkl"])).await;
        assert!(matches!(over, Err(AppendError::TooLong)));
        assert_eq!(
            spool.offset(upload.id).await.unwrap(),
            10,
            "what fits is kept"
        );
        let mut read = Vec::new();
        let mut bytes = spool.read(upload.id).await.unwrap();
        while let Some(chunk) = bytes.next().await {
            read.extend_from_slice(&chunk.unwrap());
        }
        assert_eq!(read, b"abcdefghij");
        drop(held);
        assert!(spool.hold(upload.id).is_some());
    }

    #[tokio::test]
    async fn a_body_cut_short_keeps_what_arrived() {
        let scratch = Scratch::new();
        let spool = Spool::new(scratch.0.join("resumable"));
        let upload = ticket(100, Utc::now() + chrono::Duration::hours(1));
        spool.create(&upload).await.unwrap();
        let broken = stream::iter(vec![Ok(Bytes::from_static(b"1234")), Err("reset")]);
        let cut = spool.append(upload.id, 0, 100, broken).await;
        assert!(matches!(cut, Err(AppendError::BrokeOff { offset: 4, .. })));
        assert_eq!(spool.offset(upload.id).await.unwrap(), 4);
    }

    #[tokio::test]
    async fn the_sweep_takes_expired_and_orphaned_uploads_only() {
        let scratch = Scratch::new();
        let dir = scratch.0.join("resumable");
        let spool = Spool::new(dir.clone());
        let now = Utc::now();
        let live = ticket(10, now + chrono::Duration::hours(1));
        let expired = ticket(10, now - chrono::Duration::seconds(1));
        spool.create(&live).await.unwrap();
        spool.create(&expired).await.unwrap();
        let orphan = Uuid::now_v7();
        std::fs::write(dir.join(format!("{orphan}.part")), b"lost").unwrap();
        assert_eq!(spool.sweep(now).await.unwrap(), 2);
        assert!(spool.ticket(live.id).await.unwrap().is_some());
        assert!(spool.ticket(expired.id).await.unwrap().is_none());
        let mut left: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [format!("{}.json", live.id), format!("{}.part", live.id)]
        );
    }
}
