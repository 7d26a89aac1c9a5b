//! Save-to-reload benchmark of `wijkverhaal serve` (issue 4): the time from
//! writing one contribution to the moment a waiting browser tab's long-poll
//! (`/__livereload`) answers, over real HTTP, on generated sites.
//!
//!     cargo bench --bench serve            # 1,000 (10 x 100) and 100 (2 x 50) contributions
//!     cargo bench --bench serve -- 40      # 40 edits per site instead of 25
//!
//! Needs python3 (scripts/gen_corpus.py). Works in /dev/shm when it exists.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use wijkverhaal::serve::{ServeOptions, start};

fn main() {
    let edits: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(25);
    let base = if Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    let work = base.join(format!("wijkverhaal-serve-bench-{}", std::process::id()));
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split(' ').take(3).collect();
    println!(
        "save -> reload signal, {edits} edits per site, {} cores, load average {}",
        cores(),
        load.join(" ")
    );
    for (wijken, per_wijk, target_ms) in [(10, 100, 100.0), (2, 50, 20.0), (1, 1000, 100.0)] {
        let site = work.join(format!("site-{wijken}x{per_wijk}"));
        generate(&site, wijken, per_wijk);
        let times = measure(&site, edits);
        report(wijken * per_wijk, wijken, &times, target_ms);
    }
    let _ = std::fs::remove_dir_all(&work);
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn generate(site: &Path, wijken: usize, per_wijk: usize) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/gen_corpus.py");
    let status = Command::new("python3")
        .arg(script)
        .args([
            "--wijken",
            &wijken.to_string(),
            "--per-wijk",
            &per_wijk.to_string(),
        ])
        .args(["--seed", "1", "--out"])
        .arg(site)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("python3 scripts/gen_corpus.py");
    assert!(status.success(), "gen_corpus.py failed");
}

/// Edits `edits` different contributions one after another (a sentence
/// added to the body: a one-paragraph edit) and times each until the reload.
fn measure(site: &Path, edits: usize) -> Vec<f64> {
    let running = start(&ServeOptions {
        root: site.to_path_buf(),
        bind: [127, 0, 0, 1].into(),
        port: 0,
        today: Some(jiff::civil::date(2027, 1, 15)),
        verbose: false,
        allow_hosts: Vec::new(),
    })
    .expect("start serve");
    let files = contributions(site);
    let step = (files.len() / edits).max(1);
    let mut times = Vec::new();
    for (i, file) in files.iter().step_by(step).take(edits).enumerate() {
        let original = std::fs::read_to_string(file).expect("read contribution");
        let edited = format!("{}\nEen zin erbij in bewerking {i}.\n", original.trim_end());
        let mut poll = long_poll(running.addr(), running.version());
        std::thread::sleep(Duration::from_millis(30));
        let started = Instant::now();
        std::fs::write(file, edited).expect("write contribution");
        let answer = read_all(&mut poll);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(
            answer.contains("\"reload\":\"page\""),
            "no reload: {answer}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    running.stop();
    times
}

fn contributions(site: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walk(&site.join("content"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md"))
        .collect();
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn long_poll(addr: SocketAddr, since: u64) -> TcpStream {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    write!(
        stream,
        "GET /__livereload?since={since} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send poll");
    stream
}

fn read_all(stream: &mut TcpStream) -> String {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read poll answer");
    String::from_utf8_lossy(&raw).into_owned()
}

fn report(contributions: usize, wijken: usize, times: &[f64], target_ms: f64) {
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    let at = |q: f64| sorted[((sorted.len() - 1) as f64 * q).round() as usize];
    let median = at(0.5);
    println!(
        "{contributions:>5} contributions in {wijken:>2} wijk(en): median {median:6.1} ms, p90 {:6.1} ms, min {:6.1} ms, max {:6.1} ms  (target < {target_ms} ms: {})",
        at(0.9),
        sorted[0],
        sorted[sorted.len() - 1],
        if median < target_ms { "met" } else { "MISSED" }
    );
}
