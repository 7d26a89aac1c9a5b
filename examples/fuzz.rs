//! A seeded, bounded fuzz campaign over whole sites, run by `.ci/run`
//! (unoptimized there, with overflow checks: 2,000 cases in about 280 s on
//! 2 cores; optimized, as below, in about 46 s):
//!
//! ```text
//! cargo run --release --example fuzz -- --seed 20261201 --cases 2000 --max-seconds 180 --keep target/fuzz/sample
//! cargo run --release --example fuzz -- --seed 20261201 --case 17      # one case again
//! ```
//!
//! Each case is a small site generated from `seed` and the case number:
//! mutated front matter (control characters, CR/LF, wrong types, long
//! values), Markdown with hostile raw HTML, GeoJSON, bytes posing as images,
//! and symbolic links to a secret file outside the site. For each it asserts:
//! no panic, no build or check over 2 s per file, every HTML page parses with
//! html5ever without a parse error or duplicate id, and the secret appears
//! in no output file. `--keep DIR` keeps some built sites for the W3C Nu
//! checker. Failing cases are copied to `target/fuzz/failures/`.

#[path = "../tests/support/html_check.rs"]
mod html_check;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use wijkverhaal::build::{BuildOptions, build, check_site};

const SECRET: &str = "GEHEIM-fuzz-7f3a9c";
const PER_FILE: Duration = Duration::from_secs(2);

/// A valid 1x1 PNG, so bodies can show a real picture.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// splitmix64: small, seedable, the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FRAGMENTS: &[&str] = &[
    "Gewone tekst over de Bloemstraat. ",
    "\n\n",
    "\n",
    "<div>",
    "</div>",
    "</x>",
    "<div></x>",
    "<p>",
    "</p>",
    "<span>",
    "<b>",
    "</b>",
    "<i><b>",
    "<a href=\"javascript:alert(1)\">",
    "<a href=\"/ok/\">",
    "<a>",
    "</a>",
    "<img src=foto.png onerror=alert(1) alt=\"a\">",
    "<img src=\"javascript:x\" alt=\"b\">",
    "<img alt=\"c\">",
    "<img src=\"foto.png\" alt=\"Foto\">",
    "<script>alert(1)</script>",
    "<style>body{}</style>",
    "<iframe src=x></iframe>",
    "<svg onload=alert(1)><circle/></svg>",
    "<math><mi>x</mi></math>",
    "<form><input><button>b</button></form>",
    "<select><option>a<option>b</select>",
    "<table><td>cel",
    "<table><tr><td>a</td></tr></table>",
    "<template>t</template>",
    "<noscript>n</noscript>",
    "<details><summary>s</summary>d</details>",
    "<!-- c -->",
    "<!-- open",
    "<![CDATA[x]]>",
    "<?php echo 1 ?>",
    "<",
    ">",
    "&",
    "&amp;",
    "&#0;",
    "&#x1b;",
    "&nbsp",
    "\"'",
    "\u{1}",
    "\u{1b}[2J",
    "\u{0}",
    "\u{7f}",
    "\u{85}",
    "\u{fdd0}",
    "\u{ffff}",
    "\u{2028}",
    "\u{feff}",
    "\r\n",
    "\r",
    "# Kop\n",
    "###### Diep\n",
    "> ",
    "- ",
    "1. ",
    "    code\n",
    "```\nblok\n```\n",
    "`code`",
    "*nadruk*",
    "**sterk**",
    "~~weg~~",
    "[link](https://www.voorbeeld.nl/)",
    "[link](javascript:alert(1))",
    "[link]( javascript:alert(1))",
    "![plaatje](javascript:y)",
    "[![a](javascript:x)](javascript:y)",
    "[![a](foto.png)](javascript:y)",
    "[ref][r]\n\n[r]: javascript:x\n",
    "<javascript:alert(1)>",
    "<https://www.voorbeeld.nl>",
    "voetnoot[^1]",
    "\n\n[^1]: Bron.\n",
    "<p id=\"fn-1\">nep</p>",
    "<h2 id=\"main\">kop</h2>",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "<br/>",
    "<hr>",
    "<p align=center style=\"color:red\" class=x title=t lang=nl dir=rtl>",
    "<li>",
    "<dl><dt>term<dd>uitleg</dl>",
    "<dd>",
    "<ul>los",
    "<figure><p>a</p><figcaption>bij</figcaption>",
    "<figcaption>",
    "<summary>",
    "<ruby>a<rt>b</rt></ruby>",
    "<rt>",
    "<map name=m><area href=\"/ok/\" alt=a></map>",
    "<area href=\"/ok/\" alt=a>",
    "<center><tt><strike><acronym>",
    "<bdo>",
    "<time>morgen</time>",
    "<hgroup><h3>k</h3><div>d</div></hgroup>",
    "<table align=center><caption><table><tr><td>x</table></caption><tr><td colspan=a headers=h>",
    "<q><h3>",
    "<img src=foto.png alt=a width=50%>",
    "<span lang=\"en gb\">",
];

