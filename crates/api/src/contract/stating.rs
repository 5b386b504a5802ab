//! Stating the tables of `fields` and `replies` in the document, and finding any field a
//! client sends that no rule states ([`unstated_fields`], run as a test), so a new field is
//! born stated.

use utoipa::openapi::{
    OpenApi, RefOr, Schema,
    path::{Operation, ParameterIn},
    schema::{KnownFormat, SchemaFormat, SchemaType, Type},
};

use super::{
    fields::{Where, body_rules, query_rules},
    replies::reply_rules,
};

/// A field the table should state but does not (or that it names but the document lacks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unstated(pub String);

/// States every rule of the table in `document`; returns what it could not find.
pub fn complete_fields(document: &mut OpenApi) -> Vec<Unstated> {
    let mut missing = Vec::new();
    let rules = body_rules()
        .into_iter()
        .chain(query_rules())
        .chain(reply_rules());
    for (place, field, rule) in rules {
        let target = match place {
            Where::Body(schema) | Where::Reply(schema) => body_field(document, schema, field),
            Where::Query(operation) => query_field(document, operation, field),
        };
        match target.map(|schema| rule.state(schema)) {
            Some(Ok(())) => {}
            Some(Err(why)) => missing.push(Unstated(format!("{place:?} {field}: {why}"))),
            None => missing.push(Unstated(format!("{place:?} {field}: not in the document"))),
        }
    }
    if !conversation_kinds(document) {
        missing.push(Unstated("NewConversationBody: not an object".to_owned()));
    }
    missing
}

/// A new conversation is one of two shapes: `direct` names exactly one other person, a
/// `group` one or more. Stated as a `oneOf` of the body's schema narrowed each way.
fn conversation_kinds(document: &mut OpenApi) -> bool {
    let Some(schemas) = document.components.as_mut().map(|c| &mut c.schemas) else {
        return false;
    };
    let Some(RefOr::T(Schema::Object(body))) = schemas.get("NewConversationBody") else {
        return false;
    };
    let shape = |kind: &str, most: Option<usize>| {
        let mut shape = body.clone();
        if let Some(RefOr::T(Schema::Object(field))) = shape.properties.get_mut("kind") {
            field.enum_values = Some(vec![kind.into()]);
        }
        if let (Some(most), Some(RefOr::T(Schema::Array(people)))) =
            (most, shape.properties.get_mut("participantIds"))
        {
            people.max_items = Some(most);
        }
        Schema::Object(shape)
    };
    let one_of = utoipa::openapi::schema::OneOfBuilder::new()
        .item(shape("direct", Some(1)))
        .item(shape("group", None))
        .build();
    schemas.insert(
        "NewConversationBody".to_owned(),
        RefOr::T(Schema::OneOf(one_of)),
    );
    true
}

/// Every string field of a request body (or string query parameter) the table does not
/// state, besides ids, dates and times, whose format says it all.
pub fn unstated_fields(document: &OpenApi) -> Vec<Unstated> {
    let stated: Vec<(Where, &str)> = body_rules()
        .into_iter()
        .chain(query_rules())
        .map(|(place, field, _)| (place, field))
        .collect();
    let mut unstated = Vec::new();
    for (path, method, operation) in operations(document) {
        for body in request_schemas(operation) {
            let Some(RefOr::T(Schema::Object(object))) = document
                .components
                .as_ref()
                .and_then(|c| c.schemas.get(body))
            else {
                continue;
            };
            for (field, schema) in &object.properties {
                let named = stated
                    .iter()
                    .any(|(place, f)| *f == field && matches!(place, Where::Body(b) if *b == body));
                if !named && needs_rule(schema) {
                    unstated.push(Unstated(format!("{body}.{field}")));
                }
            }
        }
        for parameter in operation.parameters.iter().flatten() {
            let RefOr::T(parameter) = parameter else {
                continue;
            };
            let label = format!("{method} {path}");
            let named = stated.iter().any(|(place, f)| {
                *f == parameter.name && matches!(place, Where::Query(op) if *op == label)
            });
            let is_text = parameter.schema.as_ref().is_some_and(needs_rule);
            let paged = matches!(parameter.name.as_str(), "cursor" | "limit");
            if parameter.parameter_in == ParameterIn::Query && is_text && !named && !paged {
                unstated.push(Unstated(format!("{label} ?{}", parameter.name)));
            }
        }
    }
    unstated
}

/// A string or a list of strings without a format that says what it holds.
fn needs_rule(schema: &RefOr<Schema>) -> bool {
    match schema {
        RefOr::T(Schema::Object(object)) => {
            let string = match &object.schema_type {
                SchemaType::Type(t) => *t == Type::String,
                SchemaType::Array(types) => types.contains(&Type::String),
                SchemaType::AnyValue => false,
            };
            let formatted = matches!(
                object.format,
                Some(SchemaFormat::KnownFormat(
                    KnownFormat::Uuid
                        | KnownFormat::Date
                        | KnownFormat::DateTime
                        | KnownFormat::Binary
                ))
            );
            string && !formatted && object.enum_values.is_none()
        }
        RefOr::T(Schema::Array(array)) => match &array.items {
            utoipa::openapi::schema::ArrayItems::RefOrSchema(item) => needs_rule(item),
            utoipa::openapi::schema::ArrayItems::False => false,
        },
        _ => false,
    }
}

fn body_field<'a>(
    document: &'a mut OpenApi,
    schema: &str,
    field: &str,
) -> Option<&'a mut RefOr<Schema>> {
    match document.components.as_mut()?.schemas.get_mut(schema)? {
        RefOr::T(Schema::Object(object)) => object.properties.get_mut(field),
        _ => None,
    }
}

fn query_field<'a>(
    document: &'a mut OpenApi,
    operation: &str,
    field: &str,
) -> Option<&'a mut RefOr<Schema>> {
    let (method, path) = operation.split_once(' ')?;
    let item = document.paths.paths.get_mut(path)?;
    let operation = match method {
        "GET" => item.get.as_mut(),
        "DELETE" => item.delete.as_mut(),
        _ => None,
    }?;
    operation
        .parameters
        .iter_mut()
        .flatten()
        .find_map(|parameter| match parameter {
            RefOr::T(p) if p.name == field && p.parameter_in == ParameterIn::Query => {
                p.schema.as_mut()
            }
            _ => None,
        })
}

fn operations(document: &OpenApi) -> Vec<(&str, &'static str, &Operation)> {
    let mut all = Vec::new();
    for (path, item) in &document.paths.paths {
        for (method, operation) in [
            ("GET", &item.get),
            ("POST", &item.post),
            ("PUT", &item.put),
            ("PATCH", &item.patch),
            ("DELETE", &item.delete),
        ] {
            if let Some(operation) = operation {
                all.push((path.as_str(), method, operation));
            }
        }
    }
    all
}

/// The component schemas an operation's request body names.
fn request_schemas(operation: &Operation) -> Vec<&str> {
    let Some(RefOr::T(body)) = &operation.request_body else {
        return Vec::new();
    };
    body.content
        .values()
        .filter_map(|content| match content {
            RefOr::T(content) => match &content.schema {
                Some(RefOr::Ref(reference)) => reference.ref_location.rsplit('/').next(),
                _ => None,
            },
            RefOr::Ref(_) => None,
        })
        .collect()
}
