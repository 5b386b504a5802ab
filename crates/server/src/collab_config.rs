//! The variables of the collaboration service: its port when it runs alone, and how long
//! documents stay loaded, how often they are compacted and versioned.

use std::time::Duration;

use fluxstudio_collab::Limits;

use crate::vars::{ConfigError, Vars, number, positive};

#[derive(Debug, Clone, Copy)]
pub struct CollabSettings {
    /// `COLLAB_PORT` (default 4000): where `serve --only collab` listens.
    pub port: u16,
    pub limits: Limits,
}

impl CollabSettings {
    pub fn from_vars(vars: &impl Vars) -> Result<Self, ConfigError> {
        let defaults = Limits::default();
        let seconds = |var, default: Duration| -> Result<Duration, ConfigError> {
            Ok(Duration::from_secs(u64::from(positive(
                vars,
                var,
                default.as_secs() as u32,
            )?)))
        };
        let limits = Limits {
            idle_unload: seconds("COLLAB_IDLE_UNLOAD_SECONDS", defaults.idle_unload)?,
            snapshot_every: seconds("COLLAB_SNAPSHOT_SECONDS", defaults.snapshot_every)?,
            compact_after: i64::from(positive(
                vars,
                "COLLAB_COMPACT_AFTER",
                defaults.compact_after as u32,
            )?),
            ..defaults
        };
        Ok(Self {
            port: number(vars, "COLLAB_PORT", "a port number", 4000)?,
            limits,
        })
    }
}
