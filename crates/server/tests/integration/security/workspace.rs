//! The probe's findings in the workspace: what a reader may see (feeds, lists, searches,
//! notifications) and nested paths checked against their parents before anything is written.

use reqwest::Method;
use serde_json::{Value, json};

use crate::{
    accounts::client::*,
    both_backends,
    support::*,
    workspace::{projects::project, studio::*},
};

/// The actions of a page of activity.
fn actions(page: &Answer) -> Vec<String> {
    page.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap().to_owned())
        .collect()
}

/// The project ids a page of activity mentions (in its column or as the deleted entity).
fn projects_in(page: &Answer) -> Vec<String> {
    page.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| {
            a["projectId"]
                .as_str()
                .or_else(|| (a["entityType"] == "project").then(|| a["entityId"].as_str())?)
        })
        .map(str::to_owned)
        .collect()
}

async fn new_project(api: &Api<'_>, who: &Value, org: &str, name: &str) -> String {
    project(api, token(who), org, json!({ "name": name }))
        .await
        .expect(201)
        .body["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn set_role(api: &Api<'_>, lead: &Value, project: &str, who: &Value, role: &str) {
    api.with_token(
        Method::PUT,
        &format!("/api/projects/{project}/members/{}", user_id(who)),
        token(lead),
        Some(json!({ "role": role })),
    )
    .await
    .expect(200);
}

async fn new_task(api: &Api<'_>, who: &Value, project: &str, title: &str) -> String {
    api.with_token(
        Method::POST,
        &format!("/api/projects/{project}/tasks"),
        token(who),
        Some(json!({ "title": title })),
    )
    .await
    .expect(201)
    .body["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// An organization's owner, the organization, a member of the staff and a client.
async fn staff_and_client(studio: &Studio, api: &Api<'_>) -> (Value, String, Value, Value) {
    let owner = api.signup("owner@studio.example", "Owner").await;
    let org = organization(api, token(&owner), "Studio").await;
    let member = join(
        studio,
        api,
        token(&owner),
        &org,
        "m@studio.example",
        "member",
    )
    .await;
    let client = join(
        studio,
        api,
        token(&owner),
        &org,
        "c@brand.example",
        "client",
    )
    .await;
    (owner, org, member, client)
}

/// Finding 2: a client read a staff-only project's tasks, comments and members in the
/// organization's feed, while the project itself answered 404.
async fn organization_feed_shows_only_visible_projects(backend: Backend) {
    let studio = Studio::start(backend, &[]).await;
    let api = Api::new(&studio.server).await;
    let (owner, org, member, client) = staff_and_client(&studio, &api).await;
    let secret = new_project(&api, &owner, &org, "Staff only").await;
    set_role(&api, &owner, &secret, &member, "editor").await;
    let task = new_task(&api, &owner, &secret, "Secret task").await;
    api.with_token(
        Method::POST,
        &format!("/api/projects/{secret}/tasks/{task}/comments"),
        token(&owner),
        Some(json!({ "body": "internal" })),
    )
    .await
    .expect(201);
    let shared = new_project(&api, &owner, &org, "With the client").await;
    set_role(&api, &owner, &shared, &client, "reviewer").await;
    let gone = new_project(&api, &owner, &org, "Cancelled").await;
    api.with_token(
        Method::DELETE,
        &format!("/api/projects/{gone}"),
        token(&owner),
        None,
    )
    .await
    .expect(200);
    invite(&api, token(&owner), &org, "later@studio.example", "admin")
        .await
        .expect(201);

    let feed = format!("/api/organizations/{org}/activities?limit=100");
    let of_client = api.get(&feed, token(&client)).await.expect(200);
    let seen = projects_in(&of_client);
    assert!(
        !seen.contains(&secret),
        "no staff-only entry: {:#}",
        of_client.body
    );
    assert!(!seen.contains(&gone), "no deletion of a project not theirs");
    assert!(seen.contains(&shared), "their own project's entries stay");
    assert!(
        !actions(&of_client)
            .iter()
            .any(|a| a.starts_with("invitation.")),
        "invitations are for those who manage them: {:?}",
        actions(&of_client)
    );
    api.get(
        &format!("/api/projects/{secret}/activities"),
        token(&client),
    )
    .await
    .refused(404, "not_found", None);

    // Staff see every project (as they do elsewhere); invitations only those who send them.
    let of_member = api.get(&feed, token(&member)).await.expect(200);
    let seen = projects_in(&of_member);
    assert!(seen.contains(&secret) && seen.contains(&shared) && seen.contains(&gone));
    assert!(
        !actions(&of_member)
            .iter()
            .any(|a| a.starts_with("invitation."))
    );
    let of_owner = api.get(&feed, token(&owner)).await.expect(200);
    assert!(actions(&of_owner).contains(&"invitation.sent".to_owned()));

    // Pages of a filtered feed still chain: nothing hidden, nothing repeated.
    let mut cursor: Option<String> = None;
    let mut paged = Vec::new();
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/organizations/{org}/activities?limit=2&cursor={c}"),
            None => format!("/api/organizations/{org}/activities?limit=2"),
        };
        let page = api.get(&path, token(&client)).await.expect(200);
        paged.extend(
            page.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["id"].clone()),
        );
        match page.body["nextCursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    let whole: Vec<Value> = of_client.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].clone())
        .collect();
    assert_eq!(paged, whole);
}

/// Finding 4: a comment of project P1's task was edited (and deleted) through project P3's
/// path by its author, no longer on P1: the answer was 404 but the change was stored; and
/// 403 against 404 told whether a comment id existed.
async fn comments_change_only_through_their_own_project(backend: Backend) {
    let studio = Studio::start(backend, &[]).await;
    let api = Api::new(&studio.server).await;
    let owner = api.signup("owner@studio.example", "Owner").await;
    let org = organization(&api, token(&owner), "Studio").await;
    let editor = join(
        &studio,
        &api,
        token(&owner),
        &org,
        "e@studio.example",
        "member",
    )
    .await;
    let p1 = new_project(&api, &owner, &org, "P1").await;
    let p3 = new_project(&api, &owner, &org, "P3").await;
    set_role(&api, &owner, &p1, &editor, "editor").await;
    set_role(&api, &owner, &p3, &editor, "editor").await;
    let t1 = new_task(&api, &owner, &p1, "T1").await;
    let comments = format!("/api/projects/{p1}/tasks/{t1}/comments");
    let mine = api
        .with_token(
            Method::POST,
            &comments,
            token(&editor),
            Some(json!({ "body": "mine" })),
        )
        .await
        .expect(201)
        .body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let theirs = api
        .with_token(
            Method::POST,
            &comments,
            token(&owner),
            Some(json!({ "body": "theirs" })),
        )
        .await
        .expect(201)
        .body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    api.with_token(
        Method::DELETE,
        &format!("/api/projects/{p1}/members/{}", user_id(&editor)),
        token(&owner),
        None,
    )
    .await
    .expect(200);

    let through_p3 = |comment: &str| format!("/api/projects/{p3}/tasks/{t1}/comments/{comment}");
    let unknown = uuid::Uuid::now_v7().to_string();
    for comment in [&mine, &theirs, &unknown] {
        api.with_token(
            Method::PATCH,
            &through_p3(comment),
            token(&editor),
            Some(json!({ "body": "rewritten" })),
        )
        .await
        .refused(404, "not_found", None);
        api.with_token(Method::DELETE, &through_p3(comment), token(&editor), None)
            .await
            .refused(404, "not_found", None);
    }
    let listed = api.get(&comments, token(&owner)).await.expect(200);
    let bodies: Vec<(&str, &str, bool)> = listed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap(),
                c["body"].as_str().unwrap(),
                c["deletedAt"].is_null(),
            )
        })
        .collect();
    assert_eq!(
        bodies,
        [
            (mine.as_str(), "mine", true),
            (theirs.as_str(), "theirs", true)
        ],
        "a refused request changes nothing"
    );

    // A task PATCH with a bad status is refused before anything is written.
    let t3 = new_task(&api, &owner, &p3, "T3").await;
    api.with_token(
        Method::PATCH,
        &format!("/api/projects/{p3}/tasks/{t3}"),
        token(&editor),
        Some(json!({ "title": "renamed", "status": "bogus" })),
    )
    .await
    .refused(422, "invalid", Some("status"));
    let task = api
        .get(&format!("/api/projects/{p3}/tasks/{t3}"), token(&owner))
        .await
        .expect(200);
    assert_eq!(task.body["title"], "T3");
}

