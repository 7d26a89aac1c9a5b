//! `build --compress`: a `.gz` and a `.br` file beside every text file over
//! 1 KB, for hosts that serve precompressed files (nginx `gzip_static` and
//! `brotli_static`, S3 with `Content-Encoding`). A sink that wraps another,
//! so compression happens as each file is made, in parallel like rendering.

use std::io::Write;

use crate::error::BuildError;
use crate::output::Sink;

/// Files this size or smaller gain too little to be worth two more files.
pub const MIN_SIZE: usize = 1024;

/// The extensions of the text files the site writes.
const TEXT: &[&str] = &[
    "html", "css", "js", "mjs", "xml", "json", "geojson", "ics", "svg", "txt",
];

/// Whether the file at `path` with `len` bytes gets compressed companions.
pub fn wants(path: &str, len: usize) -> bool {
    len > MIN_SIZE
        && !path.rsplit('/').next().unwrap_or(path).starts_with('_')
        && path
            .rsplit_once('.')
            .is_some_and(|(_, ext)| TEXT.contains(&ext.to_ascii_lowercase().as_str()))
}

/// gzip at the best level: the work is done once, at build time.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::best(),
    );
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// Brotli at quality 9 with a window that fits the site's files. Quality 11
/// took 77 times the build's own CPU on 10,000 contributions.
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 4);
    let params = brotli::enc::BrotliEncoderParams {
        quality: 9,
        lgwin: 22,
        ..Default::default()
    };
    let mut input = bytes;
    // Reading a slice and writing a Vec cannot fail.
    let _ = brotli::BrotliCompress(&mut input, &mut out, &params);
    out
}

/// A sink that hands every file on, plus `.gz` and `.br` beside the text
/// files that [`wants`] compressed.
pub struct Compressing<'a> {
    pub inner: &'a dyn Sink,
}

impl Sink for Compressing<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), BuildError> {
        self.inner.put(path, bytes)?;
        if wants(path, bytes.len()) {
            self.inner.put(&format!("{path}.gz"), &gzip(bytes))?;
            self.inner.put(&format!("{path}.br"), &brotli(bytes))?;
        }
        Ok(())
    }

    /// Processed images are compressed already: passed on as they are.
    fn put_cached(&self, path: &str, source: &std::path::Path) -> Result<(), BuildError> {
        self.inner.put_cached(path, source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn both_decompress_to_the_original() {
        let text = "<p>Bloemstraat: warmtenet, riool en bomen in één keer.</p>\n".repeat(40);
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gzip(text.as_bytes())[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, text.as_bytes());
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &brotli(text.as_bytes())[..], &mut back).unwrap();
        assert_eq!(back, text.as_bytes());
    }

    #[test]
    fn only_text_files_over_one_kilobyte() {
        assert!(wants("a/index.html", 1025));
        assert!(!wants("a/index.html", 1024));
        assert!(wants("w/werk.geojson", 5000));
        assert!(wants("assets/wijkverhaal.0badf00d.css", 5000));
        assert!(!wants("a/plan.pdf", 50_000));
        assert!(!wants("_headers", 5000));
    }
}
