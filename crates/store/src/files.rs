//! A project's files and their versions, numbered 1, 2, 3… per file. A version names its
//! bytes by their SHA-256: the blob's key in the file store (`crates/files`). A file and
//! its first version are written together, and so are a new version and the file's count.

use chrono::{DateTime, Utc};
use fluxstudio_domain::{FileFamily, PreviewState, ReviewState};

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
    pub preview: PreviewState,
    pub width: Option<i64>,
    pub height: Option<i64>,
    /// A PDF's number of pages, once read.
    pub pages: Option<i64>,
    pub review: ReviewState,
}

/// A version's bytes as the file store keeps them, and who sent them.
pub struct NewVersion<'a> {
    /// Chosen by the caller, so a retried upload can tell it was already written.
    pub id: DbId,
    pub sha256: &'a str,
    pub size: i64,
    pub mime: &'a str,
    pub family: FileFamily,
    pub uploaded_by: DbId,
    /// `pending` when previews will be made for it, else `none`.
    pub preview: PreviewState,
}

const FILE_COLUMNS: &str =
    "id, project_id, name, family, latest_version, created_by, created_at, updated_at";
/// The review state of the version aliased `v`, from its reviewers' current decisions: any
/// request for changes outweighs every approval (`fluxstudio_domain::ReviewState`). A macro,
/// so it joins the queries' literals.
macro_rules! review_state {
    () => {
        "CASE WHEN EXISTS (SELECT 1 FROM review_decisions d WHERE d.version_id = v.id \
         AND d.decision = 'changes_requested') THEN 'changes_requested' \
         WHEN EXISTS (SELECT 1 FROM review_decisions d WHERE d.version_id = v.id) \
         THEN 'approved' ELSE 'pending' END AS review"
    };
}
const VERSION_COLUMNS: &str = concat!(
    "v.id, v.file_id, v.number, v.sha256, v.size, v.mime, v.uploaded_by, v.created_at, \
     v.preview, v.width, v.height, v.pages, ",
    review_state!()
);
/// Inserts `$version` as number `$number` of `$file` in the open write transaction `$tx`.
/// A macro, because the transaction's type is the engine's (see `write_with!`).
macro_rules! insert_version {
    ($tx:ident, $file:expr, $number:expr, $version:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO file_versions (id, file_id, number, sha256, size, mime, uploaded_by, \
             created_at, preview) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind($version.id)
        .bind($file)
        .bind($number)
        .bind($version.sha256)
        .bind($version.size)
        .bind($version.mime)
        .bind($version.uploaded_by)
        .bind($now)
        .bind($version.preview)
        .execute(&mut *$tx)
        .await?
    };
}

/// A new file `id` in `project` named `name`, with `version` as its version 1, in one
/// transaction.
pub async fn insert(
    db: &Db,
    id: DbId,
    project: DbId,
    name: &str,
    version: &NewVersion<'_>,
    now: DateTime<Utc>,
) -> Result<DbId, StoreError> {
    const FILE: &str = "INSERT INTO files (id, project_id, name, family, latest_version, \
         created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, 1, $5, $6, $6)";
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

/// How a list of files is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileOrder {
    /// By name, ignoring case.
    Name,
    /// By the time of the newest version.
    Date,
    /// By the size of the newest version.
    Size,
}

/// Which of a project's files, in what order, from where.
#[derive(Debug, Clone, Copy)]
pub struct FileFilter<'a> {
    pub project: DbId,
    pub family: Option<FileFamily>,
    /// Part of the name, any case.
    pub text: Option<&'a str>,
    pub order: FileOrder,
    pub descending: bool,
    /// The previous page's last file: the page goes on after it in this order.
    pub after: Option<DbId>,
}

/// A file with its newest version, as lists show it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ListedFile {
    #[sqlx(flatten)]
    pub file: FileRow,
    pub version_id: DbId,
    pub sha256: String,
    pub size: i64,
    pub mime: String,
    pub version_by: Option<DbId>,
    pub version_at: DateTime<Utc>,
    pub preview: PreviewState,
    pub width: Option<i64>,
    pub height: Option<i64>,
    /// A PDF's number of pages, once read.
    pub pages: Option<i64>,
    pub review: ReviewState,
}

impl ListedFile {
    /// The newest version, as [`versions`] gives it.
    pub fn latest(&self) -> VersionRow {
        VersionRow {
            id: self.version_id,
            file_id: self.file.id,
            number: self.file.latest_version,
            sha256: self.sha256.clone(),
            size: self.size,
            mime: self.mime.clone(),
            uploaded_by: self.version_by,
            created_at: self.version_at,
            preview: self.preview,
            width: self.width,
            height: self.height,
            pages: self.pages,
            review: self.review,
        }
    }
}

pub(crate) const LISTED: &str = concat!(
    "SELECT f.id, f.project_id, f.name, f.family, f.latest_version, f.created_by, \
     f.created_at, f.updated_at, v.id AS version_id, v.sha256, v.size, v.mime, \
     v.uploaded_by AS version_by, v.created_at AS version_at, v.preview, v.width, v.height, \
     v.pages, ",
    review_state!(),
    " FROM files f JOIN file_versions v ON v.file_id = f.id AND v.number = f.latest_version"
);

