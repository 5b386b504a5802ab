//! Previews of a version: a small and a large thumbnail (JPEG, the longest side at most
//! [`SMALL`] and [`LARGE`] pixels) of a raster image (`raster`), of a PDF's first page and
//! large previews of its next pages (`pdf`), or of an SVG (`svg`). Each renderer bounds what a
//! hostile file can cost before it allocates: pixels for images, the output size for vectors.

mod pdf;
mod raster;
mod svg;

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use fluxstudio_domain::FileFamily;
use image::{DynamicImage, Rgb, RgbImage, RgbaImage, codecs::jpeg::JpegEncoder};

pub use pdf::MAX_PAGES;
pub use raster::{MAX_DECODE_BYTES, MAX_PIXELS};

/// The longest side of the small thumbnail (grids).
pub const SMALL: u32 = 256;
/// The longest side of the large one (the viewer before the original is asked for).
pub const LARGE: u32 = 1024;
const JPEG_QUALITY: u8 = 82;

/// A version's previews, and what was learnt of its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// An image's pixels, or an SVG's own width and height (rounded); none for a PDF.
    pub size: Option<(u32, u32)>,
    /// A PDF's number of pages.
    pub pages: Option<u32>,
    pub small: Vec<u8>,
    /// Of a PDF: its first page.
    pub large: Vec<u8>,
    /// Of a PDF: large previews of its pages from the second, up to [`MAX_PAGES`] in all.
    pub more_pages: Vec<Vec<u8>>,
}

#[derive(Debug, thiserror::Error)]
pub enum PreviewError {
    #[error("the image declares {width} × {height} pixels, more than {MAX_PIXELS}")]
    TooManyPixels { width: u32, height: u32 },
    #[error("the file cannot be read: {0}")]
    Unreadable(String),
    #[error("files of this kind get no preview")]
    NotPreviewed,
}

fn unreadable(error: impl std::fmt::Display) -> PreviewError {
    PreviewError::Unreadable(error.to_string())
}

/// Whether versions of `family` get previews.
pub fn previewed(family: FileFamily) -> bool {
    matches!(
        family,
        FileFamily::Image | FileFamily::Pdf | FileFamily::Vector
    )
}

/// The previews of `bytes`, a file of `family`.
pub fn render(family: FileFamily, bytes: &[u8]) -> Result<Rendered, PreviewError> {
    match family {
        FileFamily::Image => raster::render(bytes),
        FileFamily::Pdf => pdf::render(bytes),
        FileFamily::Vector => svg::render(bytes),
        _ => Err(PreviewError::NotPreviewed),
    }
}

/// The scale that fits a `width` × `height` picture within `longest` on its longest side.
fn fit(width: f64, height: f64, longest: u32) -> f64 {
    f64::from(longest) / width.max(height)
}

/// Small and large thumbnails of an image already at most [`LARGE`] on its longest side.
fn thumbnails(large: &DynamicImage) -> Result<(Vec<u8>, Vec<u8>), PreviewError> {
    let small = scaled(large, SMALL)?;
    Ok((jpeg(&small)?, jpeg(large)?))
}

/// Premultiplied RGBA pixels, drawn on white so every pixel is opaque, as an image.
fn opaque_rgba(width: u32, height: u32, pixels: Vec<u8>) -> Result<DynamicImage, PreviewError> {
    RgbaImage::from_raw(width, height, pixels)
        .map(DynamicImage::ImageRgba8)
        .ok_or_else(|| unreadable("the renderer gave fewer pixels than its size"))
}

/// `image` with its longest side at most `longest`, never enlarged.
fn scaled(image: &DynamicImage, longest: u32) -> Result<DynamicImage, PreviewError> {
    let (width, height) = (image.width(), image.height());
    let scale = (f64::from(longest) / f64::from(width.max(height))).min(1.0);
    let side = |n: u32| ((f64::from(n) * scale).round() as u32).max(1);
    let mut out = DynamicImage::new(side(width), side(height), image.color());
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom));
    Resizer::new()
        .resize(image, &mut out, &options)
        .map_err(unreadable)?;
    Ok(out)
}

/// JPEG, any transparency laid over white.
fn jpeg(image: &DynamicImage) -> Result<Vec<u8>, PreviewError> {
    let rgba = image.to_rgba8();
    let flat = RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over_white =
            |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        Rgb([over_white(r), over_white(g), over_white(b)])
    });
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode_image(&flat)
        .map_err(unreadable)?;
    Ok(out)
}
