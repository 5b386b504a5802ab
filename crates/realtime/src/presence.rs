//! Who is online: sockets per person on the messaging namespace. A person with three
//! tabs is online until the last closes, and "went online" / "went offline" is announced
//! once, on the first and the last.
//!
//! With `REDIS_URL`, across instances: this instance counts its own sockets, and Redis
//! knows which instances hold each person (`fluxstudio_cluster`'s presence), so the
//! first socket anywhere and the last one anywhere decide. An instance that dies is taken
//! off by the others ([`Presence::beat`], every [`BEAT_EVERY`]). While Redis does not
//! answer, this instance decides alone, as with one instance, and the next beat that
//! reaches Redis tells it whom this instance holds now.

use std::{
    collections::HashMap,
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use fluxstudio_cluster::Redis;
use tokio::sync::Mutex;
use uuid::Uuid;

/// How often an instance says it is alive, and looks for instances that died.
pub(crate) const BEAT_EVERY: Duration = Duration::from_secs(2);
/// How long an instance counts as alive after its last beat.
const ALIVE_FOR: Duration = Duration::from_secs(10);

/// This instance's place in the cluster: the shared Redis and the name it is known by
/// there, for who is online and who is looking at which board.
#[derive(Clone)]
pub(crate) struct Seat {
    pub redis: Redis,
    pub instance: Arc<str>,
}

impl Seat {
    pub fn new(redis: Redis) -> Self {
        Seat {
            redis,
            instance: Uuid::new_v4().to_string().into(),
        }
    }
}

pub(crate) struct Presence {
    /// This instance's sockets per person. Held across the call to Redis, so one
    /// person's comings and goings reach it in the order they happened here.
    sockets: Mutex<HashMap<Uuid, usize>>,
    seat: Option<Seat>,
    /// A change Redis did not hear (it was down): the next beat says again whom this
    /// instance holds.
    missed: AtomicBool,
}

/// What one beat found.
#[derive(Default)]
pub(crate) struct Beat {
    pub came: Vec<Uuid>,
    pub went: Vec<Uuid>,
    /// Redis did not know this instance (it forgot, or took it for dead): whatever else
    /// this instance keeps there must be said again too.
    pub forgotten: bool,
    /// Boards that instances which died were looking at.
    pub boards: Vec<Uuid>,
}

impl Presence {
    pub fn new(seat: Option<Seat>) -> Self {
        Presence {
            sockets: Mutex::default(),
            seat,
            missed: AtomicBool::new(false),
        }
    }

    /// Counts a new socket; true when it is the person's first (they came online).
    pub async fn connect(&self, user: Uuid) -> bool {
        let mut sockets = self.sockets.lock().await;
        let count = sockets.entry(user).or_default();
        *count += 1;
        if *count > 1 {
            return false;
        }
        match &self.seat {
            Some(seat) => self.heard(
                seat.redis
                    .arrived(&seat.instance, &user.to_string(), ALIVE_FOR)
                    .await,
            ),
            None => true,
        }
    }

    /// Counts a socket gone; true when it was the person's last (they went offline).
    pub async fn disconnect(&self, user: Uuid) -> bool {
        let mut sockets = self.sockets.lock().await;
        match sockets.get_mut(&user) {
            Some(count) if *count > 1 => {
                *count -= 1;
                false
            }
            Some(_) => {
                sockets.remove(&user);
                match &self.seat {
                    Some(seat) => {
                        self.heard(seat.redis.left(&seat.instance, &user.to_string()).await)
                    }
                    None => true,
                }
            }
            None => false,
        }
    }

    /// Redis's answer to a change, or, when it did not hear it, this instance's own (the
    /// change was its first or last socket) until the next beat puts Redis right.
    fn heard(&self, answer: Result<bool, fluxstudio_cluster::Unavailable>) -> bool {
        answer.unwrap_or_else(|_| {
            self.missed.store(true, Ordering::Relaxed);
            true
        })
    }

    /// Which of `people` are online.
    pub async fn online(&self, people: &[Uuid]) -> Vec<Uuid> {
        if let Some(seat) = &self.seat {
            let names: Vec<String> = people.iter().map(Uuid::to_string).collect();
            if let Ok(online) = seat.redis.online(&names).await {
                return people
                    .iter()
                    .zip(online)
                    .filter(|(_, online)| *online)
                    .map(|(person, _)| *person)
                    .collect();
            }
        }
        let sockets = self.sockets.lock().await;
        people
            .iter()
            .filter(|p| sockets.contains_key(p))
            .copied()
            .collect()
    }

    /// Whether presence spans instances (`REDIS_URL`), and so must beat.
    pub fn is_shared(&self) -> bool {
        self.seat.is_some()
    }

    /// Beats once: says again whom this instance holds when Redis did not know it or
    /// missed a change, then takes dead instances' people off.
    pub async fn beat(&self) -> Beat {
        let Some(seat) = &self.seat else {
            return Beat::default();
        };
        let redis = &seat.redis;
        let mut beat = Beat::default();
        let Ok(forgotten) = redis.heartbeat(&seat.instance, ALIVE_FOR).await else {
            return beat;
        };
        beat.forgotten = forgotten;
        if forgotten || self.missed.swap(false, Ordering::Relaxed) {
            let sockets = self.sockets.lock().await;
            let people: Vec<String> = sockets.keys().map(Uuid::to_string).collect();
            match redis
                .presence_reset(&seat.instance, &people, ALIVE_FOR)
                .await
            {
                Ok((came, went)) => {
                    beat.came = parse(&came);
                    beat.went = parse(&went);
                }
                Err(_) => self.missed.store(true, Ordering::Relaxed),
            }
        }
        if let Ok(buried) = redis.bury_dead().await {
            beat.went.extend(parse(&buried.people));
            beat.boards = parse(&buried.boards);
        }
        beat
    }
}

fn parse(ids: &[String]) -> Vec<Uuid> {
    ids.iter().filter_map(|id| id.parse().ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn several_tabs_are_one_presence() {
        let presence = Presence::new(None);
        let me = Uuid::now_v7();
        assert!(presence.connect(me).await);
        assert!(!presence.connect(me).await);
        assert_eq!(presence.online(&[me]).await, vec![me]);
        assert!(!presence.disconnect(me).await);
        assert_eq!(presence.online(&[me]).await, vec![me]);
        assert!(presence.disconnect(me).await);
        assert!(presence.online(&[me]).await.is_empty());
        assert!(!presence.disconnect(me).await);
    }
}
