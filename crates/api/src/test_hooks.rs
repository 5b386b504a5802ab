//! Routes that exist only when the server is started with test hooks (never in
//! production): they let tests create conditions a real client cannot, such as a request
//! that is still in flight when the server is told to stop.

use std::time::Duration;

use axum::{Json, extract::Query};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct SleepQuery {
    ms: u64,
}

/// Answers after `ms` milliseconds (at most 30 s).
pub async fn sleep(Query(query): Query<SleepQuery>) -> Json<serde_json::Value> {
    let ms = query.ms.min(30_000);
    tokio::time::sleep(Duration::from_millis(ms)).await;
    Json(serde_json::json!({ "slept": ms }))
}

/// Fails the way a bug would: an internal error whose detail must reach the log (with
/// the request id) and never the client.
pub async fn fail() -> crate::ApiError {
    crate::ApiError::internal("test hook failure: the detail only operators may read")
}
