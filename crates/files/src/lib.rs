//! FluxStudio's file storage, independent of HTTP and of the database: blobs stored once
//! under their SHA-256 (`blobs`), the types accepted and how they are told (`kinds`), and
//! the safe form of a name a person typed (`names`).
#![forbid(unsafe_code)]

pub mod blobs;
pub mod kinds;
pub mod names;
pub mod sweep;
#[cfg(test)]
mod testing;

pub use blobs::{Blobs, PutError, Stored};
pub use kinds::{Family, Kind};
