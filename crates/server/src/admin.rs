//! `fluxstudio admin …`: administration from the shell.

use fluxstudio_store::{Db, status::db_status};

/// `admin db-status`: tables, the essential ones, and migrations, for a person to read.
pub async fn print_db_status(db: &Db) -> anyhow::Result<()> {
    let status = db_status(db).await?;
    let state = if status.is_complete() {
        "complete"
    } else {
        "incomplete"
    };
    println!("status:     {state}");
    println!("backend:    {}", status.backend.as_str());
    println!(
        "tables:     {} ({})",
        status.tables.len(),
        status.tables.join(", ")
    );
    if status.essential_missing.is_empty() {
        println!("essential:  all {} present", status.essential_present.len());
    } else {
        println!("missing:    {}", status.essential_missing.join(", "));
    }
    println!(
        "migrations: {} known, {} pending",
        status.migrations.len(),
        status.pending()
    );
    Ok(())
}
