//! Files: their rows (`rows`), uploads, lists and downloads over HTTP (`served`), who may
//! do what (`access`), refusals that leave nothing behind (`refusals`), the sweep, design
//! review of their versions (`review`), and files attached to tasks (`attachments`).

mod access;
mod attachments;
mod bucket;
mod on_messages;
mod previews;
mod refusals;
mod resumable;
mod review;
mod rows;
mod served;
mod sweep;

use std::path::{Path, PathBuf};

use reqwest::Method;
use serde_json::Value;

use crate::{accounts::client::Answer, support::Server};

/// A PNG's signature and header, then `len` bytes told apart by `seed`.
pub fn png(seed: u8, len: usize) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0".to_vec();
    bytes.extend((0..len).map(|i| seed.wrapping_add(i as u8)));
    bytes
}

pub fn pdf(len: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend(std::iter::repeat_n(b'%', len));
    bytes
}

pub const BOUNDARY: &str = "flux-test-boundary-7d3f";

/// A multipart form with one part, `field`, holding `bytes` as `name`.
pub fn form_with(field: &str, name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}

pub fn form(name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    form_with("file", name, bytes)
}

/// One request with a bearer token, extra headers and a raw body; the answer and its bytes.
pub async fn request(
    server: &Server,
    method: Method,
    path: &str,
    token: &str,
    headers: &[(&str, &str)],
    body: Option<(String, Vec<u8>)>,
) -> (Answer, Vec<u8>) {
    let mut request = server
        .client
        .request(method, server.url(path))
        .bearer_auth(token);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    if let Some((content_type, body)) = body {
        request = request.header("content-type", content_type).body(body);
    }
    let response = request.send().await.expect("request to the server");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = response.bytes().await.unwrap().to_vec();
    let answer = Answer {
        status,
        headers,
        body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        text: String::from_utf8_lossy(&bytes).into_owned(),
    };
    (answer, bytes)
}

/// Uploads `bytes` as `name` to `path` (a project's files, or a file's versions).
pub async fn upload(server: &Server, token: &str, path: &str, name: &str, bytes: &[u8]) -> Answer {
    request(
        server,
        Method::POST,
        path,
        token,
        &[],
        Some(form(name, bytes)),
    )
    .await
    .0
}

pub async fn download(
    server: &Server,
    token: &str,
    path: &str,
    headers: &[(&str, &str)],
) -> (Answer, Vec<u8>) {
    request(server, Method::GET, path, token, headers, None).await
}

/// The blob store of a server started with the default `UPLOAD_DIR`.
pub fn store_of(server: &Server) -> PathBuf {
    server.scratch.path().join("data/uploads")
}

/// The files under `folder` of the store (`blobs` or `tmp`), however deep.
pub fn stored(store: &Path, folder: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&store.join(folder), &mut out);
    out.sort();
    out
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
