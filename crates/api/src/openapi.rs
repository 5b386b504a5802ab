//! The OpenAPI 3.1 document, built from the handlers' own annotations: a route registered
//! through [`documented_routes`] cannot be missing from it.

use axum::{
    http::{HeaderValue, header},
    routing::{MethodRouter, get},
};
use utoipa::OpenApi;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    admin, auth, contract, csrf, documents, error::ErrorBody, files, health, messaging,
    state::AppState, workspace,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "FluxStudio API",
        description = "REST API of FluxStudio, the collaboration platform for creative design \
                       studios. Errors share one envelope: `{error, message, field?}`."
    ),
    components(schemas(ErrorBody)),
    modifiers(&BearerAuth),
    tags(
        (name = "health", description = "Liveness, readiness and service health"),
        (name = "auth", description = "Accounts, sessions, two-factor authentication, CSRF"),
        (name = "admin", description = "Instance administration (instance admins only)"),
        (name = "organizations", description = "Organizations, members, invitations, teams, activity"),
        (name = "projects", description = "Projects, their members, boards of tasks, activity"),
        (name = "notifications", description = "What the signed-in person is told"),
        (name = "messaging", description = "Conversations, messages, reactions, read receipts, search"),
        (name = "files", description = "A project's files, their versions, uploads and downloads"),
        (name = "documents", description = "Collaborative documents: list, export, versions and restore (content is edited live over /collab/{id})")
    )
)]
struct ApiDoc;

/// Declares the `bearer` scheme the authenticated endpoints name.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .bearer_format("JWT")
            .build();
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

/// Health probes: bodies of a few hundred bytes, asked for by load balancers and status
/// lines that never ask for compression, so they skip that layer.
fn probe_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(health::health))
        .routes(routes!(health::live))
        .routes(routes!(health::ready))
}

/// What a group of routes is guarded by, so that its layers and the statuses they add to
/// the document are decided in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guard {
    /// No bearer token: signing up and in, the refresh cookie, email links. A state-changing
    /// request needs the CSRF token, since the refresh cookie (or a sign-in) is what a forged
    /// request from another site would ride on.
    Public,
    /// A bearer token, which a browser never adds to a request another site makes it send:
    /// no CSRF token, and a request without a valid token is answered 401 before anything
    /// else is read.
    Bearer,
}

/// The routes that work without a bearer token.
pub(crate) fn public_routes() -> OpenApiRouter<AppState> {
    use auth::{email, signin};
    OpenApiRouter::new()
        .routes(routes!(csrf::token))
        .routes(routes!(signin::signup))
        .routes(routes!(signin::login))
        .routes(routes!(signin::login_two_factor))
        .routes(routes!(signin::refresh))
        .routes(routes!(signin::logout))
        .routes(routes!(email::verify_email))
        .routes(routes!(email::forgot_password))
        .routes(routes!(email::reset_password))
        .routes(routes!(workspace::invitations::preview))
}

/// The product's resources, each for a signed-in person.
fn resource_routes() -> OpenApiRouter<AppState> {
    use auth::{account, email, signin, two_factor};
    OpenApiRouter::new()
        .routes(routes!(signin::logout_all))
        .routes(routes!(account::me, account::update_me))
        .routes(routes!(account::change_password))
        .routes(routes!(account::sessions))
        .routes(routes!(account::revoke_session))
        .routes(routes!(email::resend_verification))
        .routes(routes!(two_factor::status))
        .routes(routes!(two_factor::setup))
        .routes(routes!(two_factor::confirm))
        .routes(routes!(two_factor::disable))
        .routes(routes!(admin::database::db_status_view))
        .routes(routes!(admin::database::init_database))
        .routes(routes!(admin::users::list))
        .routes(routes!(admin::users::change))
        .routes(routes!(admin::events::list))
        .merge(organization_routes())
}

/// The studio's workspace: organizations and what hangs off them.
fn organization_routes() -> OpenApiRouter<AppState> {
    use workspace::{invitations, members, organizations, teams};
    OpenApiRouter::new()
        .routes(routes!(organizations::create, organizations::list))
        .routes(routes!(
            organizations::get,
            organizations::update,
            organizations::delete
        ))
        .routes(routes!(organizations::activities))
        .routes(routes!(members::list))
        .routes(routes!(members::change_role, members::remove))
        .routes(routes!(members::leave))
        .routes(routes!(members::transfer))
        .routes(routes!(invitations::invite, invitations::list))
        .routes(routes!(invitations::resend))
        .routes(routes!(invitations::revoke))
        .routes(routes!(invitations::accept))
        .routes(routes!(invitations::mine))
        .routes(routes!(invitations::accept_mine))
        .routes(routes!(teams::create, teams::list))
        .routes(routes!(teams::get, teams::update, teams::delete))
        .routes(routes!(teams::add_member, teams::remove_member))
        .merge(project_routes())
}

