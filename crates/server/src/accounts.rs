//! Builds the account service from the configuration, for `serve` and `admin` alike.

use anyhow::Context;
use fluxstudio_accounts::{Accounts, AccountsConfig};
use fluxstudio_auth::access::AccessTokens;
use fluxstudio_events::EventBus;
use fluxstudio_mail::Mailer;
use fluxstudio_store::Db;

use crate::config::Config;

/// `bus` carries ended sessions to live connections (one without listeners when nothing
/// is served, as in `admin` commands).
pub fn service(db: Db, config: &Config, secret: &[u8], bus: EventBus) -> anyhow::Result<Accounts> {
    let settings = &config.accounts;
    let mut tokens = AccessTokens::new(secret).context("the JWT secret cannot sign tokens")?;
    if let Some(seconds) = config.test_access_token_seconds {
        tokens = tokens.with_lifetime(seconds);
    }
    let mailer = Mailer::new(&settings.mail).context("the mail settings are not usable")?;
    Ok(Accounts::new(
        db,
        tokens,
        mailer,
        settings.mail.clone(),
        AccountsConfig {
            registration_open: settings.registration_open,
            password_cost: settings.password_cost,
            app_name: settings.mail.app_name.clone(),
        },
        bus,
    ))
}
