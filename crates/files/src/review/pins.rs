//! Where a comment may be pinned: a point of the version's image, normalized to [0, 1] from
//! its top-left corner, or a rectangle from that point, and a page for a PDF. A rectangle
//! reaching past the edge by no more than rounding is cut at the edge.

use fluxstudio_domain::{FileFamily, Invalid};
use fluxstudio_store::review::comments::Pin;

/// A pin as a client sends it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AskedPin {
    pub x: f64,
    pub y: f64,
    pub width: Option<f64>,
    pub height: Option<f64>,
    pub page: Option<i64>,
}

/// How far past the edge a rectangle may reach and still be taken (cut at the edge): what
/// a client's arithmetic in floating point can add.
const ROUNDING: f64 = 1e-9;

fn refused(message: &str) -> Invalid {
    Invalid::new("pin", message)
}

fn unit(value: f64) -> bool {
    value.is_finite() && (0.0..=1.0).contains(&value)
}

/// The pin to store for `asked` on a version of a file of `family`, with `pages` when its
/// page count is known (a PDF's, once its previews are made).
pub fn pin(asked: AskedPin, family: FileFamily, pages: Option<i64>) -> Result<Pin, Invalid> {
    if !unit(asked.x) || !unit(asked.y) {
        return Err(refused(
            "Give x and y from 0 to 1: the point's place across and down the image.",
        ));
    }
    let size = match (asked.width, asked.height) {
        (None, None) => None,
        (Some(width), Some(height)) => {
            let fits = |start: f64, length: f64| {
                length.is_finite() && length > 0.0 && start + length <= 1.0 + ROUNDING
            };
            if !fits(asked.x, width) || !fits(asked.y, height) {
                return Err(refused(
                    "Give a width and a height above 0 that keep the rectangle on the image.",
                ));
            }
            Some((width.min(1.0 - asked.x), height.min(1.0 - asked.y)))
        }
        _ => {
            return Err(refused(
                "Give both width and height for a rectangle, or neither.",
            ));
        }
    };
    if size.is_some_and(|(width, height)| width <= 0.0 || height <= 0.0) {
        return Err(refused(
            "A rectangle at the image's edge has no room; pin a point.",
        ));
    }
    match (asked.page, family) {
        (Some(page), FileFamily::Pdf) if page < 1 => Err(refused("Pages are numbered from 1.")),
        (Some(page), FileFamily::Pdf) if pages.is_some_and(|pages| page > pages) => Err(refused(
            &format!("The PDF has {} pages.", pages.unwrap_or_default()),
        )),
        (Some(_), family) if family != FileFamily::Pdf => {
            Err(refused("Only a PDF's comments are pinned to a page."))
        }
        (page, _) => Ok(Pin {
            x: asked.x,
            y: asked.y,
            size,
            page,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(x: f64, y: f64) -> AskedPin {
        AskedPin {
            x,
            y,
            width: None,
            height: None,
            page: None,
        }
    }

    #[test]
    fn points_and_rectangles_on_the_image_are_taken() {
        let taken = pin(point(0.0, 1.0), FileFamily::Image, None).unwrap();
        assert_eq!((taken.x, taken.y, taken.size), (0.0, 1.0, None));
        let rect = AskedPin {
            width: Some(0.3),
            height: Some(0.5),
            ..point(0.7, 0.5)
        };
        let taken = pin(rect, FileFamily::Image, None).unwrap();
        let (width, height) = taken.size.unwrap();
        assert!(0.7 + width <= 1.0 && (width - 0.3).abs() < 1e-12);
        assert_eq!(height, 0.5);
        let on_page = AskedPin {
            page: Some(3),
            ..point(0.5, 0.5)
        };
        assert_eq!(
            pin(on_page, FileFamily::Pdf, Some(3)).unwrap().page,
            Some(3)
        );
    }

    #[test]
    fn pins_off_the_image_or_half_given_are_refused() {
        for asked in [
            point(-0.1, 0.5),
            point(0.5, 1.5),
            point(f64::NAN, 0.5),
            AskedPin {
                width: Some(0.2),
                ..point(0.5, 0.5)
            },
            AskedPin {
                width: Some(0.6),
                height: Some(0.1),
                ..point(0.5, 0.5)
            },
            AskedPin {
                width: Some(0.0),
                height: Some(0.1),
                ..point(0.5, 0.5)
            },
            AskedPin {
                width: Some(0.1),
                height: Some(0.1),
                ..point(1.0, 0.5)
            },
        ] {
            let refused = pin(asked, FileFamily::Image, None).unwrap_err();
            assert_eq!(refused.field, "pin", "{asked:?}");
        }
    }

    #[test]
    fn only_a_pdf_has_pages_from_one_to_its_last() {
        let page = |page| AskedPin {
            page: Some(page),
            ..point(0.5, 0.5)
        };
        assert!(pin(page(1), FileFamily::Image, None).is_err());
        assert!(pin(page(0), FileFamily::Pdf, None).is_err());
        assert!(pin(page(4), FileFamily::Pdf, Some(3)).is_err());
        assert!(pin(page(4), FileFamily::Pdf, None).is_ok());
    }
}
