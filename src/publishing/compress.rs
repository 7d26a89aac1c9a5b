//! `build --compress`: a `.gz` and a `.br` file beside every text file over
//! 1 KB, for hosts that serve precompressed files (nginx `gzip_static` and
//! `brotli_static`, S3 with `Content-Encoding`). A sink that wraps another,
//! so compression happens as each file is made, in parallel like rendering.
//!
//! Compressing is slow and most files are the same as last night, so the
//! compressed copies are kept in `.wijkverhaal-cache/gecomprimeerd/` under a
//! 128-bit hash of the text and reused; a full build removes the copies no
//! file of the site uses any more.

use std::collections::HashSet;
use std::hash::Hasher;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::BuildError;
use crate::output::Sink;

/// Where compressed copies are kept between builds, in the site's folder.
pub const CACHE: &str = ".wijkverhaal-cache/gecomprimeerd";

/// Bumped when the compression settings change, so old copies are not reused.
const VERSION: u32 = 2;

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

/// Brotli at quality 4, with a window that fits the file. Measured on the
/// site's own pages (400 pages, 3.9 MB, `brotli` crate 9.1): quality 4
/// compresses 29 MB/s to 27.6 % of the text; every quality from 5 to 9 takes
/// about 13 ms per page whatever its size (0.7 MB/s) for 26.5 %, and
/// quality 11 twice that for 24.2 %. One point less compression is not worth
/// forty times the time; the cache makes a rebuild cheap either way.
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 4);
    let fitting = usize::BITS - bytes.len().max(1).leading_zeros();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 4,
        lgwin: i32::try_from(fitting.clamp(16, 22)).unwrap_or(22),
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut input = bytes;
    // Reading a slice and writing a Vec cannot fail.
    let _ = brotli::BrotliCompress(&mut input, &mut out, &params);
    out
}

/// A way to compress, such as [`gzip`].
type Encoder = fn(&[u8]) -> Vec<u8>;

/// The two encodings, by extension.
const ENCODINGS: [(&str, Encoder); 2] = [("gz", gzip), ("br", brotli)];

/// The cache key of a text: two independent 64-bit hashes and the length.
fn key(bytes: &[u8]) -> String {
    let hash = |salt: u32| {
        let mut hasher = std::hash::DefaultHasher::new();
        hasher.write_u32(salt);
        hasher.write_u32(VERSION);
        hasher.write(bytes);
        hasher.finish()
    };
    format!(
        "{:016x}{:016x}{:x}",
        hash(0x6777),
        hash(0x6272),
        bytes.len()
    )
}

/// Compressed copies kept between builds, and the ones this build used.
pub struct Cache {
    folder: PathBuf,
    used: Mutex<HashSet<String>>,
}

impl Cache {
    /// The cache of the site at `root`.
    pub fn of(root: &Path) -> Cache {
        Cache {
            folder: root.join(CACHE),
            used: Mutex::new(HashSet::new()),
        }
    }

    fn file(&self, key: &str, extension: &str) -> PathBuf {
        self.folder
            .join(&key[..2])
            .join(format!("{key}.{extension}"))
    }

    /// The cached copy of `bytes` in `extension`, made now when missing.
    /// `None` when the cache cannot be written (the caller compresses then).
    fn get(&self, key: &str, extension: &str, bytes: &[u8], make: Encoder) -> Option<PathBuf> {
        let file = self.file(key, extension);
        if let Ok(mut used) = self.used.lock() {
            used.insert(format!("{key}.{extension}"));
        }
        if file.is_file() {
            return Some(file);
        }
        let folder = file.parent()?;
        std::fs::create_dir_all(folder).ok()?;
        // Written beside and renamed, so a killed build leaves no half copy.
        let part = folder.join(format!("{key}.{extension}.{}.deel", std::process::id()));
        std::fs::write(&part, make(bytes)).ok()?;
        match std::fs::rename(&part, &file) {
            Ok(()) => Some(file),
            Err(_) => {
                let _ = std::fs::remove_file(&part);
                None
            }
        }
    }

    /// Removes the copies this build did not use. Only after a full build:
    /// a build of some wijken does not see the others' files.
    pub fn prune(&self) {
        let Ok(used) = self.used.lock() else { return };
        let Ok(folders) = std::fs::read_dir(&self.folder) else {
            return;
        };
        for folder in folders.flatten() {
            let Ok(files) = std::fs::read_dir(folder.path()) else {
                continue;
            };
            for file in files.flatten() {
                if !used.contains(file.file_name().to_string_lossy().as_ref()) {
                    let _ = std::fs::remove_file(file.path());
                }
            }
            let _ = std::fs::remove_dir(folder.path());
        }
    }
}

