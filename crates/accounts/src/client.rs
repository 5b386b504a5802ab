//! Where a request came from, as far as the server can tell: kept with sessions and
//! security events.

/// The origin of a request. Both parts are only as true as the network lets them be.
#[derive(Debug, Clone, Default)]
pub struct Client {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

impl Client {
    /// A request from the command line on this machine.
    pub fn shell() -> Self {
        Self {
            ip: None,
            user_agent: Some("fluxstudio admin".to_owned()),
        }
    }
}
