//! A project's files and their versions, numbered 1, 2, 3… per file. A version names its
//! bytes by their SHA-256: the blob's key in the file store (`crates/files`). A file and
//! its first version are written together, and so are a new version and the file's count.

use chrono::{DateTime, Utc};
use fluxstudio_domain::FileFamily;

use crate::{Begin, Db, DbId, StoreError, read_with, write_with};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FileRow {
    pub id: DbId,
    pub project_id: DbId,
    pub name: String,
    pub family: FileFamily,
    pub latest_version: i64,
    pub created_by: Option<DbId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VersionRow {
    pub id: DbId,
    pub file_id: DbId,
    pub number: i64,
    pub sha256: String,
    pub size: i64,
    pub mime: String,
    pub uploaded_by: Option<DbId>,
    pub created_at: DateTime<Utc>,
}

/// A version's bytes as the file store keeps them, and who sent them.
pub struct NewVersion<'a> {
    pub sha256: &'a str,
    pub size: i64,
    pub mime: &'a str,
    pub family: FileFamily,
    pub uploaded_by: DbId,
}

const FILE_COLUMNS: &str =
    "id, project_id, name, family, latest_version, created_by, created_at, updated_at";
const VERSION_COLUMNS: &str = "id, file_id, number, sha256, size, mime, uploaded_by, created_at";
/// Inserts `$version` as number `$number` of `$file` in the open write transaction `$tx`.
/// A macro, because the transaction's type is the engine's (see `write_with!`).
macro_rules! insert_version {
    ($tx:ident, $file:expr, $number:expr, $version:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO file_versions (id, file_id, number, sha256, size, mime, uploaded_by, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(DbId::new())
        .bind($file)
        .bind($number)
        .bind($version.sha256)
        .bind($version.size)
        .bind($version.mime)
        .bind($version.uploaded_by)
        .bind($now)
        .execute(&mut *$tx)
        .await?
    };
}

/// A new file in `project` named `name`, with `version` as its version 1, in one transaction.
pub async fn insert(
    db: &Db,
    project: DbId,
    name: &str,
    version: &NewVersion<'_>,
    now: DateTime<Utc>,
) -> Result<DbId, StoreError> {
    const FILE: &str = "INSERT INTO files (id, project_id, name, family, latest_version, \
         created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, 1, $5, $6, $6)";
    let id = DbId::new();
    write_with!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        sqlx::query(FILE)
            .bind(id)
            .bind(project)
            .bind(name)
            .bind(version.family)
            .bind(version.uploaded_by)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        insert_version!(tx, id, 1_i64, version, now);
        tx.commit().await?;
        Ok::<_, StoreError>(())
    })?;
    Ok(id)
}

/// `version` as the next version of `file` (its family follows the newest version), in one
/// transaction. The new number, or `None` when the file is gone.
pub async fn add_version(
    db: &Db,
    file: DbId,
    version: &NewVersion<'_>,
    now: DateTime<Utc>,
) -> Result<Option<i64>, StoreError> {
    const NEXT: &str = "UPDATE files SET latest_version = latest_version + 1, family = $2, \
         updated_at = $3 WHERE id = $1 RETURNING latest_version";
    write_with!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        let number: Option<i64> = sqlx::query_scalar(NEXT)
            .bind(file)
            .bind(version.family)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(number) = number else {
            return Ok(None);
        };
        insert_version!(tx, file, number, version, now);
        tx.commit().await?;
        Ok::<_, StoreError>(Some(number))
    })
}

pub async fn by_id(db: &Db, id: DbId) -> Result<Option<FileRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {FILE_COLUMNS} FROM files WHERE id = $1"));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(id)
        .fetch_optional(pool)
        .await)?)
}

/// A page of `project`'s files, newest first; `before` is the previous page's last id.
pub async fn page(
    db: &Db,
    project: DbId,
    before: Option<DbId>,
    limit: i64,
) -> Result<Vec<FileRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {FILE_COLUMNS} FROM files WHERE project_id = $1 AND ($2 IS NULL OR id < $2) \
         ORDER BY id DESC LIMIT $3"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(project)
        .bind(before)
        .bind(limit)
        .fetch_all(pool)
        .await)?)
}

/// A file's versions, the newest first.
pub async fn versions(db: &Db, file: DbId) -> Result<Vec<VersionRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {VERSION_COLUMNS} FROM file_versions WHERE file_id = $1 ORDER BY number DESC"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(file)
        .fetch_all(pool)
        .await)?)
}

pub async fn version(db: &Db, file: DbId, number: i64) -> Result<Option<VersionRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {VERSION_COLUMNS} FROM file_versions WHERE file_id = $1 AND number = $2"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(file)
        .bind(number)
        .fetch_optional(pool)
        .await)?)
}

/// Whether any version names the blob `sha256` (the sweep keeps those).
pub async fn blob_is_named(db: &Db, sha256: &str) -> Result<bool, StoreError> {
    const SQL: &str = "SELECT EXISTS (SELECT 1 FROM file_versions WHERE sha256 = $1)";
    Ok(read_with!(db, |pool| sqlx::query_scalar(SQL)
        .bind(sha256)
        .fetch_one(pool)
        .await)?)
}

/// Deletes a file and its versions (their blobs stay until the sweep finds them unnamed).
/// False when it was already gone.
pub async fn delete(db: &Db, id: DbId) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM files WHERE id = $1";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done > 0)
}