const STRINGS: &[&str] = &[
    "Gewoon",
    "",
    " ",
    "\\u0001",
    "\\u001b[2J",
    "a\\r\\nBEGIN:VEVENT",
    "<script>alert(1)</script>",
    "\\\"quote\\\"",
    "'s-Gravenweg",
    "Café ✓ 🚧",
    "\\u2028",
    "\\u007f",
    "https://x.nl/\\r\\nDisallow: /",
];

fn toml_value(rng: &mut Rng) -> String {
    match rng.below(8) {
        0 => "1".into(),
        1 => "[]".into(),
        2 => "{ a = 1 }".into(),
        3 => format!("\"{}\"", "x".repeat(rng.below(400))),
        _ => format!("\"{}\"", rng.pick(STRINGS)),
    }
}

fn body(rng: &mut Rng) -> String {
    let mut out = String::new();
    for _ in 0..rng.below(60) {
        let fragment = rng.pick(FRAGMENTS);
        let times = if rng.chance(2) { rng.below(120) } else { 1 };
        out.push_str(&fragment.repeat(times));
    }
    out
}

/// Front matter lines: the valid ones, some replaced or dropped.
fn front_matter(rng: &mut Rng, lines: &[String]) -> String {
    if rng.chance(75) {
        return lines.join("\n");
    }
    let mut out = Vec::new();
    for line in lines {
        match rng.below(20) {
            0 => {}
            1 => {
                let key = line.split('=').next().unwrap_or("x").trim();
                out.push(format!("{key} = {}", toml_value(rng)));
            }
            2 => out.push("= = [[".into()),
            _ => out.push(line.clone()),
        }
    }
    if rng.chance(10) {
        out.push(format!("onbekend = {}", toml_value(rng)));
    }
    out.join(if rng.chance(10) { "\r\n" } else { "\n" })
}

fn contribution(rng: &mut Rng) -> String {
    let kind = *rng.pick(&["news", "event", "works", "decision", "support"]);
    let mut lines = vec![
        "title = \"Bericht\"".to_string(),
        "department = \"Openbare Ruimte\"".to_string(),
        format!("kind = \"{kind}\""),
    ];
    match kind {
        "event" => lines.extend([
            "start = 2027-03-02T19:30:00".to_string(),
            "location = \"Buurthuis\"".to_string(),
        ]),
        "works" => lines.extend([
            "start = 2027-03-01".to_string(),
            "streets = [\"Bloemstraat\"]".to_string(),
        ]),
        "support" => {}
        _ => lines.push("date = 2027-01-10".to_string()),
    }
    if rng.chance(20) {
        lines.push(format!("summary = {}", toml_value(rng)));
    }
    format!("+++\n{}\n+++\n{}", front_matter(rng, &lines), body(rng))
}

fn wijk_index(rng: &mut Rng) -> String {
    let lines = vec![
        "name = \"Lindenhof\"".to_string(),
        "summary = \"Een wijk.\"".to_string(),
        "streets = [\"Bloemstraat\", \"Lindelaan\"]".to_string(),
        "[contact]".to_string(),
        "name = \"Fatima\"".to_string(),
        "email = \"lindenhof@voorbeeld.nl\"".to_string(),
    ];
    format!("+++\n{}\n+++\n{}", front_matter(rng, &lines), body(rng))
}

