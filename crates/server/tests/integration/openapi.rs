//! The OpenAPI 3.1 document at `/api/openapi.json` lists every endpoint, each documented
//! operation really answers, and `/api/docs` serves the browsable page.

use serde_json::Value;

use crate::{any_backend, support::*};

/// Every operation the server offers under `/api` (besides the document and its page).
/// A new endpoint is added here when it is built; the test then proves it is documented.
const ENDPOINTS: &[(&str, &str)] = &[
    ("get", "/api/health"),
    ("get", "/api/health/live"),
    ("get", "/api/health/ready"),
    ("get", "/api/csrf-token"),
    ("post", "/api/auth/signup"),
    ("post", "/api/auth/login"),
    ("post", "/api/auth/login/2fa"),
    ("post", "/api/auth/refresh"),
    ("post", "/api/auth/logout"),
    ("post", "/api/auth/logout-all"),
    ("get", "/api/auth/me"),
    ("patch", "/api/auth/me"),
    ("post", "/api/auth/password"),
    ("get", "/api/auth/sessions"),
    ("delete", "/api/auth/sessions/{id}"),
    ("post", "/api/auth/verify-email"),
    ("post", "/api/auth/resend-verification"),
    ("post", "/api/auth/forgot-password"),
    ("post", "/api/auth/reset-password"),
    ("get", "/api/auth/2fa"),
    ("post", "/api/auth/2fa/setup"),
    ("post", "/api/auth/2fa/confirm"),
    ("post", "/api/auth/2fa/disable"),
    ("get", "/api/admin/db-status"),
    ("post", "/api/admin/init-database"),
    ("get", "/api/admin/users"),
    ("patch", "/api/admin/users/{id}"),
    ("get", "/api/admin/security-events"),
    ("post", "/api/organizations"),
    ("get", "/api/organizations"),
    ("get", "/api/organizations/{id}"),
    ("patch", "/api/organizations/{id}"),
    ("delete", "/api/organizations/{id}"),
    ("get", "/api/organizations/{id}/activities"),
    ("get", "/api/organizations/{id}/members"),
    ("patch", "/api/organizations/{id}/members/{userId}"),
    ("delete", "/api/organizations/{id}/members/{userId}"),
    ("post", "/api/organizations/{id}/leave"),
    ("post", "/api/organizations/{id}/transfer-ownership"),
    ("post", "/api/organizations/{id}/invitations"),
    ("get", "/api/organizations/{id}/invitations"),
    (
        "post",
        "/api/organizations/{id}/invitations/{invitationId}/resend",
    ),
    (
        "delete",
        "/api/organizations/{id}/invitations/{invitationId}",
    ),
    ("get", "/api/invitations/{token}"),
    ("post", "/api/invitations/{token}/accept"),
    ("get", "/api/invitations/mine"),
    ("post", "/api/invitations/mine/{invitationId}/accept"),
    ("post", "/api/organizations/{id}/teams"),
    ("get", "/api/organizations/{id}/teams"),
    ("get", "/api/organizations/{id}/teams/{teamId}"),
    ("patch", "/api/organizations/{id}/teams/{teamId}"),
    ("delete", "/api/organizations/{id}/teams/{teamId}"),
    (
        "put",
        "/api/organizations/{id}/teams/{teamId}/members/{userId}",
    ),
    (
        "delete",
        "/api/organizations/{id}/teams/{teamId}/members/{userId}",
    ),
    ("post", "/api/projects"),
    ("get", "/api/projects"),
    ("get", "/api/projects/{id}"),
    ("patch", "/api/projects/{id}"),
    ("delete", "/api/projects/{id}"),
    ("get", "/api/projects/{id}/members"),
    ("put", "/api/projects/{id}/members/{userId}"),
    ("delete", "/api/projects/{id}/members/{userId}"),
    ("get", "/api/projects/{id}/activities"),
    ("get", "/api/projects/{id}/tasks"),
    ("post", "/api/projects/{id}/tasks"),
    ("get", "/api/projects/{id}/tasks/{taskId}"),
    ("patch", "/api/projects/{id}/tasks/{taskId}"),
    ("delete", "/api/projects/{id}/tasks/{taskId}"),
    ("post", "/api/projects/{id}/tasks/{taskId}/move"),
    ("get", "/api/projects/{id}/tasks/{taskId}/comments"),
    ("post", "/api/projects/{id}/tasks/{taskId}/comments"),
    (
        "patch",
        "/api/projects/{id}/tasks/{taskId}/comments/{commentId}",
    ),
    (
        "delete",
        "/api/projects/{id}/tasks/{taskId}/comments/{commentId}",
    ),
    ("get", "/api/projects/{id}/milestones"),
    ("post", "/api/projects/{id}/milestones"),
    ("patch", "/api/projects/{id}/milestones/{milestoneId}"),
    ("delete", "/api/projects/{id}/milestones/{milestoneId}"),
    ("get", "/api/notifications"),
    ("post", "/api/notifications/{id}/read"),
    ("post", "/api/notifications/read-all"),
    ("delete", "/api/notifications/{id}"),
    ("post", "/api/conversations"),
    ("get", "/api/conversations"),
    ("get", "/api/conversations/{id}"),
    ("patch", "/api/conversations/{id}"),
    ("post", "/api/conversations/{id}/participants"),
    ("delete", "/api/conversations/{id}/participants/{userId}"),
    ("post", "/api/conversations/{id}/read"),
    ("get", "/api/conversations/{id}/messages"),
    ("post", "/api/conversations/{id}/messages"),
    ("patch", "/api/messages/{id}"),
    ("delete", "/api/messages/{id}"),
    ("post", "/api/messages/{id}/reactions"),
    ("delete", "/api/messages/{id}/reactions"),
    ("get", "/api/search/messages"),
    ("post", "/api/projects/{id}/documents"),
    ("get", "/api/projects/{id}/documents"),
    ("get", "/api/documents/{id}"),
    ("patch", "/api/documents/{id}"),
    ("delete", "/api/documents/{id}"),
    ("get", "/api/documents/{id}/export"),
    ("get", "/api/documents/{id}/snapshots"),
    ("post", "/api/documents/{id}/snapshots"),
    ("post", "/api/documents/{id}/snapshots/{snapshotId}/restore"),
    ("get", "/api/projects/{id}/files"),
    ("post", "/api/projects/{id}/files"),
    ("get", "/api/files/{id}"),
    ("patch", "/api/files/{id}"),
    ("delete", "/api/files/{id}"),
    ("get", "/api/files/{id}/versions"),
    ("post", "/api/files/{id}/versions"),
    ("get", "/api/files/{id}/versions/{number}/content"),
    ("get", "/api/files/{id}/versions/{number}/preview"),
    ("get", "/api/files/{id}/versions/{number}/comments"),
    ("post", "/api/files/{id}/versions/{number}/comments"),
    ("patch", "/api/files/{id}/comments/{commentId}"),
    ("delete", "/api/files/{id}/comments/{commentId}"),
    ("get", "/api/files/{id}/versions/{number}/review"),
    ("put", "/api/files/{id}/versions/{number}/review"),
    ("post", "/api/files/{id}/versions/{number}/review/requests"),
    ("get", "/api/organizations/{id}/storage"),
    ("get", "/api/projects/{id}/task-files"),
    ("get", "/api/projects/{id}/tasks/{taskId}/files"),
    ("post", "/api/projects/{id}/tasks/{taskId}/files"),
    ("delete", "/api/projects/{id}/tasks/{taskId}/files/{fileId}"),
    ("post", "/api/conversations/{id}/files"),
    ("get", "/api/conversations/{id}/files/{fileId}/content"),
    ("options", "/api/uploads"),
    ("post", "/api/uploads"),
    ("get", "/api/uploads/{id}"),
    ("head", "/api/uploads/{id}"),
    ("patch", "/api/uploads/{id}"),
    ("delete", "/api/uploads/{id}"),
];

