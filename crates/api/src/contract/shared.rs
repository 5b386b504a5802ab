//! The statuses every operation shares because of what it passes through: the rate limit,
//! the CSRF check, the bearer token's extractor, the JSON body's extractor, the query's and
//! the path's parsers, the store. They are added to the document here, from what each
//! operation declares (its security, body and parameters), so that an operation's own
//! annotation lists only what its handler decides and none of these can be left out.

use utoipa::openapi::{
    Components, ContentBuilder, Object, OpenApi, Ref, RefOr, ResponseBuilder,
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

fn add(operation: &mut Operation, guard: Guard, changes_state: bool, names_others: bool) {
    let mut shared: Vec<(&str, &str)> = vec![
        (
            "429",
            "Too many requests: wait as long as `Retry-After` says.",
        ),
        (
            "500",
            "An unexpected failure; the server's log has it under the `X-Request-Id`.",
        ),
        ("503", "The database cannot be reached for now; try again."),
    ];
    if operation.security.as_ref().is_some_and(|s| !s.is_empty()) {
        shared.push((
            "401",
            "No access token, or not a valid one (expired, or its session ended).",
        ));
    }
    if guard == Guard::Public && changes_state {
        shared.extend([
            (
                "403",
                "The CSRF token is missing or does not match (`csrf_token_missing`, `csrf_token_invalid`).",
            ),
            (
                "401",
                "A bearer token was sent that is not valid (expired, or its session ended).",
            ),
        ]);
    }
    if operation.request_body.is_some() {
        shared.extend([
            ("400", "The body is not JSON (`bad_request`)."),
            ("413", "The body is larger than the server accepts."),
            ("415", "The body is not sent as `application/json`."),
            ("422", "A field is missing or not valid; `field` names it."),
        ]);
    }
    if names_others {
        shared.push((
            "409",
            "A field names something that does not exist here or that you may not reach (`invalid_reference`; `field` names it).",
        ));
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
        shared.extend([
            ("400", "A query parameter cannot be read (`bad_request`)."),
            (
                "422",
                "A query parameter is out of range or not valid; `field` names it.",
            ),
        ]);
    }
    if ids {
        shared.extend([
            ("404", "Not found, or not something you may see."),
            (
                "422",
                "An id in the path is not a UUID in its canonical (lower-case, hyphenated) form.",
            ),
        ]);
    }
    let responses = &mut operation.responses.responses;
    for (status, description) in shared {
        responses
            .entry(status.to_owned())
            .or_insert_with(|| error_response(description));
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

fn error_response(description: &str) -> RefOr<utoipa::openapi::Response> {
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
