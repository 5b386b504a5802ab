use axum::body::{Body, Bytes};
use futures_util::{StreamExt, TryStreamExt, stream};
use proptest::prelude::*;

use super::{Form, FormError, Part, boundary, parameters};

/// A body that arrives as `chunks`.
fn body(chunks: Vec<Bytes>) -> axum::body::BodyDataStream {
    Body::from_stream(stream::iter(
        chunks.into_iter().map(Ok::<_, std::io::Error>),
    ))
    .into_data_stream()
}

/// `bytes` cut at `cuts` (offsets, in any order).
fn cut(bytes: &[u8], cuts: &[usize]) -> Vec<Bytes> {
    let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (bytes.len() + 1)).collect();
    cuts.extend([0, bytes.len()]);
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| Bytes::copy_from_slice(&bytes[w[0]..w[1]]))
        .collect()
}

/// A form with one file part holding `file`.
fn form_of(boundary: &str, file: &[u8]) -> Vec<u8> {
    let mut form = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\
         Content-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    form.extend_from_slice(file);
    form.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    form
}

/// The first part and its data, read from `chunks`.
async fn read(boundary: &str, chunks: Vec<Bytes>) -> Result<(Part, Vec<u8>), FormError> {
    let mut form = Form::new(body(chunks), boundary);
    let part = form.first_part().await?.expect("a part");
    let pieces: Vec<Bytes> = form.data().try_collect().await?;
    Ok((part, pieces.concat()))
}

fn run<T>(future: impl Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(future)
}

proptest! {
    /// Bytes made of the boundary's own pieces, cut anywhere, read back exactly: in forms
    /// small and larger than what is joined to bytes held from a chunk before.
    #[test]
    fn data_cut_anywhere_reads_back_whole(
        mut file in prop::collection::vec(prop::sample::select(b"\r\n-bx".to_vec()), 0..12_000),
        cuts in prop::collection::vec(0_usize..13_000, 0..12),
    ) {
        // The file must not hold the boundary itself.
        for at in 4..file.len() {
            if file[at - 4..=at] == *b"\r\n--b" {
                file[at] = b'x';
            }
        }
        let form = form_of("b", &file);
        let (part, data) = run(read("b", cut(&form, &cuts))).unwrap();
        prop_assert_eq!(part.file_name.as_deref(), Some("a.png"));
        prop_assert_eq!(data, file);
    }
}

#[tokio::test]
async fn one_byte_chunks_read_back_whole() {
    let file = b"\r\n-\r\n--\r\n--boun\r\r\n--boundar\xff\x00end\r".to_vec();
    let form = form_of("boundary", &file);
    let chunks = form.iter().map(|b| Bytes::copy_from_slice(&[*b])).collect();
    let (_, data) = read("boundary", chunks).await.unwrap();
    assert_eq!(data, file);
}

#[tokio::test]
async fn the_files_bytes_are_slices_of_the_chunks_received() {
    let file: Vec<u8> = (0..300_000_u32).map(|i| (i % 251) as u8 | 0x10).collect();
    let chunks = cut(&form_of("b0undary", &file), &[70_000, 150_000, 250_000]);
    let copied = |piece: &&Bytes| {
        let at = piece.as_ptr() as usize;
        !chunks.iter().any(|chunk| {
            let start = chunk.as_ptr() as usize;
            at >= start && at + piece.len() <= start + chunk.len()
        })
    };
    let mut form = Form::new(body(chunks.clone()), "b0undary");
    form.first_part().await.unwrap().unwrap();
    let pieces: Vec<Bytes> = form.data().try_collect().await.unwrap();
    // Only the data that follows the part's headers in their chunk is copied (a few KiB
    // joined to the boundary held before the first chunk).
    let copied: usize = pieces.iter().filter(copied).map(|p| p.len()).sum();
    assert!(copied <= super::JOIN_BYTES, "copied {copied} bytes");
    assert_eq!(pieces.concat(), file);
}

#[tokio::test]
async fn a_preamble_is_skipped_and_a_closed_form_has_no_part() {
    let mut with_preamble = b"This is a preamble.\r\n".to_vec();
    with_preamble.extend(form_of("b", b"data"));
    let (_, data) = read("b", vec![with_preamble.into()]).await.unwrap();
    assert_eq!(data, b"data");

    let mut empty = Form::new(body(vec![Bytes::from_static(b"--b--\r\n")]), "b");
    assert_eq!(empty.first_part().await.unwrap(), None);
    // Padding after a boundary is allowed; anything else on its line is not.
    let padded = b"--b \t\r\nContent-Disposition: form-data; name=x\r\n\r\nv\r\n--b--";
    let (part, data) = read("b", vec![Bytes::from_static(padded)]).await.unwrap();
    assert_eq!(
        (part.name.as_deref(), data.as_slice()),
        (Some("x"), &b"v"[..])
    );
    let junk = b"--bjunk\r\n\r\nv\r\n--b--";
    let refused = read("b", vec![Bytes::from_static(junk)]).await;
    assert!(
        matches!(refused, Err(FormError::Malformed(_))),
        "{refused:?}"
    );
}

