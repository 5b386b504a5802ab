//! The statuses every operation shares because of what it passes through: the rate limit,
//! the CSRF check, the bearer token's extractor, the JSON body's extractor, the query's and
//! the path's parsers, the store. They are added to the document here, from what each
//! operation declares (its security, body and parameters), so that an operation's own
//! annotation lists only what its handler decides and none of these can be left out.

use utoipa::openapi::{
    Components, ContentBuilder, Object, OpenApi, Ref, RefOr, Response, ResponseBuilder,
    path::{Operation, ParameterIn},
    schema::{ArrayItems, KnownFormat, Schema, SchemaFormat},
};

use crate::openapi::Guard;

/// Adds the shared statuses to every operation of a group guarded by `guard`.
pub fn shared_responses(document: &mut OpenApi, guard: Guard) {
    let components = document.components.clone().unwrap_or_default();
    for item in document.paths.paths.values_mut() {
        let methods = [
            (&mut item.get, false),
            (&mut item.head, false),
            (&mut item.options, false),
            (&mut item.post, true),
            (&mut item.put, true),
            (&mut item.patch, true),
            (&mut item.delete, true),
        ];
        for (operation, changes_state) in methods {
            if let Some(operation) = operation.as_mut() {
                let names_others = body_names_others(operation, &components);
                add(operation, guard, changes_state, names_others);
            }
        }
    }
}

/// The error responses operations share, each stated once under `components.responses`
/// and referred to by name: (name, status, description).
const SHARED: &[(&str, &str, &str)] = &[
    (
        "TooManyRequests",
        "429",
        "Too many requests: wait as long as `Retry-After` says.",
    ),
    (
        "InternalError",
        "500",
        "An unexpected failure; the server's log has it under the `X-Request-Id`.",
    ),
    (
        "Unavailable",
        "503",
        "The database cannot be reached for now; try again.",
    ),
    (
        "Unauthorized",
        "401",
        "No access token, or not a valid one (expired, or its session ended).",
    ),
    (
        "CsrfRefused",
        "403",
        "The CSRF token is missing or does not match (`csrf_token_missing`, `csrf_token_invalid`).",
    ),
    (
        "BearerRefused",
        "401",
        "A bearer token was sent that is not valid (expired, or its session ended).",
    ),
    (
        "UnreadableBody",
        "400",
        "The body is not JSON (`bad_request`).",
    ),
    (
        "BodyTooLarge",
        "413",
        "The body is larger than the server accepts.",
    ),
    (
        "NotJson",
        "415",
        "The body is not sent as `application/json`.",
    ),
    (
        "InvalidField",
        "422",
        "A field is missing or not valid; `field` names it.",
    ),
    (
        "InvalidReference",
        "409",
        "A field names something that does not exist here or that you may not reach (`invalid_reference`; `field` names it).",
    ),
    (
        "UnreadableQuery",
        "400",
        "A query parameter cannot be read, or is not one the operation takes (`bad_request`).",
    ),
    (
        "InvalidQuery",
        "422",
        "A query parameter is out of range or not valid; `field` names it.",
    ),
    (
        "NotFound",
        "404",
        "Not found, or not something you may see.",
    ),
    (
        "IdNotCanonical",
        "422",
        "An id in the path is not a UUID in its canonical (lower-case, hyphenated) form.",
    ),
];

/// Statuses whose own annotation, when it is a bare `ErrorBody`, means just what the shared
/// response says, so it is replaced by the reference. (An operation's own 403 or 409 names
/// a refusal of its own and keeps it.)
const SAME_WHEN_BARE: &[&str] = &["400", "401", "404", "422"];

/// States every shared response once in the document's components.
pub fn shared_components(document: &mut OpenApi) {
    let components = document.components.get_or_insert_with(Components::default);
    for (name, _, description) in SHARED {
        components
            .responses
            .insert((*name).to_owned(), error_response(description));
    }
}

