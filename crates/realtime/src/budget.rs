//! Admitting a request event against its person's budget, with the same refusal in every
//! namespace.

use std::time::Instant;

use crate::sockets::SocketRef;
use serde_json::{Value, json};

use crate::{
    context::Context,
    handshake::{Identity, identity},
    reply,
};

/// The caller, within their event budget.
pub(crate) fn admit(socket: &SocketRef, context: &Context) -> Result<Identity, Value> {
    let me = identity(socket).ok_or_else(|| reply::error("unauthorized", "Reconnect."))?;
    context
        .throttle
        .take(me.user, Instant::now())
        .map_err(|wait| {
            let mut error = reply::error(
                "rate_limited",
                "Too many events from this account; slow down and retry.",
            );
            error["retryAfterMs"] = json!(wait.as_millis() as u64 + 1);
            error
        })?;
    Ok(me)
}
