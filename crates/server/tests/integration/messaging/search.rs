//! Search: every word must match, the last as a prefix; only the caller's conversations.

use reqwest::Method;
use serde_json::{Value, json};

use super::team::*;
use crate::{accounts::client::*, both_backends, support::*, workspace::studio::user_id};

fn bodies(page: &Value) -> Vec<&str> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect()
}

async fn search_finds_words_in_my_conversations_only(backend: Backend) {
    let team = Team::start(backend).await;
    let api = team.api().await;
    let channel = team.project.as_str();
    send(
        &api,
        &team.owner,
        channel,
        "The velvet curtains arrive Monday",
    )
    .await;
    send(&api, &team.owner, channel, "Curtain call moved to eight").await;
    let private = start(
        &api,
        &team.owner,
        json!({"kind": "direct", "participantIds": [user_id(&team.member)]}),
    )
    .await;
    send(&api, &team.owner, id(&private), "Secret velvet budget").await;
    let deleted = send(&api, &team.owner, channel, "velvet typo").await;
    api.with_token(
        Method::DELETE,
        &format!("/api/messages/{}", id(&deleted)),
        token(&team.owner),
        None,
    )
    .await
    .expect(200);

    // Newest first; the direct conversation is the owner's and the member's.
    let found = api
        .get("/api/search/messages?q=velvet", token(&team.member))
        .await
        .expect(200);
    assert_eq!(
        bodies(&found.body),
        ["Secret velvet budget", "The velvet curtains arrive Monday"]
    );
    // The client reads the channel but not the direct conversation; deleted text is gone.
    let theirs = api
        .get("/api/search/messages?q=velvet", token(&team.client))
        .await
        .expect(200);
    assert_eq!(bodies(&theirs.body), ["The velvet curtains arrive Monday"]);
    let outsider = api
        .get("/api/search/messages?q=velvet", token(&team.outsider))
        .await
        .expect(200);
    assert_eq!(bodies(&outsider.body), Vec::<&str>::new());

    // The last word is a prefix; every word must match; case and syntax do not matter.
    let prefix = api
        .get("/api/search/messages?q=curt", token(&team.member))
        .await
        .expect(200);
    assert_eq!(
        bodies(&prefix.body),
        [
            "Curtain call moved to eight",
            "The velvet curtains arrive Monday"
        ]
    );
    let both = api
        .get(
            "/api/search/messages?q=CURTAIN%20%22call%22%20OR",
            token(&team.member),
        )
        .await
        .expect(200);
    assert_eq!(
        bodies(&both.body),
        Vec::<&str>::new(),
        "`or` is a word to find, not an operator"
    );
    let both = api
        .get("/api/search/messages?q=curtain%20ca", token(&team.member))
        .await
        .expect(200);
    assert_eq!(bodies(&both.body), ["Curtain call moved to eight"]);

    // Within one conversation, and in pages.
    let one = api
        .get(
            &format!(
                "/api/search/messages?q=velvet&conversationId={}",
                id(&private)
            ),
            token(&team.member),
        )
        .await
        .expect(200);
    assert_eq!(bodies(&one.body), ["Secret velvet budget"]);
    let page = api
        .get("/api/search/messages?q=velvet&limit=1", token(&team.member))
        .await
        .expect(200);
    let cursor = page.body["nextCursor"].as_str().unwrap();
    let next = api
        .get(
            &format!("/api/search/messages?q=velvet&limit=1&cursor={cursor}"),
            token(&team.member),
        )
        .await
        .expect(200);
    assert_eq!(bodies(&next.body), ["The velvet curtains arrive Monday"]);

    // Letters beyond ASCII match by case, not by accent, on both engines.
    send(&api, &team.owner, channel, "Rendez-vous au Café Müller").await;
    let accented = api
        .get(
            "/api/search/messages?q=caf%C3%A9%20M%C3%9CLLER",
            token(&team.member),
        )
        .await
        .expect(200);
    assert_eq!(bodies(&accented.body), ["Rendez-vous au Café Müller"]);
    let folded = api
        .get("/api/search/messages?q=cafe", token(&team.member))
        .await
        .expect(200);
    assert_eq!(bodies(&folded.body), Vec::<&str>::new());

    // Fewer than two letters or digits would match almost everything: nothing is found.
    for nothing in [
        "/api/search/messages?q=a",
        "/api/search/messages?q=%22%2A%22",
        "/api/search/messages?q=",
    ] {
        let found = api.get(nothing, token(&team.member)).await.expect(200);
        assert_eq!(found.body["items"], json!([]), "{nothing}");
    }
    let too_long = format!("/api/search/messages?q={}", "a".repeat(201));
    api.get(&too_long, token(&team.member))
        .await
        .refused(422, "invalid", Some("q"));
    api.get(
        &format!(
            "/api/search/messages?q=velvet&conversationId={}",
            id(&private)
        ),
        token(&team.client),
    )
    .await
    .refused(404, "not_found", None);
}

both_backends!(search_finds_words_in_my_conversations_only);
