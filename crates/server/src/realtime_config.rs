//! The variables of the real-time layer: whether Socket.IO is served, each person's
//! budget of socket events, and how long a transport may stay unauthenticated.

use std::time::Duration;

use fluxstudio_realtime::EventRate;

use crate::vars::{ConfigError, Vars, parse_bool, positive};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RealtimeSettings {
    /// `ENABLE_WEBSOCKET` (default true): serve Socket.IO at `/api/socket.io`.
    pub enabled: bool,
    /// `SOCKET_EVENTS_PER_SECOND` (default 20) and `SOCKET_EVENT_BURST` (default 100).
    pub rate: EventRate,
    /// `SOCKET_CONNECT_TIMEOUT_SECONDS` (default 10): a Socket.IO transport that has not
    /// joined a namespace (authenticated) by then is closed.
    pub connect_timeout: Duration,
}

impl RealtimeSettings {
    pub fn from_vars(vars: &impl Vars) -> Result<Self, ConfigError> {
        let enabled = match vars.get("ENABLE_WEBSOCKET") {
            Some(v) => parse_bool("ENABLE_WEBSOCKET", &v)?,
            None => true,
        };
        let defaults = EventRate::default();
        let rate = EventRate {
            per_second: positive(vars, "SOCKET_EVENTS_PER_SECOND", defaults.per_second as u32)?
                as f64,
            burst: positive(vars, "SOCKET_EVENT_BURST", defaults.burst as u32)? as f64,
        };
        let connect_timeout =
            Duration::from_secs(positive(vars, "SOCKET_CONNECT_TIMEOUT_SECONDS", 10)?.into());
        Ok(Self {
            enabled,
            rate,
            connect_timeout,
        })
    }
}
