//! `fluxstudio admin create-user`: the password from standard input, validation like
//! signup, a one-line refusal that creates nothing, and accounts a server then signs in,
//! even with registration closed.

use std::{
    io::Write,
    process::{Output, Stdio},
};

use serde_json::json;

use super::client::*;
use crate::{both_backends, support::*};

const SECRET: &str = "cli-test-jwt-secret-0123456789abcdefghijklmnop";

/// Runs `fluxstudio admin create-user ARGS` on `url` with `stdin` piped in.
fn create_user(scratch: &Scratch, url: &str, args: &[&str], stdin: &str) -> Output {
    let mut command = clean_command(scratch.path());
    command
        .args(["admin", "create-user"])
        .args(args)
        .env("DATABASE_URL", url)
        .env("JWT_SECRET", SECRET)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("start fluxstudio admin create-user");
    let mut pipe = child.stdin.take().expect("the child's stdin");
    pipe.write_all(stdin.as_bytes())
        .expect("write the password");
    drop(pipe);
    child.wait_with_output().expect("wait for fluxstudio")
}

/// A failure in one line (see [`refused_in_one_line`]) that contains `needle`, and
/// nothing created.
#[track_caller]
fn refused(output: &Output, needle: &str) {
    refused_in_one_line(output, &[needle]);
    assert!(
        !text(&output.stdout).contains("created"),
        "{}",
        printed(output)
    );
}

async fn users(url: &str) -> i64 {
    let db = open_store(url).await;
    let count: i64 =
        fluxstudio_store::read_with!(&db, |pool| sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(pool)
            .await
            .unwrap());
    db.close().await;
    count
}

async fn create_user_makes_an_admin_who_can_sign_in(backend: Backend) {
    let scratch = Scratch::new();
    let url = fresh_database(backend, &scratch).await;
    let admin = [
        "--email",
        "Boss@Studio.example",
        "--name",
        "Boss",
        "--admin",
    ];
    let created = create_user(&scratch, &url, &admin, &format!("{PASSWORD}\n"));
    assert!(created.status.success(), "{}", printed(&created));
    let stdout = text(&created.stdout);
    assert!(
        stdout.contains("created boss@studio.example"),
        "{}",
        printed(&created)
    );
    assert!(stdout.contains("instance admin"), "{}", printed(&created));
    assert_eq!(users(&url).await, 1);

    let server = server(backend)
        .database_url(&url)
        .env("JWT_SECRET", SECRET)
        .start()
        .await;
    let api = Api::new(&server).await;
    let login = api
        .login("boss@studio.example", PASSWORD)
        .await
        .expect(200)
        .body;
    let me = api.get("/api/auth/me", token(&login)).await.expect(200);
    assert_eq!(me.body["email"], "boss@studio.example");
    assert_eq!(me.body["name"], "Boss");
    assert_eq!(me.body["isAdmin"], true);
    assert_eq!(me.body["userType"], "designer", "the default");
    // The CLI's admin administers: the admin API answers it.
    api.get("/api/admin/security-events", token(&login))
        .await
        .expect(200);

    // Refusals, each one line and none creating anything (the server runs meanwhile).
    let cases: [(&[&str], &str, &str); 7] = [
        (&admin, PASSWORD, "exists"),
        (
            &["--email", "BOSS@studio.EXAMPLE", "--name", "Boss Two"],
            PASSWORD,
            "exists",
        ),
        (
            &["--email", "not-an-email", "--name", "Nobody"],
            PASSWORD,
            "--email",
        ),
        (
            &["--email", "weak@studio.example", "--name", "Weak"],
            "password\n",
            "password",
        ),
        (
            &["--email", "empty@studio.example", "--name", "Empty"],
            "",
            "standard input",
        ),
        (
            &["--email", "blank@studio.example", "--name", "Blank"],
            "\n",
            "standard input",
        ),
        (
            &[
                "--email",
                "type@studio.example",
                "--name",
                "Type",
                "--user-type",
                "admin",
            ],
            PASSWORD,
            "--user-type",
        ),
    ];
    for (args, stdin, needle) in cases {
        let output = create_user(&scratch, &url, args, stdin);
        refused(&output, needle);
    }
    assert_eq!(users(&url).await, 1, "no refusal created a user");
    let still = api.login("boss@studio.example", PASSWORD).await.expect(200);
    assert_eq!(
        still.body["user"]["name"], "Boss",
        "the first account is untouched"
    );
}

async fn closed_registration_refuses_signup_but_not_the_cli(backend: Backend) {
    let scratch = Scratch::new();
    let url = fresh_database(backend, &scratch).await;
    let ada = ["--email", "ada@studio.example", "--name", "Ada"];
    let created = create_user(&scratch, &url, &ada, PASSWORD);
    assert!(created.status.success(), "{}", printed(&created));
    assert!(
        text(&created.stdout).contains("instance admin"),
        "the first account of an instance administers it, --admin or not: {}",
        printed(&created)
    );

    let server = server(backend)
        .database_url(&url)
        .env("JWT_SECRET", SECRET)
        .env("ENABLE_REGISTRATION", "false")
        .start()
        .await;
    let api = Api::new(&server).await;
    let before = account_rows(&server).await;
    api.post(
        "/api/auth/signup",
        json!({"email": "grace@studio.example", "password": PASSWORD, "name": "Grace"}),
    )
    .await
    .refused(403, "registration_closed", None);
    assert_eq!(account_rows(&server).await, before);
    api.login("grace@studio.example", PASSWORD)
        .await
        .refused(401, "invalid_credentials", None);

    let login = api.login("ada@studio.example", PASSWORD).await.expect(200);
    assert_eq!(login.body["user"]["isAdmin"], true);

    // The shell still creates accounts while the running server refuses signups.
    let zoe = [
        "--email",
        "zoe@studio.example",
        "--name",
        "Zoe",
        "--user-type",
        "client",
    ];
    let created = create_user(&scratch, &url, &zoe, &format!("{PASSWORD}\r\n"));
    assert!(created.status.success(), "{}", printed(&created));
    assert!(
        !text(&created.stdout).contains("instance admin"),
        "{}",
        printed(&created)
    );
    let login = api
        .login("zoe@studio.example", PASSWORD)
        .await
        .expect(200)
        .body;
    assert_eq!(login["user"]["userType"], "client");
    assert_eq!(login["user"]["isAdmin"], false);
    assert_eq!(users(&url).await, 2);
}

both_backends!(
    create_user_makes_an_admin_who_can_sign_in,
    closed_registration_refuses_signup_but_not_the_cli,
);
