//! Invitations to an organization by email: a single-use link valid 7 days, stored as
//! SHA-256. A new invitation to the same address replaces the pending one.

use chrono::{DateTime, Utc};
use fluxstudio_domain::OrgRole;

use crate::accounts::users::{self, NewUser};
use crate::{Begin, Db, DbId, StoreError, read_with, write_with};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InvitationRow {
    pub id: DbId,
    pub organization_id: DbId,
    pub email: String,
    pub role: OrgRole,
    pub invited_by: Option<DbId>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub accepted_by: Option<DbId>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl InvitationRow {
    /// Whether it can still be accepted: not used, not revoked, not expired at `now`.
    pub fn is_pending(&self, now: DateTime<Utc>) -> bool {
        self.accepted_at.is_none() && self.revoked_at.is_none() && self.expires_at > now
    }
}

const COLUMNS: &str = "id, organization_id, email, role, invited_by, created_at, expires_at, \
     accepted_at, accepted_by, revoked_at";

pub struct NewInvitation<'a> {
    pub organization: DbId,
    pub email: &'a str,
    pub role: &'a str,
    pub token_hash: &'a str,
    pub invited_by: DbId,
}

/// Stores an invitation, revoking any pending one to the same address in the same
/// organization (only the newest link works).
pub async fn insert(
    db: &Db,
    new: &NewInvitation<'_>,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<DbId, StoreError> {
    const RETIRE: &str = "UPDATE invitations SET revoked_at = $3 WHERE organization_id = $1 \
         AND email = $2 AND accepted_at IS NULL AND revoked_at IS NULL";
    const INSERT: &str = "INSERT INTO invitations (id, organization_id, email, role, token_hash, \
         invited_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    let id = DbId::new();
    write_with!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        sqlx::query(RETIRE)
            .bind(new.organization)
            .bind(new.email)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query(INSERT)
            .bind(id)
            .bind(new.organization)
            .bind(new.email)
            .bind(new.role)
            .bind(new.token_hash)
            .bind(new.invited_by)
            .bind(now)
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    })?;
    Ok(id)
}

/// The organization's invitations, newest first.
pub async fn of_organization(
    db: &Db,
    organization: DbId,
) -> Result<Vec<InvitationRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM invitations WHERE organization_id = $1 ORDER BY id DESC"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(organization)
        .fetch_all(pool)
        .await)?)
}

pub async fn by_id(
    db: &Db,
    organization: DbId,
    id: DbId,
) -> Result<Option<InvitationRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM invitations WHERE id = $1 AND organization_id = $2"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(id)
        .bind(organization)
        .fetch_optional(pool)
        .await)?)
}

pub async fn by_token(db: &Db, token_hash: &str) -> Result<Option<InvitationRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM invitations WHERE token_hash = $1"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(token_hash)
        .fetch_optional(pool)
        .await)?)
}

/// Revokes a pending invitation. False when it is not pending.
pub async fn revoke(
    db: &Db,
    organization: DbId,
    id: DbId,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE invitations SET revoked_at = $3 WHERE id = $1 AND organization_id = $2 \
         AND accepted_at IS NULL AND revoked_at IS NULL";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(organization)
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}

/// Gives a pending invitation a new link and a new 7 days. False when it is not pending.
pub async fn renew(
    db: &Db,
    organization: DbId,
    id: DbId,
    token_hash: &str,
    expires_at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE invitations SET token_hash = $3, expires_at = $4 \
         WHERE id = $1 AND organization_id = $2 AND accepted_at IS NULL AND revoked_at IS NULL";
    let done = write_with!(db, |pool| sqlx::query(SQL)
        .bind(id)
        .bind(organization)
        .bind(token_hash)
        .bind(expires_at)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}

/// Accepts the invitation of `token_hash` for `user`: marks it used (once: one conditional
/// UPDATE) and adds the membership, in one transaction. `None` when the link is unknown,
/// used, revoked or expired. A user who is already a member keeps their role.
pub async fn accept(
    db: &Db,
    token_hash: &str,
    user: DbId,
    now: DateTime<Utc>,
) -> Result<Option<InvitationRow>, StoreError> {
    let claim = sqlx::AssertSqlSafe(claim_sql(""));
    write_with!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        let claimed = claim_and_join!(tx, claim, token_hash, user, now);
        if claimed.is_some() {
            tx.commit().await?;
        }
        Ok::<_, StoreError>(claimed)
    })
}

