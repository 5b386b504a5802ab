//! The database status report of `GET /api/admin/db-status` and `fluxstudio admin db-status`:
//! which tables exist, whether the seed's essential ones are all there, and the migrations.

use chrono::{DateTime, Utc};

use crate::{
    Backend, Db, StoreError,
    migrate::{self, MigrationStatus},
    schema,
};

/// The tables the seed's deployment report names as essential.
pub const ESSENTIAL_TABLES: &[&str] = &[
    "users",
    "refresh_tokens",
    "security_events",
    "organizations",
    "projects",
    "conversations",
    "messages",
    "notifications",
    "oauth_tokens",
];

#[derive(Debug, Clone)]
pub struct DbStatus {
    pub backend: Backend,
    pub tables: Vec<String>,
    pub essential_present: Vec<&'static str>,
    pub essential_missing: Vec<&'static str>,
    pub migrations: Vec<MigrationStatus>,
}

impl DbStatus {
    /// Complete when every essential table exists and no migration is pending.
    pub fn is_complete(&self) -> bool {
        self.essential_missing.is_empty() && self.migrations.iter().all(|m| m.applied_at.is_some())
    }

    pub fn pending(&self) -> usize {
        self.migrations
            .iter()
            .filter(|m| m.applied_at.is_none())
            .count()
    }

    pub fn last_applied_at(&self) -> Option<DateTime<Utc>> {
        self.migrations.iter().filter_map(|m| m.applied_at).max()
    }
}

pub async fn db_status(db: &Db) -> Result<DbStatus, StoreError> {
    let tables = schema::tables(db).await?;
    let (essential_present, essential_missing) = ESSENTIAL_TABLES
        .iter()
        .partition(|name| tables.iter().any(|t| t == *name));
    Ok(DbStatus {
        backend: db.backend(),
        tables,
        essential_present,
        essential_missing,
        migrations: migrate::status(db).await?,
    })
}
