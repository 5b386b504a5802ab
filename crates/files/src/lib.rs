//! FluxStudio's files. Storage, independent of HTTP and of the database: blobs stored once
//! under their SHA-256 (`blobs`), the types accepted and how they are told (`kinds`), the
//! safe form of a name a person typed (`names`), the sweep of what nothing names (`sweep`).
//! The service over them (`Files`): a project's files and versions, for the people its
//! rules let in.
#![forbid(unsafe_code)]

mod attachments;
pub mod blobs;
mod bucket;
mod error;
pub mod kinds;
mod library;
pub mod names;
mod pieces;
mod preview_work;
pub mod previews;
pub mod resumable;
pub mod review;
#[cfg(any(test, feature = "samples"))]
pub mod samples;
mod sent;
mod service;
pub mod spool;
mod staging;
pub mod sweep;
#[cfg(test)]
mod testing;
mod uploads;
pub mod views;

pub use attachments::TaskFileView;
pub use blobs::{Blobs, PutError, Stored};
pub use bucket::Bucket;
pub use error::FileError;
pub use kinds::{Family, Kind};
pub use library::FileQuery;
pub use preview_work::PreviewSize;
pub use resumable::{NewResumable, Progress};
pub use review::{CommentChange, NewReviewComment, pins::AskedPin};
pub use sent::ConversationFileView;
pub use service::{FileSettings, Files};
pub use uploads::Destination;
pub use views::{FileView, VersionView};
