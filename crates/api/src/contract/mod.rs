//! The API's contract beyond what the handlers' annotations say: the statuses every
//! operation shares (`shared`), the exact rule of every field a client sends (`fields`,
//! stated from the same constants and patterns the server checks with), the vocabularies
//! responses carry (`replies`), and how both tables are stated and checked (`stating`). The document at
//! `/api/openapi.json` is built from the annotations and then completed here; the
//! schema fuzzer in the test command holds the server to it. The web app keeps a copy
//! (`web/src/api/openapi.json`, from which its types are generated); a test here fails when
//! that copy differs from what the server serves.

mod fields;
mod operations;
#[cfg(test)]
mod readme;
mod replies;
mod rule;
mod shared;
mod stating;
#[cfg(test)]
mod web_copy;

pub use operations::name_operations;
pub use rule::Rule;
pub use shared::{shared_components, shared_responses};
pub use stating::{Unstated, complete_fields, unstated_fields};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_a_client_sends_is_stated_and_every_rule_finds_its_field() {
        let (_, mut document) =
            crate::openapi::documented_routes(|routes, _| routes).split_for_parts();
        assert_eq!(complete_fields(&mut document), Vec::<Unstated>::new());
        assert_eq!(unstated_fields(&document), Vec::<Unstated>::new());
    }

    /// The CSRF check reads only POST (`csrf::changes_state`): a public route that
    /// changed something with another method would go unchecked.
    #[test]
    fn every_public_route_that_changes_something_is_a_post() {
        let mut public = crate::openapi::public_routes();
        for (path, item) in &public.get_openapi_mut().paths.paths {
            assert!(
                item.put.is_none() && item.patch.is_none() && item.delete.is_none(),
                "{path}"
            );
        }
    }
}
