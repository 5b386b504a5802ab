//! `fluxstudio admin check`: what must hold between rows, checked in one read-only snapshot
//! of the database (so a server running meanwhile cannot make it report a half-done write).
//!
//! - **orphans**: rows whose parent is gone, for every foreign key the database declares
//!   (read from its catalogue, so a new migration's keys are checked without a change here:
//!   SQLite enforces them only on connections that ask, and the `sqlite3` shell does not)
//!   and for the references no key enforces (`orphans::UNDECLARED`).
//! - **scope**: references whose parent exists but belongs elsewhere (a reply to a message
//!   of another conversation, a task's milestone of another project) and people holding a
//!   part where they are no longer members (an assignee off the project, a project role or
//!   a team outside the organization) (`orphans::SCOPED`).
//! - **message-seq**: each conversation's messages are numbered 1…`last_seq`, each number
//!   once, and nobody has read past the newest.
//! - **board-positions**: no two tasks share a position in a column (project and status).
//! - **document-updates**: each document's stored updates are numbered exactly
//!   `state_seq`+1…`last_seq` (none lost, none left behind by a compaction), and its
//!   history's versions are of updates it has stored. Update rows whose document is gone
//!   are orphans (`document_updates.document_id → documents.id`).
//!
//! Left out on purpose: `security_events.session_id` (sessions are purged, the audit log
//! stays), `activities.entity_id` (the feed outlives what it names; it keeps the title),
//! and the people named inside JSON (`messages.mentions`, `task_comments.mentions`,
//! `notifications.data`), which are text a person wrote about, not references.

mod catalogue;
mod numbering;
mod orphans;
mod positions;
mod report;
mod snapshot;

pub use catalogue::{ForeignKey, foreign_keys};
pub use report::{Check, EXAMPLES, Finding, Report};

use crate::{Db, StoreError};
use snapshot::Snapshot;

/// Runs every check in one snapshot.
pub async fn check(db: &Db) -> Result<Report, StoreError> {
    let mut snapshot = Snapshot::begin(db).await?;
    let keys = catalogue::row_keys(&mut snapshot).await?;
    let foreign_keys = catalogue::foreign_keys_in(&mut snapshot).await?;
    let checks = vec![
        orphans::orphans(&mut snapshot, &keys, &foreign_keys).await?,
        orphans::scope(&mut snapshot).await?,
        numbering::message_numbers(&mut snapshot).await?,
        positions::board_positions(&mut snapshot).await?,
        numbering::document_updates(&mut snapshot).await?,
    ];
    snapshot.finish().await?;
    Ok(Report {
        backend: db.backend(),
        checks,
    })
}
