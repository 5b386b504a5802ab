//! A person's role in an organization. Exactly one member is the `owner`; ownership moves
//! only by transfer, never by an invitation or a role change (see `permissions`). `client`
//! is the studio's customer, who sees only the projects they are on.
//!
//! No `Default`: a role grants rights, so whoever grants one names it.

use crate::{parsed_from_field, vocabulary};

vocabulary! {
    pub enum OrgRole {
        Owner = "owner",
        Admin = "admin",
        Member = "member",
        Client = "client",
    }
}

parsed_from_field!(OrgRole, "role");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_words_and_refusals_name_them() {
        for role in OrgRole::ALL {
            assert_eq!(role.as_str().parse(), Ok(*role));
        }
        assert_eq!(OrgRole::WORDS, ["owner", "admin", "member", "client"]);
        let err = "Owner".parse::<OrgRole>().unwrap_err();
        assert_eq!(err.field, "role");
        assert_eq!(
            err.message,
            "\"Owner\" is not one of: owner, admin, member, client."
        );
    }
}
