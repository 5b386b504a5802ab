//! How the store keeps a document: updates numbered in order, loaded as the compacted
//! state plus exactly the updates after it, compaction that never goes back.

use chrono::Utc;
use fluxstudio_store::{
    DbId,
    documents::content::{append, compact, load, load_after, needing_compaction},
};
use reqwest::Method;
use serde_json::json;

use crate::{
    accounts::client::*,
    both_backends,
    support::*,
    workspace::{studio::*, tasks::setup},
};

fn bytes(s: &str) -> Vec<u8> {
    s.as_bytes().to_vec()
}

async fn updates_are_numbered_loaded_and_compacted(backend: Backend) {
    let studio = Studio::start(backend, &[]).await;
    let api = Api::new(&studio.server).await;
    let (owner, _, _, project) = setup(&studio, &api).await;
    let created = api
        .with_token(
            Method::POST,
            &format!("/api/projects/{project}/documents"),
            token(&owner),
            Some(json!({"title": "Brief"})),
        )
        .await
        .expect(201);
    let id = DbId(created.body["id"].as_str().unwrap().parse().unwrap());
    let db = open_store(&studio.server.database_url).await;
    let now = Utc::now();

    assert_eq!(
        append(&db, id, &[bytes("a"), bytes("b")], now)
            .await
            .unwrap(),
        Some(2)
    );
    assert_eq!(append(&db, id, &[bytes("c")], now).await.unwrap(), Some(3));
    // More rows than one INSERT holds.
    let many: Vec<Vec<u8>> = (0..1200).map(|i| bytes(&format!("u{i}"))).collect();
    assert_eq!(append(&db, id, &many, now).await.unwrap(), Some(1203));
    assert_eq!(
        append(&db, DbId::new(), &[bytes("x")], now).await.unwrap(),
        None
    );

    let all = load(&db, id).await.unwrap().unwrap();
    assert!(all.state.is_empty());
    assert_eq!(
        (all.state_seq, all.last_seq, all.updates.len()),
        (0, 1203, 1203)
    );
    assert_eq!(all.updates[..3], [bytes("a"), bytes("b"), bytes("c")]);
    assert_eq!(all.updates[1202], bytes("u1199"));
    assert!(
        needing_compaction(&db, 1000, 10)
            .await
            .unwrap()
            .contains(&id)
    );

    // Compacting up to 3: the state stands for a, b and c; the rest stays in order.
    assert!(compact(&db, id, b"abc", 3).await.unwrap());
    let after = load(&db, id).await.unwrap().unwrap();
    assert_eq!((after.state.as_slice(), after.state_seq), (&b"abc"[..], 3));
    assert_eq!(after.updates.len(), 1200);
    assert_eq!(after.updates[0], bytes("u0"));
    // An older or equal compaction, or one past the last update, changes nothing.
    assert!(!compact(&db, id, b"ab", 2).await.unwrap());
    assert!(!compact(&db, id, b"abc", 3).await.unwrap());
    assert!(!compact(&db, id, b"too far", 5000).await.unwrap());
    assert!(
        !needing_compaction(&db, 1200, 10)
            .await
            .unwrap()
            .contains(&id)
    );

    // Catching up from a position: only what came after it, or everything when the
    // position is older than the compacted state.
    let tail = load_after(&db, id, Some(1202)).await.unwrap().unwrap();
    assert_eq!((tail.state.len(), tail.updates.len()), (0, 1));
    assert_eq!(tail.updates[0], bytes("u1199"));
    let none = load_after(&db, id, Some(1203)).await.unwrap().unwrap();
    assert!(none.updates.is_empty());
    let older = load_after(&db, id, Some(1)).await.unwrap().unwrap();
    assert_eq!(
        (older.state.as_slice(), older.updates.len()),
        (&b"abc"[..], 1200)
    );
    assert!(load(&db, DbId::new()).await.unwrap().is_none());
}

both_backends!(updates_are_numbered_loaded_and_compacted);
