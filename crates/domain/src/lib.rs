//! FluxStudio's vocabulary and rules, free of I/O so they can be tested on their own
//! and shared by every layer (store, API, real time, collaboration).
#![forbid(unsafe_code)]

pub mod environment;
pub mod parse;

pub use environment::Environment;
pub use parse::ParseVocabularyError;
