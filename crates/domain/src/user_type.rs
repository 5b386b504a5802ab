//! What kind of person an account belongs to. Instance administration is a separate flag
//! that signup can never set, so `admin` is not a user type anyone can choose.

use std::str::FromStr;

use crate::Invalid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UserType {
    Client,
    Designer,
}

impl UserType {
    pub const WORDS: &'static [&'static str] = &["client", "designer"];

    pub fn as_str(self) -> &'static str {
        Self::WORDS[self as usize]
    }
}

impl FromStr for UserType {
    type Err = Invalid;

    fn from_str(s: &str) -> Result<Self, Invalid> {
        match s {
            "client" => Ok(Self::Client),
            "designer" => Ok(Self::Designer),
            "admin" => Err(Invalid::new(
                "userType",
                "An account cannot make itself an administrator; choose client or designer.",
            )),
            other => Err(Invalid::new(
                "userType",
                format!("\"{other}\" is not one of: client, designer."),
            )),
        }
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
