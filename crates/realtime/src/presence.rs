//! Who is online: sockets per person on the messaging namespace. A person with three
//! tabs is online until the last closes, and "went online" / "went offline" is announced
//! once, on the first and the last.
//!
//! With `REDIS_URL`, across instances: this instance counts its own sockets, and Redis
//! knows which instances hold each person (`fluxstudio_cluster`'s presence), so the
//! first socket anywhere and the last one anywhere decide. An instance that dies is taken
//! off by the others ([`Presence::beat`], every [`BEAT_EVERY`]). While Redis does not
//! answer, this instance decides alone, as with one instance.

use std::{collections::HashMap, time::Duration};

use fluxstudio_cluster::Redis;
use tokio::sync::Mutex;
use uuid::Uuid;

/// How often an instance says it is alive, and looks for instances that died.
pub(crate) const BEAT_EVERY: Duration = Duration::from_secs(2);
/// How long an instance counts as alive after its last beat.
const ALIVE_FOR: Duration = Duration::from_secs(10);

pub(crate) struct Presence {
    /// This instance's sockets per person. Held across the call to Redis, so one
    /// person's comings and goings reach it in the order they happened here.
    sockets: Mutex<HashMap<Uuid, usize>>,
    shared: Option<Shared>,
}

struct Shared {
    redis: Redis,
    instance: String,
}

impl Presence {
    pub fn new(redis: Option<Redis>) -> Self {
        Presence {
            sockets: Mutex::default(),
            shared: redis.map(|redis| Shared {
                redis,
                instance: Uuid::new_v4().to_string(),
            }),
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
        match &self.shared {
            Some(shared) => shared
                .redis
                .arrived(&shared.instance, &user.to_string(), ALIVE_FOR)
                .await
                .unwrap_or(true),
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
                match &self.shared {
                    Some(shared) => shared
                        .redis
                        .left(&shared.instance, &user.to_string())
                        .await
                        .unwrap_or(true),
                    None => true,
                }
            }
            None => false,
        }
    }

    /// Which of `people` are online.
    pub async fn online(&self, people: &[Uuid]) -> Vec<Uuid> {
        if let Some(shared) = &self.shared {
            let names: Vec<String> = people.iter().map(Uuid::to_string).collect();
            if let Ok(online) = shared.redis.online(&names).await {
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
        self.shared.is_some()
    }

    /// Beats once: marks this instance's people again when Redis did not know it, then
    /// takes dead instances' people off. Answers who came online and who went offline.
    pub async fn beat(&self) -> (Vec<Uuid>, Vec<Uuid>) {
        let Some(shared) = &self.shared else {
            return (Vec::new(), Vec::new());
        };
        let mut came = Vec::new();
        let redis = &shared.redis;
        if let Ok(true) = redis.heartbeat(&shared.instance, ALIVE_FOR).await {
            let sockets = self.sockets.lock().await;
            for person in sockets.keys() {
                if let Ok(true) = redis
                    .arrived(&shared.instance, &person.to_string(), ALIVE_FOR)
                    .await
                {
                    came.push(*person);
                }
            }
        }
        let went = match redis.bury_dead().await {
            Ok(people) => people.iter().filter_map(|p| p.parse().ok()).collect(),
            Err(_) => Vec::new(),
        };
        (came, went)
    }
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
