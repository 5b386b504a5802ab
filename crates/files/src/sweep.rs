//! The sweep: removes from the store what nobody can reach. A crash leaves at most an
//! upload's temporary object (or, on the local disk, its staging file, which the store's
//! listing does not show), and a deleted file leaves blobs no version names. Only what is
//! older than `before` is touched: an upload still streaming, or a blob moved to its key a
//! moment before its row is committed, is newer than that and stays.

use std::{future::Future, time::SystemTime};

use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;
use object_store::{ObjectStore, ObjectStoreExt, path::Path};

use crate::{
    Blobs,
    blobs::{BLOBS, PREVIEWS, TEMPORARY},
};

/// What a sweep removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    /// Temporaries of uploads that never finished.
    pub temporaries: usize,
    /// Blobs no version names.
    pub unnamed: usize,
    /// Resumable uploads past their time (see `resumable`).
    pub expired_uploads: usize,
    /// Files sent into conversations that were never put on a message (see `sent`).
    pub unsent_files: usize,
}

impl Blobs {
    /// Removes temporaries and unnamed blobs last written before `before`. `named` says
    /// whether a version names a blob (by its SHA-256): the database decides, so a blob is
    /// never removed while a row refers to it.
    pub async fn sweep<F, Fut, E>(&self, before: DateTime<Utc>, named: F) -> Result<Swept, E>
    where
        F: Fn(String) -> Fut,
        Fut: Future<Output = Result<bool, E>>,
        E: From<object_store::Error>,
    {
        let mut swept = Swept {
            temporaries: self.sweep_staging(before),
            ..Swept::default()
        };
        for object in self.older(TEMPORARY, before).await? {
            self.store.delete(&object).await?;
            swept.temporaries += 1;
        }
        for object in self.older(BLOBS, before).await? {
            let Some(sha256) = object.filename().map(str::to_owned) else {
                continue;
            };
            // Alone, so no upload names these bytes between the answer and the removal.
            let _alone = self.naming.write().await;
            if !named(sha256).await? {
                self.store.delete(&object).await?;
                swept.unnamed += 1;
            }
        }
        // Previews live as long as their blob: `previews/<sha256>/<size>.jpg`.
        for object in self.older(PREVIEWS, before).await? {
            let Some(sha256) = object.parts().nth(1).map(|part| part.as_ref().to_owned()) else {
                continue;
            };
            if !named(sha256).await? {
                self.store.delete(&object).await?;
            }
        }
        Ok(swept)
    }

    /// The objects under `prefix` last written before `before`.
    async fn older(
        &self,
        prefix: &str,
        before: DateTime<Utc>,
    ) -> Result<Vec<Path>, object_store::Error> {
        self.store
            .list(Some(&Path::from(prefix)))
            .try_filter(|meta| std::future::ready(meta.last_modified < before))
            .map_ok(|meta| meta.location)
            .try_collect()
            .await
    }

    /// On the local disk: staging files (`tmp/<uuid>#<n>`) of uploads a crash cut short,
    /// from when uploads were written through `object_store` (the store's listing hides them).
    fn sweep_staging(&self, before: DateTime<Utc>) -> usize {
        let Some(root) = &self.local_root else {
            return 0;
        };
        let Ok(entries) = std::fs::read_dir(root.join(TEMPORARY)) else {
            return 0;
        };
        let before = SystemTime::from(before);
        let mut removed = 0;
        for entry in entries.flatten() {
            let staging = entry.file_name().to_string_lossy().contains('#');
            let old = entry
                .metadata()
                .and_then(|meta| meta.modified())
                .is_ok_and(|modified| modified < before);
            if staging && old {
                match std::fs::remove_file(entry.path()) {
                    Ok(()) => removed += 1,
                    Err(error) => tracing::warn!(%error, "could not remove a staging file"),
                }
            }
        }
        removed
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use chrono::Duration;

    use super::*;
    use crate::testing::*;

    #[tokio::test]
    async fn what_nobody_can_reach_goes_and_nothing_else() {
        let scratch = Scratch::new();
        let blobs = Blobs::local(&scratch.0).unwrap();
        let kept = blobs
            .put(body(picture(100), 10), "kept.png", 1 << 20)
            .await
            .unwrap();
        let dropped = blobs
            .put(body(picture(200), 10), "gone.png", 1 << 20)
            .await
            .unwrap();
        // What a crash leaves: a temporary object, and a staging file the listing hides.
        let temporary = Path::from(format!("{TEMPORARY}/left-by-a-crash"));
        blobs
            .store
            .put(&temporary, picture(10).into())
            .await
            .unwrap();
        let staging = scratch.0.join(TEMPORARY).join("cut-short#1");
        std::fs::write(&staging, b"half an upload").unwrap();
        let named: HashSet<String> = [kept.sha256.clone()].into();
        let named = |sha256: String| {
            let known = named.contains(&sha256);
            async move { Ok::<_, object_store::Error>(known) }
        };

        // Everything is newer than an hour ago: nothing goes.
        let an_hour_ago = Utc::now() - Duration::hours(1);
        assert_eq!(
            blobs.sweep(an_hour_ago, named).await.unwrap(),
            Swept::default()
        );
        assert_eq!(scratch.objects(&blobs).await.len(), 3);

        let later = Utc::now() + Duration::seconds(1);
        let swept = blobs.sweep(later, named).await.unwrap();
        assert_eq!(
            swept,
            Swept {
                temporaries: 2,
                unnamed: 1,
                ..Swept::default()
            }
        );
        let key = Blobs::key(&kept.sha256).to_string();
        assert_eq!(scratch.objects(&blobs).await, vec![key]);
        assert!(!staging.exists());
        assert!(blobs.get(&dropped.sha256, None).await.is_err());
    }
}
