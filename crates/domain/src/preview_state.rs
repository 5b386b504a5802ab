//! Where a file version's previews stand: `none` for a type that gets none, `pending` while
//! they are made (in the background, after the upload was answered), `ready`, or `failed`
//! (an image that cannot be read, or has too many pixels to be decoded safely).

use crate::{parsed_from_field, vocabulary};

vocabulary! {
    pub enum PreviewState {
        None = "none",
        Pending = "pending",
        Ready = "ready",
        Failed = "failed",
    }
}

parsed_from_field!(PreviewState, "preview");
