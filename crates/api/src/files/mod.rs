//! Files over HTTP: a project's files and their versions (`items`), uploads in a
//! multipart form (`uploads`, read by `form`) or resumable in tus (`tus`), and downloads with ranges and
//! validators (`content`); files attached to tasks (`attachments`); design review of a version: comments pinned on it (`review`) and
//! reviewers' decisions (`decisions`).

pub mod attachments;
pub mod content;
pub mod decisions;
pub mod documented;
mod form;
pub mod items;
mod ranges;
pub mod review;
pub mod tus;
pub mod uploads;

use fluxstudio_files::FileError;

use crate::ApiError;

impl From<FileError> for ApiError {
    fn from(error: FileError) -> Self {
        ApiError::refused(error.refusal(), &error)
    }
}

/// A version's number from the path: a whole number from 1, else no such version.
pub(crate) fn version_number(raw: &str) -> Result<i64, ApiError> {
    raw.parse::<i64>()
        .ok()
        .filter(|n| *n >= 1 && !raw.starts_with('+'))
        .ok_or_else(|| ApiError::not_found("No such version."))
}
