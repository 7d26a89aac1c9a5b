//! The cost of one letter's QR code (`letter::qr::svg`), apart from the
//! build: street addresses like a generated site's (50 to 90 bytes, QR
//! versions 4 to 6), each drawn once.
//!
//!     cargo bench --bench qr            # 5,000 codes
//!     cargo bench --bench qr -- 20000   # 20,000 codes
//!
//! For instruction counts (deterministic on a busy machine):
//!
//!     valgrind --tool=callgrind target/release/deps/qr-<hash> 1000

use std::time::Instant;

use wijkverhaal::letter::qr;

const WIJKEN: [&str; 6] = [
    "zonnehoek-oost",
    "beekdal-midden",
    "de-vijf-eiken",
    "noord",
    "tuinwijk-zuid-west",
    "oude-haven",
];

const STREETS: [&str; 8] = [
    "wilgenplein",
    "akkerlaan",
    "burgemeester-van-der-molenstraat",
    "anjerplein",
    "violierdreef",
    "kerkpad",
    "prinses-margrietlaan",
    "a",
];

fn main() {
    let count: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(5000);
    let urls: Vec<String> = (0..count)
        .map(|i| {
            let street = STREETS[i % STREETS.len()];
            format!(
                "https://wijken.benchmark.example/{}/straten/{street}{}/",
                WIJKEN[i / STREETS.len() % WIJKEN.len()],
                i / 48
            )
        })
        .collect();
    let started = Instant::now();
    let bytes: usize = urls
        .iter()
        .map(|url| qr::svg(url).map_or(0, |s| s.len()))
        .sum();
    let took = started.elapsed();
    println!(
        "{count} QR codes: {:.1} µs a code, {:.0} bytes of SVG a code",
        took.as_secs_f64() * 1e6 / count as f64,
        bytes as f64 / count as f64
    );
}
