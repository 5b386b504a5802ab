//! Where the server runs: `FLUX_ENV` (the seed's `NODE_ENV`).

use std::str::FromStr;

use crate::{ParseVocabularyError, vocabulary};

vocabulary! {
    /// `development` is forgiving (generated secrets, readable logs); `production` demands
    /// every secret explicitly and logs JSON.
    #[derive(Default)]
    pub enum Environment {
        #[default]
        Development = "development",
        Production = "production",
    }
}

impl Environment {
    pub fn is_production(self) -> bool {
        self == Self::Production
    }
}

impl FromStr for Environment {
    type Err = ParseVocabularyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::from_word(s)
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
        assert_eq!(Environment::default(), Environment::Development);
    }
}
