//! The suite's harness: fixture sites in temporary folders, the binary, and
//! the files a build wrote. Readers for their contents are in `read`.

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

/// An accessibility statement, so a test site has no
/// `no-accessibility-statement` warning unless it means to.
/// One line (an inline table), so tests can still append top-level keys.
pub const ACCESSIBILITY: &str = "accessibility = { status = \"A\", evaluated = 2026-06-01 }\n";

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

    /// A site with site.toml (with an accessibility statement) and one wijk
    /// (`tuinwijk-oost`) without contributions.
    pub fn new() -> TestSite {
        TestSite::empty()
            .file("site.toml", &format!("{SITE_TOML}{ACCESSIBILITY}"))
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
        self.build_output(args);
        self
    }

    /// [`TestSite::build_with`], returning what the build printed.
    pub fn build_output(&self, args: &[&str]) -> std::process::Output {
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
        output
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
