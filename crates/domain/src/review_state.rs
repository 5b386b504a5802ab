//! Design review: what a reviewer decides on a version of a file, and where the version
//! stands once every reviewer's current decision is counted (by the store, which reads a
//! version's state from its decisions: `fluxstudio_store::files`).

use crate::{parsed_from_field, vocabulary};

vocabulary! {
    /// One reviewer's decision on one version.
    pub enum ReviewDecision {
        Approved = "approved",
        ChangesRequested = "changes_requested",
    }
}

vocabulary! {
    /// Where a version stands: `changes_requested` while any reviewer's current decision
    /// asks for changes, `approved` once someone approved and no one asks for changes,
    /// `pending` before anyone decided.
    pub enum ReviewState {
        Pending = "pending",
        Approved = "approved",
        ChangesRequested = "changes_requested",
    }
}

parsed_from_field!(ReviewDecision, "decision");
parsed_from_field!(ReviewState, "review");
