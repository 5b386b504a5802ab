//! `DATABASE_URL`: parsed once at start, printed only with its password redacted.

use std::{fmt, path::PathBuf};

use crate::backend::Backend;

/// A validated database URL. Its `Display` and `Debug` never show the password.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    raw: String,
    backend: Backend,
}

/// Why a `DATABASE_URL` was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DatabaseUrlError {
    #[error("is empty")]
    Empty,
    #[error(
        "scheme \"{0}\" is not supported (use sqlite://PATH or postgres://USER:PASSWORD@HOST:PORT/DB)"
    )]
    UnsupportedScheme(String),
    #[error("has no scheme (use sqlite://PATH or postgres://USER:PASSWORD@HOST:PORT/DB)")]
    NoScheme,
    #[error("names no file (use sqlite://data/fluxstudio.db)")]
    NoSqlitePath,
    #[error("in-memory SQLite would lose every write on restart; give a file path")]
    InMemorySqlite,
    #[error("names no host (postgres://USER:PASSWORD@HOST:PORT/DB)")]
    NoPostgresHost,
}

impl DatabaseUrl {
    pub const DEFAULT: &'static str = "sqlite://data/fluxstudio.db";

    pub fn parse(raw: &str) -> Result<Self, DatabaseUrlError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(DatabaseUrlError::Empty);
        }
        let (scheme, rest) = raw.split_once(':').ok_or(DatabaseUrlError::NoScheme)?;
        let backend = match scheme {
            "sqlite" => Backend::Sqlite,
            "postgres" | "postgresql" => Backend::Postgres,
            other if other.contains('/') => return Err(DatabaseUrlError::NoScheme),
            other => return Err(DatabaseUrlError::UnsupportedScheme(other.to_owned())),
        };
        let url = Self {
            raw: raw.to_owned(),
            backend,
        };
        match backend {
            Backend::Sqlite => {
                if rest.contains(":memory:") || rest.contains("mode=memory") {
                    return Err(DatabaseUrlError::InMemorySqlite);
                }
                if url.sqlite_path().is_none() {
                    return Err(DatabaseUrlError::NoSqlitePath);
                }
            }
            Backend::Postgres => {
                let authority = rest.trim_start_matches("//");
                let host_part = authority.split(['/', '?']).next().unwrap_or("");
                let host = host_part.rsplit('@').next().unwrap_or("");
                if host.is_empty() || host.starts_with(':') {
                    return Err(DatabaseUrlError::NoPostgresHost);
                }
            }
        }
        Ok(url)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The URL with any password intact: only for handing to the driver.
    pub fn expose(&self) -> &str {
        &self.raw
    }

    /// The CA certificate file a PostgreSQL URL trusts (`sslrootcert`, or its other names
    /// `ssl-root-cert` and `ssl-ca`, as the driver reads them), percent-decoded.
    pub fn tls_root_cert(&self) -> Option<PathBuf> {
        let (_, query) = self.raw.split_once('?')?;
        query.split('&').find_map(|pair| {
            let (key, value) = pair.split_once('=')?;
            matches!(key, "sslrootcert" | "ssl-root-cert" | "ssl-ca").then(|| {
                PathBuf::from(
                    percent_encoding::percent_decode_str(value)
                        .decode_utf8_lossy()
                        .into_owned(),
                )
            })
        })
    }

    /// The database file of a SQLite URL (`sqlite://data/x.db` → `data/x.db`).
    pub fn sqlite_path(&self) -> Option<PathBuf> {
        let rest = self.raw.strip_prefix("sqlite:")?;
        let rest = rest.strip_prefix("//").unwrap_or(rest);
        let path = rest.split('?').next().unwrap_or("");
        (!path.is_empty()).then(|| PathBuf::from(path))
    }

    fn redacted(&self) -> String {
        let Some((scheme, rest)) = self.raw.split_once("://") else {
            return self.raw.clone();
        };
        let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(authority_end);
        let tail = redact_query_password(tail);
        match authority.rsplit_once('@') {
            Some((userinfo, host)) => {
                let user = userinfo.split(':').next().unwrap_or("");
                if userinfo.contains(':') {
                    format!("{scheme}://{user}:***@{host}{tail}")
                } else {
                    format!("{scheme}://{user}@{host}{tail}")
                }
            }
            None => format!("{scheme}://{authority}{tail}"),
        }
    }
}

/// `?password=…` is also accepted by libpq-style URLs; hide it too.
fn redact_query_password(tail: &str) -> String {
    let Some((path, query)) = tail.split_once('?') else {
        return tail.to_owned();
    };
    let query: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
            _ => pair.to_owned(),
        })
        .collect();
    format!("{path}?{}", query.join("&"))
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({})", self.redacted())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_tls_root_certificate_is_read_under_each_of_its_names() {
        let root = |raw: &str| DatabaseUrl::parse(raw).unwrap().tls_root_cert();
        assert_eq!(
            root(
                "postgres://u@db:5432/flux?sslmode=verify-full&sslrootcert=/etc/ca%20certs/db.crt"
            ),
            Some(PathBuf::from("/etc/ca certs/db.crt"))
        );
        assert_eq!(
            root("postgres://u@db/flux?ssl-ca=ca.pem"),
            Some(PathBuf::from("ca.pem"))
        );
        assert_eq!(root("postgres://u@db/flux?sslmode=require"), None);
        assert_eq!(root("postgres://u@db/flux"), None);
    }

    use super::*;

    #[test]
    fn default_is_a_sqlite_file_under_data() {
        let url = DatabaseUrl::parse(DatabaseUrl::DEFAULT).unwrap();
        assert_eq!(url.backend(), Backend::Sqlite);
        assert_eq!(url.sqlite_path(), Some(PathBuf::from("data/fluxstudio.db")));
    }

    #[test]
    fn absolute_sqlite_paths_and_options_are_kept() {
        let url = DatabaseUrl::parse("sqlite:///var/lib/flux/db.sqlite?mode=rwc").unwrap();
        assert_eq!(
            url.sqlite_path(),
            Some(PathBuf::from("/var/lib/flux/db.sqlite"))
        );
    }

    #[test]
    fn passwords_never_print() {
        let url = DatabaseUrl::parse(
            "postgres://flux:s3cr3t@db.example:5432/flux?sslmode=require&password=other",
        )
        .unwrap();
        let shown = format!("{url} {url:?}");
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert!(!shown.contains("other"), "{shown}");
        assert!(
            shown.contains("postgres://flux:***@db.example:5432/flux?sslmode=require&password=***")
        );
        assert_eq!(
            DatabaseUrl::parse("postgresql://flux@localhost/flux")
                .unwrap()
                .to_string(),
            "postgresql://flux@localhost/flux"
        );
    }

    #[test]
    fn refuses_what_it_cannot_run() {
        use DatabaseUrlError::*;
        let cases = [
            ("", Empty),
            (
                "mysql://root@localhost/x",
                UnsupportedScheme("mysql".into()),
            ),
            ("data/fluxstudio.db", NoScheme),
            ("sqlite://", NoSqlitePath),
            ("sqlite::memory:", InMemorySqlite),
            ("postgres:///flux", NoPostgresHost),
            ("postgres://user:pw@/flux", NoPostgresHost),
        ];
        for (raw, expected) in cases {
            assert_eq!(DatabaseUrl::parse(raw), Err(expected), "{raw}");
        }
    }
}
