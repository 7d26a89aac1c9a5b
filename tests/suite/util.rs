//! The suite's harness: fixture sites in temporary folders, and the binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

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
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(name),
            site.root(),
        );
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

    /// The binary with `--root` set to this site after the subcommand.
    pub fn cmd(&self, subcommand: &str) -> Command {
        let mut cmd = Command::cargo_bin("wijkverhaal").expect("binary");
        cmd.arg(subcommand).arg("--root").arg(self.root());
        cmd
    }

    /// Builds with a fixed "today" and asserts success.
    pub fn build(&self) -> &TestSite {
        self.cmd("build")
            .args(["--today", "2027-01-15"])
            .assert()
            .success();
        self
    }
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
