//! A document's content: its compacted state and the updates stored after it. Updates are
//! numbered per document in the transaction that stores them; loading reads the state and
//! exactly the updates after it in one transaction, so a compaction running at the same
//! time can neither drop nor repeat one.

use chrono::{DateTime, Utc};

use crate::{Begin, Db, DbId, StoreError, read_with, write_with};

/// What a document is made of: `state` merges every update up to `state_seq`; `updates`
/// are the ones after it, in order, the last numbered `last_seq`.
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub state: Vec<u8>,
    pub state_seq: i64,
    pub updates: Vec<Vec<u8>>,
    pub last_seq: i64,
}

/// Stores `updates` (Yjs v1 updates, in the order they were applied) after the document's
/// newest, in one transaction. Returns the number of the last one, or `None` when the
/// document is gone.
pub async fn append(
    db: &Db,
    document: DbId,
    updates: &[Vec<u8>],
    now: DateTime<Utc>,
) -> Result<Option<i64>, StoreError> {
    const NEXT: &str = "UPDATE documents SET last_seq = last_seq + $2, updated_at = $3 \
         WHERE id = $1 RETURNING last_seq";
    // Rows per INSERT: well under SQLite's limit of 32,766 bound values.
    const CHUNK: usize = 500;
    if updates.is_empty() {
        return Ok(None);
    }
    write_with!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        let Some(last): Option<i64> = sqlx::query_scalar(NEXT)
            .bind(document)
            .bind(updates.len() as i64)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?
        else {
            return Ok(None);
        };
        let mut seq = last - updates.len() as i64;
        for chunk in updates.chunks(CHUNK) {
            let values = (0..chunk.len())
                .map(|i| format!("($1, ${}, ${})", 2 + 2 * i, 3 + 2 * i))
                .collect::<Vec<_>>()
                .join(", ");
            let sql = sqlx::AssertSqlSafe(format!(
                "INSERT INTO document_updates (document_id, seq, data) VALUES {values}"
            ));
            let mut query = sqlx::query(sql).bind(document);
            for update in chunk {
                seq += 1;
                query = query.bind(seq).bind(update.as_slice());
            }
            query.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok::<_, StoreError>(Some(last))
    })
}

/// The document's content, or `None` when there is no such document.
pub async fn load(db: &Db, document: DbId) -> Result<Option<Content>, StoreError> {
    load_after(db, document, None).await
}

/// The updates stored after `seq` (for a copy in memory that may be behind the database,
/// written by another process), or the whole content when `seq` is before the compacted
/// state. `None` when there is no such document.
pub async fn load_after(
    db: &Db,
    document: DbId,
    seq: Option<i64>,
) -> Result<Option<Content>, StoreError> {
    const HEAD: &str = "SELECT state_seq, last_seq FROM documents WHERE id = $1";
    const STATE: &str = "SELECT state FROM documents WHERE id = $1";
    const TAIL: &str = "SELECT data FROM document_updates WHERE document_id = $1 AND seq > $2 \
         ORDER BY seq";
    read_with!(db, |pool| {
        // One snapshot for the three reads: a compaction committing between them would
        // otherwise leave the old state with its updates already gone.
        let mut tx = pool.begin_snapshot().await?;
        let Some((state_seq, last_seq)): Option<(i64, i64)> = sqlx::query_as(HEAD)
            .bind(document)
            .fetch_optional(&mut *tx)
            .await?
        else {
            return Ok(None);
        };
        let (state, from) = match seq {
            Some(seq) if seq >= state_seq => (Vec::new(), seq),
            _ => {
                let state: Vec<u8> = sqlx::query_scalar(STATE)
                    .bind(document)
                    .fetch_one(&mut *tx)
                    .await?;
                (state, state_seq)
            }
        };
        let updates: Vec<Vec<u8>> = if from < last_seq {
            sqlx::query_scalar(TAIL)
                .bind(document)
                .bind(from)
                .fetch_all(&mut *tx)
                .await?
        } else {
            Vec::new()
        };
        tx.commit().await?;
        Ok::<_, StoreError>(Some(Content {
            state,
            state_seq: from,
            updates,
            last_seq,
        }))
    })
}

/// Replaces the updates up to `upto` with `state`, which must merge exactly the stored
/// state and those updates. A compaction that is not newer than the one stored changes
/// nothing. Returns whether it was stored.
pub async fn compact(db: &Db, document: DbId, state: &[u8], upto: i64) -> Result<bool, StoreError> {
    const STATE: &str = "UPDATE documents SET state = $2, state_seq = $3 \
         WHERE id = $1 AND state_seq < $3 AND last_seq >= $3";
    const DROP: &str = "DELETE FROM document_updates WHERE document_id = $1 AND seq <= $2";
    write_with!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        let done = sqlx::query(STATE)
            .bind(document)
            .bind(state)
            .bind(upto)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if done == 0 {
            return Ok(false);
        }
        sqlx::query(DROP)
            .bind(document)
            .bind(upto)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(true)
    })
}

/// Documents with more than `threshold` updates waiting to be compacted, the most behind first.
pub async fn needing_compaction(
    db: &Db,
    threshold: i64,
    limit: i64,
) -> Result<Vec<DbId>, StoreError> {
    const SQL: &str = "SELECT id FROM documents WHERE last_seq - state_seq > $1 \
         ORDER BY last_seq - state_seq DESC LIMIT $2";
    Ok(read_with!(db, |pool| sqlx::query_scalar(SQL)
        .bind(threshold)
        .bind(limit)
        .fetch_all(pool)
        .await)?)
}
