//! The one error for "this word is not in the vocabulary", shared by every enum the
//! product exposes, so that API and config errors name the allowed values the same way.

use std::fmt;

/// A value that is not one of a vocabulary's words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ParseVocabularyError {
    pub value: String,
    pub allowed: &'static [&'static str],
}

impl fmt::Display for ParseVocabularyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is not one of: {}",
            self.value,
            self.allowed.join(", ")
        )
    }
}

/// Finds `value` among `words` (exact match) and returns its index.
pub fn vocabulary_index(
    value: &str,
    words: &'static [&'static str],
) -> Result<usize, ParseVocabularyError> {
    words
        .iter()
        .position(|w| *w == value)
        .ok_or_else(|| ParseVocabularyError {
            value: value.to_owned(),
            allowed: words,
        })
}
