//! The baseline for benchmarks: the same runtime and framework as `fluxstudio`, one
//! handler answering `GET /health` with a JSON body of the same shape, and nothing else
//! (no middleware, no database, no allocator accounting).
//!
//! Usage: `bare-axum PORT` (0 picks a free port; the bound address is printed).

use axum::{Json, Router, routing::get};
use serde::Serialize;

#[derive(Serialize)]
struct Memory {
    rss: u64,
    #[serde(rename = "heapUsed")]
    heap_used: u64,
}

#[derive(Serialize)]
struct Database {
    status: &'static str,
    backend: &'static str,
}

#[derive(Serialize)]
struct Health {
    status: &'static str,
    service: &'static str,
    version: &'static str,
    uptime: f64,
    memory: Memory,
    database: Database,
}

async fn health() -> Json<Health> {
    Json(Health {
        status: "healthy",
        service: "unified-backend",
        version: "0.1.0",
        uptime: 1.0,
        memory: Memory {
            rss: 0,
            heap_used: 0,
        },
        database: Database {
            status: "connected",
            backend: "sqlite",
        },
    })
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = std::env::args()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("{}", listener.local_addr()?);
    axum::serve(listener, Router::new().route("/health", get(health))).await
}
