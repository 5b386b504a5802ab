//! Previews of a PDF's pages with `hayro` (pure Rust): the first page's small and large
//! thumbnails, large previews of the pages after it up to [`MAX_PAGES`], and the page count.
//! Each page is drawn at the scale that fits it within the preview, so a page declaring an
//! enormous size costs no more pixels than a letter-sized one.

use std::sync::Arc;

use hayro::{
    PixmapSettings, RenderCache, RenderSettings, hayro_interpret::InterpreterSettings,
    hayro_syntax::Pdf, render as draw, vello_cpu::color::palette::css::WHITE,
};

use super::{LARGE, PreviewError, Rendered, fit, jpeg, opaque_rgba, thumbnails, unreadable};

/// The most pages of one PDF that get a preview; the viewer offers the download past them.
pub const MAX_PAGES: usize = 30;

pub(super) fn render(bytes: &[u8]) -> Result<Rendered, PreviewError> {
    let pdf =
        Pdf::new(Arc::new(bytes.to_vec())).map_err(|error| unreadable(format!("{error:?}")))?;
    let pages = pdf.pages();
    if pages.is_empty() {
        return Err(unreadable("the PDF has no pages"));
    }
    let cache = RenderCache::new();
    let interpreter = InterpreterSettings::default();
    let settings = RenderSettings::default();
    let mut drawn = Vec::new();
    for page in pages.iter().take(MAX_PAGES) {
        let (width, height) = page.render_dimensions();
        if !(width.is_finite() && height.is_finite() && width >= 1.0 && height >= 1.0) {
            return Err(unreadable("a page has no size"));
        }
        let scale = fit(f64::from(width), f64::from(height), LARGE) as f32;
        let pixmap_settings = PixmapSettings {
            x_scale: scale,
            y_scale: scale,
            bg_color: WHITE,
        };
        let pixmap = draw(page, &cache, &interpreter, &settings, &pixmap_settings);
        let (w, h) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
        drawn.push(opaque_rgba(w, h, pixmap.data_as_u8_slice().to_vec())?);
    }
    let mut drawn = drawn.into_iter();
    let first = drawn
        .next()
        .ok_or_else(|| unreadable("the PDF has no pages"))?;
    let (small, large) = thumbnails(&first)?;
    let more_pages = drawn.map(|page| jpeg(&page)).collect::<Result<_, _>>()?;
    Ok(Rendered {
        size: None,
        pages: Some(u32::try_from(pages.len()).unwrap_or(u32::MAX)),
        small,
        large,
        more_pages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::{jpeg_size, pdf};

    #[test]
    fn each_page_is_drawn_to_fit_and_counted() {
        let rendered = render(&pdf(3)).unwrap();
        assert_eq!(rendered.pages, Some(3));
        assert_eq!(rendered.size, None);
        assert_eq!(jpeg_size(&rendered.large), (1024, 512));
        assert_eq!(jpeg_size(&rendered.small), (256, 128));
        assert_eq!(rendered.more_pages.len(), 2);
        let page = image::load_from_memory(&rendered.more_pages[1])
            .unwrap()
            .to_rgb8();
        // The blue box is drawn in the middle of the page, on white.
        let middle = page.get_pixel(512, 256).0;
        assert!(middle[2] > 200 && middle[0] < 60, "{middle:?}");
        assert!(page.get_pixel(5, 5).0.iter().all(|c| *c > 240));
    }

    #[test]
    fn only_the_first_pages_get_previews() {
        let rendered = render(&pdf(MAX_PAGES + 5)).unwrap();
        assert_eq!(rendered.pages, Some(MAX_PAGES as u32 + 5));
        assert_eq!(rendered.more_pages.len(), MAX_PAGES - 1);
    }

    #[test]
    fn what_is_not_a_pdf_is_unreadable() {
        assert!(matches!(
            render(b"%PDF-1.7 nothing more"),
            Err(PreviewError::Unreadable(_))
        ));
    }
}
