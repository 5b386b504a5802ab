//! PostgreSQL over TLS, as a managed database runs it: a cluster that takes only TLS, with a
//! certificate for `localhost` from a throwaway CA (`scripts/pg-cluster.sh`, `PG_TLS=1`). The
//! server connects with `sslmode=verify-full` and that CA; another CA, another host name, an
//! unreadable CA file, or no TLS at all are each refused with one line saying why.

use std::{path::Path, process::Output};

use crate::support::*;

const SECRET: &str = "tls-test-jwt-secret-0123456789abcdefghijklmno";

fn url(cluster: &PgCluster, host: &str, query: &str) -> String {
    format!(
        "postgres://postgres@{host}:{}/postgres?{query}",
        cluster.port
    )
}

fn verify_full(root: &Path) -> String {
    format!("sslmode=verify-full&sslrootcert={}", root.display())
}

fn migrate(scratch: &Scratch, url: &str) -> Output {
    run_cli(
        scratch.path(),
        &["migrate"],
        &[("DATABASE_URL", url), ("JWT_SECRET", SECRET)],
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_uses_verified_tls_and_refuses_what_it_cannot_verify() {
    let cluster = PgCluster::start_tls();
    let tls = cluster.dir.path().join("tls");
    let ca = tls.join("ca.crt");

    let verified = url(&cluster, "localhost", &verify_full(&ca));
    let server = server(Backend::Postgres)
        .database_url(&verified)
        .env("JWT_SECRET", SECRET)
        .start()
        .await;
    let health: serde_json::Value = server.get("/api/health").await.json().await.unwrap();
    assert_eq!(health["database"]["status"], "connected", "{health}");

    let scratch = Scratch::new();
    // The cluster takes nothing but TLS: the server above used it.
    refused_in_one_line(
        &migrate(&scratch, &url(&cluster, "localhost", "sslmode=disable")),
        &["unreachable", "no encryption"],
    );
    refused_in_one_line(
        &migrate(
            &scratch,
            &url(
                &cluster,
                "localhost",
                &verify_full(&tls.join("other-ca.crt")),
            ),
        ),
        &["not signed by the CA in sslrootcert"],
    );
    refused_in_one_line(
        &migrate(&scratch, &url(&cluster, "127.0.0.1", &verify_full(&ca))),
        &["another host name", "127.0.0.1"],
    );
    refused_in_one_line(
        &migrate(
            &scratch,
            &url(
                &cluster,
                "localhost",
                &verify_full(&tls.join("missing.crt")),
            ),
        ),
        &["sslrootcert", "missing.crt", "cannot be read"],
    );
}