/// A file with its newest version.
pub async fn listed(db: &Db, id: DbId) -> Result<Option<ListedFile>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("{LISTED} WHERE f.id = $1"));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(id)
        .fetch_optional(pool)
        .await)?)
}

/// A page of a project's files as `filter` says, `limit` long. Keyset paging: the page
/// starts after the sort key and id of `filter.after` (read from the row itself, so the
/// cursor stays an id). Only the filters given appear in the text; every value is still
/// bound in order.
pub async fn page(
    db: &Db,
    filter: &FileFilter<'_>,
    limit: i64,
) -> Result<Vec<ListedFile>, StoreError> {
    let key = match filter.order {
        FileOrder::Name => "LOWER(f.name)",
        FileOrder::Date => "v.created_at",
        FileOrder::Size => "v.size",
    };
    let (direction, beyond) = if filter.descending {
        ("DESC", "<")
    } else {
        ("ASC", ">")
    };
    let mut conditions = String::new();
    if filter.family.is_some() {
        conditions.push_str(" AND f.family = $2");
    }
    if filter.text.is_some() {
        conditions.push_str(" AND LOWER(f.name) LIKE $3 ESCAPE '\\'");
    }
    if filter.after.is_some() {
        conditions.push_str(&format!(
            " AND ({key}, f.id) {beyond} (SELECT {key}, f.id FROM files f JOIN file_versions v \
             ON v.file_id = f.id AND v.number = f.latest_version WHERE f.id = $4)"
        ));
    }
    let sql = sqlx::AssertSqlSafe(format!(
        "{LISTED} WHERE f.project_id = $1{conditions} \
         ORDER BY {key} {direction}, f.id {direction} LIMIT $5"
    ));
    let text = filter.text.map(crate::like::pattern);
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(filter.project)
        .bind(filter.family)
        .bind(text.as_deref())
        .bind(filter.after)
        .bind(limit)
        .fetch_all(pool)
        .await)?)
}

/// The bytes an organization's files take: every version of every file in its projects.
pub async fn organization_usage(db: &Db, organization: DbId) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT CAST(COALESCE(SUM(v.size), 0) AS BIGINT) FROM file_versions v \
         JOIN files f ON f.id = v.file_id JOIN projects p ON p.id = f.project_id \
         WHERE p.organization_id = $1";
    Ok(read_with!(db, |pool| sqlx::query_scalar(SQL)
        .bind(organization)
        .fetch_one(pool)
        .await)?)
}

/// Renames a file. False when it is gone.
pub async fn rename(db: &Db, id: DbId, name: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE files SET name = $2, updated_at = $3 WHERE id = $1";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(name)
        .bind(now)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(done > 0)
}

/// A file's versions, the newest first.
pub async fn versions(db: &Db, file: DbId) -> Result<Vec<VersionRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {VERSION_COLUMNS} FROM file_versions v WHERE v.file_id = $1 ORDER BY v.number DESC"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(file)
        .fetch_all(pool)
        .await)?)
}

pub async fn version(db: &Db, file: DbId, number: i64) -> Result<Option<VersionRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {VERSION_COLUMNS} FROM file_versions v WHERE v.file_id = $1 AND v.number = $2"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(file)
        .bind(number)
        .fetch_optional(pool)
        .await)?)
}

/// The version `id`, whichever file it is of.
pub async fn version_by_id(db: &Db, id: DbId) -> Result<Option<VersionRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {VERSION_COLUMNS} FROM file_versions v WHERE v.id = $1"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(id)
        .fetch_optional(pool)
        .await)?)
}

/// Versions whose previews are still to be made (after a restart, say), oldest first.
pub async fn pending_previews(db: &Db, limit: i64) -> Result<Vec<VersionRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {VERSION_COLUMNS} FROM file_versions v WHERE v.preview = 'pending' \
         ORDER BY v.id LIMIT $1"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(limit)
        .fetch_all(pool)
        .await)?)
}

/// Where version `id`'s previews stand, with the image's size or the PDF's page count once
/// read.
pub async fn set_preview(
    db: &Db,
    id: DbId,
    state: PreviewState,
    size: Option<(i64, i64)>,
    pages: Option<i64>,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE file_versions SET preview = $2, width = $3, height = $4, \
         pages = $5 WHERE id = $1";
    write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(state)
        .bind(size.map(|(w, _)| w))
        .bind(size.map(|(_, h)| h))
        .bind(pages)
        .execute(pool)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// Whether any version, or any file sent in a conversation, names the blob `sha256` (the
/// sweep keeps those).
pub async fn blob_is_named(db: &Db, sha256: &str) -> Result<bool, StoreError> {
    const SQL: &str = "SELECT EXISTS (SELECT 1 FROM file_versions WHERE sha256 = $1) \
         OR EXISTS (SELECT 1 FROM conversation_files WHERE sha256 = $1)";
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
