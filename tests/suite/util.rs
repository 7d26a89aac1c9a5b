//! The suite's harness: fixture sites in temporary folders, the binary, and
//! small readers for what a build wrote (files, links, the `<main>` text).

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The fixed day every build of the suite is made for.
pub const TODAY: &str = "2027-01-15";

/// A site in a temporary folder, written file by file.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

pub const SITE_TOML: &str = "title = \"Gemeente Proef\"\nbase_url = \"https://wijken.proef.nl\"\n";

pub const WIJK_INDEX: &str = r#"+++
name = "Tuinwijk-Oost"
summary = "Samen maken we Tuinwijk-Oost aardgasvrij."
streets = ["Bloemstraat", "Lindelaan", "'s-Gravenweg"]

[contact]
name = "Fatima el Amrani"
role = "Wijkregisseur"
email = "tuinwijk-oost@proef.nl"
phone = "14 020"

[glossary]
warmtenet = "Buizen onder de grond die warm water naar de huizen brengen."
+++
Het verhaal van de wijk.
"#;

/// What a failed run printed, for assertions on its messages.
pub struct Failure {
    pub stderr: String,
}

impl TestSite {
    /// An empty folder.
    pub fn empty() -> TestSite {
        TestSite {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A site with site.toml and one wijk (`tuinwijk-oost`) without contributions.
    pub fn new() -> TestSite {
        TestSite::empty()
            .file("site.toml", SITE_TOML)
            .file("content/tuinwijk-oost/_index.md", WIJK_INDEX)
    }

    /// A copy of a folder under `tests/fixtures/`.
    pub fn fixture(name: &str) -> TestSite {
        let site = TestSite::empty();
        copy_dir(&fixtures().join(name), site.root());
        site
    }

    /// Writes `text` at `path` (relative to the root), creating folders.
    pub fn file(self, path: &str, text: &str) -> TestSite {
        self.write(path, text.as_bytes());
        self
    }

    pub fn write(&self, path: &str, bytes: &[u8]) {
        let target = self.root().join(path);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("create folder");
        std::fs::write(target, bytes).expect("write file");
    }

    /// Writes a contribution to wijk `tuinwijk-oost` from its front-matter lines.
    pub fn contribution(self, name: &str, front_matter: &str) -> TestSite {
        let path = format!("content/tuinwijk-oost/{name}");
        self.file(&path, &contribution(front_matter, "Tekst."))
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Reads a file of the built site.
    pub fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.public().join(path))
            .unwrap_or_else(|e| panic!("reading public/{path}: {e}"))
    }

    /// Reads and parses a JSON file of the built site.
    pub fn json(&self, path: &str) -> serde_json::Value {
        serde_json::from_str(&self.read(path)).expect("valid JSON")
    }

    /// The binary with `--root` set to this site after the subcommand.
    pub fn cmd(&self, subcommand: &str) -> Command {
        let mut cmd = Command::cargo_bin("wijkverhaal").expect("binary");
        cmd.arg(subcommand).arg("--root").arg(self.root());
        cmd
    }

    /// Builds with a fixed "today" and asserts success.
    pub fn build(&self) -> &TestSite {
        self.build_with(&[])
    }

    /// Builds with a fixed "today" and extra arguments, and asserts success.
    pub fn build_with(&self, args: &[&str]) -> &TestSite {
        let output = self
            .cmd("build")
            .args(["--today", TODAY])
            .args(args)
            .output()
            .expect("run the binary");
        assert!(
            output.status.success(),
            "build failed ({:?}):\n{}",
            output.status.code(),
            String::from_utf8_lossy(&output.stderr)
        );
        self
    }

    /// Builds, expects exit status 1, and returns what was printed.
    pub fn build_fails(&self) -> Failure {
        let output = self
            .cmd("build")
            .args(["--today", TODAY])
            .output()
            .expect("run the binary");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(
            output.status.code(),
            Some(1),
            "expected exit status 1; stderr:\n{stderr}"
        );
        Failure { stderr }
    }

    /// Every file of the built site: path (with `/`) to bytes.
    pub fn output_files(&self) -> BTreeMap<String, Vec<u8>> {
        files_under(&self.public())
    }

    /// The names in the site's root folder, sorted.
    pub fn root_entries(&self) -> Vec<String> {
        entries(self.root())
    }
}

impl Failure {
    /// The printed diagnostic lines (`file:line: error[code]: ...`) of `file`.
    pub fn about(&self, file: &str) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.starts_with(&format!("{file}:")))
            .collect()
    }

    /// Asserts an error `code` in `file` at `line` whose notes contain `hint`
    /// (what to write instead).
    pub fn expect(&self, file: &str, line: Option<usize>, code: &str, hint: &str) {
        let head = match line {
            Some(line) => format!("{file}:{line}: error[{code}]: "),
            None => format!("{file}: error[{code}]: "),
        };
        let blocks: Vec<String> = self
            .stderr
            .match_indices(&head)
            .map(|(start, _)| {
                let mut lines = self.stderr[start..].lines();
                let first = lines.next().unwrap_or_default();
                let notes = lines.take_while(|l| l.starts_with("  = "));
                std::iter::once(first)
                    .chain(notes)
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect();
        assert!(!blocks.is_empty(), "no `{head}` in:\n{}", self.stderr);
        assert!(
            blocks
                .iter()
                .any(|b| b.contains("\n  = ") && b.contains(hint)),
            "the error should say what to write (`{hint}`):\n{}",
            blocks.join("\n")
        );
    }

    /// How many errors the closing line reports.
    pub fn error_count(&self) -> usize {
        self.stderr
            .lines()
            .filter(|l| l.contains(": error["))
            .count()
    }
}

/// The folder with the fixture sites.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A contribution's text from its front-matter lines and body.
pub fn contribution(front_matter: &str, body: &str) -> String {
    format!("+++\n{front_matter}\n+++\n{body}\n")
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let target = to.join(entry.path().strip_prefix(from).expect("prefix"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("create folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Every file under `dir`: relative path (with `/`) to bytes.
pub fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk output"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).expect("prefix");
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            (name, std::fs::read(e.path()).expect("read output"))
        })
        .collect()
}

/// The names in a folder, sorted.
pub fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Decodes the character references minijinja and pulldown-cmark write.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';').filter(|end| *end < 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            "middot" => Some('·'),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The values of every `name="..."` attribute in an HTML text, decoded.
pub fn attributes(html: &str, name: &str) -> Vec<String> {
    let needle = format!("{name}=\"");
    let mut values = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&needle) {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + needle.len()..];
        let end = rest.find('"').unwrap_or(rest.len());
        if before.is_some_and(char::is_whitespace) {
            values.push(unescape(&rest[..end]));
        }
        rest = &rest[end..];
    }
    values
}

