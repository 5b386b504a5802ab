//! Files in an S3-compatible bucket (`S3_BUCKET`), against the local S3 server the test
//! command starts (moto). The bucket is looked at through plain S3 requests, not through
//! the server's own client: form and tus uploads (a tus upload large enough for several
//! multipart parts), downloads and ranges, previews, the same bytes stored once, a refusal
//! that leaves nothing, the sweep; and a bucket that does not exist stops the start.

use reqwest::Method;

use super::{
    previews::settled,
    resumable::{create, meta, patch},
    sweep::wait_for_log,
    *,
};
use crate::{accounts::client::*, both_backends, messaging::team::Team, support::*};

/// The local S3 server's URL, exported by `scripts/test.sh`.
const S3_ENDPOINT_VAR: &str = "FLUX_TEST_S3_ENDPOINT";
const SECRET: &str = "bucket-tests-secret-of-32-bytes-or-more";

fn endpoint() -> String {
    std::env::var(S3_ENDPOINT_VAR).unwrap_or_else(|_| {
        panic!(
            "{S3_ENDPOINT_VAR} is not set: the bucket tests need the local S3 server that \
             scripts/test.sh starts (run the whole suite with scripts/test.sh)"
        )
    })
}

/// A new, empty bucket of its own for one test.
struct TestBucket {
    endpoint: String,
    name: String,
    http: reqwest::Client,
}

impl TestBucket {
    async fn new() -> Self {
        let bucket = Self {
            endpoint: endpoint(),
            name: format!("flux-{}", uuid::Uuid::new_v4().simple()),
            http: reqwest::Client::new(),
        };
        let made = bucket.http.put(bucket.url("")).send().await.unwrap();
        assert!(made.status().is_success(), "{:?}", made.text().await);
        bucket
    }

    fn url(&self, key: &str) -> String {
        format!("{}/{}/{key}", self.endpoint, self.name)
    }

