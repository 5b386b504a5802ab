//! The README's list of endpoints is generated from the document, so it cannot drift: this
//! test compares the block between its `endpoints` markers with the document's operations,
//! and with `UPDATE_CONTRACT=1` rewrites the block instead.

use std::{collections::BTreeMap, path::PathBuf};

const START: &str = "<!-- endpoints: generated from the OpenAPI document; do not edit -->\n";
const END: &str = "<!-- /endpoints -->";

/// One line per tag: its operations, in path order.
fn listing() -> String {
    let (_, document) = crate::openapi::split(|routes, _| routes);
    let mut by_tag: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (path, item) in &document.paths.paths {
        for (method, operation) in [
            ("GET", &item.get),
            ("POST", &item.post),
            ("PUT", &item.put),
            ("PATCH", &item.patch),
            ("DELETE", &item.delete),
        ] {
            let Some(operation) = operation else { continue };
            let tag = operation
                .tags
                .as_ref()
                .and_then(|tags| tags.first())
                .cloned()
                .unwrap_or_else(|| "other".to_owned());
            by_tag
                .entry(tag)
                .or_default()
                .push(format!("`{method} {path}`"));
        }
    }
    by_tag
        .iter()
        .map(|(tag, operations)| format!("- {tag}: {}\n", operations.join(", ")))
        .collect()
}

#[test]
fn the_readme_lists_every_operation_of_the_document() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../README.md");
    let readme = std::fs::read_to_string(&path).expect("read README.md");
    let start = readme
        .find(START)
        .expect("README.md has the endpoints marker")
        + START.len();
    let end = start
        + readme[start..]
            .find(END)
            .expect("README.md closes the endpoints block");
    let listed = listing();
    if std::env::var_os("UPDATE_CONTRACT").is_some() {
        let updated = format!("{}{listed}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).expect("write README.md");
        return;
    }
    assert!(
        readme[start..end] == listed,
        "README.md's endpoint list is stale: run `UPDATE_CONTRACT=1 cargo test -p fluxstudio-api readme`"
    );
}
