//! The workspace service: the database and the mailer its invitations go through.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use fluxstudio_mail::{MailConfig, Mailer};
use fluxstudio_store::Db;

#[derive(Clone)]
pub struct Workspace {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) db: Db,
    pub(crate) mailer: Mailer,
    pub(crate) mail: MailConfig,
}

impl Workspace {
    pub fn new(db: Db, mailer: Mailer, mail: MailConfig) -> Self {
        Self {
            inner: Arc::new(Inner { db, mailer, mail }),
        }
    }

    pub(crate) fn db(&self) -> &Db {
        &self.inner.db
    }
}

/// The clock every workspace operation reads, in one place.
pub(crate) fn now() -> DateTime<Utc> {
    Utc::now()
}
