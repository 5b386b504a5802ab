//! Creating, listing, reading, editing and deleting organizations.

use fluxstudio_domain::{
    DisplayName, Invalid, OrgRole, limits,
    permissions::OrgAction,
    slug::{Slug, slugify, with_suffix},
};
use fluxstudio_store::{
    DbId, StoreError,
    workspace::{
        activities::NewActivity,
        organizations::{self, NewOrganization},
    },
};

use crate::{OrganizationView, Workspace, WorkspaceError, service::now};

/// Longest description accepted, in characters as sent.
const DESCRIPTION_MAX: usize = limits::DESCRIPTION_CHARS;
/// How many generated slugs are tried when others take them at the same moment.
const SLUG_ATTEMPTS: u32 = 5;

/// A new organization, as the client sent it (validated here).
pub struct NewOrganizationRequest<'a> {
    pub name: &'a str,
    /// Chosen by the client, or generated from the name when absent.
    pub slug: Option<&'a str>,
    pub description: Option<&'a str>,
}

/// What may change; `None` leaves a field, `Some(None)` clears the description.
#[derive(Default)]
pub struct OrganizationChange<'a> {
    pub name: Option<&'a str>,
    pub slug: Option<&'a str>,
    pub description: Option<Option<&'a str>>,
}

/// A description: at most `DESCRIPTION_MAX` characters as sent; kept trimmed, blank is none.
pub(crate) fn description(raw: Option<&str>) -> Result<Option<&str>, Invalid> {
    if raw.is_some_and(|d| d.chars().count() > DESCRIPTION_MAX) {
        return Err(Invalid::new(
            "description",
            format!("Keep the description to {DESCRIPTION_MAX} characters."),
        ));
    }
    Ok(raw.map(str::trim).filter(|d| !d.is_empty()))
}

impl Workspace {
    /// Creates an organization with the caller as its owner (one transaction). The slug
    /// is the client's (refused when taken) or generated from the name, with `-2`, `-3`…
    /// on collision.
    pub async fn create_organization(
        &self,
        user: DbId,
        request: &NewOrganizationRequest<'_>,
    ) -> Result<OrganizationView, WorkspaceError> {
        let name = DisplayName::parse(request.name)?;
        let chosen = request.slug.map(Slug::parse).transpose()?;
        let new = NewOrganization {
            name: name.as_str(),
            description: description(request.description)?,
            owner: user,
        };
        let id = match &chosen {
            Some(slug) => organizations::insert(self.db(), &new, slug.as_str(), now())
                .await
                .map_err(|e| match e {
                    StoreError::Duplicate => WorkspaceError::SlugTaken(slug.as_str().to_owned()),
                    other => other.into(),
                })?,
            None => self.insert_with_generated_slug(&new).await?,
        };
        let organization = organizations::by_id(self.db(), id)
            .await?
            .ok_or(WorkspaceError::NotFound("organization"))?;
        self.log(NewActivity {
            organization: id,
            project: None,
            actor: user,
            action: "organization.created",
            entity_type: "organization",
            entity_id: Some(id),
            entity_title: Some(&organization.name),
            metadata: None,
        })
        .await;
        Ok(OrganizationView::new(organization, OrgRole::Owner, Some(1)))
    }

    async fn insert_with_generated_slug(
        &self,
        new: &NewOrganization<'_>,
    ) -> Result<DbId, WorkspaceError> {
        let base = slugify(new.name);
        for _ in 0..SLUG_ATTEMPTS {
            let taken = organizations::slugs_like(self.db(), &base).await?;
            let slug = (1..)
                .map(|n| with_suffix(&base, n))
                .find(|candidate| !taken.contains(candidate))
                .unwrap_or_else(|| base.clone());
            match organizations::insert(self.db(), new, &slug, now()).await {
                Err(StoreError::Duplicate) => continue, // taken a moment ago: look again
                other => return Ok(other?),
            }
        }
        Err(WorkspaceError::SlugTaken(base))
    }

    /// The caller's organizations, with their role in each.
    pub async fn organizations(&self, user: DbId) -> Result<Vec<OrganizationView>, WorkspaceError> {
        let rows = organizations::of_user(self.db(), user).await?;
        Ok(rows.into_iter().map(OrganizationView::from).collect())
    }

    /// One organization and the caller's role in it.
    pub async fn organization(
        &self,
        user: DbId,
        id: DbId,
    ) -> Result<OrganizationView, WorkspaceError> {
        let role = self.require(id, user, OrgAction::View, "").await?;
        let organization = organizations::by_id(self.db(), id)
            .await?
            .ok_or(WorkspaceError::NotFound("organization"))?;
        Ok(OrganizationView::new(organization, role, None))
    }

    pub async fn update_organization(
        &self,
        user: DbId,
        id: DbId,
        change: &OrganizationChange<'_>,
    ) -> Result<OrganizationView, WorkspaceError> {
        let role = self
            .require(
                id,
                user,
                OrgAction::Update,
                "Only the owner and admins can edit the organization.",
            )
            .await?;
        if change.name.is_none() && change.slug.is_none() && change.description.is_none() {
            // Nothing asked: nothing written, nothing in the activity feed.
            return self.organization(user, id).await;
        }
        let name = change.name.map(DisplayName::parse).transpose()?;
        let slug = change.slug.map(Slug::parse).transpose()?;
        let description = change.description.map(description).transpose()?;
        organizations::update(
            self.db(),
            id,
            name.as_ref().map(DisplayName::as_str),
            slug.as_ref().map(Slug::as_str),
            description,
            now(),
        )
        .await
        .map_err(|e| match (e, &slug) {
            (StoreError::Duplicate, Some(slug)) => {
                WorkspaceError::SlugTaken(slug.as_str().to_owned())
            }
            (other, _) => other.into(),
        })?;
        let organization = organizations::by_id(self.db(), id)
            .await?
            .ok_or(WorkspaceError::NotFound("organization"))?;
        self.log(NewActivity {
            organization: id,
            project: None,
            actor: user,
            action: "organization.updated",
            entity_type: "organization",
            entity_id: Some(id),
            entity_title: Some(&organization.name),
            metadata: None,
        })
        .await;
        Ok(OrganizationView::new(organization, role, None))
    }

    /// Deletes the organization and everything in it. Owner only.
    pub async fn delete_organization(&self, user: DbId, id: DbId) -> Result<(), WorkspaceError> {
        self.require(
            id,
            user,
            OrgAction::Delete,
            "Only the owner can delete the organization.",
        )
        .await?;
        let projects = fluxstudio_store::workspace::projects::ids_in(self.db(), id).await?;
        organizations::delete(self.db(), id).await?;
        for project in projects {
            self.publish_project_closed(project);
        }
        Ok(())
    }
}
