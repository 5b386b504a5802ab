//! What clients send with each event (camelCase JSON, as REST takes it).

use serde::Deserialize;
use uuid::Uuid;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ConversationRef {
    pub conversation_id: Uuid,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Sync {
    pub conversation_id: Uuid,
    /// The last number the client has; it receives everything after.
    pub after_seq: i64,
    pub limit: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Send {
    pub conversation_id: Uuid,
    pub body: String,
    pub parent_id: Option<Uuid>,
    #[serde(default)]
    pub mentions: Vec<Uuid>,
    pub client_id: Option<String>,
    #[serde(default)]
    pub attachments: Vec<Uuid>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Edit {
    pub message_id: Uuid,
    pub body: String,
    #[serde(default)]
    pub mentions: Vec<Uuid>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MessageRef {
    pub message_id: Uuid,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct React {
    pub message_id: Uuid,
    pub emoji: String,
    /// False takes the reaction back.
    #[serde(default = "yes")]
    pub on: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Read {
    pub conversation_id: Uuid,
    /// Read up to here; absent means everything.
    pub seq: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PresenceQuery {
    pub user_ids: Vec<Uuid>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ProjectRef {
    pub project_id: Uuid,
}

/// Any JSON a client could send, and the way socketioxide hands a payload to a handler.
#[cfg(test)]
pub(crate) mod arbitrary {
    use proptest::prelude::*;
    use serde::de::DeserializeOwned;
    use serde_json::{Value, json};
    use socketioxide::ParserError;
    use socketioxide_core::parser::Parse;
    use socketioxide_parser_common::CommonParser;

    /// Every field name the payloads take, so objects often hold the right names.
    pub const FIELDS: &[&str] = &[
        "conversationId",
        "afterSeq",
        "limit",
        "body",
        "parentId",
        "mentions",
        "clientId",
        "messageId",
        "emoji",
        "on",
        "seq",
        "userIds",
        "projectId",
        "token",
    ];

    /// A UUID as a client writes one, or nearly.
    pub fn uuid_like() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<u128>().prop_map(|n| uuid::Uuid::from_u128(n).to_string()),
            any::<u128>().prop_map(|n| uuid::Uuid::from_u128(n).simple().to_string()),
            "[0-9a-fA-FgG{}-]{30,40}",
        ]
    }

    /// Any JSON value, up to four levels deep, numbers and strings at their edges too.
    pub fn json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            prop_oneof![Just(i64::MIN), Just(i64::MAX), Just(-1), Just(0)].prop_map(Value::from),
            any::<String>().prop_map(Value::String),
            uuid_like().prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            let key = prop_oneof![
                prop::sample::select(FIELDS).prop_map(str::to_owned),
                any::<String>(),
            ];
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::btree_map(key, inner, 0..6)
                    .prop_map(|map| Value::Object(map.into_iter().collect())),
            ]
        })
    }

    /// Objects with the payloads' field names, each holding any JSON.
    pub fn wrong_object() -> impl Strategy<Value = Value> {
        prop::collection::btree_map(prop::sample::select(FIELDS), json(), 0..FIELDS.len()).prop_map(
            |map| Value::Object(map.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()),
        )
    }

    /// Decodes an event's data as socketioxide does for `TryData<T>`: the packet's text
    /// `["event", data, …]`, read with its common parser.
    pub fn event<T: DeserializeOwned>(text: String) -> Result<T, ParserError> {
        let mut value = socketioxide_core::Value::Str(text.into(), None);
        CommonParser.decode_value(&mut value, true)
    }

    /// The text of an event with `args` as its data.
    pub fn event_text(name: &str, args: &[Value]) -> String {
        let mut array = vec![json!(name)];
        array.extend_from_slice(args);
        Value::Array(array).to_string()
    }

    /// The text of an event whose data is anything at all: none, one or more JSON values,
    /// or text that is not JSON.
    pub fn any_event_text() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => prop::collection::vec(prop_oneof![json(), wrong_object()], 0..3)
                .prop_map(|args| event_text("event", &args)),
            1 => any::<String>().prop_map(|tail| format!("[\"event\",{tail}")),
            1 => "\\[\"event\",[\\[\\]{}\":,0-9a-zA-Z\\\\ -]{0,30}",
            1 => any::<String>(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::{Value, json};
    use uuid::Uuid;

    use super::{arbitrary::*, *};
    use crate::reply;

    /// Decodes `text` as `T`, and on failure answers as the handlers do.
    fn decode<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Value> {
        event::<T>(text.to_owned()).map_err(|e| reply::malformed("event", e))
    }

    /// Every payload type decodes `text` or is refused as malformed.
    fn decode_all(text: &str) -> Result<(), TestCaseError> {
        fn check<T: serde::de::DeserializeOwned>(text: &str) -> Result<(), TestCaseError> {
            if let Err(answer) = decode::<T>(text) {
                prop_assert_eq!(&answer["error"], "malformed");
                prop_assert!(
                    answer["message"]
                        .as_str()
                        .is_some_and(|m| m.contains("event"))
                );
            }
            Ok(())
        }
        check::<ConversationRef>(text)?;
        check::<Sync>(text)?;
        check::<Send>(text)?;
        check::<Edit>(text)?;
        check::<MessageRef>(text)?;
        check::<React>(text)?;
        check::<Read>(text)?;
        check::<PresenceQuery>(text)?;
        check::<ProjectRef>(text)?;
        Ok(())
    }

    fn uuid() -> impl Strategy<Value = Uuid> {
        any::<u128>().prop_map(Uuid::from_u128)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any event data, JSON or not, is each payload or malformed, never a panic.
        #[test]
        fn any_event_data_decodes_or_is_malformed(text in any_event_text()) {
            decode_all(&text)?;
        }

        /// A message to send, written as a client writes it, decodes as it was written
        /// (extra fields ignored, absent optional ones none, absent mentions empty).
        #[test]
        fn a_message_round_trips(
            conversation in uuid(),
            body in any::<String>(),
            parent in prop::option::of(uuid()),
            mentions in prop::option::of(prop::collection::vec(uuid(), 0..4)),
            client_id in prop::option::of(any::<String>()),
            extra in json(),
        ) {
            let mut data = json!({ "conversationId": conversation, "body": body, "extra": extra });
            if let Some(parent) = parent {
                data["parentId"] = json!(parent);
            }
            if let Some(mentions) = &mentions {
                data["mentions"] = json!(mentions);
            }
            if let Some(client_id) = &client_id {
                data["clientId"] = json!(client_id);
            }
            let sent: Send = decode(&event_text("message:send", &[data])).unwrap();
            prop_assert_eq!(sent.conversation_id, conversation);
            prop_assert_eq!(sent.body, body);
            prop_assert_eq!(sent.parent_id, parent);
            prop_assert_eq!(sent.mentions, mentions.unwrap_or_default());
            prop_assert_eq!(sent.client_id, client_id);
        }

        /// The other payloads round-trip likewise, whatever their numbers and texts.
        #[test]
        fn the_other_payloads_round_trip(
            id in uuid(),
            after_seq in any::<i64>(),
            limit in prop::option::of(any::<i64>()),
            seq in prop::option::of(any::<i64>()),
            text in any::<String>(),
            on in prop::option::of(any::<bool>()),
            ids in prop::collection::vec(uuid(), 0..5),
        ) {
            let text_of = |data: Value| event_text("e", &[data]);
            let conversation: ConversationRef = decode(&text_of(json!({ "conversationId": id }))).unwrap();
            prop_assert_eq!(conversation.conversation_id, id);

            let sync: Sync = decode(&text_of(json!({ "conversationId": id, "afterSeq": after_seq, "limit": limit }))).unwrap();
            prop_assert_eq!((sync.conversation_id, sync.after_seq, sync.limit), (id, after_seq, limit));

            let edit: Edit = decode(&text_of(json!({ "messageId": id, "body": text, "mentions": ids }))).unwrap();
            prop_assert_eq!((edit.message_id, &edit.body, &edit.mentions), (id, &text, &ids));

            let message: MessageRef = decode(&text_of(json!({ "messageId": id }))).unwrap();
            prop_assert_eq!(message.message_id, id);

            let mut react = json!({ "messageId": id, "emoji": text });
            if let Some(on) = on {
                react["on"] = json!(on);
            }
            let react: React = decode(&text_of(react)).unwrap();
            prop_assert_eq!((react.message_id, &react.emoji, react.on), (id, &text, on.unwrap_or(true)));

            let read: Read = decode(&text_of(json!({ "conversationId": id, "seq": seq }))).unwrap();
            prop_assert_eq!((read.conversation_id, read.seq), (id, seq));

            let query: PresenceQuery = decode(&text_of(json!({ "userIds": ids }))).unwrap();
            prop_assert_eq!(query.user_ids, ids);

            let project: ProjectRef = decode(&text_of(json!({ "projectId": id }))).unwrap();
            prop_assert_eq!(project.project_id, id);
        }
    }
}
