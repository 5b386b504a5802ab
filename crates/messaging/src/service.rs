//! The messaging service: the database, the workspace (for project permissions and
//! notifications) and the event bus.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use fluxstudio_events::{Audience, Event, EventBus};
use fluxstudio_store::{Db, DbId};
use fluxstudio_workspace::Workspace;

use crate::order::SendOrder;

#[derive(Clone)]
pub struct Messaging {
    inner: Arc<Inner>,
}

struct Inner {
    db: Db,
    workspace: Workspace,
    order: SendOrder,
}

impl Messaging {
    pub fn new(db: Db, workspace: Workspace) -> Self {
        Self {
            inner: Arc::new(Inner {
                db,
                workspace,
                order: SendOrder::default(),
            }),
        }
    }

    pub(crate) fn db(&self) -> &Db {
        &self.inner.db
    }

    pub(crate) fn workspace(&self) -> &Workspace {
        &self.inner.workspace
    }

    pub(crate) fn order(&self) -> &SendOrder {
        &self.inner.order
    }

    pub(crate) fn bus(&self) -> &EventBus {
        self.inner.workspace.bus()
    }

    /// Announces `name` to everyone reading `conversation`.
    pub(crate) fn announce(
        &self,
        conversation: DbId,
        name: &'static str,
        payload: impl serde::Serialize,
    ) {
        match serde_json::to_value(payload) {
            Ok(payload) => self.bus().publish(Event::emit(
                Audience::Conversation(conversation.0),
                name,
                payload,
            )),
            Err(error) => tracing::error!(%error, name, "could not serialize a live event"),
        }
    }

    /// The people whose rooms may have changed: their sockets are checked again.
    pub(crate) fn access_changed(&self, people: impl IntoIterator<Item = DbId>) {
        for person in people {
            self.bus().publish(Event::AccessChanged { user: person.0 });
        }
    }
}

/// The clock every messaging operation reads, in one place.
pub(crate) fn now() -> DateTime<Utc> {
    Utc::now()
}
