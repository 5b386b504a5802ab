//! Who is looking at which board: this instance keeps one entry per socket in a project's
//! room, and everyone on the board hears one entry per person.
//!
//! With `REDIS_URL` the list spans instances (`fluxstudio_cluster`'s boards): each instance
//! says whom it has on each board, and every change answers the whole list under a version
//! from Redis. Lists sent by different instances may arrive out of order; the version lets
//! a client keep the newest. While Redis does not answer, an instance lists its own
//! viewers, and the next beat that reaches Redis tells it what this instance holds now.

use std::{
    collections::HashMap,
    sync::atomic::{AtomicBool, AtomicU64, Ordering},
    time::{SystemTime, UNIX_EPOCH},
};

use fluxstudio_cluster::{Board, Unavailable};
use serde::Serialize;
use socketioxide::socket::Sid;
use tokio::sync::Mutex;
use uuid::Uuid;

use crate::presence::Seat;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Viewer {
    pub user_id: Uuid,
    pub name: String,
}

/// The viewers of one board, and the version that orders the lists a client hears.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Looking {
    pub version: u64,
    pub viewers: Vec<Viewer>,
}

pub(crate) struct Boards {
    /// This instance's sockets per board. Held across the call to Redis (as presence
    /// holds its own), so Redis hears one board's changes in the order they happened here.
    projects: Mutex<HashMap<Uuid, Vec<(Sid, Viewer)>>>,
    seat: Option<Seat>,
    /// A change Redis did not hear: the next beat says again what this instance holds.
    missed: AtomicBool,
    /// The last version given without Redis.
    last_version: AtomicU64,
}

impl Boards {
    pub fn new(seat: Option<Seat>) -> Self {
        Boards {
            projects: Mutex::default(),
            seat,
            missed: AtomicBool::new(false),
            last_version: AtomicU64::new(0),
        }
    }

    /// Adds a socket to a board; answers who is looking now.
    pub async fn enter(&self, project: Uuid, socket: Sid, viewer: Viewer) -> Looking {
        let mut projects = self.projects.lock().await;
        let sockets = projects.entry(project).or_default();
        if !sockets.iter().any(|(s, _)| *s == socket) {
            sockets.push((socket, viewer.clone()));
        }
        let here = distinct(sockets);
        if let Some(seat) = &self.seat {
            let answer = seat
                .redis
                .board_enter(
                    &seat.instance,
                    &project.to_string(),
                    &viewer.user_id.to_string(),
                    &viewer.name,
                )
                .await;
            if let Some(looking) = self.shared(answer) {
                return looking;
            }
        }
        self.alone(here)
    }

    /// Takes a socket off a board; answers who is still looking, or `None` when the
    /// socket was not there.
    pub async fn leave(&self, project: Uuid, socket: Sid) -> Option<Looking> {
        let mut projects = self.projects.lock().await;
        let sockets = projects.get_mut(&project)?;
        let position = sockets.iter().position(|(s, _)| *s == socket)?;
        let (_, viewer) = sockets.remove(position);
        let still_here = sockets.iter().any(|(_, v)| v.user_id == viewer.user_id);
        let here = distinct(sockets);
        let last_here = sockets.is_empty();
        if last_here {
            projects.remove(&project);
        }
        if let Some(seat) = &self.seat {
            let board = project.to_string();
            let answer = if still_here {
                seat.redis.board_look(&board).await
            } else {
                let person = viewer.user_id.to_string();
                (seat.redis)
                    .board_leave(&seat.instance, &board, &person, last_here)
                    .await
            };
            if let Some(looking) = self.shared(answer) {
                return Some(looking);
            }
        }
        Some(self.alone(here))
    }

    /// The boards a socket is on.
    pub async fn of_socket(&self, socket: Sid) -> Vec<Uuid> {
        let projects = self.projects.lock().await;
        projects
            .iter()
            .filter(|(_, sockets)| sockets.iter().any(|(s, _)| *s == socket))
            .map(|(project, _)| *project)
            .collect()
    }

