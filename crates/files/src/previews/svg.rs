//! Previews of SVG with `resvg`. Nothing outside the file is read: `<image>` references,
//! local paths and data URLs alike, resolve to nothing (a file on the server's disk must never
//! end up in a preview), and text is not drawn (no fonts are loaded). The picture is drawn
//! at the scale that fits the preview, whatever size it declares.

use resvg::{
    tiny_skia::{Color, Pixmap, Transform},
    usvg::{ImageHrefResolver, Options, Tree},
};

use super::{LARGE, PreviewError, Rendered, fit, opaque_rgba, thumbnails, unreadable};

/// The most bytes of SVG that get a preview: past it, parsing alone costs too much.
const MAX_SVG_BYTES: usize = 10 * 1024 * 1024;

fn options() -> Options<'static> {
    Options {
        image_href_resolver: ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..Options::default()
    }
}

pub(super) fn render(bytes: &[u8]) -> Result<Rendered, PreviewError> {
    if bytes.len() > MAX_SVG_BYTES {
        return Err(unreadable("the SVG is too large to preview"));
    }
    let tree = Tree::from_data(bytes, &options()).map_err(unreadable)?;
    let size = tree.size();
    let (width, height) = (f64::from(size.width()), f64::from(size.height()));
    let scale = fit(width, height, LARGE);
    let side = |n: f64| ((n * scale).round() as u32).clamp(1, LARGE);
    let (w, h) = (side(width), side(height));
    let mut pixmap = Pixmap::new(w, h).ok_or_else(|| unreadable("the SVG has no size"))?;
    pixmap.fill(Color::WHITE);
    resvg::render(
        &tree,
        Transform::from_scale(scale as f32, scale as f32),
        &mut pixmap.as_mut(),
    );
    let (small, large) = thumbnails(&opaque_rgba(w, h, pixmap.take())?)?;
    let declared = |n: f64| n.round().clamp(1.0, f64::from(u32::MAX)) as u32;
    Ok(Rendered {
        size: Some((declared(width), declared(height))),
        pages: None,
        small,
        large,
        more_pages: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::{jpeg_size, svg};

    #[test]
    fn a_drawing_is_scaled_to_fit_whatever_size_it_declares() {
        let rendered = render(&svg(200, 100)).unwrap();
        assert_eq!(rendered.size, Some((200, 100)));
        assert_eq!(jpeg_size(&rendered.large), (1024, 512));
        let huge = render(&svg(1_000_000, 1_000_000)).unwrap();
        assert_eq!(jpeg_size(&huge.large), (1024, 1024));
        let large = image::load_from_memory(&rendered.large).unwrap().to_rgb8();
        let left = large.get_pixel(100, 256).0;
        let right = large.get_pixel(900, 256).0;
        assert!(left[0] > 200 && left[1] < 60, "{left:?}");
        assert!(right.iter().all(|c| *c > 240), "{right:?}");
    }

    #[test]
    fn nothing_outside_the_file_is_drawn() {
        let dir = std::env::temp_dir().join(format!("flux-svg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let secret = dir.join("secret.svg");
        std::fs::write(&secret, svg(100, 100)).unwrap();
        let referring = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" \
             xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"100\" height=\"100\">\
             <image href=\"{0}\" xlink:href=\"{0}\" width=\"100\" height=\"100\"/></svg>",
            secret.display()
        );
        let rendered = render(referring.as_bytes()).unwrap();
        let large = image::load_from_memory(&rendered.large).unwrap().to_rgb8();
        assert!(large.pixels().all(|p| p.0.iter().all(|c| *c > 240)));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn what_is_not_svg_is_unreadable() {
        assert!(matches!(render(b"<svg"), Err(PreviewError::Unreadable(_))));
    }
}
