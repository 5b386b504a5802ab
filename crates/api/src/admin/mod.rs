//! Instance administration under `/api/admin`: every route requires an instance admin
//! (401 without a token, 403 for anyone else).

pub mod database;
pub mod events;
pub mod users;

use serde::Deserialize;
use utoipa::IntoParams;

/// `?limit=&cursor=`: cursor pagination as every list under `/api` does it.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// At most this many items (1–100, default 50).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// `nextCursor` of the previous page.
    #[param(pattern = "^[0-9a-f]{32}$")]
    pub cursor: Option<String>,
}

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 100;

impl PageQuery {
    /// The page size (checked) and the id the cursor stands for.
    pub fn read(
        &self,
    ) -> Result<(i64, Option<fluxstudio_store::DbId>), fluxstudio_domain::Invalid> {
        Ok((
            crate::pagination::limit(self.limit, DEFAULT_LIMIT, MAX_LIMIT)?,
            crate::pagination::cursor(self.cursor.as_deref())?,
        ))
    }
}
