//! Previews, made in the background after the upload is answered: a raster image gets a
//! small and a large JPEG and its size; other types get none; a decompression bomb (a tiny
//! PNG declaring 30,000 × 30,000 pixels) fails its preview without costing the server its
//! memory; an outsider gets nothing.

use std::io::Cursor;

use image::{ImageFormat, RgbaImage};
use serde_json::Value;

use super::*;
use crate::{accounts::client::*, both_backends, messaging::team::Team, support::*};

fn real_png(width: u32, height: u32) -> Vec<u8> {
    let picture = RgbaImage::from_fn(width, height, |x, y| {
        image::Rgba([(x % 256) as u8, (y % 256) as u8, 90, 255])
    });
    let mut out = Cursor::new(Vec::new());
    picture.write_to(&mut out, ImageFormat::Png).unwrap();
    out.into_inner()
}

/// A PNG whose header declares `width` × `height` pixels, with a few bytes of data.
fn bomb(width: u32, height: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0_u32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        let mut typed = kind.to_vec();
        typed.extend_from_slice(data);
        out.extend_from_slice(&typed);
        out.extend_from_slice(&crc32(&typed).to_be_bytes());
        out
    };
    let mut header = width.to_be_bytes().to_vec();
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(chunk(b"IHDR", &header));
    out.extend(chunk(
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    ));
    out.extend(chunk(b"IEND", &[]));
    out
}

/// The file's newest version once its previews are no longer pending.
async fn settled(api: &Api<'_>, token: &str, file: &str) -> Value {
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

fn jpeg_size(bytes: &[u8]) -> (u32, u32) {
    let picture = image::load_from_memory_with_format(bytes, ImageFormat::Jpeg).unwrap();
    (picture.width(), picture.height())
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

    // A PDF gets no preview (yet): none, and the preview is not found.
    let score = upload(server, owner, &files, "score.pdf", &pdf(100))
        .await
        .expect(201);
    assert_eq!(score.body["latest"]["preview"], "none");
    let id = score.body["id"].as_str().unwrap();
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
    let bomb = upload(server, owner, &files, "bomb.png", &bomb(30_000, 30_000))
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
