//! The permission matrix written out by hand, cell by cell, as `docs/PERMISSIONS.md` shows
//! it, and checked against the code and against the document. The tables are literal rather
//! than computed so a slip in the rules cannot hide by being repeated in its own test.

mod docs;
mod invariants;
mod org;
mod project;

use super::Access;

/// Short names so each table row reads like the document's.
const Y: Access = Access::Allowed;
const F: Access = Access::Forbidden;
const H: Access = Access::Hidden;

/// How the document writes each answer.
fn cell(access: Access) -> &'static str {
    match access {
        Access::Allowed => "yes",
        Access::Forbidden => "403",
        Access::Hidden => "404",
    }
}
