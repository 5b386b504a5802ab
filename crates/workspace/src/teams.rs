//! Teams inside an organization: any member may see them; the owner and admins manage
//! them and their members (who must belong to the organization).

use fluxstudio_domain::{DisplayName, permissions::OrgAction};
use fluxstudio_store::{
    DbId, StoreError,
    workspace::{
        activities::NewActivity,
        teams::{self, TeamRow},
    },
};

use crate::{TeamView, Workspace, WorkspaceError, organizations::description, service::now};

const MANAGE: &str = "Only the owner and admins manage teams.";

/// What may change about a team.
#[derive(Default)]
pub struct TeamChange<'a> {
    pub name: Option<&'a str>,
    pub description: Option<Option<&'a str>>,
}

impl Workspace {
    pub async fn create_team(
        &self,
        user: DbId,
        organization: DbId,
        name: &str,
        about: Option<&str>,
    ) -> Result<TeamView, WorkspaceError> {
        self.require(organization, user, OrgAction::ManageTeams, MANAGE)
            .await?;
        let name = DisplayName::parse(name)?;
        let id = teams::insert(
            self.db(),
            organization,
            name.as_str(),
            description(about)?,
            user,
            now(),
        )
        .await
        .map_err(|e| taken(e, name.as_str()))?;
        self.team_activity(organization, user, id, "team.created", name.as_str())
            .await;
        self.team(user, organization, id).await
    }

    pub async fn teams(
        &self,
        user: DbId,
        organization: DbId,
    ) -> Result<Vec<TeamView>, WorkspaceError> {
        self.require(organization, user, OrgAction::View, "")
            .await?;
        let rows = teams::of_organization(self.db(), organization).await?;
        Ok(rows.into_iter().map(|t| TeamView::new(t, None)).collect())
    }

    /// A team with its members' ids.
    pub async fn team(
        &self,
        user: DbId,
        organization: DbId,
        id: DbId,
    ) -> Result<TeamView, WorkspaceError> {
        let team = self.team_row(user, organization, id).await?;
        let members = teams::members(self.db(), id).await?;
        Ok(TeamView::new(
            team,
            Some(members.into_iter().map(|m| m.0).collect()),
        ))
    }

    async fn team_row(
        &self,
        user: DbId,
        organization: DbId,
        id: DbId,
    ) -> Result<TeamRow, WorkspaceError> {
        self.require(organization, user, OrgAction::View, "")
            .await?;
        teams::by_id(self.db(), organization, id)
            .await?
            .ok_or(WorkspaceError::NotFound("team"))
    }

    pub async fn update_team(
        &self,
        user: DbId,
        organization: DbId,
        id: DbId,
        change: &TeamChange<'_>,
    ) -> Result<TeamView, WorkspaceError> {
        self.require(organization, user, OrgAction::ManageTeams, MANAGE)
            .await?;
        let name = change.name.map(DisplayName::parse).transpose()?;
        let about = change.description.map(description).transpose()?;
        teams::update(
            self.db(),
            organization,
            id,
            name.as_ref().map(DisplayName::as_str),
            about,
            now(),
        )
        .await
        .map_err(|e| match e {
            StoreError::NotFound => WorkspaceError::NotFound("team"),
            other => taken(other, name.as_ref().map_or("", DisplayName::as_str)),
        })?;
        let team = self.team_row(user, organization, id).await?;
        self.team_activity(organization, user, id, "team.updated", &team.name)
            .await;
        Ok(TeamView::new(team, None))
    }

    pub async fn delete_team(
        &self,
        user: DbId,
        organization: DbId,
        id: DbId,
    ) -> Result<(), WorkspaceError> {
        self.require(organization, user, OrgAction::ManageTeams, MANAGE)
            .await?;
        let team = self.team_row(user, organization, id).await?;
        if !teams::delete(self.db(), organization, id).await? {
            return Err(WorkspaceError::NotFound("team"));
        }
        self.team_activity(organization, user, id, "team.deleted", &team.name)
            .await;
        Ok(())
    }

    /// Adds an organization member to a team.
    pub async fn add_team_member(
        &self,
        user: DbId,
        organization: DbId,
        team: DbId,
        member: DbId,
    ) -> Result<(), WorkspaceError> {
        self.require(organization, user, OrgAction::ManageTeams, MANAGE)
            .await?;
        let row = teams::by_id(self.db(), organization, team)
            .await?
            .ok_or(WorkspaceError::NotFound("team"))?;
        if self.org_role(organization, member).await?.is_none() {
            return Err(WorkspaceError::NotAMember);
        }
        if teams::add_member(self.db(), team, member, now()).await? {
            self.team_activity(organization, user, team, "team.member_added", &row.name)
                .await;
        }
        Ok(())
    }

    pub async fn remove_team_member(
        &self,
        user: DbId,
        organization: DbId,
        team: DbId,
        member: DbId,
    ) -> Result<(), WorkspaceError> {
        self.require(organization, user, OrgAction::ManageTeams, MANAGE)
            .await?;
        let row = teams::by_id(self.db(), organization, team)
            .await?
            .ok_or(WorkspaceError::NotFound("team"))?;
        if !teams::remove_member(self.db(), team, member).await? {
            return Err(WorkspaceError::NotAMember);
        }
        self.team_activity(organization, user, team, "team.member_removed", &row.name)
            .await;
        Ok(())
    }

    async fn team_activity(
        &self,
        organization: DbId,
        actor: DbId,
        team: DbId,
        action: &str,
        name: &str,
    ) {
        self.log(NewActivity {
            organization,
            project: None,
            actor,
            action,
            entity_type: "team",
            entity_id: Some(team),
            entity_title: Some(name),
            metadata: None,
        })
        .await;
    }
}

fn taken(error: StoreError, name: &str) -> WorkspaceError {
    match error {
        StoreError::Duplicate => WorkspaceError::TeamNameTaken(name.to_owned()),
        other => other.into(),
    }
}