async fn document_is_openapi_3_1_and_lists_every_endpoint(backend: Backend) {
    let server = server(backend).start().await;
    let response = server.get("/api/openapi.json").await;
    assert_eq!(response.status(), 200);
    let doc: Value = response.json().await.unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["title"], "FluxStudio API");
    assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
    let paths = doc["paths"].as_object().expect("paths");
    for (method, path) in ENDPOINTS {
        assert!(
            paths.get(*path).and_then(|p| p.get(*method)).is_some(),
            "{method} {path} is missing from the OpenAPI document"
        );
    }
    // And the other way round: each documented operation is served (not a 404/405).
    let mut documented = 0;
    for (path, operations) in paths {
        for method in operations.as_object().unwrap().keys() {
            documented += 1;
            assert!(
                ENDPOINTS.contains(&(method.as_str(), path.as_str())),
                "{method} {path} is documented but not in this test's list"
            );
            if method == "get" && !path.contains('{') {
                let status = server.get(path).await.status();
                assert!(status != 404 && status != 405, "{path}: {status}");
            }
        }
    }
    assert_eq!(documented, ENDPOINTS.len());
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
}

async fn docs_page_is_served(backend: Backend) {
    let server = server(backend).start().await;
    let page = server.get("/api/docs").await;
    assert_eq!(page.status(), 200);
    assert!(header(&page, "content-type").starts_with("text/html"));
    assert!(page.text().await.unwrap().contains("FluxStudio API"));
}

any_backend!(
    document_is_openapi_3_1_and_lists_every_endpoint,
    docs_page_is_served,
);
