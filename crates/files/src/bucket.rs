//! Blobs in an S3-compatible bucket (`S3_BUCKET`): Amazon S3, or any server that speaks its
//! protocol (MinIO, Ceph, DigitalOcean Spaces, moto in the tests). Only the bytes go there:
//! rows stay in the database, and tus uploads still gather on the local disk until whole.

use std::{fmt, sync::Arc, time::Duration};

use object_store::{ClientOptions, ObjectStore, aws::AmazonS3Builder};

/// How to reach the bucket.
#[derive(Clone, PartialEq, Eq)]
pub struct Bucket {
    /// `S3_BUCKET`.
    pub name: String,
    /// `S3_ENDPOINT`: the server's URL, for anything but Amazon's own (`http://` allowed,
    /// for a server on a private network). Requests name the bucket in the path.
    pub endpoint: Option<String>,
    /// `S3_REGION` (default `us-east-1`).
    pub region: String,
    /// `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`; without them, the instance's own
    /// role (EC2 or ECS metadata, web identity) is asked.
    pub keys: Option<(String, String)>,
}

/// Hand-written so that the secret key never reaches a log line through `{:?}`.
impl fmt::Debug for Bucket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Bucket")
            .field("name", &self.name)
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field(
                "keys",
                &self.keys.as_ref().map(|(id, _)| (id, "<redacted>")),
            )
            .finish()
    }
}

/// A request that cannot even connect in this long fails (and is retried by the store);
/// one that does may stream for up to [`REQUEST`]: a 50 MB download to a slow client.
const CONNECT: Duration = Duration::from_secs(5);
const REQUEST: Duration = Duration::from_secs(600);

impl Bucket {
    /// The bucket as an object store. Nothing is sent yet: [`crate::Blobs::reachable`] asks.
    pub fn open(&self) -> Result<Arc<dyn ObjectStore>, object_store::Error> {
        let client = ClientOptions::new()
            .with_connect_timeout(CONNECT)
            .with_timeout(REQUEST)
            .with_allow_http(
                self.endpoint
                    .as_deref()
                    .is_some_and(|url| url.starts_with("http://")),
            );
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&self.name)
            .with_region(&self.region)
            .with_client_options(client);
        if let Some(endpoint) = &self.endpoint {
            builder = builder
                .with_endpoint(endpoint)
                .with_virtual_hosted_style_request(false);
        }
        if let Some((id, secret)) = &self.keys {
            builder = builder
                .with_access_key_id(id)
                .with_secret_access_key(secret);
        }
        Ok(Arc::new(builder.build()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_secret_key() {
        let bucket = Bucket {
            name: "studio".into(),
            endpoint: Some("http://127.0.0.1:9000".into()),
            region: "us-east-1".into(),
            keys: Some(("AKIAEXAMPLE".into(), "hunter2-secret-key".into())),
        };
        let shown = format!("{bucket:?}");
        assert!(shown.contains("AKIAEXAMPLE"), "{shown}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(bucket.open().is_ok());
    }
}
