//! Collaborative documents (issue 6), on both backends: the API's permissions and refusals,
//! versions and restore, and how the store keeps a document's updates. Live editing over
//! `/collab` is tested with the official JavaScript clients (tests/e2e/collab*.test.mjs).

mod api;
mod history;
mod store;
