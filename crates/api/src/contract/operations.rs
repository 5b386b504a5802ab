//! What the annotations leave loose about each operation: its `operationId` (utoipa takes the
//! handler's name, and several modules have a `list` or a `get`; clients generated from the
//! document need each id once) and a description on every response (OpenAPI requires one).

use axum::http::StatusCode;
use utoipa::openapi::{OpenApi, RefOr};

/// Names every operation after its method and path (`GET /api/projects/{id}/tasks` is
/// `get_projects_id_tasks`), which are unique together, and describes every response the
/// annotations left undescribed by its status's reason phrase.
pub fn name_operations(document: &mut OpenApi) {
    for (path, item) in document.paths.paths.iter_mut() {
        for (method, operation) in [
            ("get", &mut item.get),
            ("post", &mut item.post),
            ("put", &mut item.put),
            ("patch", &mut item.patch),
            ("delete", &mut item.delete),
        ] {
            let Some(operation) = operation.as_mut() else {
                continue;
            };
            operation.operation_id = Some(operation_id(method, path));
            for (status, response) in operation.responses.responses.iter_mut() {
                if let RefOr::T(response) = response
                    && response.description.trim().is_empty()
                {
                    response.description = reason(status);
                }
            }
        }
    }
}

fn operation_id(method: &str, path: &str) -> String {
    let words = path
        .trim_start_matches("/api")
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_ascii_lowercase);
    std::iter::once(method.to_owned())
        .chain(words)
        .collect::<Vec<_>>()
        .join("_")
}

fn reason(status: &str) -> String {
    status
        .parse::<u16>()
        .ok()
        .and_then(|code| StatusCode::from_u16(code).ok())
        .and_then(|code| code.canonical_reason())
        .unwrap_or("A response")
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_method_and_path() {
        assert_eq!(
            operation_id("get", "/api/projects/{id}/tasks"),
            "get_projects_id_tasks"
        );
        assert_eq!(
            operation_id("post", "/api/invitations/mine/{invitationId}/accept"),
            "post_invitations_mine_invitationid_accept"
        );
    }

    #[test]
    fn every_operation_has_its_own_id_and_every_response_a_description() {
        let (_, document) = crate::openapi::split(|routes, _| routes);
        let mut ids = std::collections::HashSet::new();
        for item in document.paths.paths.values() {
            for operation in [&item.get, &item.post, &item.put, &item.patch, &item.delete]
                .into_iter()
                .flatten()
            {
                let id = operation.operation_id.clone().unwrap_or_default();
                assert!(ids.insert(id.clone()), "{id} twice");
                for (status, response) in &operation.responses.responses {
                    if let RefOr::T(response) = response {
                        assert!(!response.description.is_empty(), "{id} {status}");
                    }
                }
            }
        }
    }
}
