//! What a message, a reaction and a conversation name may hold.

use fluxstudio_domain::{
    Invalid, limits,
    text::{LINE_CONTROLS, WHITE_SPACE, storable},
};

/// Characters in one message.
pub const BODY_MAX: usize = limits::MESSAGE_CHARS;
/// Characters in a group's name, as sent.
pub const NAME_MAX: usize = limits::GROUP_NAME_CHARS;
/// Characters in a reaction (an emoji can be several code points).
pub const EMOJI_MAX: usize = limits::EMOJI_CHARS;
/// Characters in a client's own id for a message.
pub const CLIENT_ID_MAX: usize = limits::CLIENT_ID_CHARS;
/// People in one group conversation.
pub const GROUP_MAX: usize = limits::GROUP_PEOPLE;
/// People mentioned in one message.
pub const MENTIONS_MAX: usize = limits::MENTIONS;

/// [`emoji`]'s rule as the API's document states it, with [`EMOJI_MAX`] as `maxLength`.
pub fn emoji_pattern() -> String {
    format!("^[^{LINE_CONTROLS}{WHITE_SPACE}]+$")
}

/// [`client_id`]'s rule as the API's document states it, with [`CLIENT_ID_MAX`] as
/// `maxLength`: printable ASCII.
pub const CLIENT_ID_PATTERN: &str = "^[!-~]+$";

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
    if text.chars().count() > NAME_MAX {
        return Err(Invalid::new(
            "name",
            format!("A name holds at most {NAME_MAX} characters."),
        ));
    }
    let text = storable("name", text)?.trim();
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

    proptest::proptest! {
        /// The documented patterns and lengths accept exactly what the rules accept.
        #[test]
        fn the_document_states_the_rules(raw in "[ a:👍\\u{85}\\x00\\x7f~é]{0,4}|[a]{30,34}|[a ]{99,102}") {
            let matches = |pattern: &str| regex::Regex::new(pattern).unwrap().is_match(&raw);
            let chars = raw.chars().count();
            proptest::prop_assert_eq!(chars <= EMOJI_MAX && matches(&emoji_pattern()), emoji(&raw).is_ok());
            proptest::prop_assert_eq!(chars <= CLIENT_ID_MAX && matches(CLIENT_ID_PATTERN), client_id(&raw).is_ok());
            let documented = chars <= NAME_MAX && matches(&fluxstudio_domain::text::pattern(false));
            proptest::prop_assert_eq!(documented, name(&raw).is_ok());
            let documented = chars <= BODY_MAX && matches(&fluxstudio_domain::text::pattern(true));
            proptest::prop_assert_eq!(documented, body(&raw).is_ok());
        }
    }
}
