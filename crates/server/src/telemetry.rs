//! Logging: readable lines in development, one JSON object per line in production.
//! `RUST_LOG` overrides the level (default `info`).

use fluxstudio_domain::Environment;
use tracing_subscriber::{EnvFilter, fmt};

pub fn init(environment: Environment) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    let builder = fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if environment.is_production() {
        builder.json().with_current_span(true).init();
    } else {
        builder.compact().init();
    }
}