/// The `<main>` region of a page, tags included.
pub fn main_region(html: &str) -> &str {
    let start = html.find("<main").expect("a <main> element");
    let end = html.rfind("</main>").expect("a </main> tag") + "</main>".len();
    &html[start..end]
}

/// What a reader sees in the `<main>` region: its text, one block per line,
/// with link targets in brackets so snapshots also guard the links.
pub fn main_text(html: &str) -> String {
    let region = main_region(html);
    let mut text = String::new();
    let mut rest = region;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
        let tag = &rest[open..close];
        let name: String = tag
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if tag.starts_with("<a ")
            && let Some(href) = attributes(tag, "href").first()
        {
            text.push_str(&format!("[{href}] "));
        }
        if tag.starts_with("<time ")
            && let Some(datetime) = attributes(tag, "datetime").first()
        {
            text.push_str(&format!("{{{datetime}}} "));
        }
        let block = [
            "p",
            "div",
            "li",
            "ul",
            "ol",
            "dl",
            "dt",
            "dd",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "section",
            "article",
            "aside",
            "table",
            "tr",
            "main",
            "nav",
            "br",
            "blockquote",
        ];
        if block.contains(&name.as_str()) {
            text.push('\n');
        } else if name == "td" || name == "th" {
            text.push_str(" | ");
        }
        rest = &rest[close..];
    }
    text.push_str(rest);
    unescape(&text)
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The unfolded content lines of an iCalendar text (RFC 5545, 3.1).
pub fn ics_lines(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The `VEVENT`s of an iCalendar text, each as its unfolded lines.
pub fn ics_events(ics: &str) -> Vec<Vec<String>> {
    let mut events = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for line in ics_lines(ics) {
        match line.as_str() {
            "BEGIN:VEVENT" => current = Some(Vec::new()),
            "END:VEVENT" => events.extend(current.take()),
            _ => {
                if let Some(event) = &mut current {
                    event.push(line);
                }
            }
        }
    }
    events
}

/// The value of property `name` (`DTSTART`, `DTEND;VALUE=DATE`, ...) of an event.
pub fn ics_value<'e>(event: &'e [String], name: &str) -> Option<&'e str> {
    event
        .iter()
        .find_map(|l| l.strip_prefix(name).and_then(|rest| rest.strip_prefix(':')))
}

/// The event in `ics` whose SUMMARY starts with `title`.
pub fn ics_event(ics: &str, title: &str) -> Vec<String> {
    ics_events(ics)
        .into_iter()
        .find(|e| ics_value(e, "SUMMARY").is_some_and(|s| s.starts_with(title)))
        .unwrap_or_else(|| panic!("no event `{title}` in:\n{ics}"))
}