/// Projects, their boards, and the notifications work produces.
fn project_routes() -> OpenApiRouter<AppState> {
    use workspace::{comments, milestones, notifications, projects, tasks};
    OpenApiRouter::new()
        .routes(routes!(projects::create, projects::list))
        .routes(routes!(projects::get, projects::update, projects::delete))
        .routes(routes!(projects::members))
        .routes(routes!(projects::set_member, projects::remove_member))
        .routes(routes!(projects::activities))
        .routes(routes!(tasks::board, tasks::create))
        .routes(routes!(tasks::get, tasks::update, tasks::delete))
        .routes(routes!(tasks::move_task))
        .routes(routes!(comments::list, comments::create))
        .routes(routes!(comments::edit, comments::delete))
        .routes(routes!(milestones::list, milestones::create))
        .routes(routes!(milestones::update, milestones::delete))
        .routes(routes!(notifications::list))
        .routes(routes!(notifications::read))
        .routes(routes!(notifications::read_all))
        .routes(routes!(notifications::delete))
        .merge(messaging_routes())
        .merge(document_routes())
        .merge(file_routes())
}

/// Files: uploads stream to the blob store (`fluxstudio_files`).
fn file_routes() -> OpenApiRouter<AppState> {
    use files::{attachments, content, decisions, items, review, tus, uploads};
    OpenApiRouter::new()
        .routes(routes!(items::list, uploads::upload))
        .routes(routes!(items::get, items::rename, items::delete))
        .routes(routes!(items::versions, uploads::upload_version))
        .routes(routes!(content::content))
        .routes(routes!(content::preview))
        .routes(routes!(review::list, review::create))
        .routes(routes!(review::change, review::delete))
        .routes(routes!(decisions::get, decisions::decide))
        .routes(routes!(decisions::request))
        .routes(routes!(items::storage))
        .routes(routes!(attachments::board))
        .routes(routes!(attachments::list, attachments::attach))
        .routes(routes!(attachments::detach))
        .routes(routes!(tus::capabilities, tus::create))
        .routes(routes!(tus::get, tus::offset, tus::append, tus::terminate))
}

/// Documents; their content is edited over `/collab/{id}` (crates/collab).
fn document_routes() -> OpenApiRouter<AppState> {
    use documents::{history, items};
    OpenApiRouter::new()
        .routes(routes!(items::create, items::list))
        .routes(routes!(items::get, items::rename, items::delete))
        .routes(routes!(items::export))
        .routes(routes!(history::list, history::save))
        .routes(routes!(history::restore))
}

/// Messaging: the same service the Socket.IO events call.
fn messaging_routes() -> OpenApiRouter<AppState> {
    use messaging::{conversations, files, messages};
    OpenApiRouter::new()
        .routes(routes!(conversations::create, conversations::list))
        .routes(routes!(conversations::get, conversations::update))
        .routes(routes!(conversations::add_participants))
        .routes(routes!(conversations::remove_participant))
        .routes(routes!(conversations::read))
        .routes(routes!(messages::history, messages::send))
        .routes(routes!(messages::edit, messages::delete))
        .routes(routes!(messages::react, messages::unreact))
        .routes(routes!(messages::search))
        .routes(routes!(files::upload))
        .routes(routes!(files::content))
}

/// Every documented endpoint. New endpoints are added with `routes!`, which registers the
/// route and its documentation together. `guard` wraps each group of resources (not the
/// probes, which load balancers call many times a second and which change nothing) in its
/// layers; the statuses those layers and the extractors answer are added to the document
/// here, by [`contract::shared_responses`], so no operation can leave them out.
pub fn documented_routes(
    guard: impl Fn(OpenApiRouter<AppState>, Guard) -> OpenApiRouter<AppState>,
) -> OpenApiRouter<AppState> {
    let mut groups = OpenApiRouter::with_openapi(ApiDoc::openapi()).merge(probe_routes());
    for (routes, kind) in [
        (public_routes(), Guard::Public),
        (resource_routes(), Guard::Bearer),
    ] {
        let mut guarded = guard(routes.layer(crate::layers::compression()), kind);
        contract::shared_responses(guarded.get_openapi_mut(), kind);
        groups = groups.merge(guarded);
    }
    groups
}

/// The documented routes and their document, stamped with this build's version.
pub fn split(
    guard: impl Fn(OpenApiRouter<AppState>, Guard) -> OpenApiRouter<AppState>,
) -> (axum::Router<AppState>, utoipa::openapi::OpenApi) {
    let (routes, mut document) = documented_routes(guard).split_for_parts();
    document.info.version = crate::state::VERSION.to_owned();
    // Every miss is a test failure (contract::fields); a build that has one still serves.
    let _missing = contract::complete_fields(&mut document);
    contract::shared_components(&mut document);
    contract::name_operations(&mut document);
    (routes, document)
}

/// A handler that serves `document`, serialised once at start.
pub fn serve(document: &utoipa::openapi::OpenApi) -> MethodRouter<AppState> {
    let json = document
        .to_json()
        .unwrap_or_else(|e| format!("{{\"error\":\"internal_error\",\"message\":\"{e}\"}}"));
    get(move || {
        let json = json.clone();
        async move {
            (
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                )],
                json,
            )
        }
    })
}
