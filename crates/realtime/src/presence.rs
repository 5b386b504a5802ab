//! Who is online: sockets per person on the messaging namespace. A person with three
//! tabs is online until the last closes, and "went online" / "went offline" is announced
//! once, on the first and the last. Counts are per instance (multi-instance presence
//! comes with the Redis adapter).

use std::{collections::HashMap, sync::Mutex};

use uuid::Uuid;

#[derive(Default)]
pub(crate) struct Presence {
    sockets: Mutex<HashMap<Uuid, usize>>,
}

impl Presence {
    /// Counts a new socket; true when it is the person's first (they came online).
    pub fn connect(&self, user: Uuid) -> bool {
        let mut sockets = self.sockets.lock().unwrap_or_else(|e| e.into_inner());
        let count = sockets.entry(user).or_default();
        *count += 1;
        *count == 1
    }

    /// Counts a socket gone; true when it was the person's last (they went offline).
    pub fn disconnect(&self, user: Uuid) -> bool {
        let mut sockets = self.sockets.lock().unwrap_or_else(|e| e.into_inner());
        match sockets.get_mut(&user) {
            Some(count) if *count > 1 => {
                *count -= 1;
                false
            }
            Some(_) => {
                sockets.remove(&user);
                true
            }
            None => false,
        }
    }

    /// Which of `people` are online.
    pub fn online(&self, people: &[Uuid]) -> Vec<Uuid> {
        let sockets = self.sockets.lock().unwrap_or_else(|e| e.into_inner());
        people
            .iter()
            .filter(|p| sockets.contains_key(p))
            .copied()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_tabs_are_one_presence() {
        let presence = Presence::default();
        let me = Uuid::now_v7();
        assert!(presence.connect(me));
        assert!(!presence.connect(me));
        assert_eq!(presence.online(&[me]), vec![me]);
        assert!(!presence.disconnect(me));
        assert_eq!(presence.online(&[me]), vec![me]);
        assert!(presence.disconnect(me));
        assert!(presence.online(&[me]).is_empty());
        assert!(!presence.disconnect(me));
    }
}
