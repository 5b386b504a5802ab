//! Previews of raster images. The declared size is read from the header before anything is
//! decoded, and an image of more than [`MAX_PIXELS`] is refused there: a tiny file declaring
//! 30,000 × 30,000 pixels (a decompression bomb) costs a few bytes of reading, not 3.6 GB.
//! Decoding itself runs under `image`'s memory limit.

use std::io::Cursor;

use image::{DynamicImage, ImageReader, Limits};

use super::{LARGE, PreviewError, Rendered, scaled, thumbnails, unreadable};

/// The most pixels an image may have to get a preview: 100 megapixels (a 6000 × 4000 photo
/// has 24).
pub const MAX_PIXELS: u64 = 100_000_000;
/// What decoding one image may allocate (RGBA at [`MAX_PIXELS`] is 400 MB).
pub const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;

/// The previews of the image in `bytes`.
pub(super) fn render(bytes: &[u8]) -> Result<Rendered, PreviewError> {
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
    let (small, large) = thumbnails(&scaled(&image, LARGE)?)?;
    Ok(Rendered {
        size: Some((width, height)),
        pages: None,
        small,
        large,
        more_pages: Vec::new(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::{jpeg_size as size_of, png};

    #[test]
    fn thumbnails_keep_the_shape_and_never_enlarge() {
        let rendered = render(&png(2000, 1000)).unwrap();
        assert_eq!(rendered.size, Some((2000, 1000)));
        assert_eq!(size_of(&rendered.large), (1024, 512));
        assert_eq!(size_of(&rendered.small), (256, 128));
        let tiny = render(&png(100, 300)).unwrap();
        assert_eq!(size_of(&tiny.large), (100, 300));
        assert_eq!(size_of(&tiny.small), (85, 256));
    }

    #[test]
    fn a_decompression_bomb_is_refused_on_its_header() {
        let bomb = crate::samples::bomb_png(30_000, 30_000);
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
