//! `fluxstudio migrate [--status]`: the seed's PRE_DEPLOY job, printing each step.

use fluxstudio_store::{
    Db,
    migrate::{self, Progress},
};

/// Applies pending migrations, printing each step; returns how many were applied.
pub async fn apply(db: &Db) -> anyhow::Result<usize> {
    let applied = migrate::run(db, |progress| match progress {
        Progress::Applying(step) => println!("applying {} …", step.label()),
        Progress::Applied(step, took) => {
            println!("applied  {} in {} ms", step.label(), took.as_millis());
        }
    })
    .await?;
    let version = migrate::known(db.backend()).last().map_or(0, |m| m.version);
    if applied == 0 {
        println!("nothing to apply: the database is at version {version}");
    } else {
        println!("{applied} migration(s) applied: the database is at version {version}");
    }
    Ok(applied)
}

/// Prints every known migration and when it was applied.
pub async fn status(db: &Db) -> anyhow::Result<()> {
    let steps = migrate::status(db).await?;
    for step in &steps {
        let state = step.applied_at.map_or_else(
            || "pending".to_owned(),
            |at| format!("applied {}", at.to_rfc3339()),
        );
        println!("{:<29} {state}", step.label());
    }
    let pending = steps.iter().filter(|s| s.applied_at.is_none()).count();
    println!("{} applied, {pending} pending", steps.len() - pending);
    Ok(())
}