fn geojson(rng: &mut Rng) -> String {
    let coordinate = || "[5.1, 52.1]";
    match rng.below(8) {
        0 => "{".into(),
        1 => format!(
            "{{\"type\":\"FeatureCollection\",\"features\":[{{\"type\":\"Feature\",\"properties\":{{\"street\":\"Bloemstraat\"}},\"geometry\":{{\"type\":\"LineString\",\"coordinates\":[{},{}]}}}}]}}",
            coordinate(),
            "[5.2, 52.2]"
        ),
        2 => "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"street\":\"<script>\\u0001\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1e308,-1e308]}}]}".into(),
        3 => format!("{{\"type\":\"FeatureCollection\",\"features\":[{}]}}", "[".repeat(rng.below(300))),
        _ => "{\"type\":\"FeatureCollection\",\"features\":[]}".into(),
    }
}

/// Writes the case's site into `root`; `secret` is a file outside it.
/// Returns how many files it has.
fn write_site(rng: &mut Rng, root: &Path, secret: &Path) -> usize {
    let write = |path: &str, bytes: &[u8]| {
        let target = root.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    };
    let base_url = if rng.chance(2) {
        "https://x.nl/\\r\\nBEGIN:VEVENT"
    } else {
        "https://wijken.voorbeeld.nl"
    };
    write(
        "site.toml",
        format!("title = \"Gemeente\"\nbase_url = \"{base_url}\"\n").as_bytes(),
    );
    write("content/lindenhof/_index.md", wijk_index(rng).as_bytes());
    let mut files = 2;
    for n in 0..=rng.below(5) {
        write(
            &format!("content/lindenhof/bericht-{n}.md"),
            contribution(rng).as_bytes(),
        );
        files += 1;
    }
    if rng.chance(30) {
        write("content/lindenhof/kaart.geojson", geojson(rng).as_bytes());
        files += 1;
    }
    write("content/lindenhof/foto.png", PNG);
    files += 1;
    if rng.chance(10) {
        let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        bytes.extend((0..rng.below(200)).map(|_| rng.next() as u8));
        write("content/lindenhof/kapot.png", &bytes);
        files += 1;
    }
    if rng.chance(10) {
        #[cfg(unix)]
        {
            let route = *rng.pick(&[
                "content/lindenhof/geheim.md",
                "content/lindenhof/besluit.pdf",
                "content/lindenhof/kaart.geojson",
                "themes/default/templates/404.html",
                "themes/default/static/geheim.txt",
            ]);
            let link = root.join(route);
            std::fs::create_dir_all(link.parent().unwrap()).unwrap();
            let _ = std::fs::remove_file(&link);
            std::os::unix::fs::symlink(secret, &link).unwrap();
            files += 1;
        }
    }
    files
}

