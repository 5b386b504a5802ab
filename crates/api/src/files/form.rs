//! The first part of a `multipart/form-data` body (RFC 7578), read as it streams.
//!
//! An upload form carries one file, so only its first part is read. The file's bytes are
//! handed on as slices of the chunks the body arrives in: nothing is copied but the rare
//! chunk that ends where a boundary could begin. (The `multer` crate, used before, copied
//! every byte into its own buffer: 13 % of a form upload's time on the server, measured in
//! docs/PERFORMANCE.md, P11.)

use std::fmt;

use axum::body::{BodyDataStream, Bytes};
use futures_util::{Stream, StreamExt, stream};
use memchr::memmem::Finder;

/// The most a part's headers may take, as RFC 7578's forms need a few short lines.
const MOST_HEADER_BYTES: usize = 8 * 1024;
/// The most headers a part may have.
const MOST_HEADERS: usize = 16;
/// How much of a chunk is copied after a few bytes held from the one before, to settle
/// whether they start a boundary (or to finish a part's headers).
const JOIN_BYTES: usize = 4 * 1024;

/// A form, read from its body. See [`Form::first_part`] and [`Form::data`].
pub struct Form {
    body: BodyDataStream,
    /// `\r\n--` and the boundary: what ends a part's data.
    delimiter: Finder<'static>,
    /// What was read from the body and not yet handed on or parsed.
    held: Bytes,
    /// The rest of a chunk read while bytes were held: see [`Form::read_more`].
    next: Bytes,
    /// Whether the current part's data reached its delimiter.
    part_ended: bool,
}

/// A part's name and file name, from its `Content-Disposition`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Part {
    pub name: Option<String>,
    pub file_name: Option<String>,
}

/// Why a form could not be read.
#[derive(Debug)]
pub enum FormError {
    /// The body broke off, or passed the body limit (the error says which).
    Body(axum::Error),
    /// The body ended before the form did.
    Incomplete,
    /// The form is not a form.
    Malformed(&'static str),
}

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormError::Body(error) => write!(f, "the body broke off ({error})"),
            FormError::Incomplete => f.write_str("the body ended before the form did"),
            FormError::Malformed(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for FormError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FormError::Body(error) => Some(error),
            _ => None,
        }
    }
}

impl Form {
    pub fn new(body: BodyDataStream, boundary: &str) -> Self {
        let delimiter = format!("\r\n--{boundary}").into_bytes();
        Form {
            body,
            delimiter: Finder::new(&delimiter).into_owned(),
            // The first delimiter may open the body, with no line break before it: as if
            // there were one, a preamble or none are read alike.
            held: Bytes::from_static(b"\r\n"),
            next: Bytes::new(),
            part_ended: false,
        }
    }

    /// The first part's headers, once the preamble is skipped; `None` when the form has
    /// no part. Its data follows in [`Form::data`].
    pub async fn first_part(&mut self) -> Result<Option<Part>, FormError> {
        while self.next_data().await.transpose()?.is_some() {}
        // After the delimiter: `--` closes the form; else padding, then a line break.
        loop {
            let line_end = memchr::memmem::find(&self.held, b"\r\n");
            if self.held.starts_with(b"--") {
                return Ok(None);
            }
            if let Some(end) = line_end {
                if self.held[..end].iter().any(|b| !matches!(b, b' ' | b'\t')) {
                    return Err(FormError::Malformed(
                        "a boundary line carries more than the boundary",
                    ));
                }
                self.held = self.held.slice(end + 2..);
                break;
            }
            if self.held.len() > MOST_HEADER_BYTES {
                return Err(FormError::Malformed(
                    "a boundary line carries more than the boundary",
                ));
            }
            self.read_more().await?;
        }
        self.part_ended = false;
        loop {
            let mut headers = [httparse::EMPTY_HEADER; MOST_HEADERS];
            match httparse::parse_headers(&self.held, &mut headers) {
                Ok(httparse::Status::Complete((length, headers)))
                    if length <= MOST_HEADER_BYTES =>
                {
                    let part = part(headers)?;
                    self.held = self.held.slice(length..);
                    return Ok(Some(part));
                }
                Ok(httparse::Status::Partial) if self.held.len() <= MOST_HEADER_BYTES => {}
                Ok(_) => return Err(FormError::Malformed("a part's headers are too long")),
                Err(httparse::Error::TooManyHeaders) => {
                    return Err(FormError::Malformed("a part has too many headers"));
                }
                Err(_) => return Err(FormError::Malformed("a part's headers cannot be read")),
            }
            self.read_more().await?;
        }
    }

