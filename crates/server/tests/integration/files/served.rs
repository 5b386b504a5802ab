//! A project's files over HTTP: uploaded in a form and told by their bytes, listed in
//! pages by date, name or size, one kind, or a search; new versions numbered while the old
//! ones stay; downloads whole, in a range, or not at all when the copy held is current.

use reqwest::Method;
use serde_json::{Value, json};

use super::*;
use crate::{
    accounts::client::*, both_backends, messaging::team::Team, support::*,
    workspace::studio::user_id,
};

fn names(list: &Answer) -> Vec<&str> {
    list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect()
}

async fn uploads_versions_lists_and_downloads(backend: Backend) {
    let team = Team::start(backend).await;
    let server = &team.studio.server;
    let api = team.api().await;
    let (owner, member, client) = (token(&team.owner), token(&team.member), token(&team.client));
    let files = format!("/api/projects/{}/files", team.project);

    let drawing = png(1, 3000);
    let first = upload(server, owner, &files, "Drill chart.png", &drawing)
        .await
        .expect(201);
    let file = first.body.clone();
    assert_eq!(file["name"], "Drill chart.png");
    assert_eq!(file["kind"], "image");
    assert_eq!(file["versionCount"], 1);
    assert_eq!(file["canManage"], true);
    assert_eq!(file["latest"]["number"], 1);
    assert_eq!(file["latest"]["size"], drawing.len());
    assert_eq!(file["latest"]["mime"], "image/png");
    assert_eq!(file["latest"]["sha256"], sha256_hex(&drawing));
    let id = file["id"].as_str().unwrap();
    let score = pdf(50_000);
    upload(server, member, &files, "Score.pdf", &score)
        .await
        .expect(201);
    upload(server, member, &files, "notes.PNG", &png(9, 10))
        .await
        .expect(201);

    // Newest first by default; by name ignoring case; by size; one kind; a search.
    let list = api.get(&files, client).await.expect(200);
    assert_eq!(names(&list), ["notes.PNG", "Score.pdf", "Drill chart.png"]);
    assert_eq!(
        list.body["items"][0]["canManage"], false,
        "the client only looks"
    );
    let by_name = api
        .get(&format!("{files}?sort=name"), client)
        .await
        .expect(200);
    assert_eq!(
        names(&by_name),
        ["Drill chart.png", "notes.PNG", "Score.pdf"]
    );
    let by_size = api
        .get(&format!("{files}?sort=size&order=asc"), client)
        .await
        .expect(200);
    assert_eq!(
        names(&by_size),
        ["notes.PNG", "Drill chart.png", "Score.pdf"]
    );
    let pdfs = api
        .get(&format!("{files}?kind=pdf"), client)
        .await
        .expect(200);
    assert_eq!(names(&pdfs), ["Score.pdf"]);
    let found = api
        .get(&format!("{files}?q=CHART"), client)
        .await
        .expect(200);
    assert_eq!(names(&found), ["Drill chart.png"]);
    let wildcard = api.get(&format!("{files}?q=%25"), client).await.expect(200);
    assert!(
        names(&wildcard).is_empty(),
        "% is a character, not a wildcard"
    );

    // Pages of one, by name, walk the three in order and stop.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page_path = match &cursor {
            Some(c) => format!("{files}?sort=name&limit=1&cursor={c}"),
            None => format!("{files}?sort=name&limit=1"),
        };
        let page = api.get(&page_path, client).await.expect(200);
        seen.extend(names(&page).iter().map(|n| n.to_string()));
        match page.body["nextCursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen, ["Drill chart.png", "notes.PNG", "Score.pdf"]);

    // The whole file, then a range, then "still current".
    let content = format!("/api/files/{id}/versions/1/content");
    let (whole, bytes) = download(server, client, &content, &[]).await;
    assert_eq!(whole.status, 200);
    assert_eq!(bytes, drawing);
    assert_eq!(
        whole.header("etag"),
        format!("\"{}\"", sha256_hex(&drawing))
    );
    assert_eq!(whole.header("content-type"), "image/png");
    assert_eq!(whole.header("x-content-type-options"), "nosniff");
    assert_eq!(whole.header("accept-ranges"), "bytes");
    assert!(whole.header("content-disposition").starts_with("inline;"));
    assert!(
        whole
            .header("content-disposition")
            .contains("filename*=UTF-8''Drill%20chart.png")
    );
    assert!(
        whole.header("content-encoding").is_empty(),
        "never compressed"
    );
    let (part, bytes) = download(server, client, &content, &[("range", "bytes=10-19")]).await;
    assert_eq!(part.status, 206);
    assert_eq!(bytes, drawing[10..20]);
    assert_eq!(
        part.header("content-range"),
        format!("bytes 10-19/{}", drawing.len())
    );
    let (tail, bytes) = download(server, client, &content, &[("range", "bytes=-5")]).await;
    assert_eq!(
        (tail.status, bytes.as_slice()),
        (206, &drawing[drawing.len() - 5..])
    );
    let etag = whole.header("etag").to_owned();
    let (same, bytes) = download(server, client, &content, &[("if-none-match", &etag)]).await;
    assert_eq!((same.status, bytes.len()), (304, 0));
    let (outside, _) = download(server, client, &content, &[("range", "bytes=999999-")]).await;
    outside.refused(416, "range_not_satisfiable", None);
    assert_eq!(
        outside.header("content-range"),
        format!("bytes */{}", drawing.len())
    );

    // Version 2: numbered, newest first, the file's kind follows it, version 1 stays.
    let versions = format!("/api/files/{id}/versions");
    let revised = pdf(100);
    let second = upload(server, member, &versions, "anything.pdf", &revised)
        .await
        .expect(201);
    assert_eq!(second.body["versionCount"], 2);
    assert_eq!(second.body["kind"], "pdf");
    assert_eq!(
        second.body["name"], "Drill chart.png",
        "a version keeps the name"
    );
    let listed = api.get(&versions, client).await.expect(200);
    let numbers: Vec<i64> = listed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["number"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, [2, 1]);
    assert_eq!(listed.body["items"][0]["uploadedBy"], user_id(&team.member));
    let (old, bytes) = download(server, client, &content, &[]).await;
    assert_eq!((old.status, bytes), (200, drawing.clone()));
    let (new, bytes) = download(
        server,
        client,
        &format!("/api/files/{id}/versions/2/content"),
        &[],
    )
    .await;
    assert_eq!((new.status, bytes), (200, revised));
    let (missing, _) = download(
        server,
        client,
        &format!("/api/files/{id}/versions/3/content"),
        &[],
    )
    .await;
    missing.refused(404, "not_found", None);

    // Renamed (kept for display), then deleted: gone for everyone.
    let renamed = api
        .with_token(
            Method::PATCH,
            &format!("/api/files/{id}"),
            member,
            Some(json!({"name": "  Drill chart – final  "})),
        )
        .await
        .expect(200);
    assert_eq!(renamed.body["name"], "Drill chart – final");
    let activity = api
        .get(
            &format!("/api/projects/{}/activities", team.project),
            client,
        )
        .await
        .expect(200);
    let actions: Vec<&str> = activity.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["action"].as_str())
        .filter(|a| a.starts_with("file."))
        .collect();
    assert_eq!(
        actions,
        [
            "file.renamed",
            "file.version_added",
            "file.created",
            "file.created",
            "file.created"
        ]
    );
    api.with_token(Method::DELETE, &format!("/api/files/{id}"), owner, None)
        .await
        .expect(204);
    api.get(&format!("/api/files/{id}"), client)
        .await
        .refused(404, "not_found", None);
    let (gone, _) = download(server, client, &content, &[]).await;
    gone.refused(404, "not_found", None);
    // A page that would go on from the deleted file cannot: say so, rather than skip.
    let from_gone = format!("{files}?cursor={}", id.replace('-', ""));
    api.get(&from_gone, client)
        .await
        .refused(409, "invalid_reference", Some("cursor"));
    let after: Value = api.get(&files, client).await.expect(200).body;
    assert_eq!(after["items"].as_array().unwrap().len(), 2);
}

both_backends!(uploads_versions_lists_and_downloads);
