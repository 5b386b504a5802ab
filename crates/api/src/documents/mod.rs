//! Documents over HTTP: a project's documents, their export and their history. Their
//! content is edited live over `/collab/{id}` (crates/collab); this is the rest.

pub mod history;
pub mod items;
