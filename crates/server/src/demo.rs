//! `fluxstudio admin seed-demo`: fills an empty instance with a believable studio (a
//! marching-arts design shop, its people, a client, projects on a board), so a newcomer
//! sees a living product. Everything goes through the same services as the API.

use anyhow::{Context, bail};
use fluxstudio_accounts::SignupRequest;
use fluxstudio_domain::{DisplayName, Email, OrgRole, Password, ProjectRole, UserType};
use fluxstudio_store::{Db, DbId, accounts::users};
use fluxstudio_workspace::{NewOrganizationRequest, NewProjectRequest, NewTaskRequest, Workspace};

use crate::config::Config;

/// The people of the demo studio: (name, email, user type, role in the organization).
const PEOPLE: &[(&str, &str, UserType, OrgRole)] = &[
    (
        "Maya Ortiz",
        "maya@northlight.studio",
        UserType::Designer,
        OrgRole::Owner,
    ),
    (
        "Jonah Reyes",
        "jonah@northlight.studio",
        UserType::Designer,
        OrgRole::Admin,
    ),
    (
        "Priya Natarajan",
        "priya@northlight.studio",
        UserType::Designer,
        OrgRole::Member,
    ),
    (
        "Sam Whitfield",
        "sam@northlight.studio",
        UserType::Designer,
        OrgRole::Member,
    ),
    (
        "Dana Kessler",
        "dana@lakeview-band.org",
        UserType::Client,
        OrgRole::Client,
    ),
];

/// Projects: (name, status, priority, tasks as (title, column, assignee index)).
type Task = (&'static str, &'static str, usize);
const PROJECTS: &[(&str, &str, &str, &[Task])] = &[
    (
        "Lakeview HS — 2027 Field Show \"Tidewater\"",
        "active",
        "high",
        &[
            ("Opener drill: sets 1–24", "done", 2),
            ("Ballad staging and guard feature", "in_progress", 2),
            ("Closer impact moment", "todo", 0),
            ("Costume concept boards", "review", 3),
            ("Prop list and build budget", "todo", 1),
            ("Music cut approval from the band director", "blocked", 1),
        ],
    ),
    (
        "Winter Guard — \"Paper Lanterns\"",
        "planning",
        "medium",
        &[
            ("Floor design sketches", "in_progress", 3),
            ("Flag fabric swatches", "todo", 3),
            ("Equipment work counts", "todo", 2),
        ],
    ),
    (
        "Brand refresh for Northlight",
        "on_hold",
        "low",
        &[
            ("New wordmark options", "review", 0),
            ("Website hero photography", "todo", 1),
        ],
    ),
];

pub async fn seed(config: &Config, db: &Db, secret: &[u8]) -> anyhow::Result<()> {
    if users::count(db).await? > 0 {
        bail!("this instance already has accounts; seed-demo only fills an empty one");
    }
    let bus = fluxstudio_events::EventBus::new();
    let accounts = crate::accounts::service(db.clone(), config, secret, bus.clone())?;
    let workspace = Workspace::new(
        db.clone(),
        fluxstudio_mail::Mailer::new(&config.accounts.mail)?,
        config.accounts.mail.clone(),
        bus,
    );
    let password = demo_password()?;
    let mut people: Vec<DbId> = Vec::new();
    for (n, (name, email, user_type, _)) in PEOPLE.iter().enumerate() {
        let request = SignupRequest {
            email: Email::parse(email).map_err(|e| anyhow::anyhow!("{e}"))?,
            password: Password::parse(&password).map_err(|e| anyhow::anyhow!("{e}"))?,
            name: DisplayName::parse(name).map_err(|e| anyhow::anyhow!("{e}"))?,
            user_type: *user_type,
        };
        // The owner administers the instance too.
        people.push(accounts.create_user(request, n == 0).await?.id);
    }
    let owner = people[0];
    let org = workspace
        .create_organization(
            owner,
            &NewOrganizationRequest {
                name: "Northlight Drill & Design",
                slug: None,
                description: Some(
                    "Show design, drill writing and costumes for marching arts programs.",
                ),
            },
        )
        .await?
        .id;
    let org = DbId(org);
    for (person, (_, _, _, role)) in people.iter().zip(PEOPLE).skip(1) {
        workspace.add_member_from_shell(org, *person, *role).await?;
    }
    let team = workspace
        .create_team(owner, org, "Drill & Staging", None)
        .await?
        .id;
    let team = DbId(team);
    for person in &people[1..3] {
        workspace.add_team_member(owner, org, team, *person).await?;
    }
    for (name, status, priority, tasks) in PROJECTS {
        seed_project(&workspace, &people, org, (name, status, priority), tasks).await?;
    }
    println!("Demo studio \"Northlight Drill & Design\" created.");
    println!(
        "Sign in as {} (owner and instance admin), or as any of:",
        PEOPLE[0].1
    );
    for (name, email, _, role) in &PEOPLE[1..] {
        println!("  {email:<28} {name} ({role})");
    }
    println!("Password for every demo account: {password}");
    Ok(())
}

async fn seed_project(
    workspace: &Workspace,
    people: &[DbId],
    org: DbId,
    (name, status, priority): (&str, &str, &str),
    tasks: &[Task],
) -> anyhow::Result<()> {
    let owner = people[0];
    let project = workspace
        .create_project(
            owner,
            &NewProjectRequest {
                organization: org,
                name,
                description: None,
                status: Some(status),
                priority: Some(priority),
                start_date: None,
                due_date: None,
                team: None,
            },
        )
        .await?
        .id;
    let project = DbId(project);
    let roles = [
        ProjectRole::Lead,
        ProjectRole::Editor,
        ProjectRole::Editor,
        ProjectRole::Editor,
        ProjectRole::Reviewer,
    ];
    for (person, role) in people.iter().zip(roles).skip(1) {
        workspace
            .set_project_member(owner, project, *person, role)
            .await?;
    }
    for (title, column, assignee) in tasks {
        workspace
            .create_task(
                owner,
                project,
                NewTaskRequest {
                    title,
                    description: None,
                    status: Some(column),
                    priority: None,
                    assignee: Some(people[*assignee]),
                    milestone: None,
                    due_date: None,
                    tags: vec![],
                },
            )
            .await
            .with_context(|| format!("task {title}"))?;
    }
    Ok(())
}

/// A random password that meets the policy (upper, lower, digit), printed once.
fn demo_password() -> anyhow::Result<String> {
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    let body: String = bytes.iter().map(|b| char::from(b'a' + b % 26)).collect();
    Ok(format!("Demo-{body}-7"))
}
