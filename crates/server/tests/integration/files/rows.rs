//! The rows of files and their versions (issue 13, before they are served): versions are
//! numbered 1, 2, 3… per file, a file and its first version are written together, a refused
//! version changes nothing, and what they leave passes `fluxstudio admin check`.

use chrono::Utc;
use fluxstudio_domain::FileFamily;
use fluxstudio_store::{
    DbId,
    files::{self, NewVersion},
    integrity,
};
use uuid::Uuid;

use crate::{both_backends, messaging::team::Team, support::*, workspace::studio::user_id};

fn version(sha256: &str, family: FileFamily, uploaded_by: DbId) -> NewVersion<'_> {
    NewVersion {
        id: DbId::new(),
        sha256,
        size: 1234,
        mime: "image/png",
        family,
        uploaded_by,
        preview: fluxstudio_domain::PreviewState::None,
    }
}

fn id(text: &str) -> DbId {
    DbId(Uuid::parse_str(text).unwrap())
}

async fn versions_are_numbered_and_written_whole(backend: Backend) {
    let team = Team::start(backend).await;
    let db = open_store(&team.studio.server.database_url).await;
    let project = id(&team.project);
    let uploader = id(user_id(&team.owner));
    let (first, second) = (&"a".repeat(64), &"b".repeat(64));
    let version = |sha256, family| version(sha256, family, uploader);

    let file = DbId::new();
    files::insert(
        &db,
        file,
        project,
        "Drill chart.png",
        &version(first, FileFamily::Image),
        Utc::now(),
    )
    .await
    .unwrap();
    let number = files::add_version(&db, file, &version(second, FileFamily::Pdf), Utc::now())
        .await
        .unwrap();
    assert_eq!(number, Some(2));
    let row = files::by_id(&db, file).await.unwrap().unwrap();
    assert_eq!((row.latest_version, row.family), (2, FileFamily::Pdf));
    assert_eq!(row.name, "Drill chart.png");
    let numbers: Vec<i64> = files::versions(&db, file)
        .await
        .unwrap()
        .iter()
        .map(|v| v.number)
        .collect();
    assert_eq!(numbers, vec![2, 1]);
    assert_eq!(
        &files::version(&db, file, 1).await.unwrap().unwrap().sha256,
        first
    );
    let filter = files::FileFilter {
        project,
        family: None,
        text: None,
        order: files::FileOrder::Date,
        descending: true,
        after: None,
    };
    let listed = files::page(&db, &filter, 10).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].size, &listed[0].sha256), (1234, second));
    assert!(files::blob_is_named(&db, first).await.unwrap());
    assert!(!files::blob_is_named(&db, &"c".repeat(64)).await.unwrap());

    // A version the schema refuses (not a SHA-256) leaves the count as it was.
    let refused =
        files::add_version(&db, file, &version("short", FileFamily::Image), Utc::now()).await;
    assert!(refused.is_err());
    let row = files::by_id(&db, file).await.unwrap().unwrap();
    assert_eq!((row.latest_version, row.family), (2, FileFamily::Pdf));
    assert_eq!(files::versions(&db, file).await.unwrap().len(), 2);
    assert!(integrity::check(&db).await.unwrap().is_clean());

    // Gone: its versions go with it, and a new version of it is nothing.
    assert!(files::delete(&db, file).await.unwrap());
    assert_eq!(
        files::add_version(&db, file, &version(first, FileFamily::Image), Utc::now())
            .await
            .unwrap(),
        None
    );
    assert!(!files::blob_is_named(&db, first).await.unwrap());
    assert!(files::versions(&db, file).await.unwrap().is_empty());
    db.close().await;
}

both_backends!(versions_are_numbered_and_written_whole);
