//! What every handler reaches through socketioxide's state: the services, who is online,
//! who is looking at which board, and the per-person event budget.

use std::sync::Arc;

use fluxstudio_accounts::Accounts;
use fluxstudio_cluster::Redis;
use fluxstudio_messaging::Messaging;
use fluxstudio_workspace::Workspace;

use crate::{
    Services,
    boards::Boards,
    presence::{Presence, Seat},
    throttle::{EventRate, Throttle},
};

#[derive(Clone)]
pub(crate) struct Context(Arc<Inner>);

pub(crate) struct Inner {
    pub accounts: Accounts,
    pub workspace: Workspace,
    pub messaging: Messaging,
    pub presence: Presence,
    pub boards: Boards,
    pub throttle: Throttle,
}

impl Context {
    pub fn new(services: Services, rate: EventRate, redis: Option<Redis>) -> Self {
        let seat = redis.map(Seat::new);
        Self(Arc::new(Inner {
            accounts: services.accounts,
            workspace: services.workspace,
            messaging: services.messaging,
            presence: Presence::new(seat.clone()),
            boards: Boards::new(seat),
            throttle: Throttle::new(rate),
        }))
    }
}

impl std::ops::Deref for Context {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.0
    }
}
