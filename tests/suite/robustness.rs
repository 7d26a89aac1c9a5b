//! No input makes the build panic: broken, empty, binary, huge, deeply
//! nested or oddly named files end in exit status 0 or 1 with a message,
//! never 101. CRLF line endings and a UTF-8 byte-order mark are ordinary.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use crate::util::{TODAY, TestSite, contribution};

const NEWS: &str = "title = \"Nieuws\"\ndepartment = \"Groen\"\nkind = \"news\"\ndate = 2027-01-10";

/// Builds and returns the exit status and stderr, failing on a panic or a signal.
fn outcome(site: &TestSite, args: &[&str]) -> (i32, String) {
    let mut cmd = site.cmd("build");
    if !args.contains(&"--today") {
        cmd.args(["--today", TODAY]);
    }
    let output = cmd.args(args).output().expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let code = output
        .status
        .code()
        .unwrap_or_else(|| panic!("killed by a signal: {stderr}"));
    assert!(code == 0 || code == 1, "exit status {code}:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    (code, stderr)
}

/// Writes `bytes` as a contribution and expects a clean error naming the file.
fn rejected(name: &str, bytes: &[u8]) -> String {
    let site = TestSite::new();
    site.write(&format!("content/tuinwijk-oost/{name}"), bytes);
    let (code, stderr) = outcome(&site, &[]);
    assert_eq!(code, 1, "{name} was accepted");
    assert!(
        stderr.contains(&format!("content/tuinwijk-oost/{name}")),
        "{name} not named:\n{stderr}"
    );
    stderr
}

#[test]
fn broken_front_matter_is_an_error_not_a_panic() {
    for (name, text) in [
        ("empty.md", ""),
        ("only-plus.md", "+++"),
        ("open.md", "+++\n"),
        ("empty-front-matter.md", "+++\n+++\n"),
        ("no-close.md", "+++\ntitle = \"A\"\n"),
        ("yaml.md", "---\ntitle: A\n---\n"),
        ("garbage.md", "+++\n= = =\n[[[\n+++\n"),
        ("table-array.md", "+++\n[[title]]\nx = 1\n+++\n"),
        (
            "wrong-types.md",
            "+++\ntitle = 1\ndepartment = []\nkind = {a = 1}\ndraft = \"ja\"\n+++\n",
        ),
        (
            "streets-table.md",
            "+++\ntitle = \"A\"\ndepartment = \"D\"\nkind = \"works\"\nstreets = {a = 1}\nstart = 2027-01-01\n+++\n",
        ),
        (
            "huge-number.md",
            "+++\ntitle = \"A\"\nx = 99999999999999999999999999\n+++\n",
        ),
        ("leading-blank.md", "\n+++\ntitle = \"A\"\n+++\n"),
        ("nul.md", "+++\ntitle = \"A\0\"\n+++\n"),
    ] {
        rejected(name, text.as_bytes());
    }
}

#[test]
fn binary_junk_and_other_encodings_are_errors() {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let junk: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    let stderr = rejected("junk.md", &junk);
    assert!(stderr.contains("UTF-8"), "{stderr}");
    rejected("latin1.md", b"+++\ntitle = \"Caf\xe9\"\n+++\n");
    let utf16: Vec<u8> = "\u{feff}+++\ntitle = \"A\"\n+++\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    rejected("utf16.md", &utf16);
}

#[test]
fn a_byte_order_mark_and_crlf_line_endings_are_ordinary_input() {
    let site = TestSite::new();
    let index = crate::util::WIJK_INDEX.replace('\n', "\r\n");
    site.write(
        "content/tuinwijk-oost/_index.md",
        format!("\u{feff}{index}").as_bytes(),
    );
    let text = contribution(NEWS, "Eerste regel.\n\nTweede alinea.").replace('\n', "\r\n");
    site.write(
        "content/tuinwijk-oost/windows.md",
        format!("\u{feff}{text}").as_bytes(),
    );
    let mac = contribution(NEWS, "Oude Mac.").replace('\n', "\r");
    site.write("content/tuinwijk-oost/mac.md", mac.as_bytes());
    let (code, stderr) = outcome(&site, &[]);
    assert_eq!(code, 0, "{stderr}");
    let page = site.read("tuinwijk-oost/windows/index.html");
    assert!(page.contains("<h1>Nieuws</h1>") && page.contains("<p>Tweede alinea.</p>"));
    assert!(!page.contains('\u{feff}') && !page.contains('\r'));
    assert!(site.read("index.html").contains("Tuinwijk-Oost"));
    assert!(
        site.read("tuinwijk-oost/mac/index.html")
            .contains("Oude Mac.")
    );
}

#[test]
fn a_five_megabyte_body_builds_in_reasonable_time() {
    let paragraph = "Een regel tekst over de wijk, met *nadruk* en een [link](https://x.nl/).\n\n";
    let body = paragraph.repeat(5 * 1024 * 1024 / paragraph.len());
    let site = TestSite::new().file("content/tuinwijk-oost/groot.md", &contribution(NEWS, &body));
    let started = Instant::now();
    let (code, stderr) = outcome(&site, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(60));
    assert!(site.read("tuinwijk-oost/groot/index.html").len() > 5_000_000);
}

#[test]
fn deep_nesting_is_refused_quickly_or_built() {
    let lists: String = (0..40)
        .map(|i| format!("{}- punt\n", "  ".repeat(i)))
        .collect();
    let quotes = format!("{}x\n", "> ".repeat(40));
    let site = TestSite::new()
        .file(
            "content/tuinwijk-oost/lijst.md",
            &contribution(NEWS, &lists),
        )
        .file(
            "content/tuinwijk-oost/citaat.md",
            &contribution(NEWS, &quotes),
        );
    assert_eq!(outcome(&site, &[]).0, 0, "moderate nesting builds");

    // Each list item closes the <div> opened in it: the parser builds a
    // shallow tree, so this builds.
    let site = TestSite::new().file(
        "content/tuinwijk-oost/items.md",
        &contribution(NEWS, &"> - <div>\n".repeat(20_000)),
    );
    assert_eq!(outcome(&site, &[]).0, 0, "closed items build");

    for (name, body) in [
        ("divs.md", "<div>".repeat(200_000)),
        ("quotes.md", "> ".repeat(200_000)),
        ("bypass.md", "<div></x>".repeat(100_000)),
        (
            "mixed.md",
            "> - <div><section>\n".repeat(20_000) + &"<div>".repeat(200),
        ),
    ] {
        let started = Instant::now();
        let stderr = rejected(name, contribution(NEWS, &body).as_bytes());
        assert!(stderr.contains("error[too-deep]"), "{stderr}");
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{name} took too long"
        );
    }
}

