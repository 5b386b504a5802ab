//! `fluxstudio admin seed-demo` fills an empty instance with a living studio, and refuses
//! one that already has accounts.

use crate::{accounts::client::*, both_backends, support::*};

async fn the_demo_studio_is_ready_to_sign_in_to(backend: Backend) {
    let scratch = Scratch::new();
    let url = fresh_database(backend, &scratch).await;
    let secret = "demo-secret-of-at-least-32-bytes!!";
    let env = [("DATABASE_URL", url.as_str()), ("JWT_SECRET", secret)];
    let out = run_cli(scratch.path(), &["admin", "seed-demo"], &env);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    let password = stdout
        .lines()
        .find_map(|l| l.strip_prefix("Password for every demo account: "))
        .expect("the password is printed")
        .to_owned();

    let server = server(backend)
        .database_url(&url)
        .env("JWT_SECRET", secret)
        .start()
        .await;
    let api = Api::new(&server).await;
    let maya = api
        .login("maya@northlight.studio", &password)
        .await
        .expect(200)
        .body;
    assert_eq!(maya["user"]["isAdmin"], true);
    let projects = api.get("/api/projects", token(&maya)).await.expect(200);
    let items = projects.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    let show = items
        .iter()
        .find(|p| p["name"].as_str().unwrap().contains("Tidewater"))
        .unwrap();
    let board = api
        .get(
            &format!("/api/projects/{}/tasks", show["id"].as_str().unwrap()),
            token(&maya),
        )
        .await
        .expect(200);
    assert_eq!(board.body["tasks"].as_array().unwrap().len(), 6);
    // The client (a reviewer on every demo project) sees them as a client.
    let dana = api
        .login("dana@lakeview-band.org", &password)
        .await
        .expect(200)
        .body;
    let hers = api.get("/api/projects", token(&dana)).await.expect(200);
    assert_eq!(
        hers.body["items"].as_array().unwrap().len(),
        3,
        "she reviews all three"
    );
    let orgs = api
        .get("/api/organizations", token(&dana))
        .await
        .expect(200);
    assert_eq!(orgs.body["organizations"][0]["role"], "client");

    // A second run refuses: the instance is no longer empty.
    let again = run_cli(scratch.path(), &["admin", "seed-demo"], &env);
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("already has accounts"),
        "{}",
        text(&again.stderr)
    );
}

both_backends!(the_demo_studio_is_ready_to_sign_in_to);