/// What went wrong in one case.
fn run_case(seed: u64, case: u64, keep: Option<&Path>) -> Result<bool, String> {
    let mut rng = Rng(seed ^ case.wrapping_mul(0x2545_F491_4F6C_DD1D));
    let outside = tempfile::tempdir().map_err(|e| e.to_string())?;
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, SECRET).map_err(|e| e.to_string())?;
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let root = dir.path().to_path_buf();
    let files = write_site(&mut rng, &root, &secret);
    let budget = PER_FILE * u32::try_from(files).unwrap_or(u32::MAX);
    let (tx, rx) = mpsc::channel();
    let thread_root = root.clone();
    std::thread::spawn(move || {
        let outcome = std::panic::catch_unwind(|| {
            let options = BuildOptions {
                root: thread_root.clone(),
                today: Some(jiff::civil::date(2027, 1, 15)),
                ..BuildOptions::default()
            };
            let result = build(&options);
            if std::env::var_os("FUZZ_WHY").is_some()
                && let Err(wijkverhaal::error::BuildError::Input(found)) = &result
            {
                let codes: Vec<&str> = found.iter().map(|d| d.code).collect();
                eprintln!("refused: {codes:?}");
            }
            let built = result.is_ok();
            let _ = check_site(&thread_root, Some(jiff::civil::date(2027, 1, 15)));
            built
        });
        let _ = tx.send(outcome);
    });
    let started = Instant::now();
    let built = match rx.recv_timeout(budget) {
        Ok(Ok(built)) => built,
        Ok(Err(_)) => return Err("panic".into()),
        Err(_) => {
            save_failure(seed, case, &root);
            eprintln!("case {case}: no answer within {budget:?} ({files} files): a hang");
            std::process::exit(1);
        }
    };
    let elapsed = started.elapsed();
    if !built {
        return Ok(false);
    }
    let public = root.join("public");
    let mut problems = Vec::new();
    for entry in walkdir::WalkDir::new(&public).into_iter().flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::read(entry.path()).unwrap_or_default();
        let name = entry
            .path()
            .strip_prefix(&public)
            .unwrap_or(entry.path())
            .display()
            .to_string();
        if bytes.windows(SECRET.len()).any(|w| w == SECRET.as_bytes()) {
            problems.push(format!("{name}: holds the secret from outside the site"));
        }
        if name.ends_with(".html") {
            for problem in html_check::problems(&String::from_utf8_lossy(&bytes)) {
                problems.push(format!("{name}: {problem}"));
            }
        }
    }
    if !problems.is_empty() {
        save_failure(seed, case, &root);
        problems.truncate(10);
        return Err(problems.join("\n  "));
    }
    if let Some(keep) = keep
        && case.is_multiple_of(20)
    {
        copy_dir(&public, &keep.join(format!("case-{case}")));
    }
    if elapsed > budget {
        return Err(format!("took {elapsed:?} for {files} files"));
    }
    Ok(true)
}

fn save_failure(seed: u64, case: u64, root: &Path) {
    let target = PathBuf::from(format!("target/fuzz/failures/seed-{seed}-case-{case}"));
    let _ = std::fs::remove_dir_all(&target);
    copy_dir(root, &target);
    eprintln!("  site kept in {}", target.display());
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
        let Ok(relative) = entry.path().strip_prefix(from) else {
            continue;
        };
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            let _ = std::fs::create_dir_all(&target);
        } else if entry.file_type().is_file() {
            let _ = std::fs::copy(entry.path(), &target);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let seed: u64 = value("--seed")
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_261_201);
    let keep = value("--keep").map(PathBuf::from);
    if let Some(keep) = &keep {
        let _ = std::fs::remove_dir_all(keep);
        let _ = std::fs::create_dir_all(keep);
    }
    // Panics are counted and reported per case, not printed by the hook.
    std::panic::set_hook(Box::new(|info| eprintln!("  panic: {info}")));
    let cases: Vec<u64> = match value("--case").and_then(|c| c.parse().ok()) {
        Some(case) => vec![case],
        None => (0..value("--cases").and_then(|c| c.parse().ok()).unwrap_or(300)).collect(),
    };
    let max = Duration::from_secs(
        value("--max-seconds")
            .and_then(|s| s.parse().ok())
            .unwrap_or(600),
    );
    let started = Instant::now();
    let mut failures = 0;
    let mut ran = 0;
    let mut built = 0;
    for case in cases {
        if started.elapsed() > max {
            eprintln!("time is up after {ran} cases");
            break;
        }
        ran += 1;
        match run_case(seed, case, keep.as_deref()) {
            Ok(true) => built += 1,
            Ok(false) => {}
            Err(problem) => {
                failures += 1;
                eprintln!("case {case} (seed {seed}): {problem}");
            }
        }
    }
    println!(
        "fuzz: seed {seed}, {ran} cases ({built} built, the rest refused with errors) in {:.1} s, {failures} failing",
        started.elapsed().as_secs_f64()
    );
    if failures > 0 || ran == 0 {
        std::process::exit(1);
    }
}
