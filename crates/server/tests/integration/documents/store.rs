//! How the store keeps a document: updates numbered in order, loaded as the compacted
//! state plus exactly the updates after it, compaction that never goes back; and how the
//! collaboration hub loads, compacts and unloads it.

use std::{collections::HashSet, time::Duration};

use chrono::Utc;
use fluxstudio_collab::{Hub, limits::Limits};
use fluxstudio_store::{
    DbId,
    documents::content::{append, compact, load, load_after, needing_compaction},
};
use reqwest::Method;
use serde_json::json;
use yrs::{GetString, ReadTxn, Text, Transact, updates::decoder::Decode};

use crate::{
    accounts::client::*,
    both_backends,
    support::*,
    workspace::{studio::*, tasks::setup},
};

fn bytes(s: &str) -> Vec<u8> {
    s.as_bytes().to_vec()
}

/// A new document in a new studio's project.
async fn new_document(backend: Backend) -> (Studio, DbId) {
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
    (studio, id)
}

async fn updates_are_numbered_loaded_and_compacted(backend: Backend) {
    let (studio, id) = new_document(backend).await;
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

/// One Yjs update per typed character, as an editor sends them.
fn typing(text: &str) -> Vec<Vec<u8>> {
    let doc = yrs::Doc::new();
    let body = doc.get_or_insert_text("body");
    text.chars()
        .map(|c| {
            let before = doc.transact().state_vector();
            let mut txn = doc.transact_mut();
            let at = body.len(&txn);
            body.insert(&mut txn, at, &c.to_string());
            drop(txn);
            doc.transact().encode_diff_v1(&before)
        })
        .collect()
}

async fn the_hub_compacts_a_long_tail_on_load_and_unloads_by_the_idle_time(backend: Backend) {
    let (studio, id) = new_document(backend).await;
    let db = open_store(&studio.server.database_url).await;
    let text = "a long tail left by a crash";
    append(&db, id, &typing(text), Utc::now()).await.unwrap();
    let hub = Hub::new(
        db.clone(),
        Limits {
            idle_unload: Duration::from_secs(3),
            compact_after: 10,
            ..Limits::default()
        },
    );

    let joined = hub.join(id).await.unwrap();
    assert_eq!(hub.stats(), (1, 1));
    // Loading read every update once and merged them into the stored state.
    let mut stored = load(&db, id).await.unwrap().unwrap();
    for _ in 0..100 {
        if stored.state_seq == text.len() as i64 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        stored = load(&db, id).await.unwrap().unwrap();
    }
    assert_eq!(
        (stored.state_seq, stored.updates.len()),
        (text.len() as i64, 0)
    );
    let doc = yrs::Doc::new();
    let body = doc.get_or_insert_text("body");
    doc.transact_mut()
        .apply_update(yrs::Update::decode_v1(&stored.state).unwrap())
        .unwrap();
    assert_eq!(body.get_string(&doc.transact()), text);

    // Not unloaded while open, nor in the first of its idle seconds; a look that comes
    // less than `ahead` before the idle time ends unloads it, so it never stays longer.
    assert_eq!(hub.unload_idle(Duration::from_secs(1)), 0);
    hub.leave(&joined, &HashSet::new()).await;
    assert_eq!(hub.unload_idle(Duration::from_secs(1)), 0);
    assert_eq!(hub.stats(), (0, 1));
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(hub.unload_idle(Duration::from_secs(1)), 1);
    assert_eq!(hub.stats(), (0, 0));
}

both_backends!(
    updates_are_numbered_loaded_and_compacted,
    the_hub_compacts_a_long_tail_on_load_and_unloads_by_the_idle_time
);
