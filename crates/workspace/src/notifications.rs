//! The signed-in person's notifications: list, count unread, mark read, delete.

use fluxstudio_store::{DbId, workspace::notifications};

use crate::{NotificationView, Workspace, WorkspaceError, service::now};

impl Workspace {
    /// A page of `user`'s notifications (newest first) and how many are unread.
    pub async fn notifications(
        &self,
        user: DbId,
        unread_only: bool,
        before: Option<DbId>,
        limit: i64,
    ) -> Result<(Vec<NotificationView>, i64), WorkspaceError> {
        let rows = notifications::page(self.db(), user, unread_only, before, limit).await?;
        let unread = notifications::unread_count(self.db(), user).await?;
        Ok((
            rows.into_iter().map(NotificationView::from).collect(),
            unread,
        ))
    }

    pub async fn mark_notification_read(&self, user: DbId, id: DbId) -> Result<(), WorkspaceError> {
        if !notifications::mark_read(self.db(), user, id, now()).await? {
            return Err(WorkspaceError::NotFound("notification"));
        }
        self.announce_unread(user).await;
        Ok(())
    }

    pub async fn mark_all_notifications_read(&self, user: DbId) -> Result<u64, WorkspaceError> {
        let marked = notifications::mark_all_read(self.db(), user, now()).await?;
        self.announce_unread(user).await;
        Ok(marked)
    }

    pub async fn delete_notification(&self, user: DbId, id: DbId) -> Result<(), WorkspaceError> {
        if !notifications::delete(self.db(), user, id).await? {
            return Err(WorkspaceError::NotFound("notification"));
        }
        self.announce_unread(user).await;
        Ok(())
    }

    /// Pushes the new unread count to `user`'s devices, so every open bell agrees.
    async fn announce_unread(&self, user: DbId) {
        match notifications::unread_count(self.db(), user).await {
            Ok(unread) => self.publish_unread_count(user, unread),
            Err(error) => tracing::warn!(%error, "could not count unread notifications"),
        }
    }
}
