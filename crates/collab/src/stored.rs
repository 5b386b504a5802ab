//! A document as the database holds it, read into a Yjs document. Everything accepted is
//! stored before it is relayed, so this is never behind what anyone has seen.

use fluxstudio_store::{
    Db, DbId, StoreError,
    documents::content::{self, Content},
};
use yrs::{Doc, ReadTxn, StateVector, Transact};

use crate::room::Room;

#[derive(Debug, thiserror::Error)]
pub enum StoredError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("a stored document does not decode: {0}")]
    Corrupt(String),
}

/// The document's content and the number of the last update in it; `None` when gone.
pub async fn load(db: &Db, document: DbId) -> Result<Option<(Doc, i64)>, StoredError> {
    let Some(content) = content::load(db, document).await? else {
        return Ok(None);
    };
    let room = read(content).await?;
    let seq = room.stored_seq();
    Ok(Some((room.doc().clone(), seq)))
}

/// Applies stored content on a blocking thread: a long tail of updates takes a while, and
/// the async workers keep serving everyone else meanwhile.
pub async fn read(content: Content) -> Result<Room, StoredError> {
    tokio::task::spawn_blocking(move || Room::load(&content))
        .await
        .map_err(|e| StoredError::Corrupt(format!("loading was cut short: {e}")))?
        .map_err(|e| StoredError::Corrupt(e.0))
}

/// The whole document as one Yjs v1 update.
pub fn state(doc: &Doc) -> Vec<u8> {
    doc.transact()
        .encode_state_as_update_v1(&StateVector::default())
}
