//! Several instances on one PostgreSQL and one Redis (`REDIS_URL`): a client meets the same
//! rate limits whichever instance it reaches, and an instance whose Redis is down keeps
//! serving, alone and "degraded", until Redis is back.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::accounts::client::*;
use crate::support::*;

/// The secret every instance of one deployment shares (tokens from one work on the other).
const SECRET: &str = "cluster-test-secret-cluster-test-secret-0123";

/// Two instances on one fresh PostgreSQL database and `redis`, with `env` besides.
async fn two_instances(redis: &RedisServer, env: &[(&str, &str)]) -> (Server, Server) {
    let scratch = Scratch::new();
    let database = fresh_database(Backend::Postgres, &scratch).await;
    let start = async || {
        let mut builder = server(Backend::Postgres)
            .database_url(&database)
            .env("JWT_SECRET", SECRET)
            .env("REDIS_URL", &redis.url());
        for (key, value) in env {
            builder = builder.env(key, value);
        }
        builder.start().await
    };
    let first = start().await;
    let second = start().await;
    (first, second)
}

/// `/api/health/ready`'s status and body's `status`.
async fn readiness(server: &Server) -> (u16, String) {
    let answer = server.get("/api/health/ready").await;
    let status = answer.status().as_u16();
    let body: Value = answer.json().await.unwrap();
    (
        status,
        body["status"].as_str().unwrap_or_default().to_owned(),
    )
}

/// Waits until `server` says it is `wanted`, with a 200 (Redis's state reaches an instance
/// on its next call, which this makes).
async fn until_readiness(server: &Server, wanted: &str) {
    let (status, _) = poll_until(server, "/api/health/ready", |_, body| {
        body["status"] == wanted
    })
    .await;
    assert_eq!(status, 200, "{wanted}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_are_shared_by_every_instance() {
    let redis = RedisServer::start();
    let (a, b) = two_instances(
        &redis,
        &[
            ("RATE_LIMIT_MAX_REQUESTS", "12"),
            ("RATE_LIMIT_WINDOW_MS", "600000"),
        ],
    )
    .await;
    assert_eq!(readiness(&a).await, (200, "ready".to_owned()));
    let (on_a, on_b) = (Api::new(&a).await, Api::new(&b).await);
    let ada = on_a.signup("ada@studio.example", "Ada").await;
    let ada = token(&ada);
    // The user's budget of 12 is one, counted on both instances in turn.
    let mut remaining = vec![];
    for n in 0..12 {
        let api = if n % 2 == 0 { &on_a } else { &on_b };
        let answer = api.get("/api/auth/me", ada).await.expect(200);
        remaining.push(answer.header("ratelimit-remaining").parse::<u32>().unwrap());
    }
    assert_eq!(remaining, (0..12).rev().collect::<Vec<_>>());
    for api in [&on_a, &on_b] {
        let refused = api.get("/api/auth/me", ada).await;
        refused.refused(429, "rate_limited", None);
        let retry: u64 = refused.header("retry-after").parse().unwrap();
        assert!(
            (590..=600).contains(&retry),
            "one window, whichever instance: {retry}"
        );
    }

    // Failed sign-ins too: five for one account from one address, over both instances.
    on_b.signup("grace@studio.example", "Grace").await;
    for n in 0..5 {
        let api = if n % 2 == 0 { &on_b } else { &on_a };
        api.login("grace@studio.example", "Wrong1password")
            .await
            .refused(401, "invalid_credentials", None);
    }
    for api in [&on_a, &on_b] {
        api.login("grace@studio.example", PASSWORD)
            .await
            .refused(429, "rate_limited", None);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_redis_an_instance_serves_alone_degraded_until_it_is_back() {
    let redis = RedisServer::start();
    let (a, b) = two_instances(
        &redis,
        &[
            ("RATE_LIMIT_MAX_REQUESTS", "8"),
            ("RATE_LIMIT_WINDOW_MS", "600000"),
        ],
    )
    .await;
    let on_a = Api::new(&a).await;
    let ada = on_a.signup("ada@studio.example", "Ada").await;
    let ada = token(&ada).to_owned();

    redis.down();
    until_readiness(&a, "degraded").await;
    until_readiness(&b, "degraded").await;
    assert!(a.log().contains("degraded"), "{}", a.log());
    // Still serving, with limits counted on each instance alone: B has counted none of
    // Ada's requests, A the ones it served before Redis went.
    let on_b = Api::new(&b).await;
    let answer = on_b.get("/api/auth/me", &ada).await.expect(200);
    assert_eq!(answer.header("ratelimit-remaining"), "7");
    on_a.get("/api/auth/me", &ada).await.expect(200);

    redis.up();
    until_readiness(&a, "ready").await;
    until_readiness(&b, "ready").await;
    assert!(a.log().contains("Redis answers"), "{}", a.log());
    // Shared again: Redis counts from where it was (its windows went with it: a new one).
    let first = on_a.get("/api/auth/me", &ada).await.expect(200);
    let second = on_b.get("/api/auth/me", &ada).await.expect(200);
    let remaining = |answer: &Answer| answer.header("ratelimit-remaining").parse::<u32>().unwrap();
    assert_eq!(remaining(&first) - 1, remaining(&second));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_instance_starts_while_redis_is_down() {
    let redis = RedisServer::start();
    redis.down();
    // The builder waits for a 200 from readiness, which "degraded" is.
    let server = server(Backend::Postgres)
        .env("REDIS_URL", &redis.url())
        .start()
        .await;
    assert_eq!(readiness(&server).await, (200, "degraded".to_owned()));
    assert!(server.log().contains("degraded"), "{}", server.log());
    redis.up();
    until_readiness(&server, "ready").await;
}

const LEADS: &str = "this instance leads the background work";

/// Waits until `server`'s log says it leads.
async fn until_it_leads(server: &Server) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !server.log().contains(LEADS) {
        assert!(Instant::now() < deadline, "never led:\n{}", server.log());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_instance_does_the_background_work_and_another_takes_over_when_it_dies() {
    let redis = RedisServer::start();
    let (mut a, b) = two_instances(&redis, &[]).await;
    until_it_leads(&a).await;
    // B is up and has asked (its task starts before it serves): A still leads alone.
    let (_, said) = readiness(&b).await;
    assert_eq!(said, "ready");
    assert!(!b.log().contains(LEADS), "two leaders:\n{}", b.log());

    // A dies without a word: PostgreSQL lets its lock go, and B takes the work over.
    a.child.kill().unwrap();
    a.child.wait().unwrap();
    until_it_leads(&b).await;

    // Another deployment on the same database (its own secret) leads its own work.
    let other = server(Backend::Postgres)
        .database_url(&b.database_url)
        .env("JWT_SECRET", "another-deployment-secret-another-deployment")
        .start()
        .await;
    until_it_leads(&other).await;
}