#[tokio::test]
async fn a_body_that_ends_early_or_is_no_form_is_refused() {
    let form = form_of("b", b"some data");
    let cut_short = Bytes::copy_from_slice(&form[..form.len() - 12]);
    assert!(matches!(
        read("b", vec![cut_short]).await,
        Err(FormError::Incomplete)
    ));
    let no_form = Bytes::from_static(b"this is not a form at all");
    assert!(matches!(
        read("b", vec![no_form]).await,
        Err(FormError::Incomplete)
    ));
    let headers_cut = Bytes::from_static(b"--b\r\nContent-Disposition: form-da");
    assert!(matches!(
        read("b", vec![headers_cut]).await,
        Err(FormError::Incomplete)
    ));
}

#[tokio::test]
async fn headers_too_long_too_many_or_unreadable_are_refused() {
    let long = format!("--b\r\nX-Long: {}\r\n\r\nv\r\n--b--", "y".repeat(9000));
    let many: String = (0..20).map(|i| format!("X-{i}: v\r\n")).collect();
    let many = format!("--b\r\n{many}\r\nv\r\n--b--");
    let bad = "--b\r\nNo colon here\r\n\r\nv\r\n--b--".to_owned();
    let not_form_data = "--b\r\nContent-Disposition: attachment; name=file\r\n\r\nv\r\n--b--";
    for form in [long, many, bad, not_form_data.to_owned()] {
        let refused = read("b", vec![Bytes::from(form.clone())]).await;
        assert!(
            matches!(refused, Err(FormError::Malformed(_))),
            "{form:.60}"
        );
    }
}

#[tokio::test]
async fn a_broken_body_says_why_in_its_source() {
    let chunks = vec![
        Ok(Bytes::from_static(
            b"--b\r\nContent-Disposition: form-data; name=file\r\n\r\nv",
        )),
        Err(std::io::Error::other("connection reset")),
    ];
    let mut form = Form::new(
        Body::from_stream(stream::iter(chunks)).into_data_stream(),
        "b",
    );
    form.first_part().await.unwrap();
    let mut data = std::pin::pin!(form.data());
    assert_eq!(data.next().await.unwrap().unwrap(), "v");
    let error = data.next().await.unwrap().unwrap_err();
    let source = std::error::Error::source(&error).expect("a source");
    assert!(source.to_string().contains("connection reset"), "{source}");
}

#[test]
fn names_are_read_as_browsers_and_curl_send_them() {
    let names = |disposition: &str| {
        let headers = [httparse::Header {
            name: "content-disposition",
            value: disposition.as_bytes(),
        }];
        let part = super::part(&headers).unwrap();
        (part.name, part.file_name)
    };
    let some = |s: &str| Some(s.to_owned());
    assert_eq!(
        names(r#"form-data; name="file"; filename="a; b.png""#),
        (some("file"), some("a; b.png"))
    );
    assert_eq!(
        names(r#"Form-Data; NAME=file; FileName="q\"uote.png""#),
        (some("file"), some("q\"uote.png"))
    );
    // A browser sends `\` as it is.
    assert_eq!(
        names(r#"form-data; name="file"; filename="C:\dir\x.png""#).1,
        some(r"C:\dir\x.png")
    );
    assert_eq!(
        names("form-data; name=\"file\"; filename=\"caf\u{e9}.png\"").1,
        some("caf\u{e9}.png")
    );
    assert_eq!(
        names(r#"form-data; name="file"; filename="fallback.png"; filename*=UTF-8''%E2%82%AC%20rates.png"#).1,
        some("\u{20ac} rates.png")
    );
    assert_eq!(names(r#"form-data; name="file""#), (some("file"), None));
    assert_eq!(names("form-data"), (None, None));
}

#[test]
fn boundaries_come_from_a_form_data_content_type_only() {
    let some = |s: &str| Some(s.to_owned());
    assert_eq!(boundary("multipart/form-data; boundary=abc"), some("abc"));
    assert_eq!(
        boundary(r#"Multipart/Form-Data;BOUNDARY="a b:c""#),
        some("a b:c")
    );
    assert_eq!(
        boundary("multipart/form-data; charset=utf-8; boundary=x; y=z"),
        some("x")
    );
    assert_eq!(boundary("multipart/form-data"), None);
    assert_eq!(boundary("multipart/form-data; boundary="), None);
    assert_eq!(
        boundary(&format!("multipart/form-data; boundary={}", "a".repeat(71))),
        None
    );
    assert_eq!(boundary("multipart/mixed; boundary=abc"), None);
    assert_eq!(boundary("application/json"), None);
    assert_eq!(boundary(""), None);
    let items: Vec<_> = parameters("a; k=v;; q=\"x;y\"").collect();
    assert_eq!(
        items,
        [
            ("a".into(), "".into()),
            ("k".into(), "v".into()),
            ("q".into(), "x;y".into())
        ]
    );
}
