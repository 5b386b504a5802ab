//! The web app's copy of the document, from which `openapi-typescript` generates its types
//! (`npm --prefix web run api:types`). The copy must be what the server serves, so types
//! cannot drift from the contract: this test compares them, and with `UPDATE_CONTRACT=1`
//! writes the copy instead.

use std::path::PathBuf;

fn copy_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../web/src/api/openapi.json")
}

/// What `/api/openapi.json` serves, formatted for people to read and diff.
fn served() -> String {
    let (_, document) = crate::openapi::split(|routes, _| routes);
    let mut json = document.to_pretty_json().expect("the document serialises");
    json.push('\n');
    json
}

#[test]
fn the_web_apps_copy_of_the_document_is_what_the_server_serves() {
    let served = served();
    let path = copy_path();
    if std::env::var_os("UPDATE_CONTRACT").is_some() {
        std::fs::write(&path, &served).expect("write the web app's copy");
        return;
    }
    let copy = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        copy == served,
        "{} is stale: run `UPDATE_CONTRACT=1 cargo test -p fluxstudio-api web_copy` \
         then `npm --prefix web run api:types`, and commit both",
        path.display()
    );
}
