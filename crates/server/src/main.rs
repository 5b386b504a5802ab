//! `fluxstudio`: one binary for the whole product (API, real time, collaboration, the
//! embedded web app) and its operations (migrate, admin).

mod account_config;
mod accounts;
mod admin;
mod alloc;
mod background;
mod cli;
mod collab_config;
mod config;
mod connections;
mod demo;
mod files_config;
mod lingering;
mod migrate_cmd;
mod realtime_config;
mod relay;
mod secret;
mod serve;
mod shutdown;
mod telemetry;
mod vars;
mod web;

use std::process::ExitCode;

use clap::Parser;
use fluxstudio_store::Db;

use crate::{
    cli::{AdminCommand, Cli, Command},
    config::Config,
    vars::ProcessEnv,
};

#[global_allocator]
static ALLOCATOR: alloc::CountingAllocator = alloc::CountingAllocator;

/// Exit code for a configuration the server refuses to start with.
const EXIT_CONFIG: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::from_vars(&ProcessEnv) {
        Ok(config) => config,
        Err(err) => {
            eprintln!("fluxstudio: configuration error: {err}");
            return ExitCode::from(EXIT_CONFIG);
        }
    };
    telemetry::init(config.environment);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("fluxstudio: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command, config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("fluxstudio: {}", one_line(&err));
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, config: Config) -> anyhow::Result<()> {
    match command {
        Command::Serve(args) => serve::run(config, args).await,
        Command::Migrate { status } => {
            println!(
                "database {} ({})",
                config.database.url,
                config.database.url.backend().as_str()
            );
            let db = Db::connect(&config.database).await?;
            let result = if status {
                migrate_cmd::status(&db).await
            } else {
                migrate_cmd::apply(&db).await.map(|_| ())
            };
            db.close().await;
            result
        }
        Command::Admin {
            command: AdminCommand::DbStatus,
        } => {
            let db = Db::connect(&config.database).await?;
            let result = admin::print_db_status(&db).await;
            db.close().await;
            result
        }
        Command::Admin {
            command: AdminCommand::Check,
        } => {
            let db = Db::connect(&config.database).await?;
            let result = admin::check(&db).await;
            db.close().await;
            result
        }
        Command::Admin {
            command: AdminCommand::Backup { to },
        } => admin::backup(&config.database, &to).await,
        Command::Admin {
            command: AdminCommand::SeedDemo,
        } => admin::seed_demo(&config).await,
        Command::Admin {
            command:
                AdminCommand::CreateUser {
                    email,
                    name,
                    user_type,
                    admin,
                },
        } => {
            let new = admin::NewAccount {
                email,
                name,
                user_type,
                admin,
            };
            admin::create_user(&config, new).await
        }
    }
}

/// The error and its causes on one line, skipping a cause whose text the line already
/// holds (many errors repeat their source in their own message).
fn one_line(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if !line.contains(&text) {
            if !line.is_empty() {
                line.push_str(": ");
            }
            line.push_str(&text);
        }
    }
    line
}
