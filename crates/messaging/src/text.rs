//! What a message, a reaction and a conversation name may hold.

use fluxstudio_domain::{Invalid, text::storable};

/// Characters in one message.
pub const BODY_MAX: usize = 10_000;
/// Characters in a group's name.
pub const NAME_MAX: usize = 100;
/// Characters in a reaction (an emoji can be several code points).
pub const EMOJI_MAX: usize = 32;
/// Characters in a client's own id for a message.
pub const CLIENT_ID_MAX: usize = 64;
/// People in one group conversation.
pub const GROUP_MAX: usize = 256;
/// People mentioned in one message.
pub const MENTIONS_MAX: usize = 50;

/// A message's text: not blank, at most [`BODY_MAX`] characters, no control characters
/// (it also comes over Socket.IO, past the REST body's check). Kept as written.
pub fn body(text: &str) -> Result<&str, Invalid> {
    let text = storable("body", text)?;
    if text.trim().is_empty() {
        return Err(Invalid::new("body", "Write something to send."));
    }
    if text.chars().count() > BODY_MAX {
        return Err(Invalid::new(
            "body",
            format!("A message holds at most {BODY_MAX} characters."),
        ));
    }
    Ok(text)
}

/// A group's name, trimmed; blank means none.
pub fn name(text: &str) -> Result<Option<&str>, Invalid> {
    let text = storable("name", text)?.trim();
    if text.chars().count() > NAME_MAX {
        return Err(Invalid::new(
            "name",
            format!("A name holds at most {NAME_MAX} characters."),
        ));
    }
    Ok((!text.is_empty()).then_some(text))
}

/// A reaction: a short run with no spaces or control characters.
pub fn emoji(text: &str) -> Result<&str, Invalid> {
    let ok = !text.is_empty()
        && text.chars().count() <= EMOJI_MAX
        && !text.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(text)
    } else {
        Err(Invalid::new(
            "emoji",
            format!("A reaction is one emoji or a short code, up to {EMOJI_MAX} characters."),
        ))
    }
}

/// A client's id for a message: printable ASCII, at most [`CLIENT_ID_MAX`] characters.
pub fn client_id(text: &str) -> Result<&str, Invalid> {
    let ok = !text.is_empty()
        && text.len() <= CLIENT_ID_MAX
        && text.bytes().all(|b| b.is_ascii_graphic());
    if ok {
        Ok(text)
    } else {
        Err(Invalid::new(
            "clientId",
            format!("A client id is 1 to {CLIENT_ID_MAX} printable ASCII characters."),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_not_blank_and_not_too_long() {
        assert!(body(" \n ").is_err());
        assert_eq!(body(" hi ").unwrap(), " hi ");
        assert!(body(&"é".repeat(BODY_MAX)).is_ok());
        assert_eq!(body(&"x".repeat(BODY_MAX + 1)).unwrap_err().field, "body");
    }

    #[test]
    fn reactions_names_and_client_ids() {
        assert!(emoji("👍🏽").is_ok());
        assert!(emoji(":tada:").is_ok());
        assert!(emoji("two words").is_err());
        assert!(emoji("").is_err());
        assert_eq!(name("  ").unwrap(), None);
        assert_eq!(name(" Shoot ").unwrap(), Some("Shoot"));
        assert!(name(&"n".repeat(NAME_MAX + 1)).is_err());
        assert!(client_id("draft-1").is_ok());
        assert!(client_id("has space").is_err());
    }
}
