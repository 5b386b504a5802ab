//! What a file is, told by its first bytes (`infer`), never by its name or the type the
//! client sent, against an allow-list. Design formats without a signature of their own are
//! accepted by their extension and stored as `application/octet-stream`.

pub use fluxstudio_domain::FileFamily as Family;

/// A file's type as stored and served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    pub mime: &'static str,
    pub family: Family,
}

impl Kind {
    /// Whether a browser may show it in the page. SVG can carry script and an unknown
    /// type could be anything: those are downloaded, under `Content-Security-Policy: sandbox`.
    pub fn inline(self) -> bool {
        shown_inline(self.family)
    }
}

/// Whether files of `family` may be shown in the page (see [`Kind::inline`]).
pub fn shown_inline(family: Family) -> bool {
    !matches!(family, Family::Vector | Family::Design | Family::Archive)
}

/// Bytes read before telling the type: enough for every signature on the list and for an
/// SVG's XML prolog and comments.
pub const HEAD_BYTES: usize = 8 * 1024;

/// The types accepted by signature, with their family.
const SIGNED: &[(&str, Family)] = &[
    ("image/png", Family::Image),
    ("image/jpeg", Family::Image),
    ("image/gif", Family::Image),
    ("image/webp", Family::Image),
    ("image/bmp", Family::Image),
    ("image/tiff", Family::Image),
    ("image/avif", Family::Image),
    ("image/heif", Family::Image),
    ("image/vnd.adobe.photoshop", Family::Design),
    ("application/pdf", Family::Pdf),
    ("video/mp4", Family::Video),
    ("video/quicktime", Family::Video),
    ("video/webm", Family::Video),
    ("video/x-matroska", Family::Video),
    ("video/x-msvideo", Family::Video),
    ("video/mpeg", Family::Video),
    ("video/x-m4v", Family::Video),
    ("audio/mpeg", Family::Audio),
    ("audio/x-wav", Family::Audio),
    ("audio/ogg", Family::Audio),
    ("audio/x-flac", Family::Audio),
    ("audio/m4a", Family::Audio),
    ("audio/aac", Family::Audio),
    ("audio/x-aiff", Family::Audio),
    ("application/zip", Family::Archive),
];

/// Design formats known by their extension (Sketch and Figma exports, InDesign, Affinity,
/// Illustrator, XD), when their bytes match nothing above.
const DESIGN_EXTENSIONS: &[&str] = &[
    "sketch", "fig", "indd", "idml", "afdesign", "afphoto", "afpub", "ai", "xd", "psd",
];

/// The list as a person reads it, for the refusal.
pub const ALLOWED: &str = "images (PNG, JPEG, GIF, WebP, BMP, TIFF, AVIF, HEIF), SVG, PDF, \
     video (MP4, MOV, WebM, MKV, AVI, MPEG), audio (MP3, WAV, OGG, FLAC, M4A, AAC, AIFF), ZIP, \
     and design files (PSD, AI, Sketch, Figma, InDesign, Affinity, XD)";

/// The kind of a file from its first bytes (`head`, up to [`HEAD_BYTES`]) and, for design
/// formats without a signature, its name's extension. `None`: not a type FluxStudio takes.
pub fn classify(head: &[u8], name: &str) -> Option<Kind> {
    // First: `infer` reads an SVG's XML declaration as `text/xml`.
    if is_svg(head) {
        return Some(Kind {
            mime: "image/svg+xml",
            family: Family::Vector,
        });
    }
    if let Some(found) = infer::get(head) {
        let mime = found.mime_type();
        if let Some((mime, family)) = SIGNED.iter().find(|(allowed, _)| *allowed == mime) {
            let family = match (family, extension(name).as_deref()) {
                // A Sketch file is a ZIP; an Illustrator file is a PDF.
                (Family::Archive, Some("sketch")) | (Family::Pdf, Some("ai")) => Family::Design,
                _ => *family,
            };
            return Some(Kind { mime, family });
        }
        // A known type that is not on the list (an executable, say) is refused whatever
        // its name claims.
        return None;
    }
    let extension = extension(name)?;
    DESIGN_EXTENSIONS
        .contains(&extension.as_str())
        .then_some(Kind {
            mime: "application/octet-stream",
            family: Family::Design,
        })
}

