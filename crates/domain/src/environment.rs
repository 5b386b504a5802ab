//! Where the server runs: `FLUX_ENV` (the seed's `NODE_ENV`).

use std::str::FromStr;

use crate::parse::{ParseVocabularyError, vocabulary_index};

/// `development` is forgiving (generated secrets, readable logs); `production` demands
/// every secret explicitly and logs JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Environment {
    #[default]
    Development,
    Production,
}

impl Environment {
    pub const WORDS: &'static [&'static str] = &["development", "production"];

    pub fn as_str(self) -> &'static str {
        Self::WORDS[self as usize]
    }

    pub fn is_production(self) -> bool {
        self == Self::Production
    }
}

impl FromStr for Environment {
    type Err = ParseVocabularyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match vocabulary_index(s, Self::WORDS)? {
            0 => Self::Development,
            _ => Self::Production,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_words_and_names_them_on_error() {
        assert_eq!(
            "production".parse::<Environment>(),
            Ok(Environment::Production)
        );
        assert_eq!(
            "development".parse::<Environment>(),
            Ok(Environment::Development)
        );
        let err = "prod".parse::<Environment>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"prod\" is not one of: development, production"
        );
        assert_eq!(Environment::Production.as_str(), "production");
    }
}