    /// Who is looking at a board across instances, under a new version; `None` without
    /// Redis, or when it does not answer.
    pub async fn look(&self, project: Uuid) -> Option<Looking> {
        let seat = self.seat.as_ref()?;
        let answer = seat.redis.board_look(&project.to_string()).await;
        self.shared(answer)
    }

    /// Tells Redis again whom this instance has on which board, when it forgot this
    /// instance (`forgotten`) or missed a change; answers the boards whose lists may
    /// have changed.
    pub async fn say_again(&self, forgotten: bool) -> Vec<Uuid> {
        let Some(seat) = &self.seat else {
            return Vec::new();
        };
        if !self.missed.swap(false, Ordering::Relaxed) && !forgotten {
            return Vec::new();
        }
        let projects = self.projects.lock().await;
        let held: Vec<(String, String, String)> = projects
            .iter()
            .flat_map(|(project, sockets)| {
                distinct(sockets).into_iter().map(move |viewer| {
                    (project.to_string(), viewer.user_id.to_string(), viewer.name)
                })
            })
            .collect();
        match seat.redis.boards_reset(&seat.instance, &held).await {
            Ok(boards) => boards.iter().filter_map(|b| b.parse().ok()).collect(),
            Err(_) => {
                self.missed.store(true, Ordering::Relaxed);
                Vec::new()
            }
        }
    }

    /// Redis's list, or `None` (and a note to say it all again) when it did not answer.
    fn shared(&self, answer: Result<Board, Unavailable>) -> Option<Looking> {
        match answer {
            Ok(board) => Some(Looking {
                version: board.version,
                viewers: board
                    .viewers
                    .into_iter()
                    .filter_map(|(person, name)| {
                        let user_id = person.parse().ok()?;
                        Some(Viewer { user_id, name })
                    })
                    .collect(),
            }),
            Err(_) => {
                self.missed.store(true, Ordering::Relaxed);
                None
            }
        }
    }

    /// This instance's own list, under a version from its clock (microseconds, always past
    /// the last, as Redis gives them).
    fn alone(&self, mut viewers: Vec<Viewer>) -> Looking {
        viewers.sort_by(|a, b| a.name.cmp(&b.name).then(a.user_id.cmp(&b.user_id)));
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| u64::try_from(d.as_micros()).unwrap_or(u64::MAX))
            .unwrap_or(0);
        let previous = self
            .last_version
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |last| {
                Some(now.max(last + 1))
            })
            .unwrap_or(0);
        Looking {
            version: now.max(previous + 1),
            viewers,
        }
    }
}

/// One entry per person, however many tabs they have on the board.
fn distinct(sockets: &[(Sid, Viewer)]) -> Vec<Viewer> {
    let mut viewers: Vec<Viewer> = Vec::new();
    for (_, viewer) in sockets {
        if !viewers.iter().any(|v| v.user_id == viewer.user_id) {
            viewers.push(viewer.clone());
        }
    }
    viewers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_person_with_two_tabs_is_one_viewer_until_both_leave() {
        let boards = Boards::new(None);
        let project = Uuid::now_v7();
        let ann = Viewer {
            user_id: Uuid::now_v7(),
            name: "Ann".into(),
        };
        let (tab1, tab2) = (Sid::new(), Sid::new());
        let first = boards.enter(project, tab1, ann.clone()).await;
        assert_eq!(first.viewers, vec![ann.clone()]);
        let second = boards.enter(project, tab2, ann.clone()).await;
        assert_eq!(second.viewers, vec![ann.clone()]);
        assert!(second.version > first.version, "each list is newer");
        assert_eq!(boards.of_socket(tab1).await, vec![project]);
        let one_left = boards.leave(project, tab1).await.unwrap();
        assert_eq!(one_left.viewers, vec![ann.clone()]);
        assert!(one_left.version > second.version);
        assert_eq!(boards.leave(project, tab1).await, None);
        assert_eq!(boards.leave(project, tab2).await.unwrap().viewers, vec![]);
        assert!(boards.of_socket(tab2).await.is_empty());
    }
}
