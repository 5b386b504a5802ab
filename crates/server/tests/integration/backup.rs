//! `fluxstudio admin backup --to FILE`: a copy of the SQLite database taken while the
//! server runs and writes, that a second server then serves with everything acknowledged
//! before it began; refusals (a file already there, no database, PostgreSQL) in one line,
//! leaving no file behind.

use std::process::Output;

use crate::{
    accounts::client::{Api, token},
    support::*,
};

const SECRET: &str = "backup-test-jwt-secret-0123456789abcdefghijkl";

fn backup(scratch: &Scratch, url: &str, to: &std::path::Path) -> Output {
    run_cli(
        scratch.path(),
        &["admin", "backup", "--to", &to.to_string_lossy()],
        &[("DATABASE_URL", url), ("JWT_SECRET", SECRET)],
    )
}

/// The names in `folder`, sorted.
fn listing(folder: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_serving_is_served_whole() {
    let live = server(Backend::Sqlite)
        .env("JWT_SECRET", SECRET)
        .start()
        .await;
    let api = Api::new(&live).await;
    let before = api.signup("before@backup.test", "Before").await;
    let made = api
        .with_token(
            reqwest::Method::POST,
            "/api/organizations",
            token(&before),
            Some(serde_json::json!({"name": "Backed Up Studio"})),
        )
        .await
        .expect(201);
    let organization = made.body["id"].as_str().unwrap().to_owned();

    // Taken while the server keeps writing: sign-ups go on throughout.
    let folder = Scratch::new();
    let to = folder.path().join("fluxstudio-backup.db");
    let writes = {
        let api = Api::new(&live).await;
        async move {
            for n in 0..20 {
                api.signup(&format!("during{n}@backup.test"), "During")
                    .await;
            }
        }
    };
    let copy = {
        let (scratch, url, to) = (
            folder.path().to_owned(),
            live.database_url.clone(),
            to.clone(),
        );
        tokio::task::spawn_blocking(move || {
            run_cli(
                &scratch,
                &["admin", "backup", "--to", &to.to_string_lossy()],
                &[("DATABASE_URL", &url), ("JWT_SECRET", SECRET)],
            )
        })
    };
    let (output, ()) = tokio::join!(copy, writes);
    let output = output.unwrap();
    assert!(output.status.success(), "{}", printed(&output));
    assert!(
        text(&output.stdout).contains("integrity check: ok"),
        "{}",
        printed(&output)
    );
    // Only the backup: its temporary is gone.
    assert_eq!(listing(folder.path()), vec!["fluxstudio-backup.db"]);

    // Restored as docs/DEPLOY.md says (the file copied into place) and served by another
    // server: what was there before the backup began is there.
    let place = Scratch::new();
    let restored_file = place.path().join("fluxstudio.db");
    std::fs::copy(&to, &restored_file).unwrap();
    let url = format!("sqlite://{}", restored_file.display());
    let restored = server(Backend::Sqlite)
        .database_url(&url)
        .env("JWT_SECRET", SECRET)
        .start()
        .await;
    let api = Api::new(&restored).await;
    let signed_in = api
        .login("before@backup.test", crate::accounts::client::PASSWORD)
        .await
        .expect(200);
    let got = api
        .get(
            &format!("/api/organizations/{organization}"),
            token(&signed_in.body),
        )
        .await
        .expect(200);
    assert_eq!(got.body["name"], "Backed Up Studio");

    // A second backup to the same name is refused, and the first is untouched.
    let first = std::fs::read(&to).unwrap();
    refused_in_one_line(&backup(&folder, &live.database_url, &to), &["exists"]);
    assert_eq!(std::fs::read(&to).unwrap(), first);
    assert_eq!(listing(folder.path()), vec!["fluxstudio-backup.db"]);
}

#[tokio::test]
async fn backups_refused_leave_nothing() {
    let scratch = Scratch::new();
    let to = scratch.path().join("copy.db");
    let missing = format!("sqlite://{}/nothing-here.db", scratch.path().display());
    refused_in_one_line(&backup(&scratch, &missing, &to), &["no database"]);
    let elsewhere = scratch.path().join("no-such-folder").join("copy.db");
    let live = format!("sqlite://{}/data/fluxstudio.db", scratch.path().display());
    run_cli(
        scratch.path(),
        &["migrate"],
        &[("DATABASE_URL", &live), ("JWT_SECRET", SECRET)],
    );
    refused_in_one_line(&backup(&scratch, &live, &elsewhere), &["does not exist"]);
    let postgres = "postgres://flux:secret@127.0.0.1:9/flux";
    refused_in_one_line(&backup(&scratch, postgres, &to), &["pg_dump"]);
    assert_eq!(listing(scratch.path()), vec!["data"]);
}
