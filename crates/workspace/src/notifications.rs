//! The signed-in person's notifications: list, count unread, mark read, delete.

use fluxstudio_store::{
    DbId,
    workspace::notifications::{self, NotificationRow},
};

use crate::{Workspace, WorkspaceError, service::now};

impl Workspace {
    /// A page of `user`'s notifications (newest first) and how many are unread.
    pub async fn notifications(
        &self,
        user: DbId,
        unread_only: bool,
        before: Option<DbId>,
        limit: i64,
    ) -> Result<(Vec<NotificationRow>, i64), WorkspaceError> {
        let rows = notifications::page(self.db(), user, unread_only, before, limit).await?;
        let unread = notifications::unread_count(self.db(), user).await?;
        Ok((rows, unread))
    }

    pub async fn mark_notification_read(&self, user: DbId, id: DbId) -> Result<(), WorkspaceError> {
        if !notifications::mark_read(self.db(), user, id, now()).await? {
            return Err(WorkspaceError::NotFound("notification"));
        }
        Ok(())
    }

    pub async fn mark_all_notifications_read(&self, user: DbId) -> Result<u64, WorkspaceError> {
        Ok(notifications::mark_all_read(self.db(), user, now()).await?)
    }

    pub async fn delete_notification(&self, user: DbId, id: DbId) -> Result<(), WorkspaceError> {
        if !notifications::delete(self.db(), user, id).await? {
            return Err(WorkspaceError::NotFound("notification"));
        }
        Ok(())
    }
}
