//! The `Range` header of a download (RFC 9110 §14): one range of bytes, from a start, to
//! an end, or the last N. Several ranges at once are answered whole (which the RFC allows),
//! and so is anything that is not a byte range.

use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wanted {
    Whole,
    Part(Range<u64>),
    /// No byte of the range lies in the file: 416.
    Unsatisfiable,
}

/// What `header` asks of a file of `size` bytes.
pub fn wanted(header: Option<&str>, size: u64) -> Wanted {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else {
        return Wanted::Whole;
    };
    if spec.contains(',') {
        return Wanted::Whole;
    }
    let Some((first, last)) = spec.trim().split_once('-') else {
        return Wanted::Whole;
    };
    let number = |text: &str| -> Option<u64> {
        let text = text.trim();
        (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse().ok())
            .flatten()
    };
    match (first.trim().is_empty(), number(first), number(last)) {
        // `-N`: the last N bytes.
        (true, _, Some(0)) => Wanted::Unsatisfiable,
        (true, _, Some(suffix)) if size > 0 => Wanted::Part(size.saturating_sub(suffix)..size),
        (true, _, _) => Wanted::Unsatisfiable,
        (false, Some(start), _) if start >= size => Wanted::Unsatisfiable,
        (false, Some(start), None) if last.trim().is_empty() => Wanted::Part(start..size),
        (false, Some(start), Some(end)) if end >= start => {
            Wanted::Part(start..end.saturating_add(1).min(size))
        }
        _ => Wanted::Whole,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn the_forms_of_one_range() {
        let of = |h: &str| wanted(Some(h), 100);
        assert_eq!(of("bytes=0-9"), Wanted::Part(0..10));
        assert_eq!(of("bytes=90-"), Wanted::Part(90..100));
        assert_eq!(of("bytes=-10"), Wanted::Part(90..100));
        assert_eq!(of("bytes=-1000"), Wanted::Part(0..100));
        assert_eq!(of("bytes=50-1000"), Wanted::Part(50..100));
        assert_eq!(of("bytes=100-"), Wanted::Unsatisfiable);
        assert_eq!(of("bytes=-0"), Wanted::Unsatisfiable);
        assert_eq!(of("bytes=0-1,5-6"), Wanted::Whole);
        assert_eq!(of("bytes=9-3"), Wanted::Whole);
        assert_eq!(of("items=0-1"), Wanted::Whole);
        assert_eq!(of("bytes=+1-2"), Wanted::Whole);
        assert_eq!(wanted(None, 100), Wanted::Whole);
    }

    proptest! {
        /// Whatever the header, a part asked for lies inside the file and is not empty.
        #[test]
        fn a_part_is_inside_the_file(header in "bytes=[0-9 -]{0,12}", size in 0_u64..1000) {
            if let Wanted::Part(range) = wanted(Some(&header), size) {
                prop_assert!(range.start < range.end && range.end <= size, "{header} {range:?}");
            }
        }
    }
}
