//! The one place that decides who may do what in an organization's workspace. Handlers and
//! services ask here, with the actor's roles as the database holds them, and act on the
//! answer; none repeats a rule, so a rule changes in one place and `docs/PERMISSIONS.md`
//! (whose tables the tests here check line by line) describes all of them.
//!
//! Every answer is one of three, not a yes or no, because "no" has two meanings to the
//! person asking: [`Access::Forbidden`] ("it exists, you may not") and [`Access::Hidden`]
//! ("as far as you are concerned, it does not exist"). The API answers the second with the
//! same 404 as for something that really does not exist, so that ids cannot be probed to
//! learn which organizations or projects exist.

mod org;
mod project;

#[cfg(test)]
mod tests;

pub use org::{OrgAction, org_access};
pub use project::{ProjectAction, effective_project_role, project_access};

use crate::{OrgRole, ProjectRole};

/// The answer to "may this actor do this?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Access {
    Allowed,
    /// The actor may know the resource exists but may not do this: the API answers 403.
    Forbidden,
    /// The actor may not even know the resource exists: the API answers 404, exactly as
    /// for a resource that does not exist.
    Hidden,
}

impl Access {
    pub fn is_allowed(self) -> bool {
        self == Self::Allowed
    }
}

/// Who is asking, as far as permissions care: their role in the organization that owns the
/// resource and, for project actions, their role on the project. `None` means not a member
/// (of the organization, of the project). The default is a stranger to both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Actor {
    pub org_role: Option<OrgRole>,
    pub project_role: Option<ProjectRole>,
}
