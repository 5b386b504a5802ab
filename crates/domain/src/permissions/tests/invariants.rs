//! Properties the tables must have whatever their cells say, checked over every actor and
//! action so a future change to the rules cannot break them unnoticed.

use super::super::{Access, Actor, org_access, project_access};
use super::{org, project};
use crate::{OrgRole, ProjectRole};

/// Someone hidden from a resource must be hidden from all of it: a 404 for one action and a
/// 403 for another would tell them it exists.
#[test]
fn hidden_from_one_action_means_hidden_from_all() {
    for role in org::ACTORS {
        let answers = org::every_row()
            .into_iter()
            .map(|(action, _)| org_access(role, action))
            .collect::<Vec<_>>();
        let hidden = answers.iter().filter(|a| **a == Access::Hidden).count();
        assert!(hidden == 0 || hidden == answers.len(), "{role:?}");
    }
    for org_role in org::ACTORS {
        for project_role in project::PROJECT_ROLES {
            let actor = Actor {
                org_role,
                project_role,
            };
            let answers = project::ACTIONS
                .iter()
                .map(|(action, _)| project_access(actor, *action))
                .collect::<Vec<_>>();
            let hidden = answers.iter().filter(|a| **a == Access::Hidden).count();
            assert!(hidden == 0 || hidden == answers.len(), "{actor:?}");
        }
    }
}

/// Whoever may do anything on a project may see it.
#[test]
fn whoever_may_act_on_a_project_may_view_it() {
    for org_role in org::ACTORS {
        for project_role in project::PROJECT_ROLES {
            let actor = Actor {
                org_role,
                project_role,
            };
            let view = project_access(actor, super::super::ProjectAction::View);
            for (action, _) in project::ACTIONS {
                if project_access(actor, *action).is_allowed() {
                    assert!(view.is_allowed(), "{actor:?} {action:?}");
                }
            }
        }
    }
}

/// Each project role can do at least what the one below it can, but for deciding on a
/// review: that is the reviewer's own duty (the client judging the studio's work), which the
/// editors whose work is judged do not share; leads, above both, decide too.
#[test]
fn higher_project_roles_can_do_at_least_as_much() {
    let ladder = ProjectRole::ALL;
    for org_role in [OrgRole::Member, OrgRole::Client] {
        for pair in ladder.windows(2) {
            let [higher, lower] = [pair[0], pair[1]];
            for (action, _) in project::ACTIONS {
                let access = |role| {
                    project_access(
                        Actor {
                            org_role: Some(org_role),
                            project_role: Some(role),
                        },
                        *action,
                    )
                };
                let judged_work = *action == super::super::ProjectAction::DecideReview
                    && (higher, lower) == (ProjectRole::Editor, ProjectRole::Reviewer);
                if access(lower).is_allowed() && !judged_work {
                    assert!(access(higher).is_allowed(), "{higher} {lower} {action:?}");
                }
            }
        }
    }
}

#[test]
fn only_allowed_is_allowed() {
    assert!(Access::Allowed.is_allowed());
    assert!(!Access::Forbidden.is_allowed());
    assert!(!Access::Hidden.is_allowed());
    assert_eq!(Actor::default().org_role, None);
    assert_eq!(Actor::default().project_role, None);
}
