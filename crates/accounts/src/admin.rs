//! Instance administration: the users list, disabling and promoting users (never the
//! last admin), and the security event log. Every call checks the caller is an admin.

use fluxstudio_store::{
    DbId,
    accounts::{
        security_events::{self, EventFilter, EventRow},
        sessions,
        users::{self, AdminChange, AdminChangeOutcome, UserRow},
    },
};

use crate::{
    AccountError, Accounts, Caller, Client,
    events::{Event, EventKind, Severity},
    service::now,
};

/// A page of a list and where the next one starts.
#[derive(Debug, Clone)]
pub struct UserPage {
    pub items: Vec<UserRow>,
    pub next: Option<DbId>,
}

/// What an admin asks to change about a user.
pub type AdminUserChange = AdminChange;

impl Accounts {
    pub fn require_admin(&self, caller: &Caller) -> Result<(), AccountError> {
        if caller.is_admin {
            Ok(())
        } else {
            Err(AccountError::NotAdmin)
        }
    }

    /// Users, newest first, matching `search` in email or name.
    pub async fn admin_users(
        &self,
        caller: &Caller,
        search: Option<&str>,
        before: Option<DbId>,
        limit: i64,
    ) -> Result<UserPage, AccountError> {
        self.require_admin(caller)?;
        let mut items = users::page(self.db(), search, before, limit + 1).await?;
        let next = page_end(&mut items, limit, |u| u.id);
        Ok(UserPage { items, next })
    }

    /// Disables, enables, promotes or demotes a user. Disabling ends their sessions.
    pub async fn admin_change_user(
        &self,
        caller: &Caller,
        target: DbId,
        change: AdminUserChange,
        client: &Client,
    ) -> Result<UserRow, AccountError> {
        self.require_admin(caller)?;
        match users::admin_change(self.db(), target, change, now()).await? {
            AdminChangeOutcome::NotFound => return Err(AccountError::NotFound("user")),
            AdminChangeOutcome::LastAdmin => return Err(AccountError::LastAdmin),
            AdminChangeOutcome::Done => {}
        }
        if change.is_active == Some(false) {
            sessions::revoke_all(self.db(), target, None, "disabled_by_admin", now()).await?;
        }
        self.sessions_changed(target);
        let details = serde_json::json!({
            "action": "change_user",
            "target": target.0,
            "isActive": change.is_active,
            "isAdmin": change.is_admin,
        });
        self.record_admin_action(caller, client, details).await;
        users::by_id(self.db(), target)
            .await?
            .ok_or(AccountError::NotFound("user"))
    }

    /// Security events, newest first.
    pub async fn security_events(
        &self,
        caller: &Caller,
        filter: &EventFilter<'_>,
        limit: i64,
    ) -> Result<(Vec<EventRow>, Option<DbId>), AccountError> {
        self.require_admin(caller)?;
        let mut items = security_events::page(self.db(), filter, limit + 1).await?;
        let next = page_end(&mut items, limit, |e| e.id);
        Ok((items, next))
    }

    /// Records an admin's action that happens outside this service (migrations run from
    /// the API, say).
    pub async fn record_admin_action(
        &self,
        caller: &Caller,
        client: &Client,
        metadata: serde_json::Value,
    ) {
        self.record(
            Event::new(EventKind::AdminAction, Severity::Warning, client)
                .by(caller.user)
                .in_session(caller.session)
                .with(metadata),
        )
        .await;
    }

    /// Records a request refused by a rate limit.
    pub async fn record_rate_limited(&self, user: Option<DbId>, client: &Client, limit: &str) {
        self.record(
            Event::new(EventKind::RateLimitExceeded, Severity::Warning, client)
                .by_maybe(user)
                .with(serde_json::json!({ "limit": limit })),
        )
        .await;
    }
}

/// Trims a page fetched with one extra row; the id of its last item is the next cursor
/// when that extra row existed.
fn page_end<T>(items: &mut Vec<T>, limit: i64, id: impl Fn(&T) -> DbId) -> Option<DbId> {
    let limit = usize::try_from(limit).unwrap_or(0);
    if items.len() > limit {
        items.truncate(limit);
        items.last().map(id)
    } else {
        None
    }
}