    /// What the server needs to keep its files here.
    fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("S3_BUCKET", self.name.clone()),
            ("S3_ENDPOINT", self.endpoint.clone()),
            ("S3_REGION", "us-east-1".into()),
            ("AWS_ACCESS_KEY_ID", "flux-test".into()),
            ("AWS_SECRET_ACCESS_KEY", "flux-test-secret".into()),
            ("JWT_SECRET", SECRET.into()),
        ]
    }

    /// The keys under `prefix`, sorted (one page of a ListObjectsV2 holds them all here).
    async fn keys(&self, prefix: &str) -> Vec<String> {
        let listing = self
            .http
            .get(format!("{}?list-type=2&prefix={prefix}", self.url("")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let mut keys: Vec<String> = listing
            .split("<Key>")
            .skip(1)
            .filter_map(|rest| rest.split_once("</Key>").map(|(key, _)| key.to_owned()))
            .collect();
        keys.sort();
        keys
    }

    async fn put(&self, key: &str, bytes: &'static [u8]) {
        let put = self.http.put(self.url(key)).body(bytes).send().await;
        assert!(put.unwrap().status().is_success());
    }
}

async fn files_live_in_the_bucket(backend: Backend) {
    let bucket = TestBucket::new().await;
    let mut env = bucket.env();
    env.push(("MAX_FILE_SIZE", (16 << 20).to_string()));
    let pairs: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut team = Team::start_with(backend, &pairs).await;
    let server = &team.studio.server;
    let (owner, client) = (token(&team.owner), token(&team.client));
    let files = format!("/api/projects/{}/files", team.project);

    // A form upload: its bytes under their hash in the bucket, read back whole and in part.
    let picture = fluxstudio_files::samples::png(640, 480);
    let up = upload(server, owner, &files, "board.png", &picture)
        .await
        .expect(201);
    let id = up.body["id"].as_str().unwrap().to_owned();
    let sha = sha256_hex(&picture);
    assert_eq!(up.body["latest"]["sha256"], sha);
    assert_eq!(
        bucket.keys("blobs/").await,
        [format!("blobs/{}/{sha}", &sha[..2])]
    );
    let content = format!("/api/files/{id}/versions/1/content");
    let (got, bytes) = download(server, client, &content, &[]).await;
    assert_eq!((got.status, bytes.as_slice()), (200, picture.as_slice()));
    let (part, bytes) = download(server, client, &content, &[("range", "bytes=8-15")]).await;
    assert_eq!((part.status, bytes.as_slice()), (206, &picture[8..16]));
    // Its previews are made from the bucket and kept there.
    let api = team.api().await;
    assert_eq!(settled(&api, owner, &id).await["preview"], "ready");
    let previews = bucket.keys(&format!("previews/{sha}/")).await;
    assert_eq!(previews.len(), 2, "{previews:?}");
    let (small, jpeg) = download(
        server,
        client,
        &format!("/api/files/{id}/versions/1/preview"),
        &[],
    )
    .await;
    assert_eq!(small.status, 200);
    assert!(jpeg.starts_with(&[0xff, 0xd8]));

    // The same bytes under another name are stored once.
    upload(server, owner, &files, "copy.png", &picture)
        .await
        .expect(201);
    assert_eq!(bucket.keys("blobs/").await.len(), 1);

    // Past the limit, found while streaming (three parts in): refused, the multipart upload
    // aborted, nothing left in the bucket.
    upload(server, owner, &files, "big.png", &png(1, (16 << 20) + 100))
        .await
        .refused(413, "file_too_large", Some("file"));
    assert!(bucket.keys("tmp/").await.is_empty());

    // A tus upload of 12 MiB goes to the bucket in several parts and reads back the same.
    let large = png(9, 12 << 20);
    let made = create(
        server,
        owner,
        large.len(),
        &meta(&[("filename", "reel.png"), ("projectId", &team.project)]),
    )
    .await
    .expect(201);
    let location = made.header("location").to_owned();
    let half = large.len() / 2;
    patch(server, owner, &location, 0, &large[..half])
        .await
        .expect(204);
    patch(server, owner, &location, half, &large[half..])
        .await
        .expect(204);
    let finished = api.get(&location, owner).await.expect(200);
    let reel = finished.body["fileId"].as_str().unwrap().to_owned();
    let (got, bytes) = download(
        server,
        client,
        &format!("/api/files/{reel}/versions/1/content"),
        &[],
    )
    .await;
    assert_eq!(got.status, 200);
    assert_eq!(sha256_hex(&bytes), sha256_hex(&large));
    assert_eq!(bucket.keys("blobs/").await.len(), 2);

    // The sweep at the next start: the deleted reel's bytes and an upload a crash cut short
    // go; the picture two files still name stays.
    api.with_token(Method::DELETE, &format!("/api/files/{reel}"), owner, None)
        .await
        .expect(204);
    drop(api);
    bucket.put("tmp/0190-cut-short", b"half an upload").await;
    team.studio.server.terminate();
    team.studio
        .server
        .wait_exit(std::time::Duration::from_secs(20))
        .await;
    let mut again = crate::support::server(backend)
        .database_url(&team.studio.server.database_url)
        .env("FILE_SWEEP_GRACE_SECONDS", "0");
    for (var, value) in bucket.env() {
        again = again.env(var, &value);
    }
    let again = again.start().await;
    wait_for_log(&again, "swept the file store").await;
    assert_eq!(
        bucket.keys("blobs/").await,
        [format!("blobs/{}/{sha}", &sha[..2])]
    );
    assert!(bucket.keys("tmp/").await.is_empty());
    let (got, bytes) = download(&again, client, &content, &[]).await;
    assert_eq!((got.status, bytes), (200, picture));
}

/// A bucket that does not exist stops the start with one line naming it.
#[test]
fn a_missing_bucket_stops_the_start() {
    let scratch = Scratch::new();
    let env = [
        ("S3_BUCKET", "flux-no-such-bucket"),
        ("S3_ENDPOINT", &endpoint()),
        ("AWS_ACCESS_KEY_ID", "flux-test"),
        ("AWS_SECRET_ACCESS_KEY", "flux-test-secret"),
        ("DATABASE_URL", "sqlite://data/flux.db"),
    ];
    let output = run_cli(scratch.path(), &["serve", "--port", "0"], &env);
    let all = format!("{}{}", text(&output.stdout), text(&output.stderr));
    assert!(!output.status.success(), "{all}");
    assert!(
        all.contains("cannot use S3_BUCKET=flux-no-such-bucket at http://"),
        "{all}"
    );
    assert!(!all.contains("flux-test-secret"), "{all}");
}

both_backends!(files_live_in_the_bucket);