fn extension(name: &str) -> Option<String> {
    let (_, extension) = name.rsplit_once('.')?;
    Some(extension.to_ascii_lowercase())
}

/// An SVG document: after an optional byte order mark, white space, XML declaration,
/// comments and doctype, the first element is `<svg`.
fn is_svg(head: &[u8]) -> bool {
    let mut rest = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    loop {
        rest = rest.trim_ascii_start();
        let skip_to = |rest: &[u8], end: &[u8]| {
            rest.windows(end.len())
                .position(|w| w == end)
                .map(|at| at + end.len())
        };
        let next = if rest.starts_with(b"<?") {
            skip_to(rest, b"?>")
        } else if rest.starts_with(b"<!--") {
            skip_to(rest, b"-->")
        } else if rest.starts_with(b"<!") {
            skip_to(rest, b">")
        } else {
            return rest.starts_with(b"<svg")
                && rest
                    .get(4)
                    .is_some_and(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/');
        };
        match next {
            Some(at) => rest = &rest[at..],
            None => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
    const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
    const ZIP: &[u8] = b"PK\x03\x04\x14\0\0\0\x08\0";
    /// An ELF header (`infer` wants at least 52 bytes of one).
    const ELF: &[u8] = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0\x01\0\0\0\
        \0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";

    #[test]
    fn the_bytes_decide_not_the_name() {
        let png = classify(PNG, "drill-chart.pdf").unwrap();
        assert_eq!((png.mime, png.family), ("image/png", Family::Image));
        assert_eq!(classify(PDF, "score.png").unwrap().mime, "application/pdf");
        // An executable named like a picture or a design file is refused.
        assert_eq!(classify(ELF, "costume.png"), None);
        assert_eq!(classify(ELF, "costume.sketch"), None);
        assert_eq!(classify(b"just some words", "notes.txt"), None);
    }

    #[test]
    fn design_files_by_signature_or_extension() {
        assert_eq!(
            classify(ZIP, "stage.sketch").unwrap().family,
            Family::Design
        );
        assert_eq!(classify(ZIP, "bundle.zip").unwrap().family, Family::Archive);
        assert_eq!(classify(PDF, "logo.ai").unwrap().family, Family::Design);
        let fig = classify(b"fig-kiwi\x0f\0\0\0", "Show.FIG").unwrap();
        assert_eq!(
            (fig.mime, fig.family),
            ("application/octet-stream", Family::Design)
        );
        assert!(!fig.inline());
    }

    #[test]
    fn svg_is_told_by_its_first_element_and_never_shown_inline() {
        let svg = br#"<?xml version="1.0"?>
<!-- drawn by hand -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
        let kind = classify(svg, "logo.png").unwrap();
        assert_eq!(kind.mime, "image/svg+xml");
        assert!(!kind.inline());
        assert_eq!(classify(b"<html><svg></svg></html>", "page.svg"), None);
        assert_eq!(classify(b"<svgx>", "x.svg"), None);
    }

    proptest! {
        /// Any bytes and any name are classified without a panic, and only into the list.
        #[test]
        fn anything_is_classified_or_refused(head in prop::collection::vec(any::<u8>(), 0..64), name in ".{0,12}") {
            if let Some(kind) = classify(&head, &name) {
                let listed = SIGNED.iter().any(|(mime, _)| *mime == kind.mime)
                    || ["image/svg+xml", "application/octet-stream"].contains(&kind.mime);
                prop_assert!(listed, "{}", kind.mime);
            }
        }
    }
}
