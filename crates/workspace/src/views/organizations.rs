//! The organization side of the workspace as its service returns it: organizations, their
//! members, invitations, teams and activity.

use chrono::{DateTime, Utc};
use fluxstudio_domain::OrgRole;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::can::OrganizationCan;
use crate::{
    ActivityRow, InvitationRow, InvitationStatus, MemberRow, MembershipRow, OrganizationRow,
    TeamRow,
};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrganizationView {
    pub id: Uuid,
    pub name: String,
    /// Unique, lower-case ASCII with dashes; never null.
    #[schema(example = "atelier-lumiere")]
    pub slug: String,
    pub description: Option<String>,
    /// The caller's role.
    #[schema(value_type = String)]
    pub role: OrgRole,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member_count: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// What the caller may do in it.
    pub can: OrganizationCan,
}

impl OrganizationView {
    pub fn new(row: OrganizationRow, role: OrgRole, member_count: Option<i64>) -> Self {
        Self {
            id: row.id.0,
            name: row.name,
            slug: row.slug,
            description: row.description,
            role,
            member_count,
            created_at: row.created_at,
            updated_at: row.updated_at,
            can: OrganizationCan::of(Some(role)),
        }
    }
}

impl From<MembershipRow> for OrganizationView {
    fn from(row: MembershipRow) -> Self {
        Self::new(row.organization, row.role, Some(row.member_count))
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MemberView {
    pub user_id: Uuid,
    pub name: String,
    pub email: String,
    pub avatar_url: Option<String>,
    #[schema(value_type = String)]
    pub role: OrgRole,
    pub joined_at: DateTime<Utc>,
}

impl From<MemberRow> for MemberView {
    fn from(row: MemberRow) -> Self {
        Self {
            user_id: row.user_id.0,
            name: row.name,
            email: row.email,
            avatar_url: row.avatar_url,
            role: row.role,
            joined_at: row.joined_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InvitationView {
    pub id: Uuid,
    pub email: String,
    #[schema(value_type = String)]
    pub role: OrgRole,
    #[schema(value_type = String)]
    pub status: InvitationStatus,
    pub invited_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
}

impl From<InvitationRow> for InvitationView {
    fn from(row: InvitationRow) -> Self {
        Self {
            status: InvitationStatus::of(&row, Utc::now()),
            id: row.id.0,
            email: row.email,
            role: row.role,
            invited_by: row.invited_by.map(|id| id.0),
            created_at: row.created_at,
            expires_at: row.expires_at,
            accepted_at: row.accepted_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TeamView {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub member_count: i64,
    /// Present when one team is asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member_ids: Option<Vec<Uuid>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl TeamView {
    pub fn new(row: TeamRow, members: Option<Vec<Uuid>>) -> Self {
        Self {
            id: row.id.0,
            organization_id: row.organization_id.0,
            name: row.name,
            description: row.description,
            member_count: row.member_count,
            member_ids: members,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ActivityView {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub project_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
    pub actor_name: Option<String>,
    /// e.g. `organization.created`, `member.role_changed`, `invitation.sent`.
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<Uuid>,
    pub entity_title: Option<String>,
    pub metadata: Option<serde_json::Value>,
    pub created_at: DateTime<Utc>,
}

impl From<ActivityRow> for ActivityView {
    fn from(row: ActivityRow) -> Self {
        Self {
            id: row.id.0,
            organization_id: row.organization_id.0,
            project_id: row.project_id.map(|id| id.0),
            actor_id: row.actor_id.map(|id| id.0),
            actor_name: row.actor_name,
            action: row.action,
            entity_type: row.entity_type,
            entity_id: row.entity_id.map(|id| id.0),
            entity_title: row.entity_title,
            metadata: row.metadata.map(|m| m.0),
            created_at: row.created_at,
        }
    }
}
