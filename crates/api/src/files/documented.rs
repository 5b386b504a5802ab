//! The OpenAPI description shared by every endpoint that takes a file in a form
//! ([`super::uploads::receive_form`]) or sends one ([`super::content::serve`]): the code
//! behind them is one, and so is what the document says about it.

use std::collections::BTreeMap;

use utoipa::{
    IntoParams, IntoResponses, PartialSchema,
    openapi::{Content, Ref, RefOr, Response, ResponseBuilder, ResponsesBuilder},
};

/// The request headers a download reads.
#[derive(Debug, serde::Deserialize, IntoParams)]
#[into_params(parameter_in = Header)]
#[allow(dead_code)] // Read from the `HeaderMap` by `serve`; the struct states them.
pub struct DownloadHeaders {
    /// One byte range, `bytes=first-last`, `bytes=first-` or `bytes=-count`.
    #[param(rename = "Range")]
    range: Option<String>,
    /// The `ETag` of a copy you hold: 304 when it is still this file's.
    #[param(rename = "If-None-Match")]
    if_none_match: Option<String>,
}

/// What a download answers, besides the refusals every endpoint shares.
pub struct Download;

impl IntoResponses for Download {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        let bytes = || Content::new(Some(<Vec<u8> as PartialSchema>::schema()));
        ResponsesBuilder::new()
            .response(
                "200",
                ResponseBuilder::new()
                    .description(
                        "The bytes, with `ETag`, `Accept-Ranges` and `Content-Disposition`.",
                    )
                    .content("*/*", bytes()),
            )
            .response(
                "206",
                ResponseBuilder::new()
                    .description("The range asked for, with `Content-Range`.")
                    .content("*/*", bytes()),
            )
            .response(
                "304",
                ResponseBuilder::new().description("Your copy is this file's."),
            )
            .response(
                "416",
                refusal("The range lies outside the file (`Content-Range: bytes */size`)."),
            )
            .build()
            .into()
    }
}

/// How an upload in a form is refused for its form or its file, wherever it goes.
pub struct FormRefusals;

impl IntoResponses for FormRefusals {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        ResponsesBuilder::new()
            .response(
                "400",
                refusal("The form cannot be read, or the upload broke off (`bad_request`, `upload_incomplete`)."),
            )
            .response(
                "413",
                refusal("The file is larger than `MAX_FILE_SIZE` (`file_too_large`)."),
            )
            .response(
                "415",
                refusal("Not a form (`unsupported_media_type`), or not a type FluxStudio takes (`unsupported_file_type`; the message lists them)."),
            )
            .response(
                "422",
                refusal("No `file` part, or the file is empty (`empty_file`)."),
            )
            .build()
            .into()
    }
}

/// An error answer: `ErrorBody` as JSON.
fn refusal(description: &str) -> ResponseBuilder {
    ResponseBuilder::new().description(description).content(
        "application/json",
        Content::new(Some(Ref::from_schema_name("ErrorBody"))),
    )
}
