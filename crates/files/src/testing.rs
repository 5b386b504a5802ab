//! What the tests of this crate share: a store in a scratch folder, and bodies to send.

use bytes::Bytes;
use futures_util::{Stream, TryStreamExt, stream};

use crate::Blobs;

pub(crate) const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";

/// A store in a fresh folder, removed afterwards.
pub(crate) struct Scratch(pub(crate) std::path::PathBuf);

impl Scratch {
    pub(crate) fn new() -> Self {
        Self(std::env::temp_dir().join(format!("fluxstudio-blobs-{}", uuid::Uuid::new_v4())))
    }

    /// Every object in the store: blobs and temporaries.
    pub(crate) async fn objects(&self, blobs: &Blobs) -> Vec<String> {
        let mut all: Vec<String> = blobs
            .store
            .list(None)
            .map_ok(|meta| meta.location.to_string())
            .try_collect()
            .await
            .unwrap();
        all.sort();
        all
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `bytes` as a client sends them, in chunks of `size`.
pub(crate) fn body(
    bytes: Vec<u8>,
    size: usize,
) -> impl Stream<Item = Result<Bytes, String>> + Unpin {
    let chunks: Vec<Result<Bytes, String>> = bytes
        .chunks(size.max(1))
        .map(|c| Ok(Bytes::copy_from_slice(c)))
        .collect();
    stream::iter(chunks)
}

pub(crate) fn picture(size: usize) -> Vec<u8> {
    let mut bytes = PNG.to_vec();
    bytes.extend((0..size).map(|i| (i % 251) as u8));
    bytes
}
