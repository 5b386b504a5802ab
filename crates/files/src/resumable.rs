//! Resumable uploads (the tus 1.0 protocol's core, creation, termination and expiration,
//! served under `/api/uploads`): an upload is made with its length and what it is for (a
//! new file in a project, or a new version of a file), then its bytes arrive in as many
//! requests as the connection needs, each continuing from the offset the server holds
//! (`spool`). Once whole, it becomes the file or version through the same path as a form
//! upload (`uploads`), with the upload's id as the version's, so a retry after a crash can
//! tell it is already done. Rights are checked when it is made and again when it is whole.

use chrono::{Duration, Utc};
use fluxstudio_domain::Invalid;
use fluxstudio_store::{DbId, files};
use fluxstudio_workspace::WorkspaceError;
use uuid::Uuid;

use crate::{
    Destination, FileError, Files, names,
    spool::{AppendError, Ticket},
    uploads::Made,
};

/// How long an upload may take from when it is made; after that it is gone.
pub const LIFETIME: Duration = Duration::hours(24);

/// A resumable upload as asked for.
#[derive(Debug, Clone, Copy)]
pub struct NewResumable<'a> {
    /// The project of a new file.
    pub project: Option<DbId>,
    /// The file of a new version.
    pub file: Option<DbId>,
    pub name: &'a str,
    pub length: u64,
}

/// An upload and how far it is.
#[derive(Debug, Clone)]
pub struct Progress {
    pub ticket: Ticket,
    pub offset: u64,
}

impl Files {
    /// Makes a resumable upload, when `user` may put a file or version of `length` bytes
    /// where it asks.
    pub async fn begin_resumable(
        &self,
        user: DbId,
        new: NewResumable<'_>,
    ) -> Result<Progress, FileError> {
        let to = self
            .destination(user, new.project, new.file, Some(new.length))
            .await?;
        let limit = self.settings().max_file_size;
        if new.length > limit {
            return Err(FileError::TooLarge { limit });
        }
        if new.length == 0 {
            return Err(FileError::Empty);
        }
        let ticket = Ticket {
            id: Uuid::now_v7(),
            user: user.0,
            project: to.project.project.id.0,
            file: new.file.map(|file| file.0),
            name: names::display(new.name).unwrap_or_else(|| names::safe(new.name)),
            length: new.length,
            expires_at: Utc::now() + LIFETIME,
            made: None,
        };
        self.spool().create(&ticket).await?;
        Ok(Progress { ticket, offset: 0 })
    }

    /// Where `user`'s upload `id` is. One whose bytes are all here but that was not yet
    /// made into its file (the server stopped in between) is finished now.
    pub async fn resumable(&self, user: DbId, id: Uuid) -> Result<Progress, FileError> {
        let ticket = self.ticket(user, id).await?;
        let offset = self.offset_of(&ticket).await?;
        if offset == ticket.length && ticket.made.is_none() {
            let Some(_held) = self.spool().hold(id) else {
                return Ok(Progress { ticket, offset });
            };
            let ticket = self.finish(ticket).await?;
            return Ok(Progress { ticket, offset });
        }
        Ok(Progress { ticket, offset })
    }

    /// Appends `body` to `user`'s upload `id` at `offset`; the upload becomes its file or
    /// version when the last byte arrives.
    pub async fn resume<S, E>(
        &self,
        user: DbId,
        id: Uuid,
        offset: u64,
        body: S,
    ) -> Result<Progress, FileError>
    where
        S: futures_util::Stream<Item = Result<bytes::Bytes, E>> + Unpin,
        E: std::fmt::Display,
    {
        let ticket = self.ticket(user, id).await?;
        let held = self.spool().hold(id).ok_or(FileError::UploadBusy)?;
        if ticket.made.is_some() {
            return match offset == ticket.length {
                true => Ok(Progress {
                    offset: ticket.length,
                    ticket,
                }),
                false => Err(FileError::OffsetMismatch { at: ticket.length }),
            };
        }
        let written = match self.spool().append(id, offset, ticket.length, body).await {
            Ok(written) => written,
            Err(AppendError::Offset(at)) => return Err(FileError::OffsetMismatch { at }),
            Err(AppendError::TooLong) => {
                return Err(FileError::TooLarge {
                    limit: ticket.length,
                });
            }
            Err(AppendError::BrokeOff { why, .. }) => return Err(FileError::BrokeOff(why)),
            Err(AppendError::Io(error)) => return Err(error.into()),
        };
        let ticket = if written == ticket.length {
            self.finish(ticket).await?
        } else {
            ticket
        };
        drop(held);
        Ok(Progress {
            ticket,
            offset: written,
        })
    }

    /// Ends `user`'s upload `id`, dropping what arrived of it.
    pub async fn cancel_resumable(&self, user: DbId, id: Uuid) -> Result<(), FileError> {
        self.ticket(user, id).await?;
        let _held = self.spool().hold(id).ok_or(FileError::UploadBusy)?;
        self.spool().remove(id).await?;
        Ok(())
    }

    /// `user`'s upload `id`, unless it has expired: no one else's, which are not found.
    async fn ticket(&self, user: DbId, id: Uuid) -> Result<Ticket, FileError> {
        self.spool()
            .ticket(id)
            .await?
            .filter(|ticket| ticket.user == user.0 && ticket.expires_at > Utc::now())
            .ok_or(WorkspaceError::NotFound("upload").into())
    }

    async fn offset_of(&self, ticket: &Ticket) -> Result<u64, FileError> {
        match ticket.made {
            Some(_) => Ok(ticket.length),
            None => Ok(self.spool().offset(ticket.id).await?),
        }
    }

    /// Where an upload goes, as the caller may send it now.
    async fn destination(
        &self,
        user: DbId,
        project: Option<DbId>,
        file: Option<DbId>,
        length: Option<u64>,
    ) -> Result<Destination, FileError> {
        match (project, file) {
            (_, Some(file)) => self.to_file(user, file, length).await,
            (Some(project), None) => self.to_project(user, project, length).await,
            (None, None) => Err(Invalid::new(
                "Upload-Metadata",
                "Name the project of a new file (projectId), or the file of a new version (fileId).",
            )
            .into()),
        }
    }

    /// Makes a whole upload its file or version (held by the caller). An upload refused
    /// now (its type, the quota, rights lost meanwhile) never can succeed: it is removed.
    async fn finish(&self, mut ticket: Ticket) -> Result<Ticket, FileError> {
        let id = DbId(ticket.id);
        let made = match files::version_by_id(self.db(), id).await? {
            // Made before the server stopped, not yet written down.
            Some(version) => Made {
                file: version.file_id,
                number: version.number,
            },
            None => match self.make_from_spool(&ticket).await {
                Ok(made) => made,
                Err(refused) => {
                    if !matches!(refused, FileError::Storage(_)) {
                        self.spool().remove(ticket.id).await?;
                    }
                    return Err(refused);
                }
            },
        };
        ticket.made = Some((made.file.0, made.number));
        self.spool().save(&ticket).await?;
        self.spool().drop_part(ticket.id).await?;
        Ok(ticket)
    }

    async fn make_from_spool(&self, ticket: &Ticket) -> Result<Made, FileError> {
        let user = DbId(ticket.user);
        let to = self
            .destination(
                user,
                Some(DbId(ticket.project)),
                ticket.file.map(DbId),
                None,
            )
            .await?;
        let bytes = self.spool().read(ticket.id).await?;
        self.make(user, &to, &ticket.name, bytes, DbId(ticket.id))
            .await
    }
}
