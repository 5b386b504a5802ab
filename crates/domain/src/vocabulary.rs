//! Closed vocabularies (environments, user types, and later statuses, priorities, roles):
//! one macro declares each, so every one has the same words-on-the-wire, the same lookup
//! and the same error naming the allowed values, in the API, the config and the database.

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

/// A closed vocabulary: its words on the wire, for what states them (the API's document).
pub trait Vocabulary: Sized + 'static {
    const WORDS: &'static [&'static str];
}

/// Declares an enum whose variants are spelled on the wire as the given words, with
/// `WORDS`, `ALL`, `as_str`, `from_word` (exact match) and `Display`. `FromStr` is left to
/// the type, so each decides what its refusal says.
#[macro_export]
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $word:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every word, in declaration order.
            pub const WORDS: &'static [&'static str] = &[$($word),+];
            /// Every variant, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $word),+
                }
            }

            pub fn from_word(word: &str) -> Result<Self, $crate::ParseVocabularyError> {
                match word {
                    $($word => Ok(Self::$variant),)+
                    _ => Err($crate::ParseVocabularyError {
                        value: word.to_owned(),
                        allowed: Self::WORDS,
                    }),
                }
            }
        }

        impl $crate::vocabulary::Vocabulary for $name {
            const WORDS: &'static [&'static str] = &[$($word),+];
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// `FromStr` for a vocabulary read from a request field: a word outside it is refused as
/// [`Invalid`](crate::Invalid) naming `field` and listing the allowed words (a 422 in the API).
#[macro_export]
macro_rules! parsed_from_field {
    ($name:ident, $field:literal) => {
        impl ::std::str::FromStr for $name {
            type Err = $crate::Invalid;

            fn from_str(s: &str) -> Result<Self, $crate::Invalid> {
                Self::from_word(s).map_err(|err| $crate::Invalid::new($field, format!("{err}.")))
            }
        }
    };
}

#[cfg(test)]
mod tests {
    vocabulary! {
        enum Colour {
            Red = "red",
            DeepBlue = "deep_blue",
        }
    }

    #[test]
    fn words_round_trip_and_refusals_name_the_words() {
        for colour in Colour::ALL {
            assert_eq!(Colour::from_word(colour.as_str()), Ok(*colour));
            assert_eq!(colour.to_string(), colour.as_str());
        }
        assert_eq!(Colour::WORDS, ["red", "deep_blue"]);
        let err = Colour::from_word("Red").unwrap_err();
        assert_eq!(err.to_string(), "\"Red\" is not one of: red, deep_blue");
    }
}