/// Signs someone up from their invitation, in one transaction: their account is created
/// with its address verified (the invitation reached it), the invitation (still pending,
/// sent to `new.email`) claimed, and they join with its role. `None`, with nothing written,
/// when the invitation is no longer pending or was sent to another address; a taken email
/// is `Duplicate`.
pub async fn accept_as_new_user(
    db: &Db,
    new: &NewUser<'_>,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<(DbId, InvitationRow)>, StoreError> {
    let id = DbId::new();
    let claim = sqlx::AssertSqlSafe(claim_sql(" AND email = $4"));
    let claimed = write_with!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        users::insert_user!(db, tx, id, new, now, verified: true);
        let claimed = claim_and_join!(tx, claim, token_hash, id, now, new.email);
        // Without a claim the transaction is dropped uncommitted: no account is kept either.
        if claimed.is_some() {
            tx.commit().await?;
        }
        Ok::<_, StoreError>(claimed)
    })?;
    Ok(claimed.map(|invitation| (id, invitation)))
}

/// In the open write transaction `$tx`: claims the invitation `$claim` ([`claim_sql`])
/// selects for `$user`, and adds them to its organization with its role. The claimed
/// invitation, or `None` when there was nothing to claim (and nothing was written).
macro_rules! claim_and_join {
    ($tx:ident, $claim:expr, $token_hash:expr, $user:expr, $now:expr $(, $email:expr)?) => {{
        let claimed: Option<InvitationRow> = sqlx::query_as($claim)
            .bind($token_hash)
            .bind($now)
            .bind($user)
            $(.bind($email))?
            .fetch_optional(&mut *$tx)
            .await?;
        if let Some(invitation) = &claimed {
            sqlx::query(JOIN)
                .bind(invitation.organization_id)
                .bind($user)
                .bind(invitation.role)
                .bind($now)
                .execute(&mut *$tx)
                .await?;
        }
        claimed
    }};
}
use claim_and_join;

/// Claims a pending invitation by its token's hash (`$1`) for user `$3` at `$2`, narrowed by
/// `also`; returns it.
fn claim_sql(also: &str) -> String {
    format!(
        "UPDATE invitations SET accepted_at = $2, accepted_by = $3 WHERE token_hash = $1 \
         AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $2{also} \
         RETURNING {COLUMNS}"
    )
}

/// Adds the claimer (`$2`) to the organization (`$1`) with the invited role (`$3`) at `$4`.
const JOIN: &str = "INSERT INTO organization_members (organization_id, user_id, role, joined_at) \
     VALUES ($1, $2, $3, $4) ON CONFLICT (organization_id, user_id) DO NOTHING";

/// The pending (unused, unrevoked, unexpired) invitations sent to `email`, newest first.
pub async fn pending_for(
    db: &Db,
    email: &str,
    now: DateTime<Utc>,
) -> Result<Vec<InvitationRow>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM invitations WHERE email = $1 AND accepted_at IS NULL \
         AND revoked_at IS NULL AND expires_at > $2 ORDER BY id DESC"
    ));
    Ok(read_with!(db, |pool| sqlx::query_as(sql)
        .bind(email)
        .bind(now)
        .fetch_all(pool)
        .await)?)
}

/// The link hash of an invitation, to accept it by id for its signed-in invitee.
pub async fn token_hash(db: &Db, id: DbId) -> Result<Option<String>, StoreError> {
    const SQL: &str = "SELECT token_hash FROM invitations WHERE id = $1";
    Ok(read_with!(db, |pool| sqlx::query_scalar(SQL)
        .bind(id)
        .fetch_optional(pool)
        .await)?)
}
