//! How long and how many: every limit on what a client sends, in one place, so that the
//! rules that check a request and the API's document that states them read the same
//! numbers. Lengths count characters as sent, white space included.

/// A person's, organization's, team's or project's name.
pub const NAME_CHARS: usize = 100;
/// An organization's, team's or project's description.
pub const DESCRIPTION_CHARS: usize = 2000;
/// A task's title.
pub const TASK_TITLE_CHARS: usize = 500;
/// A task's description (Markdown).
pub const TASK_DESCRIPTION_CHARS: usize = 20_000;
/// A task's tags, and each tag's length.
pub const TASK_TAGS: usize = 20;
pub const TAG_CHARS: usize = 40;
/// A milestone's title.
pub const MILESTONE_TITLE_CHARS: usize = 300;
/// A comment on a task (Markdown).
pub const COMMENT_CHARS: usize = 5000;
/// People mentioned in one comment or message.
pub const MENTIONS: usize = 50;
/// A message (Markdown).
pub const MESSAGE_CHARS: usize = 10_000;
/// A group conversation's name.
pub const GROUP_NAME_CHARS: usize = 100;
/// People in one group conversation, its creator included.
pub const GROUP_PEOPLE: usize = 256;
/// A reaction: one emoji or a short code such as `:tada:`.
pub const EMOJI_CHARS: usize = 32;
/// A client's own id for a message it sends.
pub const CLIENT_ID_CHARS: usize = 64;
/// A document's title, and a named version's name.
pub const DOCUMENT_TITLE_CHARS: usize = 200;
pub const VERSION_NAME_CHARS: usize = 100;
/// An avatar's URL and a time zone's name.
pub const AVATAR_URL_CHARS: usize = 2048;
pub const TIMEZONE_CHARS: usize = 64;
/// A search of messages, and of people by an admin.
pub const SEARCH_CHARS: usize = 200;
/// A file's name as shown (most file systems' limit for one name is 255 bytes; longer
/// names in other scripts are cut to that when kept).
pub const FILE_NAME_CHARS: usize = 255;
/// A reviewer's note with their decision on a version.
pub const REVIEW_NOTE_CHARS: usize = 2000;
/// People asked for their review at once.
pub const REVIEWERS: usize = 20;

/// Files one message carries.
pub const MESSAGE_ATTACHMENTS: usize = 10;
