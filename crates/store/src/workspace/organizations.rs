//! Organizations. Each is created together with its owner's membership, in one
//! transaction, under a slug that is unique and never null.

use chrono::{DateTime, Utc};
use fluxstudio_domain::OrgRole;

use crate::{Begin, Db, DbId, StoreError, accounts::duplicate_or, read_with, write_with};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrganizationRow {
    pub id: DbId,
    pub name: String,
    pub slug: String,
    pub description: Option<String>,
    pub created_by: Option<DbId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An organization as one member sees it in a list: with their role and the head count.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MembershipRow {
    #[sqlx(flatten)]
    pub organization: OrganizationRow,
    pub role: OrgRole,
    pub member_count: i64,
}

const COLUMNS: &str =
    "o.id, o.name, o.slug, o.description, o.created_by, o.created_at, o.updated_at";

pub struct NewOrganization<'a> {
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub owner: DbId,
}

/// Inserts the organization under `slug` with `owner` as its owner. `Duplicate` when the
/// slug is taken (the caller picks the next candidate, or refuses a slug the client chose).
pub async fn insert(
    db: &Db,
    new: &NewOrganization<'_>,
    slug: &str,
    now: DateTime<Utc>,
) -> Result<DbId, StoreError> {
    const ORG: &str = "INSERT INTO organizations (id, name, slug, description, created_by, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)";
    const OWNER: &str = "INSERT INTO organization_members (organization_id, user_id, role, \
         joined_at) VALUES ($1, $2, 'owner', $3)";
    let id = DbId::new();
    write_with!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        sqlx::query(ORG)
            .bind(id)
            .bind(new.name)
            .bind(slug)
            .bind(new.description)
            .bind(new.owner)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(duplicate_or)?;
        sqlx::query(OWNER)
            .bind(id)
            .bind(new.owner)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(())
    })?;
    Ok(id)
}

/// The slugs already taken that a generated slug from `base` could collide with: `base`
/// itself and `base-N`.
pub async fn slugs_like(db: &Db, base: &str) -> Result<Vec<String>, StoreError> {
    const SQL: &str = "SELECT slug FROM organizations WHERE slug = $1 OR slug LIKE $2";
    Ok(read_with!(db, |pool| sqlx::query_scalar(SQL)
        .bind(base)
        .bind(format!("{base}-%"))
        .fetch_all(pool)
        .await)?)
}

pub async fn by_id(db: &Db, id: DbId) -> Result<Option<OrganizationRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM organizations o WHERE o.id = $1"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(id)
        .fetch_optional(pool)
        .await)?)
}

/// The organizations `user` belongs to, by name, with their role and member count.
pub async fn of_user(db: &Db, user: DbId) -> Result<Vec<MembershipRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS}, m.role, \
         (SELECT COUNT(*) FROM organization_members c WHERE c.organization_id = o.id) AS member_count \
         FROM organizations o JOIN organization_members m ON m.organization_id = o.id \
         WHERE m.user_id = $1 ORDER BY LOWER(o.name), o.id"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(user)
        .fetch_all(pool)
        .await)?)
}

/// Changes name, slug or description (`None` leaves a field; `Some(None)` clears the
/// description). `Duplicate` when the new slug is taken.
pub async fn update(
    db: &Db,
    id: DbId,
    name: Option<&str>,
    slug: Option<&str>,
    description: Option<Option<&str>>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE organizations SET name = COALESCE($2, name), \
         slug = COALESCE($3, slug), \
         description = CASE WHEN $4 THEN $5 ELSE description END, updated_at = $6 WHERE id = $1";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(name)
        .bind(slug)
        .bind(description.is_some())
        .bind(description.flatten())
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))
    .map_err(duplicate_or)?;
    if done == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Deletes the organization and, by cascade, everything in it.
pub async fn delete(db: &Db, id: DbId) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM organizations WHERE id = $1";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}
