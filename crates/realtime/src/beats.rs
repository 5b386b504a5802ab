//! An instance's beat in a cluster (only with `REDIS_URL`): every [`BEAT_EVERY`] it tells
//! Redis it is alive, says again what Redis forgot or missed of its sockets, and announces
//! what changed: people online or gone (with an instance that died, or after an outage)
//! and the boards whose viewers changed.

use crate::{
    context::Context, messaging_ns::announce_presence, presence::BEAT_EVERY,
    projects_ns::announce_board, sockets::SocketIo,
};

/// Beats for as long as the server runs.
pub(crate) async fn keep_beating(io: SocketIo, context: Context) {
    if !context.presence.is_shared() {
        return;
    }
    let mut beats = tokio::time::interval(BEAT_EVERY);
    loop {
        beats.tick().await;
        let beat = context.presence.beat().await;
        for person in beat.came {
            announce_presence(&io, &context, person, true).await;
        }
        for person in beat.went {
            announce_presence(&io, &context, person, false).await;
        }
        let mut boards = beat.boards;
        boards.extend(context.boards.say_again(beat.forgotten).await);
        boards.sort_unstable();
        boards.dedup();
        for project in boards {
            announce_board(&io, &context, project).await;
        }
    }
}
