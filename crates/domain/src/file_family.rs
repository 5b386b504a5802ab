//! The families of files a studio shares, told from a file's bytes (`crates/files`): what
//! the web app shows them as, what previews they get, and a filter on a project's files.

use crate::{parsed_from_field, vocabulary};

vocabulary! {
    pub enum FileFamily {
        Image = "image",
        Vector = "vector",
        Pdf = "pdf",
        Video = "video",
        Audio = "audio",
        Archive = "archive",
        Design = "design",
    }
}

parsed_from_field!(FileFamily, "kind");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_reads_back() {
        for family in FileFamily::ALL {
            assert_eq!(family.as_str().parse(), Ok(*family));
        }
        assert_eq!("text".parse::<FileFamily>().unwrap_err().field, "kind");
    }
}