/// A sink that hands every file on, plus `.gz` and `.br` beside the text
/// files that [`wants`] compressed, taken from `cache` when it has them.
pub struct Compressing<'a> {
    pub inner: &'a dyn Sink,
    pub cache: &'a Cache,
}

impl Sink for Compressing<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), BuildError> {
        self.inner.put(path, bytes)?;
        if wants(path, bytes.len()) {
            let key = key(bytes);
            for (extension, make) in ENCODINGS {
                let name = format!("{path}.{extension}");
                match self.cache.get(&key, extension, bytes, make) {
                    Some(cached) => self.inner.put_cached(&name, &cached)?,
                    None => self.inner.put(&name, &make(bytes))?,
                }
            }
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

    #[derive(Default)]
    struct Memory(Mutex<Vec<(String, Vec<u8>)>>);

    impl Sink for Memory {
        fn put(&self, path: &str, bytes: &[u8]) -> Result<(), BuildError> {
            self.0
                .lock()
                .unwrap()
                .push((path.to_string(), bytes.to_vec()));
            Ok(())
        }
    }

    fn cached_files(root: &Path) -> Vec<PathBuf> {
        walkdir::WalkDir::new(root.join(CACHE))
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect()
    }

    #[test]
    fn a_second_build_takes_the_copies_from_the_cache_and_a_full_build_prunes() {
        let root = tempfile::tempdir().unwrap();
        let page = "<p>Warmtenet in de Bloemstraat.</p>\n".repeat(60);
        let other = "<p>Riool in de Lindelaan.</p>\n".repeat(60);
        let cache = Cache::of(root.path());
        let sink = Memory::default();
        let compressing = Compressing {
            inner: &sink,
            cache: &cache,
        };
        compressing.put("a/index.html", page.as_bytes()).unwrap();
        compressing.put("b/index.html", other.as_bytes()).unwrap();
        compressing.put("klein.html", b"<p>kort</p>").unwrap();
        assert_eq!(cached_files(root.path()).len(), 4);
        let written = sink.0.lock().unwrap().clone();
        let names: Vec<&str> = written.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            names,
            [
                "a/index.html",
                "a/index.html.gz",
                "a/index.html.br",
                "b/index.html",
                "b/index.html.gz",
                "b/index.html.br",
                "klein.html"
            ]
        );
        assert_eq!(written[1].1, gzip(page.as_bytes()));
        assert_eq!(written[2].1, brotli(page.as_bytes()));

        // A copy in the cache is used as it is, not made again.
        let gz = cache.file(&key(page.as_bytes()), "gz");
        std::fs::write(&gz, b"from the cache").unwrap();
        let next = Cache::of(root.path());
        let sink = Memory::default();
        Compressing {
            inner: &sink,
            cache: &next,
        }
        .put("a/index.html", page.as_bytes())
        .unwrap();
        assert_eq!(sink.0.lock().unwrap()[1].1, b"from the cache");
        next.prune();
        let left = cached_files(root.path());
        assert_eq!(left.len(), 2, "b's copies are gone: {left:?}");
        assert!(
            left.iter()
                .all(|f| f.to_string_lossy().contains(&key(page.as_bytes())))
        );
    }

    #[test]
    fn an_unwritable_cache_still_compresses() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join(".wijkverhaal-cache")).unwrap();
        std::fs::write(root.path().join(CACHE), "een bestand, geen map").unwrap();
        let cache = Cache::of(root.path());
        let sink = Memory::default();
        let page = "<p>Bomen in de Eikenlaan.</p>\n".repeat(60);
        Compressing {
            inner: &sink,
            cache: &cache,
        }
        .put("index.html", page.as_bytes())
        .unwrap();
        let written = sink.0.lock().unwrap();
        assert_eq!(written[2].1, brotli(page.as_bytes()));
    }

    #[test]
    fn the_key_tells_texts_apart() {
        assert_ne!(key(b"abc"), key(b"abd"));
        assert_ne!(key(b"abc"), key(b"abc "));
        assert_eq!(key(b"abc"), key(b"abc"));
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
