//! Closed vocabularies (environments, user types, statuses, priorities, roles, kinds): one
//! macro declares each, so every one has the same words-on-the-wire, the same lookup and the
//! same error naming the allowed values, in the API, the config and the database. Stored rows
//! read them as these types (`TryFrom<String>`), so services hand out domain values, never
//! strings to compare.

use std::fmt;

/// For [`vocabulary!`] in other crates, which need not depend on serde or sqlx themselves.
#[doc(hidden)]
pub use serde;
#[cfg(feature = "sqlx")]
#[doc(hidden)]
pub use sqlx;

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

        $crate::__vocabulary_in_sqlx!($name);

        impl $crate::vocabulary::serde::Serialize for $name {
            fn serialize<S: $crate::vocabulary::serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// With the `sqlx` feature, a vocabulary is a column type on every engine: stored as its word
/// (text), read back through `from_word`, so a row holds the domain value, not a string.
#[cfg(feature = "sqlx")]
#[doc(hidden)]
#[macro_export]
macro_rules! __vocabulary_in_sqlx {
    ($name:ident) => {
        impl<DB: $crate::vocabulary::sqlx::Database> $crate::vocabulary::sqlx::Type<DB> for $name
        where
            String: $crate::vocabulary::sqlx::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <String as $crate::vocabulary::sqlx::Type<DB>>::type_info()
            }

            fn compatible(ty: &DB::TypeInfo) -> bool {
                <String as $crate::vocabulary::sqlx::Type<DB>>::compatible(ty)
            }
        }

        impl<'r, DB: $crate::vocabulary::sqlx::Database> $crate::vocabulary::sqlx::Decode<'r, DB>
            for $name
        where
            &'r str: $crate::vocabulary::sqlx::Decode<'r, DB>,
        {
            fn decode(
                value: DB::ValueRef<'r>,
            ) -> Result<Self, $crate::vocabulary::sqlx::error::BoxDynError> {
                let word = <&'r str as $crate::vocabulary::sqlx::Decode<'r, DB>>::decode(value)?;
                Ok(Self::from_word(word)?)
            }
        }

        impl<'q, DB: $crate::vocabulary::sqlx::Database> $crate::vocabulary::sqlx::Encode<'q, DB>
            for $name
        where
            &'static str: $crate::vocabulary::sqlx::Encode<'q, DB>,
        {
            fn encode_by_ref(
                &self,
                buf: &mut <DB as $crate::vocabulary::sqlx::Database>::ArgumentBuffer,
            ) -> Result<
                $crate::vocabulary::sqlx::encode::IsNull,
                $crate::vocabulary::sqlx::error::BoxDynError,
            > {
                <&'static str as $crate::vocabulary::sqlx::Encode<'q, DB>>::encode_by_ref(
                    &self.as_str(),
                    buf,
                )
            }
        }
    };
}

#[cfg(not(feature = "sqlx"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __vocabulary_in_sqlx {
    ($name:ident) => {};
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
