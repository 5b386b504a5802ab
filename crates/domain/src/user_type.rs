//! What kind of person an account belongs to. Instance administration is a separate flag
//! that signup can never set, so `admin` is not a user type anyone can choose.

use std::str::FromStr;

use crate::{Invalid, vocabulary};

vocabulary! {
    pub enum UserType {
        Client = "client",
        Designer = "designer",
    }
}

impl FromStr for UserType {
    type Err = Invalid;

    fn from_str(s: &str) -> Result<Self, Invalid> {
        if s == "admin" {
            return Err(Invalid::new(
                "userType",
                "An account cannot make itself an administrator; choose client or designer.",
            ));
        }
        Self::from_word(s).map_err(|err| Invalid::new("userType", format!("{err}.")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_words_and_never_admin() {
        assert_eq!("client".parse(), Ok(UserType::Client));
        assert_eq!(
            "designer".parse::<UserType>().map(UserType::as_str),
            Ok("designer")
        );
        let admin = "admin".parse::<UserType>().unwrap_err();
        assert_eq!(admin.field, "userType");
        assert!(admin.message.contains("administrator"));
        assert!(
            "Designer"
                .parse::<UserType>()
                .unwrap_err()
                .message
                .contains("client, designer")
        );
    }
}
