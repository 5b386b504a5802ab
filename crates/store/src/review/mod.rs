//! Design review of file versions: comments pinned to a point or a rectangle of a version
//! (`comments`), and each reviewer's decision on it with who was asked (`decisions`). A
//! version's state is read from its decisions by `files`.

pub mod comments;
pub mod decisions;