    /// The current part's data, as it arrives, up to its delimiter.
    pub fn data(&mut self) -> impl Stream<Item = Result<Bytes, FormError>> + Send + '_ {
        stream::unfold(self, |form| async move {
            let next = form.next_data().await;
            next.map(|item| (item, form))
        })
    }

    /// Reads the rest of the body and drops it.
    pub async fn drain(self) {
        drain(self.body).await;
    }

    /// The next piece of the current part's data, or `None` after its delimiter.
    async fn next_data(&mut self) -> Option<Result<Bytes, FormError>> {
        loop {
            if self.part_ended {
                return None;
            }
            let delimiter = self.delimiter.needle().len();
            if let Some(at) = self.delimiter.find(&self.held) {
                let data = self.held.split_to(at);
                self.held = self.held.slice(delimiter..);
                self.part_ended = true;
                if !data.is_empty() {
                    return Some(Ok(data));
                }
                return None;
            }
            // No delimiter here: hand on all but a tail that could begin one.
            let keep = delimiter_start(&self.held, self.delimiter.needle());
            if self.held.len() > keep {
                return Some(Ok(self.held.split_to(self.held.len() - keep)));
            }
            if let Err(error) = self.read_more().await {
                return Some(Err(error));
            }
        }
    }

    /// Reads more of the body after what is held.
    ///
    /// When nothing is held this is the body's next chunk, as it came. When a few bytes are
    /// held (the start of a boundary, or of headers), only the chunk's first
    /// [`JOIN_BYTES`] are copied after them and the rest waits in `next`: so a file's data
    /// is copied only where a chunk ends on what could start a boundary, a few KiB at most.
    async fn read_more(&mut self) -> Result<(), FormError> {
        if self.next.is_empty() {
            self.next = match self.body.next().await {
                Some(Ok(chunk)) => chunk,
                Some(Err(error)) => return Err(FormError::Body(error)),
                None => return Err(FormError::Incomplete),
            };
        }
        if self.held.is_empty() {
            self.held = std::mem::take(&mut self.next);
        } else {
            let joined = self.next.split_to(JOIN_BYTES.min(self.next.len()));
            self.held = [self.held.as_ref(), joined.as_ref()].concat().into();
        }
        Ok(())
    }
}

/// Reads the rest of `body` (until it ends or breaks) and drops it.
pub async fn drain(mut body: BodyDataStream) {
    while let Some(Ok(_)) = body.next().await {}
}

/// How many of `bytes`' last bytes could be the start of `delimiter` (which is not in
/// `bytes` whole).
fn delimiter_start(bytes: &[u8], delimiter: &[u8]) -> usize {
    let from = bytes.len().saturating_sub(delimiter.len() - 1);
    memchr::memchr_iter(b'\r', &bytes[from..])
        .map(|at| from + at)
        .find(|&at| delimiter.starts_with(&bytes[at..]))
        .map_or(0, |at| bytes.len() - at)
}

/// The part's name and file name, from its headers.
fn part(headers: &[httparse::Header<'_>]) -> Result<Part, FormError> {
    let Some(disposition) = headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("content-disposition"))
    else {
        return Ok(Part::default());
    };
    let value = String::from_utf8_lossy(disposition.value);
    let mut params = parameters(&value);
    let kind = params.next().map(|(kind, _)| kind);
    if !kind.is_some_and(|kind| kind.eq_ignore_ascii_case("form-data")) {
        return Err(FormError::Malformed("a part is not form data"));
    }
    let mut part = Part::default();
    let mut extended_name = None;
    for (key, value) in params {
        match key.to_ascii_lowercase().as_str() {
            "name" => part.name = Some(value),
            "filename" => part.file_name = Some(value),
            "filename*" => extended_name = extended(&value),
            _ => {}
        }
    }
    // RFC 6266's `filename*`, when a client sends it, says the name more exactly.
    if extended_name.is_some() {
        part.file_name = extended_name;
    }
    Ok(part)
}

/// An RFC 8187 value, `UTF-8''` and the percent-encoded name.
fn extended(value: &str) -> Option<String> {
    let (charset, rest) = value.split_once('\'')?;
    let (_language, encoded) = rest.split_once('\'')?;
    if !charset.eq_ignore_ascii_case("utf-8") {
        return None;
    }
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(encoded).collect();
    String::from_utf8(bytes).ok()
}

/// A header value's items, split at `;`: the first as it is (with an empty value), then
/// each `key=value`, a quoted value unquoted.
///
/// In a quoted value only `\"` and `\\` are escapes: browsers send a `\` in a file name as
/// it is (and a `"` as `%22`), so any other backslash is kept.
pub(crate) fn parameters(value: &str) -> impl Iterator<Item = (String, String)> + '_ {
    let mut rest = value;
    std::iter::from_fn(move || {
        rest = rest.trim_start_matches([' ', '\t', ';']);
        if rest.is_empty() {
            return None;
        }
        let key_end = rest.find(['=', ';']).unwrap_or(rest.len());
        let key = rest[..key_end].trim().to_owned();
        rest = &rest[key_end..];
        let Some(after) = rest.strip_prefix('=') else {
            return Some((key, String::new()));
        };
        let after = after.trim_start();
        let (value, remaining) = match after.strip_prefix('"') {
            Some(quoted) => unquote(quoted),
            None => {
                let end = after.find(';').unwrap_or(after.len());
                (after[..end].trim_end().to_owned(), &after[end..])
            }
        };
        rest = remaining;
        Some((key, value))
    })
}

/// A quoted string's value (after its opening quote), and what follows its closing quote.
fn unquote(quoted: &str) -> (String, &str) {
    let mut value = String::new();
    let mut chars = quoted.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => return (value, &quoted[at + 1..]),
            '\\' if matches!(quoted[at + 1..].chars().next(), Some('"' | '\\')) => {
                value.push(chars.next().map_or('\\', |(_, c)| c));
            }
            c => value.push(c),
        }
    }
    (value, "")
}

/// The boundary of a `multipart/form-data` content type (1 to 70 characters, RFC 2046).
pub fn boundary(content_type: &str) -> Option<String> {
    let mut params = parameters(content_type);
    let (kind, _) = params.next()?;
    if !kind.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params
        .find(|(key, _)| key.eq_ignore_ascii_case("boundary"))
        .map(|(_, boundary)| boundary)
        .filter(|b| (1..=70).contains(&b.len()) && !b.contains(['\r', '\n']))
}

#[cfg(test)]
#[path = "form_tests.rs"]
mod tests;
