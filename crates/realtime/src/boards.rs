//! Who is looking at which board: one entry per socket in a project's room.

use std::{collections::HashMap, sync::Mutex};

use serde::Serialize;
use socketioxide::socket::Sid;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Viewer {
    pub user_id: Uuid,
    pub name: String,
}

#[derive(Default)]
pub(crate) struct Boards {
    projects: Mutex<HashMap<Uuid, Vec<(Sid, Viewer)>>>,
}

impl Boards {
    /// Adds a socket to a board; returns who is looking now.
    pub fn enter(&self, project: Uuid, socket: Sid, viewer: Viewer) -> Vec<Viewer> {
        let mut projects = self.projects.lock().unwrap_or_else(|e| e.into_inner());
        let sockets = projects.entry(project).or_default();
        if !sockets.iter().any(|(s, _)| *s == socket) {
            sockets.push((socket, viewer));
        }
        distinct(sockets)
    }

    /// Takes a socket off a board; returns who is still looking, or `None` when the socket
    /// was not there.
    pub fn leave(&self, project: Uuid, socket: Sid) -> Option<Vec<Viewer>> {
        let mut projects = self.projects.lock().unwrap_or_else(|e| e.into_inner());
        let sockets = projects.get_mut(&project)?;
        let before = sockets.len();
        sockets.retain(|(s, _)| *s != socket);
        if sockets.len() == before {
            return None;
        }
        let viewers = distinct(sockets);
        if sockets.is_empty() {
            projects.remove(&project);
        }
        Some(viewers)
    }

    /// The boards a socket is on.
    pub fn of_socket(&self, socket: Sid) -> Vec<Uuid> {
        let projects = self.projects.lock().unwrap_or_else(|e| e.into_inner());
        projects
            .iter()
            .filter(|(_, sockets)| sockets.iter().any(|(s, _)| *s == socket))
            .map(|(project, _)| *project)
            .collect()
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

    #[test]
    fn a_person_with_two_tabs_is_one_viewer_until_both_leave() {
        let boards = Boards::default();
        let project = Uuid::now_v7();
        let ann = Viewer {
            user_id: Uuid::now_v7(),
            name: "Ann".into(),
        };
        let (tab1, tab2) = (Sid::new(), Sid::new());
        assert_eq!(boards.enter(project, tab1, ann.clone()), vec![ann.clone()]);
        assert_eq!(boards.enter(project, tab2, ann.clone()), vec![ann.clone()]);
        assert_eq!(boards.of_socket(tab1), vec![project]);
        assert_eq!(boards.leave(project, tab1), Some(vec![ann.clone()]));
        assert_eq!(boards.leave(project, tab1), None);
        assert_eq!(boards.leave(project, tab2), Some(vec![]));
        assert!(boards.of_socket(tab2).is_empty());
    }
}
