//! Previews of raster images: a small and a large thumbnail (JPEG, the longest side at most
//! [`SMALL`] and [`LARGE`] pixels), and the image's size. The declared size is read from the
//! header before anything is decoded, and an image of more than [`MAX_PIXELS`] is refused
//! there: a tiny file declaring 30,000 × 30,000 pixels (a decompression bomb) costs a few
//! bytes of reading, not 3.6 GB. Decoding itself runs under `image`'s memory limit.

use std::io::Cursor;

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, ImageReader, Limits, Rgb, RgbImage, codecs::jpeg::JpegEncoder};

/// The longest side of the small thumbnail (grids).
pub const SMALL: u32 = 256;
/// The longest side of the large one (the viewer before the original is asked for).
pub const LARGE: u32 = 1024;
/// The most pixels an image may have to get a preview: 100 megapixels (a 6000 × 4000 photo
/// has 24).
pub const MAX_PIXELS: u64 = 100_000_000;
/// What decoding one image may allocate (RGBA at [`MAX_PIXELS`] is 400 MB).
pub const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;
const JPEG_QUALITY: u8 = 82;

/// An image's previews and its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub width: u32,
    pub height: u32,
    pub small: Vec<u8>,
    pub large: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum PreviewError {
    #[error("the image declares {width} × {height} pixels, more than {MAX_PIXELS}")]
    TooManyPixels { width: u32, height: u32 },
    #[error("the image cannot be read: {0}")]
    Unreadable(String),
}

fn unreadable(error: impl std::fmt::Display) -> PreviewError {
    PreviewError::Unreadable(error.to_string())
}

/// The previews of the image in `bytes`.
pub fn render(bytes: &[u8]) -> Result<Rendered, PreviewError> {
    let reader = || {
        ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(unreadable)
    };
    let (width, height) = reader()?.into_dimensions().map_err(unreadable)?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PreviewError::TooManyPixels { width, height });
    }
    let mut decoding = reader()?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    decoding.limits(limits);
    let image = supported(decoding.decode().map_err(unreadable)?);
    let large = scaled(&image, LARGE)?;
    let small = scaled(&large, SMALL)?;
    Ok(Rendered {
        width,
        height,
        small: jpeg(&small)?,
        large: jpeg(&large)?,
    })
}

/// The image in a pixel type the resizer takes (8 or 16 bits, 1 to 4 channels).
fn supported(image: DynamicImage) -> DynamicImage {
    match image {
        DynamicImage::ImageRgb32F(_) => DynamicImage::ImageRgb8(image.to_rgb8()),
        DynamicImage::ImageRgba32F(_) => DynamicImage::ImageRgba8(image.to_rgba8()),
        other => other,
    }
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

#[cfg(test)]
mod tests {
    use image::{ImageFormat, RgbaImage};

    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = RgbaImage::from_fn(width, height, |x, y| {
            image::Rgba([(x % 256) as u8, (y % 256) as u8, 128, 200])
        });
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    fn size_of(jpeg: &[u8]) -> (u32, u32) {
        let image = image::load_from_memory_with_format(jpeg, ImageFormat::Jpeg).unwrap();
        (image.width(), image.height())
    }

    #[test]
    fn thumbnails_keep_the_shape_and_never_enlarge() {
        let rendered = render(&png(2000, 1000)).unwrap();
        assert_eq!((rendered.width, rendered.height), (2000, 1000));
        assert_eq!(size_of(&rendered.large), (1024, 512));
        assert_eq!(size_of(&rendered.small), (256, 128));
        let tiny = render(&png(100, 300)).unwrap();
        assert_eq!(size_of(&tiny.large), (100, 300));
        assert_eq!(size_of(&tiny.small), (85, 256));
    }

    /// A PNG whose header declares `width` × `height` and whose data is a few bytes.
    pub(crate) fn bomb(width: u32, height: u32) -> Vec<u8> {
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut out = (data.len() as u32).to_be_bytes().to_vec();
            out.extend_from_slice(kind);
            out.extend_from_slice(data);
            let mut crc = crc32(kind, data).to_be_bytes().to_vec();
            out.append(&mut crc);
            out
        };
        let mut header = width.to_be_bytes().to_vec();
        header.extend_from_slice(&height.to_be_bytes());
        header.extend_from_slice(&[8, 2, 0, 0, 0]);
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        out.extend(chunk(b"IHDR", &header));
        out.extend(chunk(
            b"IDAT",
            &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
        ));
        out.extend(chunk(b"IEND", &[]));
        out
    }

    fn crc32(kind: &[u8], data: &[u8]) -> u32 {
        let mut crc = !0_u32;
        for byte in kind.iter().chain(data) {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn a_decompression_bomb_is_refused_on_its_header() {
        let bomb = bomb(30_000, 30_000);
        assert!(bomb.len() < 100);
        assert!(matches!(
            render(&bomb),
            Err(PreviewError::TooManyPixels {
                width: 30_000,
                height: 30_000
            })
        ));
    }

    #[test]
    fn what_is_not_an_image_is_unreadable() {
        assert!(matches!(
            render(b"not an image"),
            Err(PreviewError::Unreadable(_))
        ));
    }
}