/// Finding 2 asked for every list, feed and search to apply the project's own visibility:
/// a client of the organization learns nothing of a staff-only project anywhere, while the
/// same paths show them their own project (so the checks can fail).
async fn every_list_shows_a_client_nothing_of_a_staff_only_project(backend: Backend) {
    let studio = Studio::start(backend, &[]).await;
    let api = Api::new(&studio.server).await;
    let (owner, org, member, client) = staff_and_client(&studio, &api).await;
    let secret = new_project(&api, &owner, &org, "Staff only").await;
    set_role(&api, &owner, &secret, &member, "editor").await;
    let shared = new_project(&api, &owner, &org, "With the client").await;
    set_role(&api, &owner, &shared, &client, "reviewer").await;
    for (project, words, mention) in [
        (&secret, "hidden plans", &member),
        (&shared, "shared plans", &client),
    ] {
        let task = new_task(&api, &owner, project, &format!("Task of {words}")).await;
        api.with_token(
            Method::POST,
            &format!("/api/projects/{project}/tasks/{task}/comments"),
            token(&owner),
            Some(json!({ "body": words, "mentions": [user_id(mention)] })),
        )
        .await
        .expect(201);
        api.with_token(
            Method::POST,
            &format!("/api/conversations/{project}/messages"),
            token(&owner),
            Some(json!({ "body": words })),
        )
        .await
        .expect(201);
        api.with_token(
            Method::POST,
            &format!("/api/projects/{project}/documents"),
            token(&owner),
            Some(json!({ "title": format!("Document of {words}") })),
        )
        .await
        .expect(201);
    }
    let ids = |answer: &Answer| -> Vec<String> {
        answer.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let get = |path: String| {
        let api = &api;
        let client = token(&client).to_owned();
        async move { api.get(&path, &client).await }
    };

    let projects = get("/api/projects?limit=100".into()).await.expect(200);
    assert_eq!(ids(&projects), std::slice::from_ref(&shared));
    let found = get(format!("/api/projects?organizationId={org}&q=Staff")).await;
    assert_eq!(ids(&found.expect(200)), Vec::<String>::new());
    let conversations = get("/api/conversations?limit=100".into()).await.expect(200);
    assert_eq!(ids(&conversations), std::slice::from_ref(&shared));
    let hidden = get("/api/search/messages?q=hidden".into())
        .await
        .expect(200);
    assert_eq!(hidden.body["items"], json!([]));
    let visible = get("/api/search/messages?q=shared".into())
        .await
        .expect(200);
    assert_eq!(visible.body["items"].as_array().unwrap().len(), 1);
    let feed = get(format!("/api/organizations/{org}/activities?limit=100")).await;
    let feed = feed.expect(200);
    assert!(!feed.text.contains(&secret) && feed.text.contains(&shared));
    let inbox = get("/api/notifications".into()).await.expect(200);
    assert!(
        !inbox.text.contains(&secret) && inbox.text.contains(&shared),
        "{:#}",
        inbox.body
    );
    let owners_documents = api
        .get(&format!("/api/projects/{secret}/documents"), token(&owner))
        .await
        .expect(200);
    let document = ids(&owners_documents)[0].clone();
    for path in [
        format!("/api/projects/{secret}"),
        format!("/api/projects/{secret}/tasks"),
        format!("/api/projects/{secret}/milestones"),
        format!("/api/projects/{secret}/members"),
        format!("/api/projects/{secret}/activities"),
        format!("/api/projects/{secret}/documents"),
        format!("/api/documents/{document}"),
        format!("/api/documents/{document}/export?format=text"),
        format!("/api/conversations/{secret}"),
        format!("/api/conversations/{secret}/messages"),
        format!("/api/search/messages?q=hidden&conversationId={secret}"),
    ] {
        let answer = get(path.clone()).await;
        assert_eq!(answer.status, 404, "{path}: {:#}", answer.body);
    }
}

/// Found in the audit of finding 2: leaving an organization kept the person's project
/// roles and task assignments, so they were still mentioned, assigned and told of its
/// projects, and rejoining (even as a client) gave them their old roles back.
async fn leaving_an_organization_takes_its_project_roles(backend: Backend) {
    let studio = Studio::start(backend, &[]).await;
    let api = Api::new(&studio.server).await;
    let owner = api.signup("owner@studio.example", "Owner").await;
    let org = organization(&api, token(&owner), "Studio").await;
    let lead = join(
        &studio,
        &api,
        token(&owner),
        &org,
        "lead@studio.example",
        "member",
    )
    .await;
    let show = new_project(&api, &owner, &org, "Show").await;
    set_role(&api, &owner, &show, &lead, "lead").await;
    let task = api
        .with_token(
            Method::POST,
            &format!("/api/projects/{show}/tasks"),
            token(&owner),
            Some(json!({ "title": "Drill", "assigneeId": user_id(&lead) })),
        )
        .await
        .expect(201);
    let task = task.body["id"].as_str().unwrap().to_owned();
    api.with_token(
        Method::DELETE,
        &format!("/api/organizations/{org}/members/{}", user_id(&lead)),
        token(&owner),
        None,
    )
    .await
    .expect(200);

    let board = api
        .get(&format!("/api/projects/{show}/tasks/{task}"), token(&owner))
        .await
        .expect(200);
    assert!(board.body["assigneeId"].is_null(), "{:#}", board.body);
    let members = api
        .get(&format!("/api/projects/{show}/members"), token(&owner))
        .await
        .expect(200);
    assert!(!members.body.to_string().contains(user_id(&lead)));
    api.with_token(
        Method::POST,
        &format!("/api/projects/{show}/tasks/{task}/comments"),
        token(&owner),
        Some(json!({ "body": "hi", "mentions": [user_id(&lead)] })),
    )
    .await
    .refused(409, "invalid_reference", Some("mentions"));

    // Back as a client: no old role comes with them.
    invite(&api, token(&owner), &org, "lead@studio.example", "client")
        .await
        .expect(201);
    let link = studio.invitation_token("lead@studio.example").await;
    api.with_token(
        Method::POST,
        &format!("/api/invitations/{link}/accept"),
        token(&lead),
        None,
    )
    .await
    .expect(200);
    api.get(&format!("/api/projects/{show}"), token(&lead))
        .await
        .refused(404, "not_found", None);
}

both_backends!(
    organization_feed_shows_only_visible_projects,
    every_list_shows_a_client_nothing_of_a_staff_only_project,
    comments_change_only_through_their_own_project,
    leaving_an_organization_takes_its_project_roles,
);
