//! The rows of collaborative documents: the documents of a project ([`rows`]), the Yjs
//! updates their content is made of ([`content`]), and their history ([`snapshots`]).

pub mod content;
pub mod rows;
pub mod snapshots;
