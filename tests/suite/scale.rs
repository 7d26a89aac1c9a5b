//! Work per street link is constant: an item that lists every one of 10,000
//! streets builds in seconds, and each street page stays small (a list
//! shows the first streets of an item and links to the item for the rest).

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use wijkverhaal::build::{BuildOptions, load_config, load_site, render_site};
use wijkverhaal::error::BuildError;
use wijkverhaal::output::Sink;

use crate::util::TestSite;

/// Counts what a build writes, keeping only the largest street page.
#[derive(Default)]
struct Counting {
    files: AtomicUsize,
    bytes: AtomicUsize,
    largest_street_page: Mutex<(usize, String)>,
}

impl Sink for Counting {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), BuildError> {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len(), Ordering::Relaxed);
        let street_page = path
            .split_once("/straten/")
            .is_some_and(|(_, rest)| rest.split('/').count() == 2 && rest.ends_with("/index.html"));
        if street_page {
            let mut largest = self.largest_street_page.lock().unwrap();
            if bytes.len() > largest.0 {
                *largest = (bytes.len(), String::from_utf8_lossy(bytes).into_owned());
            }
        }
        Ok(())
    }
}

/// Builds a wijk of `n` streets with one works item on all of them, into
/// a counting sink; returns the sink and how long rendering took.
fn one_item_on_every_street(n: usize) -> (Counting, std::time::Duration) {
    let streets: Vec<String> = (1..=n).map(|i| format!("Straat {i}")).collect();
    let list = serde_json::to_string(&streets).unwrap();
    let site = TestSite::empty()
        .file("site.toml", crate::util::SITE_TOML)
        .file(
            "content/groot/_index.md",
            &format!(
                "+++\nname = \"Groot\"\nsummary = \"Een grote wijk.\"\nstreets = {list}\n[contact]\nname = \"C\"\nemail = \"c@proef.nl\"\n+++\nVerhaal.\n"
            ),
        )
        .file(
            "content/groot/werk.md",
            &crate::util::contribution(
                &format!("title = \"Overal werk\"\ndepartment = \"D\"\nkind = \"works\"\nstart = 2027-03-01\nstreets = {list}"),
                "Tekst.",
            ),
        );
    let root = site.root();
    let config = load_config(root, None).unwrap();
    let (loaded, diagnostics) = load_site(root, config);
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
    let options = BuildOptions {
        root: root.to_path_buf(),
        today: Some(jiff::civil::date(2027, 1, 15)),
        ..BuildOptions::default()
    };
    let sink = Counting::default();
    let started = std::time::Instant::now();
    render_site(root, &loaded, &options, &sink).unwrap();
    let elapsed = started.elapsed();
    (sink, elapsed)
}

/// Asserts the street pages of `sink` stay small and name the rest.
fn street_pages_stay_small(sink: &Counting, n: usize) {
    let (largest, page) = &*sink.largest_street_page.lock().unwrap();
    assert!(sink.files.load(Ordering::Relaxed) > 2 * n);
    // Before: every street page listed all n streets (4.9 GB in all for 10,000).
    assert!(*largest < 20_000, "a street page of {largest} bytes");
    let more = format!("en nog {} andere straten", n - 10);
    assert!(page.contains(&more), "{page}");
}

#[test]
fn one_item_on_a_thousand_streets_keeps_street_pages_small() {
    let (sink, _) = one_item_on_every_street(1_000);
    street_pages_stay_small(&sink, 1_000);
}

#[test]
fn one_item_on_ten_thousand_streets_builds_in_seconds() {
    let (sink, elapsed) = one_item_on_every_street(10_000);
    street_pages_stay_small(&sink, 10_000);
    assert!(
        sink.bytes.load(Ordering::Relaxed) < 300_000_000,
        "{} bytes",
        sink.bytes.load(Ordering::Relaxed)
    );
    // Quadratic, this was killed after 10 minutes optimized; now it takes a
    // few seconds of CPU, some 8 s unoptimized. The bound leaves room for a
    // busy machine.
    assert!(elapsed.as_secs() < 60, "{elapsed:?}");
}
