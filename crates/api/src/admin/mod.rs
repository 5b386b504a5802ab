//! Instance administration under `/api/admin`: every route requires an instance admin
//! (401 without a token, 403 for anyone else).

pub mod database;
pub mod events;
pub mod users;
