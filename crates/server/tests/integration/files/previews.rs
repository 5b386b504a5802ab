//! Previews, made in the background after the upload is answered: a raster image gets a
//! small and a large JPEG and its size; a PDF its first page's and the next pages' and its
//! page count; an SVG its own; other types get none; a decompression bomb (a tiny PNG
//! declaring 30,000 × 30,000 pixels) fails its preview without costing the server its
//! memory; an outsider gets nothing.

use fluxstudio_files::samples::{bomb_png, jpeg_size, pdf as real_pdf, png as real_png, svg};
use serde_json::Value;

use super::*;
use crate::{accounts::client::*, both_backends, messaging::team::Team, support::*};

/// The file's newest version once its previews are no longer pending.
pub(super) async fn settled(api: &Api<'_>, token: &str, file: &str) -> Value {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let got = api
            .get(&format!("/api/files/{file}"), token)
            .await
            .expect(200);
        if got.body["latest"]["preview"] != "pending" {
            return got.body["latest"].clone();
        }
        assert!(
            std::time::Instant::now() < deadline,
            "still pending: {:#}",
            got.body
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

async fn rss(api: &Api<'_>) -> u64 {
    let health = api.server.get("/api/health").await;
    let body: Value = health.json().await.unwrap();
    body["memory"]["rss"].as_u64().unwrap()
}

async fn images_get_previews_and_bombs_do_not(backend: Backend) {
    let team = Team::start(backend).await;
    let server = &team.studio.server;
    let api = team.api().await;
    let (owner, client, outsider) = (
        token(&team.owner),
        token(&team.client),
        token(&team.outsider),
    );
    let files = format!("/api/projects/{}/files", team.project);

    let picture = upload(server, owner, &files, "wide.png", &real_png(2000, 1000))
        .await
        .expect(201);
    let state = picture.body["latest"]["preview"].as_str().unwrap();
    assert!(["pending", "ready"].contains(&state), "{state}");
    let id = picture.body["id"].as_str().unwrap();
    let latest = settled(&api, client, id).await;
    assert_eq!(latest["preview"], "ready");
    assert_eq!(
        (latest["width"].as_i64(), latest["height"].as_i64()),
        (Some(2000), Some(1000))
    );
    let preview = format!("/api/files/{id}/versions/1/preview");
    let (small, bytes) = download(server, client, &preview, &[]).await;
    assert_eq!(
        (small.status, small.header("content-type")),
        (200, "image/jpeg")
    );
    assert_eq!(jpeg_size(&bytes), (256, 128));
    let (large, bytes) = download(server, client, &format!("{preview}?size=large"), &[]).await;
    assert_eq!(large.status, 200);
    assert_eq!(jpeg_size(&bytes), (1024, 512));
    let etag = small.header("etag").to_owned();
    let (same, _) = download(server, client, &preview, &[("if-none-match", &etag)]).await;
    assert_eq!(same.status, 304);
    let (unknown, _) = download(server, client, &format!("{preview}?size=huge"), &[]).await;
    unknown.refused(422, "invalid", Some("size"));
    let (stranger, _) = download(server, outsider, &preview, &[]).await;
    stranger.refused(404, "not_found", None);

    // A PDF: its first page small and large, the next pages large, and its page count.
    let score = upload(server, owner, &files, "score.pdf", &real_pdf(3))
        .await
        .expect(201);
    let id = score.body["id"].as_str().unwrap();
    let latest = settled(&api, client, id).await;
    assert_eq!(latest["preview"], "ready");
    assert_eq!(latest["pages"], 3);
    let preview = format!("/api/files/{id}/versions/1/preview");
    for (query, status, size) in [
        ("", 200, Some((256, 128))),
        ("?size=large&page=1", 200, Some((1024, 512))),
        ("?size=large&page=3", 200, Some((1024, 512))),
        ("?size=large&page=4", 404, None),
        ("?size=small&page=2", 404, None),
    ] {
        let (answer, bytes) = download(server, client, &format!("{preview}{query}"), &[]).await;
        assert_eq!(answer.status, status, "{query}");
        match size {
            Some(size) => assert_eq!(jpeg_size(&bytes), size, "{query}"),
            None => answer.refused(404, "no_preview", None),
        }
    }
    let (zero, _) = download(server, client, &format!("{preview}?page=0"), &[]).await;
    zero.refused(422, "invalid", Some("page"));

    // An SVG: drawn to fit, with the size it declares.
    let drawing = upload(server, owner, &files, "logo.svg", &svg(200, 100))
        .await
        .expect(201);
    let id = drawing.body["id"].as_str().unwrap();
    let latest = settled(&api, client, id).await;
    assert_eq!(latest["preview"], "ready");
    assert_eq!(
        (latest["width"].as_i64(), latest["pages"].as_i64()),
        (Some(200), None)
    );
    let large = format!("/api/files/{id}/versions/1/preview?size=large");
    let (answer, bytes) = download(server, client, &large, &[]).await;
    assert_eq!(answer.status, 200);
    assert_eq!(jpeg_size(&bytes), (1024, 512));

    // An archive gets none, and its preview is not found.
    let mut zip = b"PK\x03\x04".to_vec();
    zip.extend([0; 100]);
    let archive = upload(server, owner, &files, "parts.zip", &zip)
        .await
        .expect(201);
    assert_eq!(archive.body["latest"]["preview"], "none");
    let id = archive.body["id"].as_str().unwrap();
    let (none, _) = download(
        server,
        client,
        &format!("/api/files/{id}/versions/1/preview"),
        &[],
    )
    .await;
    none.refused(404, "no_preview", None);

    // The bomb: accepted as the PNG it is, its preview refused on its header.
    let before = rss(&api).await;
    let bomb = upload(server, owner, &files, "bomb.png", &bomb_png(30_000, 30_000))
        .await
        .expect(201);
    let id = bomb.body["id"].as_str().unwrap();
    let latest = settled(&api, client, id).await;
    assert_eq!(latest["preview"], "failed");
    assert_eq!(
        (latest["width"].as_i64(), latest["height"].as_i64()),
        (Some(30_000), Some(30_000))
    );
    let grown = rss(&api).await.saturating_sub(before);
    // Decoding it would take 2.7 GB (RGB at 30,000²); the server grew by far less.
    assert!(grown < 64 * 1024 * 1024, "RSS grew by {grown} bytes");
    let (failed, _) = download(
        server,
        client,
        &format!("/api/files/{id}/versions/1/preview"),
        &[],
    )
    .await;
    failed.refused(404, "no_preview", None);
}

both_backends!(images_get_previews_and_bombs_do_not);
