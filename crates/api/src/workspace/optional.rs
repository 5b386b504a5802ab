//! PATCH bodies tell "sent as null" (clear it) from "not sent" (leave it): a field typed
//! `Option<Option<T>>` with `#[serde(default, deserialize_with = "optional::present")]`.

use serde::{Deserialize, Deserializer};

pub fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}