#[test]
fn extreme_dates_and_numbers_never_panic() {
    let site = TestSite::new()
        .file(
            "site.toml",
            &format!("{}coupling_window_days = 9223372036854775807\n", crate::util::SITE_TOML),
        )
        .contribution(
            "oud.md",
            "title = \"Oud\"\ndepartment = \"D\"\nkind = \"works\"\nstreets = [\"Lindelaan\"]\nstart = 0000-01-01\nend = 9999-12-31",
        )
        .contribution("nieuws-oud.md", "title = \"N\"\ndepartment = \"D\"\nkind = \"news\"\ndate = 0000-01-01")
        .contribution("nieuws-laat.md", "title = \"N\"\ndepartment = \"D\"\nkind = \"decision\"\ndate = 9999-12-31")
        .contribution("regeling.md", "title = \"R\"\ndepartment = \"D\"\nkind = \"support\"\ndeadline = 9999-12-31")
        .contribution(
            "avond-oud.md",
            "title = \"A\"\ndepartment = \"D\"\nkind = \"event\"\nlocation = \"L\"\nstart = 0001-01-01T00:00:00",
        )
        .contribution(
            "avond-laat.md",
            "title = \"A\"\ndepartment = \"D\"\nkind = \"event\"\nlocation = \"L\"\nstart = 9999-12-30T12:00:00",
        );
    for today in ["0001-01-01", "9999-12-31", TODAY] {
        let (code, stderr) = outcome(&site, &["--today", today]);
        assert_eq!(code, 0, "--today {today}: {stderr}");
    }
    let ics = site.read("tuinwijk-oost/straten/lindelaan/agenda.ics");
    assert!(ics.contains("DTSTART;VALUE=DATE:00000101\r\n"), "{ics}");
}

#[test]
fn odd_file_system_entries_never_panic() {
    let site = TestSite::new()
        .contribution("Café De Eendracht.md", NEWS)
        .contribution("   .md", NEWS)
        .contribution("dubbel.punt.md", NEWS)
        .contribution("map.md/binnen.md", NEWS)
        .file("content/los.md", &contribution(NEWS, ""))
        .file("content/tuinwijk-oost/plaatje.png", "geen markdown");
    std::fs::create_dir_all(site.root().join("content/tuinwijk-oost/leeg")).expect("dir");
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::fs::symlink;
        let wijk = site.root().join("content/tuinwijk-oost");
        symlink(&wijk, wijk.join("lus")).expect("symlink loop");
        symlink("nergens.md", wijk.join("weg.md")).expect("dangling symlink");
        symlink(
            site.root().join("content"),
            site.root().join("content/inhoud"),
        )
        .expect("loop");
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
        std::fs::write(wijk.join(name), contribution(NEWS, "")).expect("non-UTF-8 name");
    }
    let (code, stderr) = outcome(&site, &[]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("content/tuinwijk-oost/   .md: error[bad-slug]"),
        "{stderr}"
    );

    std::fs::remove_file(site.root().join("content/tuinwijk-oost/   .md")).expect("rm");
    #[cfg(unix)]
    std::fs::remove_file(site.root().join("content/inhoud")).expect("rm");
    let (code, stderr) = outcome(&site, &[]);
    assert_eq!(code, 0, "{stderr}");
    for page in ["cafe-de-eendracht", "dubbel-punt", "binnen"] {
        let path = format!("tuinwijk-oost/{page}/index.html");
        assert!(site.public().join(&path).is_file(), "{path}");
    }
}