fn add(operation: &mut Operation, guard: Guard, changes_state: bool, names_others: bool) {
    let mut shared = vec!["TooManyRequests", "InternalError", "Unavailable"];
    if operation.security.as_ref().is_some_and(|s| !s.is_empty()) {
        shared.push("Unauthorized");
    }
    if guard == Guard::Public && changes_state {
        shared.extend(["CsrfRefused", "BearerRefused"]);
    }
    if let Some(body) = &operation.request_body {
        shared.push("BodyTooLarge");
        // What the JSON extractor answers; a form or bytes say their own 400, 415 and 422.
        let json = match body {
            RefOr::T(body) => body.content.contains_key("application/json"),
            RefOr::Ref(_) => true,
        };
        if json {
            shared.extend(["UnreadableBody", "NotJson", "InvalidField"]);
        }
    }
    if names_others {
        shared.push("InvalidReference");
    }
    let (mut query, mut ids) = (false, false);
    for parameter in operation.parameters.iter_mut().flatten() {
        if let RefOr::T(parameter) = parameter {
            match parameter.parameter_in {
                ParameterIn::Query => query = true,
                ParameterIn::Path => {
                    if let Some(RefOr::T(Schema::Object(id))) = parameter.schema.as_mut()
                        && is_uuid(id)
                    {
                        // `ids::path_id` reads only the canonical spelling.
                        id.pattern = Some(CANONICAL_UUID.to_owned());
                        ids = true;
                    }
                }
                _ => {}
            }
        }
    }
    if query {
        shared.extend(["UnreadableQuery", "InvalidQuery"]);
    }
    if ids {
        shared.extend(["NotFound", "IdNotCanonical"]);
    }
    let responses = &mut operation.responses.responses;
    for name in shared {
        let status = SHARED
            .iter()
            .find(|(shared, _, _)| *shared == name)
            .map_or("", |(_, status, _)| *status);
        let reference = RefOr::Ref(Ref::new(format!("#/components/responses/{name}")));
        match responses.get(status) {
            None => {
                responses.insert(status.to_owned(), reference);
            }
            Some(own) if SAME_WHEN_BARE.contains(&status) && is_bare_error(own) => {
                responses.insert(status.to_owned(), reference);
            }
            Some(_) => {}
        }
    }
}

/// An annotation's `(status = N, body = ErrorBody)` with nothing of its own to say.
fn is_bare_error(response: &RefOr<Response>) -> bool {
    match response {
        RefOr::T(response) => {
            response.description.trim().is_empty()
                && response.content.len() == 1
                && response.content.values().all(|content| {
                    matches!(content, RefOr::T(content)
                        if matches!(&content.schema, Some(RefOr::Ref(r)) if r.ref_location.ends_with("/ErrorBody")))
                })
        }
        RefOr::Ref(_) => false,
    }
}

/// Whether the operation's body has a field holding ids of other things (a person, a
/// milestone, a message...), which the service looks up.
fn body_names_others(operation: &Operation, components: &Components) -> bool {
    let Some(RefOr::T(body)) = &operation.request_body else {
        return false;
    };
    body.content.values().any(|content| match content {
        RefOr::T(content) => content
            .schema
            .as_ref()
            .is_some_and(|schema| names_others(schema, components)),
        RefOr::Ref(_) => false,
    })
}

fn names_others(schema: &RefOr<Schema>, components: &Components) -> bool {
    match schema {
        RefOr::Ref(reference) => reference
            .ref_location
            .rsplit('/')
            .next()
            .and_then(|name| components.schemas.get(name))
            .is_some_and(|schema| names_others(schema, components)),
        // A body that may be absent (`oneOf` it and null).
        RefOr::T(Schema::OneOf(one_of)) => one_of
            .items
            .iter()
            .any(|item| names_others(item, components)),
        RefOr::T(Schema::Object(object)) => object.properties.values().any(holds_ids),
        _ => false,
    }
}

fn holds_ids(field: &RefOr<Schema>) -> bool {
    match field {
        RefOr::T(Schema::Object(object)) => is_uuid(object),
        RefOr::T(Schema::Array(list)) => matches!(&list.items,
            ArrayItems::RefOrSchema(item) if matches!(item.as_ref(), RefOr::T(Schema::Object(o)) if is_uuid(o))),
        _ => false,
    }
}

/// A UUID as `ids::path_id` reads it: lower-case and hyphenated.
const CANONICAL_UUID: &str = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

fn is_uuid(object: &Object) -> bool {
    object.format == Some(SchemaFormat::KnownFormat(KnownFormat::Uuid))
}

fn error_response(description: &str) -> RefOr<Response> {
    let body = ContentBuilder::new()
        .schema(Some(Ref::from_schema_name("ErrorBody")))
        .build();
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content("application/json", body)
            .build(),
    )
}
