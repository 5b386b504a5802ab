//! The server's configuration: read once from environment variables (the seed's names)
//! and command-line flags, validated before anything starts. A bad value stops the
//! process with one line naming the variable and exit code 2.

use std::{fmt, net::IpAddr, time::Duration};

use axum::http::HeaderValue;
use fluxstudio_domain::Environment;
use fluxstudio_store::{DatabaseUrl, DbOptions};

use crate::{
    account_config::AccountSettings,
    collab_config::CollabSettings,
    connections::ConnectionLimits,
    files_config::FileConfig,
    realtime_config::RealtimeSettings,
    vars::{ConfigError, Vars, bad, number, parse_bool, parse_number, positive},
};

/// The JWT signing secret. Never printed.
#[derive(Clone)]
pub struct JwtSecret(pub String);

impl fmt::Debug for JwtSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JwtSecret(***)")
    }
}

/// The shortest `JWT_SECRET` accepted: 32 bytes, HS256's key size.
pub const MIN_SECRET_LEN: usize = 32;

#[derive(Debug, Clone)]
pub struct Config {
    pub environment: Environment,
    pub host: IpAddr,
    pub port: u16,
    pub database: DbOptions,
    /// `None` in development when not given: generated and kept under `./data`.
    pub jwt_secret: Option<JwtSecret>,
    pub cors_origins: Vec<HeaderValue>,
    pub body_limit: usize,
    pub shutdown_grace: Duration,
    pub test_hooks: bool,
    /// `FLUX_TEST_ACCESS_TOKEN_SECONDS` (test hooks only): access tokens that expire
    /// sooner, to test what happens when they do.
    pub test_access_token_seconds: Option<i64>,
    pub accounts: AccountSettings,
    pub realtime: RealtimeSettings,
    pub collab: CollabSettings,
    pub files: FileConfig,
    /// When set, `/metrics` answers only requests with `Authorization: Bearer` this token.
    pub metrics_token: Option<String>,
    /// `HTTP_HEADER_READ_TIMEOUT_SECONDS` (default 10) and `MAX_CONNECTIONS_PER_ADDRESS`
    /// (default 256; 0, or `TRUST_PROXY` set, for none).
    pub connections: ConnectionLimits,
    /// `REDIS_URL`: instances share rate limits (and, in time, more) through this Redis.
    pub redis: Option<fluxstudio_cluster::Redis>,
}

/// `https://studio.example` or `http://localhost:5173`: scheme, host, optional port, no path.
fn parse_origin(value: &str) -> Result<HeaderValue, ConfigError> {
    let origin = value.trim().trim_end_matches('/');
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .ok_or_else(|| {
            bad(
                "CORS_ORIGINS",
                format!("\"{origin}\" is not an origin like https://studio.example"),
            )
        })?;
    if rest.is_empty() || rest.contains(['/', '?', '#', ' ', '*']) {
        return Err(bad(
            "CORS_ORIGINS",
            format!("\"{origin}\" is not an origin (scheme://host[:port], no path or wildcard)"),
        ));
    }
    HeaderValue::from_str(origin).map_err(|_| {
        bad(
            "CORS_ORIGINS",
            format!("\"{origin}\" has invalid characters"),
        )
    })
}