/// A small deterministic generator for the mutation test.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "+++",
    "\n",
    "\r\n",
    "\r",
    "\"",
    "'",
    "[",
    "]",
    "{",
    "}",
    "=",
    "#",
    "\u{feff}",
    "\0",
    "<div>",
    "</script>",
    "<script>",
    "javascript:",
    "2027-02-30",
    "9999-12-31T23:59:59",
    "0000-01-01",
    "99999999999999999999",
    "kind = \"event\"",
    "kind = \"works\"",
    "streets = []",
    "project = \"p\"",
    "draft = true",
    "end = 2026-01-01",
    "contact = \"x\"",
    "[contact]",
    "é",
    "🏠",
    "\\",
    "\\u0000",
    "- ",
    "> ",
    "```",
    "|a|\n|-|",
    "[^1]",
    "\t",
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(5) {
            0 => {
                let end = (at + rng.below(12)).min(bytes.len());
                bytes.drain(at..end);
            }
            1 => {
                let piece = PIECES[rng.below(PIECES.len())];
                bytes.splice(at..at, piece.bytes());
            }
            2 if !bytes.is_empty() => {
                let at = at.min(bytes.len() - 1);
                bytes[at] = (rng.next() & 0xff) as u8;
            }
            3 => {
                let end = (at + rng.below(40)).min(bytes.len());
                let copy: Vec<u8> = bytes[at..end].to_vec();
                bytes.splice(at..at, copy);
            }
            _ => bytes.truncate(at),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn env_number(name: &str) -> Option<usize> {
    std::env::var(name).ok()?.parse().ok()
}

#[test]
fn random_mutations_of_valid_files_never_panic() {
    let fixture = crate::util::fixtures().join("complete/content/tuinwijk-oost");
    let originals: Vec<(String, String)> = [
        "_index.md",
        "energie/informatieavond.md",
        "openbare-ruimte/riool-bloemstraat.md",
        "groen/geveltuinen.md",
        "energie/isolatiesubsidie.md",
    ]
    .iter()
    .map(|p| {
        let text = std::fs::read_to_string(fixture.join(p)).expect("fixture file");
        (p.to_string(), text)
    })
    .collect();
    let site = TestSite::fixture("complete");
    let output = tempfile::tempdir().expect("temp dir");
    // A longer campaign: FUZZ_ROUNDS=5000 FUZZ_SEED=7 cargo test random_mutations
    let rounds = env_number("FUZZ_ROUNDS").unwrap_or(250);
    let mut rng = Rng(env_number("FUZZ_SEED").map_or(0x9e37_79b9_7f4a_7c15, |s| s as u64 | 1));
    let (mut built, mut refused) = (0, 0);
    for round in 0..rounds {
        let (path, original) = &originals[rng.below(originals.len())];
        let mutated = mutate(original, &mut rng);
        let file = site.root().join("content/tuinwijk-oost").join(path);
        std::fs::write(&file, &mutated).expect("write mutation");
        let options = wijkverhaal::build::BuildOptions {
            root: site.root().to_path_buf(),
            output: Some(output.path().join("public")),
            today: Some(jiff::civil::date(2027, 1, 15)),
            drafts: round % 2 == 0,
            only: vec!["tuinwijk-oost".into()],
            ..Default::default()
        };
        match catch_unwind(AssertUnwindSafe(|| wijkverhaal::build::build(&options))) {
            Ok(Ok(_)) => built += 1,
            Ok(Err(error)) => {
                let message = error.to_string();
                assert!(message.contains("error"), "round {round}: {message}");
                refused += 1;
            }
            Err(_) => panic!("round {round}: a panic on this {path}:\n{mutated:?}"),
        }
        std::fs::write(&file, original).expect("restore");
    }
    assert!(
        built > 10 && refused > 10,
        "built {built}, refused {refused}"
    );
}
