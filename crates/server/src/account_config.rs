//! The variables that shape accounts: registration, mail, rate limits, the password hash
//! cost and the proxies in front of the server. Read with the rest of [`crate::config`].

use std::time::Duration;

use fluxstudio_api::rate_limit::RateLimitConfig;
use fluxstudio_auth::password::Cost;
use fluxstudio_mail::{MailConfig, SmtpConfig, SmtpTls};

use crate::vars::{ConfigError, Vars, bad, number, parse_bool, positive};

#[derive(Debug, Clone)]
pub struct AccountSettings {
    /// `ENABLE_REGISTRATION` (default true).
    pub registration_open: bool,
    pub mail: MailConfig,
    pub rate_limits: RateLimitConfig,
    /// `ARGON2_MEMORY_KIB` / `ARGON2_ITERATIONS`: the cost of new password hashes.
    pub password_cost: Cost,
    /// `TRUST_PROXY`: how many proxies append to `X-Forwarded-For` in front of us.
    pub trusted_proxies: usize,
}

impl AccountSettings {
    pub fn from_vars(vars: &impl Vars, port: u16) -> Result<Self, ConfigError> {
        let registration_open = match vars.get("ENABLE_REGISTRATION") {
            Some(v) => parse_bool("ENABLE_REGISTRATION", &v)?,
            None => true,
        };
        let defaults = RateLimitConfig::default();
        let window_ms: u64 = number(
            vars,
            "RATE_LIMIT_WINDOW_MS",
            "a whole number of milliseconds",
            defaults.window.as_millis() as u64,
        )?;
        if window_ms == 0 {
            return Err(bad("RATE_LIMIT_WINDOW_MS", "must be at least 1"));
        }
        let rate_limits = RateLimitConfig {
            window: Duration::from_millis(window_ms),
            max_requests: positive(vars, "RATE_LIMIT_MAX_REQUESTS", defaults.max_requests)?,
            auth_max: positive(vars, "AUTH_RATE_LIMIT_MAX", defaults.auth_max)?,
            ..defaults
        };
        let default_cost = Cost::default();
        let password_cost = Cost {
            memory_kib: number(
                vars,
                "ARGON2_MEMORY_KIB",
                "a whole number of KiB",
                default_cost.memory_kib,
            )?,
            iterations: number(
                vars,
                "ARGON2_ITERATIONS",
                "a whole number",
                default_cost.iterations,
            )?,
        };
        if password_cost.memory_kib < 8 || password_cost.iterations < 1 {
            return Err(bad(
                "ARGON2_MEMORY_KIB",
                "Argon2id needs at least 8 KiB of memory and 1 iteration",
            ));
        }
        Ok(Self {
            registration_open,
            mail: mail(vars, port)?,
            rate_limits,
            password_cost,
            trusted_proxies: number(vars, "TRUST_PROXY", "a number of proxies (0 for none)", 0)?,
        })
    }
}

fn mail(vars: &impl Vars, port: u16) -> Result<MailConfig, ConfigError> {
    let app_url = vars
        .get("APP_URL")
        .unwrap_or_else(|| format!("http://localhost:{port}"));
    if !(app_url.starts_with("http://") || app_url.starts_with("https://")) {
        return Err(bad(
            "APP_URL",
            format!("\"{app_url}\" is not an http(s) URL"),
        ));
    }
    let smtp = match vars.get("SMTP_HOST") {
        None => None,
        Some(host) => {
            let port: u16 = number(vars, "SMTP_PORT", "a port number", 587)?;
            let tls = match vars.get("SMTP_TLS") {
                Some(v) => v.parse().map_err(|e: fluxstudio_mail::ParseSmtpTlsError| {
                    bad("SMTP_TLS", e.to_string())
                })?,
                None => SmtpTls::default_for(&host, port),
            };
            Some(SmtpConfig {
                host: host.trim().to_owned(),
                port,
                user: vars.get("SMTP_USER"),
                password: vars.get("SMTP_PASSWORD"),
                tls,
            })
        }
    };
    Ok(MailConfig {
        smtp,
        from: vars
            .get("EMAIL_FROM")
            .unwrap_or_else(|| "FluxStudio <no-reply@localhost>".to_owned()),
        app_url,
        app_name: vars
            .get("APP_NAME")
            .unwrap_or_else(|| "FluxStudio".to_owned()),
    })
}