impl Config {
    /// Reads and validates every variable.
    pub fn from_vars(vars: &impl Vars) -> Result<Self, ConfigError> {
        let environment = match vars.get("FLUX_ENV") {
            Some(v) => v
                .trim()
                .parse()
                .map_err(|e| bad("FLUX_ENV", format!("{e}")))?,
            None => Environment::Development,
        };
        let port = match vars.get("PORT") {
            Some(v) => parse_number("PORT", &v, "a port number (0-65535)")?,
            None => 3001,
        };
        let host = match vars.get("HOST") {
            Some(v) => parse_number("HOST", &v, "an IP address such as 0.0.0.0 or 127.0.0.1")?,
            None => IpAddr::from([0, 0, 0, 0]),
        };
        let url = vars
            .get("DATABASE_URL")
            .unwrap_or_else(|| DatabaseUrl::DEFAULT.to_owned());
        let url = DatabaseUrl::parse(&url).map_err(|e| bad("DATABASE_URL", e.to_string()))?;
        let mut database = DbOptions::new(url);
        if let Some(v) = vars.get("DATABASE_POOL_SIZE") {
            let size: u32 = parse_number("DATABASE_POOL_SIZE", &v, "a whole number")?;
            if !(1..=1000).contains(&size) {
                return Err(bad("DATABASE_POOL_SIZE", "must be between 1 and 1000"));
            }
            database.pool_size = size;
        }
        let jwt_secret = match vars.get("JWT_SECRET") {
            Some(secret) if secret.len() < MIN_SECRET_LEN => {
                return Err(bad(
                    "JWT_SECRET",
                    format!(
                        "is {} bytes; it must be at least {MIN_SECRET_LEN} random bytes \
                         (e.g. `openssl rand -hex 32`)",
                        secret.len()
                    ),
                ));
            }
            Some(secret) => Some(JwtSecret(secret)),
            None if environment.is_production() => {
                return Err(bad(
                    "JWT_SECRET",
                    "is required when FLUX_ENV=production (at least 32 random bytes, \
                     e.g. `openssl rand -hex 32`)",
                ));
            }
            None => None,
        };
        let cors_origins = vars
            .get("CORS_ORIGINS")
            .map(|v| {
                v.split(',')
                    .filter(|o| !o.trim().is_empty())
                    .map(parse_origin)
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()?
            .unwrap_or_default();
        let test_hooks = match vars.get("FLUX_TEST_HOOKS") {
            Some(v) => parse_bool("FLUX_TEST_HOOKS", &v)?,
            None => false,
        };
        if test_hooks && environment.is_production() {
            return Err(bad(
                "FLUX_TEST_HOOKS",
                "test routes are never allowed when FLUX_ENV=production",
            ));
        }
        let test_access_token_seconds = match vars.get("FLUX_TEST_ACCESS_TOKEN_SECONDS") {
            Some(_) if !test_hooks => {
                return Err(bad(
                    "FLUX_TEST_ACCESS_TOKEN_SECONDS",
                    "is a test hook: set FLUX_TEST_HOOKS=true too (never in production)",
                ));
            }
            Some(v) => Some(parse_number(
                "FLUX_TEST_ACCESS_TOKEN_SECONDS",
                &v,
                "a whole number of seconds",
            )?),
            None => None,
        };
        let shutdown_grace = match vars.get("SHUTDOWN_GRACE_SECONDS") {
            Some(v) => Duration::from_secs(parse_number(
                "SHUTDOWN_GRACE_SECONDS",
                &v,
                "a whole number of seconds",
            )?),
            None => Duration::from_secs(30),
        };
        let metrics_token = match vars.get("METRICS_TOKEN") {
            Some(token) if token.len() < 16 => {
                return Err(bad(
                    "METRICS_TOKEN",
                    "must be at least 16 characters (e.g. `openssl rand -hex 16`)",
                ));
            }
            token => token,
        };
        let accounts = AccountSettings::from_vars(vars, port)?;
        // The URL may hold a password: refusals say what is wrong, never the URL itself.
        let redis = vars
            .get("REDIS_URL")
            .filter(|url| !url.trim().is_empty())
            .map(|url| fluxstudio_cluster::Redis::new(url.trim()))
            .transpose()
            .map_err(|e| bad("REDIS_URL", format!("is not a Redis URL ({e})")))?;
        let connections = ConnectionLimits {
            header_read: Duration::from_secs(
                positive(vars, "HTTP_HEADER_READ_TIMEOUT_SECONDS", 10)?.into(),
            ),
            // Behind proxies every connection comes from a proxy's address: the cap
            // would be the proxy's, so it is theirs to enforce.
            per_address: match number(
                vars,
                "MAX_CONNECTIONS_PER_ADDRESS",
                "a number of connections (0 for no cap)",
                256_usize,
            )? {
                0 => None,
                _ if accounts.trusted_proxies > 0 => None,
                cap => Some(cap),
            },
        };
        Ok(Self {
            environment,
            host,
            port,
            database,
            jwt_secret,
            cors_origins,
            body_limit: 1024 * 1024,
            shutdown_grace,
            test_hooks,
            test_access_token_seconds,
            accounts,
            realtime: RealtimeSettings::from_vars(vars)?,
            collab: CollabSettings::from_vars(vars)?,
            files: FileConfig::from_vars(vars)?,
            metrics_token,
            connections,
            redis,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    struct Map(HashMap<&'static str, &'static str>);

    impl Vars for Map {
        fn get(&self, name: &str) -> Option<String> {
            self.0.get(name).map(|v| v.to_string())
        }
    }

    fn load(pairs: &[(&'static str, &'static str)]) -> Result<Config, ConfigError> {
        Config::from_vars(&Map(pairs.iter().copied().collect()))
    }

    #[test]
    fn defaults_run_the_embedded_development_server() {
        let config = load(&[]).unwrap();
        assert_eq!(config.port, 3001);
        assert_eq!(config.environment, Environment::Development);
        assert_eq!(
            config.database.url.to_string(),
            "sqlite://data/fluxstudio.db"
        );
        assert!(config.jwt_secret.is_none());
        assert!(config.cors_origins.is_empty());
        assert!(!config.test_hooks);
        assert!(config.realtime.enabled);
        assert_eq!(
            config.realtime.rate,
            fluxstudio_realtime::EventRate::default()
        );
    }

    #[test]
    fn each_bad_value_names_its_variable() {
        let cases: &[(&[(&str, &str)], &str)] = &[
            (&[("PORT", "abc")], "PORT"),
            (&[("PORT", "70000")], "PORT"),
            (&[("HOST", "example.com")], "HOST"),
            (&[("DATABASE_URL", "mysql://x")], "DATABASE_URL"),
            (&[("DATABASE_POOL_SIZE", "0")], "DATABASE_POOL_SIZE"),
            (&[("FLUX_ENV", "staging")], "FLUX_ENV"),
            (&[("FLUX_ENV", "production")], "JWT_SECRET"),
            (&[("JWT_SECRET", "short")], "JWT_SECRET"),
            (&[("CORS_ORIGINS", "studio.example")], "CORS_ORIGINS"),
            (
                &[("CORS_ORIGINS", "https://a.example/path")],
                "CORS_ORIGINS",
            ),
            (&[("FLUX_TEST_HOOKS", "maybe")], "FLUX_TEST_HOOKS"),
            (&[("ENABLE_REGISTRATION", "perhaps")], "ENABLE_REGISTRATION"),
            (&[("ENABLE_WEBSOCKET", "sometimes")], "ENABLE_WEBSOCKET"),
            (
                &[("SOCKET_EVENTS_PER_SECOND", "0")],
                "SOCKET_EVENTS_PER_SECOND",
            ),
            (&[("SOCKET_EVENT_BURST", "lots")], "SOCKET_EVENT_BURST"),
            (&[("RATE_LIMIT_WINDOW_MS", "0")], "RATE_LIMIT_WINDOW_MS"),
            (
                &[("RATE_LIMIT_MAX_REQUESTS", "-1")],
                "RATE_LIMIT_MAX_REQUESTS",
            ),
            (&[("AUTH_RATE_LIMIT_MAX", "0")], "AUTH_RATE_LIMIT_MAX"),
            (&[("APP_URL", "studio.example")], "APP_URL"),
            (
                &[("SMTP_HOST", "mail.example"), ("SMTP_PORT", "smtp")],
                "SMTP_PORT",
            ),
            (
                &[("SMTP_HOST", "mail.example"), ("SMTP_TLS", "ssl")],
                "SMTP_TLS",
            ),
            (&[("ARGON2_MEMORY_KIB", "4")], "ARGON2_MEMORY_KIB"),
            (&[("TRUST_PROXY", "yes")], "TRUST_PROXY"),
            (&[("UPLOAD_DIR", " ")], "UPLOAD_DIR"),
            (&[("MAX_FILE_SIZE", "50MB")], "MAX_FILE_SIZE"),
            (&[("MAX_FILE_SIZE", "0")], "MAX_FILE_SIZE"),
            (&[("ENABLE_FILE_UPLOAD", "later")], "ENABLE_FILE_UPLOAD"),
            (&[("STORAGE_QUOTA_MB", "0")], "STORAGE_QUOTA_MB"),
            (&[("STORAGE_QUOTA_MB", "1.5")], "STORAGE_QUOTA_MB"),
            (
                &[("FILE_SWEEP_GRACE_SECONDS", "-1")],
                "FILE_SWEEP_GRACE_SECONDS",
            ),
        ];
        for (pairs, var) in cases {
            let err = load(pairs).unwrap_err();
            assert_eq!(err.var, *var, "{pairs:?} -> {err}");
            assert!(!err.to_string().contains('\n'), "one line: {err}");
        }
    }

    #[test]
    fn files_default_to_the_local_disk_and_50_megabytes() {
        let files = load(&[]).unwrap().files;
        assert_eq!(files.upload_dir, std::path::PathBuf::from("data/uploads"));
        assert_eq!(files.settings.max_file_size, 52_428_800);
        assert!(files.settings.uploads_enabled);
        assert_eq!(files.settings.quota, None);
        let set = load(&[
            ("UPLOAD_DIR", "/srv/flux"),
            ("MAX_FILE_SIZE", "1000"),
            ("ENABLE_FILE_UPLOAD", "false"),
            ("STORAGE_QUOTA_MB", "2"),
        ])
        .unwrap()
        .files;
        assert_eq!(set.upload_dir, std::path::PathBuf::from("/srv/flux"));
        assert_eq!(set.settings.max_file_size, 1000);
        assert!(!set.settings.uploads_enabled);
        assert_eq!(set.settings.quota, Some(2 * 1024 * 1024));
    }

    #[test]
    fn a_named_bucket_keeps_the_files_and_its_secret_key_is_never_printed() {
        assert_eq!(load(&[]).unwrap().files.bucket, None);
        let config = load(&[
            ("S3_BUCKET", "studio-files"),
            ("S3_ENDPOINT", "http://127.0.0.1:9000/"),
            ("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"),
            ("AWS_SECRET_ACCESS_KEY", "hunter2-secret-key"),
        ])
        .unwrap();
        let bucket = config.files.bucket.clone().unwrap();
        assert_eq!(bucket.name, "studio-files");
        assert_eq!(bucket.endpoint.as_deref(), Some("http://127.0.0.1:9000"));
        assert_eq!(bucket.region, "us-east-1");
        assert!(!format!("{config:?}").contains("hunter2"));
        let role = load(&[("S3_BUCKET", "b"), ("S3_REGION", "eu-west-3")]).unwrap();
        let bucket = role.files.bucket.unwrap();
        assert_eq!((bucket.region.as_str(), bucket.keys), ("eu-west-3", None));

        for (pairs, var) in [
            (&[("S3_ENDPOINT", "http://x")][..], "S3_ENDPOINT"),
            (
                &[("S3_BUCKET", "b"), ("S3_ENDPOINT", "ftp://x")][..],
                "S3_ENDPOINT",
            ),
            (
                &[("S3_BUCKET", "b"), ("AWS_ACCESS_KEY_ID", "A")][..],
                "AWS_SECRET_ACCESS_KEY",
            ),
            (
                &[("S3_BUCKET", "b"), ("AWS_SECRET_ACCESS_KEY", "s")][..],
                "AWS_ACCESS_KEY_ID",
            ),
        ] {
            assert_eq!(load(pairs).unwrap_err().var, var, "{pairs:?}");
        }
    }

    #[test]
    fn production_needs_a_given_secret_and_refuses_test_hooks() {
        const SECRET: &str = "0123456789abcdef0123456789abcdef";
        let config = load(&[("FLUX_ENV", "production"), ("JWT_SECRET", SECRET)]).unwrap();
        assert!(config.environment.is_production());
        assert!(
            !format!("{config:?}").contains(SECRET),
            "secret never printed"
        );
        let err = load(&[
            ("FLUX_ENV", "production"),
            ("JWT_SECRET", SECRET),
            ("FLUX_TEST_HOOKS", "true"),
        ])
        .unwrap_err();
        assert_eq!(err.var, "FLUX_TEST_HOOKS");
    }

    #[test]
    fn redis_url_is_checked_and_never_printed() {
        assert!(
            load(&[]).unwrap().redis.is_none(),
            "one instance by default"
        );
        let url = "redis://:hunter2-secret@cache.internal:6379/0?protocol=resp3";
        let config = load(&[("REDIS_URL", url)]).unwrap();
        assert!(config.redis.is_some());
        assert!(
            !format!("{config:?}").contains("hunter2"),
            "password never printed"
        );
        let err = load(&[("REDIS_URL", "http://cache.internal/")]).unwrap_err();
        assert_eq!(err.var, "REDIS_URL");
        assert!(err.to_string().contains("not a Redis URL"), "{err}");
    }

    #[test]
    fn account_settings_read_the_seed_variables() {
        let defaults = load(&[]).unwrap().accounts;
        assert!(defaults.registration_open);
        assert!(defaults.mail.smtp.is_none());
        assert_eq!(defaults.mail.app_url, "http://localhost:3001");
        assert_eq!(defaults.rate_limits.max_requests, 5000);
        let production = load(&[
            ("ENABLE_REGISTRATION", "false"),
            ("RATE_LIMIT_MAX_REQUESTS", "50"),
            ("AUTH_RATE_LIMIT_MAX", "3"),
            ("RATE_LIMIT_WINDOW_MS", "60000"),
            ("SMTP_HOST", "smtp.example"),
            ("SMTP_PASSWORD", "hunter2-but-longer"),
            ("TRUST_PROXY", "1"),
        ])
        .unwrap()
        .accounts;
        assert!(!production.registration_open);
        assert_eq!(production.rate_limits.max_requests, 50);
        assert_eq!(production.rate_limits.auth_max, 3);
        assert_eq!(production.rate_limits.window, Duration::from_secs(60));
        let smtp = production.mail.smtp.as_ref().unwrap();
        assert_eq!(
            (smtp.port, smtp.tls),
            (587, fluxstudio_mail::SmtpTls::StartTls)
        );
        assert!(
            !format!("{production:?}").contains("hunter2"),
            "the SMTP password is never printed"
        );
        assert_eq!(production.trusted_proxies, 1);
    }

    #[test]
    fn cors_origins_are_a_comma_separated_list() {
        let config = load(&[(
            "CORS_ORIGINS",
            "https://fluxstudio.art, https://www.fluxstudio.art/,http://localhost:5173",
        )])
        .unwrap();
        let origins: Vec<_> = config
            .cors_origins
            .iter()
            .map(|o| o.to_str().unwrap())
            .collect();
        assert_eq!(
            origins,
            [
                "https://fluxstudio.art",
                "https://www.fluxstudio.art",
                "http://localhost:5173"
            ]
        );
    }
}
