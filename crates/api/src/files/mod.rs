//! Files over HTTP: a project's files and their versions (`items`), uploads in a
//! multipart form (`uploads`) or resumable in tus (`tus`), and downloads with ranges and
//! validators (`content`).

pub mod content;
pub mod items;
mod ranges;
pub mod tus;
pub mod uploads;

use fluxstudio_files::FileError;

use crate::ApiError;

impl From<FileError> for ApiError {
    fn from(error: FileError) -> Self {
        ApiError::refused(error.refusal(), &error)
    }
}
