//! The command line: `fluxstudio serve | migrate | admin`.

use std::{net::IpAddr, path::PathBuf};

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "fluxstudio",
    version,
    about = "FluxStudio: the collaboration platform for creative design studios",
    long_about = "FluxStudio: the collaboration platform for creative design studios.\n\n\
                  Configuration comes from environment variables (PORT, DATABASE_URL, \
                  JWT_SECRET, FLUX_ENV, CORS_ORIGINS, …; see the README); flags override them."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the server: the API, real time and the web app (migrates the database first).
    Serve(ServeArgs),
    /// Apply pending database migrations (the deploy's pre-deploy job), or show them.
    Migrate {
        /// Show which migrations are applied and which are pending; change nothing.
        #[arg(long)]
        status: bool,
    },
    /// Administration from the shell.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on (overrides HOST; default 0.0.0.0).
    #[arg(long)]
    pub host: Option<IpAddr>,
    /// Port to listen on (overrides PORT; default 3001; 0 picks a free port).
    #[arg(long)]
    pub port: Option<u16>,
    /// Do not apply pending migrations at start (refuse to start if any are pending).
    #[arg(long)]
    pub no_migrate: bool,
    /// Once listening, write the bound address (`HOST:PORT`) to this file.
    #[arg(long, value_name = "PATH")]
    pub addr_file: Option<PathBuf>,
    /// Run one service alone: `collab` serves only `/collab` (on COLLAB_PORT, default
    /// 4000), sharing the database with the main server.
    #[arg(long, value_enum, value_name = "SERVICE")]
    pub only: Option<OnlyService>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OnlyService {
    /// The collaboration service (Yjs documents over WebSocket).
    Collab,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Show the database's tables, the essential ones missing, and the migrations.
    DbStatus,
    /// Check what must hold between rows: orphans (parents gone, declared keys or not),
    /// references out of scope, message numbering, board positions, document updates.
    /// Reads one snapshot, changes nothing; exits 1 with a listing when anything is off.
    Check,
    /// Copy the SQLite database to FILE while the server runs: one consistent snapshot,
    /// checked, written under a temporary name and renamed when whole. Never writes over a
    /// file. PostgreSQL is backed up with `pg_dump` (docs/DEPLOY.md).
    Backup {
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
    /// Fill an empty instance with a demo studio (people, an organization, projects, a
    /// board) and print how to sign in.
    SeedDemo,
    /// Create an account; the password is read from standard input (one line).
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// `client` or `designer`.
        #[arg(long, default_value = "designer")]
        user_type: String,
        /// Make the account an instance administrator.
        #[arg(long)]
        admin: bool,
    },
}
