//! The workspace service: the database, the mailer its invitations go through, and the
//! event bus it announces changes on.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use fluxstudio_events::EventBus;
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
    /// Where committed changes are announced to the real-time layer.
    pub(crate) bus: EventBus,
}

impl Workspace {
    pub fn new(db: Db, mailer: Mailer, mail: MailConfig, bus: EventBus) -> Self {
        Self {
            inner: Arc::new(Inner {
                db,
                mailer,
                mail,
                bus,
            }),
        }
    }

    pub(crate) fn db(&self) -> &Db {
        &self.inner.db
    }

    pub fn bus(&self) -> &EventBus {
        &self.inner.bus
    }
}

/// The clock every workspace operation reads, in one place.
pub(crate) fn now() -> DateTime<Utc> {
    Utc::now()
}
