//! A stored object's bytes as a stream of large pieces.
//!
//! `object_store` streams a file on the local disk in 8 KiB reads, each one its own
//! blocking task: for a 50 MiB download that is 6,400 hand-offs between threads, which cost
//! more CPU than sending the bytes (docs/PERFORMANCE.md, P11). Here a local file is read in
//! pieces of [`PIECE`] with `pread`, one blocking task per piece; a bucket's stream passes
//! through as it comes.

use std::{fs::File, ops::Range, os::unix::fs::FileExt, path::PathBuf, sync::Arc};

use bytes::Bytes;
use futures_util::{StreamExt, stream::BoxStream};
use object_store::{GetResult, GetResultPayload};

/// How much of a local file one read takes: large enough that the hand-off to the blocking
/// pool is a small part of its cost, small enough that a download holds little (hyper sends
/// one piece while the next is read).
pub const PIECE: usize = 512 * 1024;

/// The bytes of `got`, in pieces of at most [`PIECE`] when they come from a local file.
pub fn pieces(got: GetResult) -> BoxStream<'static, Result<Bytes, object_store::Error>> {
    let range = got.range.clone();
    match got.payload {
        GetResultPayload::File(file, path) => from_file(Arc::new(file), path, range),
        GetResultPayload::Stream(stream) => stream,
    }
}

fn from_file(
    file: Arc<File>,
    path: PathBuf,
    range: Range<u64>,
) -> BoxStream<'static, Result<Bytes, object_store::Error>> {
    futures_util::stream::try_unfold(range.start, move |at| {
        let (file, path) = (Arc::clone(&file), path.clone());
        let end = range.end;
        async move {
            if at >= end {
                return Ok(None);
            }
            let wanted = usize::try_from(end - at).map_or(PIECE, |left| left.min(PIECE));
            let piece = tokio::task::spawn_blocking(move || read_at(&file, &path, at, wanted))
                .await
                .map_err(|joined| object_store::Error::Generic {
                    store: "LocalFileSystem",
                    source: Box::new(joined),
                })??;
            let next = at + piece.len() as u64;
            Ok(Some((piece, next)))
        }
    })
    .boxed()
}

/// Reads exactly `wanted` bytes at `at`: a file that ends sooner was cut since it was
/// opened, which is an error, never a short download that looks whole.
fn read_at(
    file: &File,
    path: &std::path::Path,
    at: u64,
    wanted: usize,
) -> Result<Bytes, object_store::Error> {
    let mut buffer = vec![0; wanted];
    file.read_exact_at(&mut buffer, at)
        .map_err(|error| failed(path, error))?;
    Ok(Bytes::from(buffer))
}

fn failed(path: &std::path::Path, source: std::io::Error) -> object_store::Error {
    object_store::Error::Generic {
        store: "LocalFileSystem",
        source: format!("reading {}: {source}", path.display()).into(),
    }
}
