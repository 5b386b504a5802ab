//! The variables of files: where blobs are kept, how large one file may be, whether uploads
//! are taken, and an organization's quota.

use std::{path::PathBuf, time::Duration};

use fluxstudio_files::{Bucket, FileSettings};

use crate::vars::{ConfigError, Vars, bad, number, parse_bool};

#[derive(Debug, Clone)]
pub struct FileConfig {
    /// `UPLOAD_DIR` (default `data/uploads`): the blob store on the local disk, and where
    /// resumable uploads gather until whole (with a bucket too).
    pub upload_dir: PathBuf,
    /// `S3_BUCKET` and its company: blobs in an S3-compatible bucket instead of the disk.
    pub bucket: Option<Bucket>,
    pub settings: FileSettings,
    /// `FILE_SWEEP_GRACE_SECONDS` (default 3600): the sweep leaves what was written more
    /// recently than this, so an upload still streaming (or just stored, its row not yet
    /// committed) by another server on the same store is never taken.
    pub sweep_grace: Duration,
}

impl FileConfig {
    pub fn from_vars(vars: &impl Vars) -> Result<Self, ConfigError> {
        let defaults = FileSettings::default();
        let upload_dir = match vars.get("UPLOAD_DIR") {
            Some(dir) if dir.trim().is_empty() => {
                return Err(bad("UPLOAD_DIR", "is empty; give a folder"));
            }
            Some(dir) => PathBuf::from(dir.trim()),
            None => PathBuf::from("data/uploads"),
        };
        let max_file_size: u64 = number(
            vars,
            "MAX_FILE_SIZE",
            "a number of bytes (e.g. 52428800 for 50 MB)",
            defaults.max_file_size,
        )?;
        if max_file_size == 0 {
            return Err(bad("MAX_FILE_SIZE", "must be at least 1 byte"));
        }
        let uploads_enabled = match vars.get("ENABLE_FILE_UPLOAD") {
            Some(v) => parse_bool("ENABLE_FILE_UPLOAD", &v)?,
            None => defaults.uploads_enabled,
        };
        let quota = match vars.get("STORAGE_QUOTA_MB") {
            Some(v) => {
                let megabytes: u64 =
                    number(vars, "STORAGE_QUOTA_MB", "a whole number of megabytes", 0)?;
                if megabytes == 0 {
                    return Err(bad(
                        "STORAGE_QUOTA_MB",
                        format!("\"{v}\" is not at least 1 (leave it unset for no quota)"),
                    ));
                }
                Some(megabytes.saturating_mul(1024 * 1024))
            }
            None => None,
        };
        let sweep_grace = Duration::from_secs(number(
            vars,
            "FILE_SWEEP_GRACE_SECONDS",
            "a whole number of seconds",
            3600,
        )?);
        Ok(Self {
            upload_dir,
            bucket: bucket(vars)?,
            sweep_grace,
            settings: FileSettings {
                uploads_enabled,
                max_file_size,
                quota,
            },
        })
    }
}

/// `S3_BUCKET`, with `S3_ENDPOINT`, `S3_REGION`, `AWS_ACCESS_KEY_ID` and
/// `AWS_SECRET_ACCESS_KEY`; `None` when no bucket is named.
fn bucket(vars: &impl Vars) -> Result<Option<Bucket>, ConfigError> {
    let given = |name: &str| {
        vars.get(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let Some(name) = given("S3_BUCKET") else {
        for var in ["S3_ENDPOINT", "S3_REGION"] {
            if given(var).is_some() {
                return Err(bad(var, "is set but S3_BUCKET is not; name the bucket too"));
            }
        }
        return Ok(None);
    };
    let endpoint = given("S3_ENDPOINT");
    if let Some(url) = &endpoint
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        return Err(bad(
            "S3_ENDPOINT",
            format!("\"{url}\" is not an http:// or https:// URL"),
        ));
    }
    let keys = match (given("AWS_ACCESS_KEY_ID"), given("AWS_SECRET_ACCESS_KEY")) {
        (Some(id), Some(secret)) => Some((id, secret)),
        (None, None) => None,
        (Some(_), None) => {
            return Err(bad(
                "AWS_SECRET_ACCESS_KEY",
                "is missing; give both keys, or neither to use the instance's role",
            ));
        }
        (None, Some(_)) => {
            return Err(bad(
                "AWS_ACCESS_KEY_ID",
                "is missing; give both keys, or neither to use the instance's role",
            ));
        }
    };
    Ok(Some(Bucket {
        name,
        endpoint: endpoint.map(|url| url.trim_end_matches('/').to_owned()),
        region: given("S3_REGION").unwrap_or_else(|| "us-east-1".to_owned()),
        keys,
    }))
}
