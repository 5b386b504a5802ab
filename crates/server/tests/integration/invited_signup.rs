//! Signing up from an invitation is one transaction: the account, the claimed invitation
//! and the membership are written together, or none of them is.

use chrono::{Duration, Utc};
use fluxstudio_store::{
    Db, DbId,
    accounts::users::{self, NewUser},
    workspace::{
        invitations::{self, NewInvitation},
        members,
        organizations::{self, NewOrganization},
    },
};

use crate::{both_backends, support::*};

fn person(email: &str) -> NewUser<'_> {
    NewUser {
        email,
        name: "Someone",
        password_hash: "not-a-real-hash",
        user_type: "client",
        admin: false,
    }
}

async fn invite(db: &Db, organization: DbId, owner: DbId, email: &str, hash: &str) -> DbId {
    let now = Utc::now();
    let new = NewInvitation {
        organization,
        email,
        role: "client",
        token_hash: hash,
        invited_by: owner,
    };
    invitations::insert(db, &new, now, now + Duration::days(7))
        .await
        .unwrap()
}

async fn signing_up_from_an_invitation_writes_everything_or_nothing(backend: Backend) {
    let scratch = Scratch::new();
    let url = fresh_database(backend, &scratch).await;
    let output = run_cli(scratch.path(), &["migrate"], &[("DATABASE_URL", &url)]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let db = open_store(&url).await;
    let now = Utc::now();
    let owner = users::insert(&db, &person("owner@studio.example"), now)
        .await
        .unwrap()
        .id;
    let studio = NewOrganization {
        name: "Studio",
        description: None,
        owner,
    };
    let organization = organizations::insert(&db, &studio, "studio", now)
        .await
        .unwrap();
    let invitation = invite(&db, organization, owner, "cleo@client.example", "hash-1").await;

    // Another address: refused, and no account is left behind.
    let other = invitations::accept_as_new_user(&db, &person("eve@else.example"), "hash-1", now)
        .await
        .unwrap();
    assert!(other.is_none());
    assert!(
        users::by_email(&db, "eve@else.example")
            .await
            .unwrap()
            .is_none()
    );

    // Revoked: refused, nothing written.
    invitations::revoke(&db, organization, invitation, now)
        .await
        .unwrap();
    let revoked =
        invitations::accept_as_new_user(&db, &person("cleo@client.example"), "hash-1", now)
            .await
            .unwrap();
    assert!(revoked.is_none());
    assert!(
        users::by_email(&db, "cleo@client.example")
            .await
            .unwrap()
            .is_none()
    );

    // A fresh link: the account (verified), the claim and the membership, together.
    invite(&db, organization, owner, "cleo@client.example", "hash-2").await;
    let (id, accepted) =
        invitations::accept_as_new_user(&db, &person("cleo@client.example"), "hash-2", now)
            .await
            .unwrap()
            .expect("a pending invitation to this address is accepted");
    let cleo = users::by_id(&db, id).await.unwrap().unwrap();
    assert!(cleo.email_verified && !cleo.is_admin);
    assert_eq!(accepted.accepted_by, Some(id));
    let role = members::role_of(&db, organization, id).await.unwrap();
    assert_eq!(role.as_deref(), Some("client"));

    // Used (accepted by someone signed in): a signup from it writes nothing.
    invite(&db, organization, owner, "dan@client.example", "hash-3").await;
    invitations::accept(&db, "hash-3", owner, now)
        .await
        .unwrap()
        .expect("claimed");
    let used = invitations::accept_as_new_user(&db, &person("dan@client.example"), "hash-3", now)
        .await
        .unwrap();
    assert!(used.is_none());
    assert!(
        users::by_email(&db, "dan@client.example")
            .await
            .unwrap()
            .is_none()
    );
    db.close().await;
}

both_backends!(signing_up_from_an_invitation_writes_everything_or_nothing);
