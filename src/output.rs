//! The only code that writes the output folder. A build writes into a
//! staging folder beside the output and swaps it in at the end, so a failed
//! build leaves the previous output exactly as it was; the swap itself, and
//! the refusal to replace a folder wijkverhaal did not write, are in `swap`.

mod ledger;
mod swap;

pub use swap::{MARKER, keep_problem};

use std::collections::{BTreeMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::error::{BuildError, Diagnostic};

/// Where rendered files go: a staging folder on disk, or memory (preview).
pub trait Sink: Sync {
    /// Stores `bytes` at `path`, relative to the output root (`a/b/index.html`).
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), BuildError>;

    /// Stores the file at `source` at `path` (attachments, cached images).
    fn put_file(&self, path: &str, source: &Path) -> Result<(), BuildError> {
        let bytes = std::fs::read(source).map_err(|e| BuildError::io("gelezen", source, e))?;
        self.put(path, &bytes)
    }

    /// Stores a file from a cache that no one edits (processed images):
    /// where possible without copying its bytes.
    fn put_cached(&self, path: &str, source: &Path) -> Result<(), BuildError> {
        self.put_file(path, source)
    }
}

/// A temporary folder next to the output that becomes the output on commit.
#[derive(Debug)]
pub struct Staging {
    staging: PathBuf,
    output: PathBuf,
    keep: Vec<String>,
    /// The folders made lately (relative, `lindenhof/tijdlijn`): each is
    /// made once, not once per file in it. Forgotten when it holds
    /// [`FOLDERS_KEPT`], so memory does not grow with the site; a folder
    /// made again costs one `create_dir_all` that finds it there.
    folders: Mutex<HashSet<String>>,
    /// Every file written, for the marker (mostly on disk, see [`ledger`]).
    written: ledger::Ledger,
    committed: bool,
}

impl Staging {
    /// Puts right what a killed build left behind, checks that the output
    /// may be replaced (see [`swap::claim`]), and creates an empty staging
    /// folder beside it. `keep` lists the entries carried over on commit.
    pub fn new(output: &Path, keep: &[String]) -> Result<Staging, BuildError> {
        let names = swap::Names::of(output);
        std::fs::create_dir_all(&names.parent)
            .map_err(|e| BuildError::io("gemaakt", &names.parent, e))?;
        recover(output, keep)?;
        swap::claim(output, keep).map_err(|d| BuildError::Input(vec![d]))?;
        let staging = names.staging(std::process::id());
        if staging.exists() {
            std::fs::remove_dir_all(&staging)
                .map_err(|e| BuildError::io("verwijderd", &staging, e))?;
        }
        std::fs::create_dir(&staging).map_err(|e| BuildError::io("gemaakt", &staging, e))?;
        let written = match ledger::Ledger::new(&staging) {
            Ok(written) => written,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&staging);
                return Err(BuildError::io("gemaakt", &staging, e));
            }
        };
        Ok(Staging {
            staging,
            output: output.to_path_buf(),
            keep: keep.to_vec(),
            folders: Mutex::default(),
            written,
            committed: false,
        })
    }

    /// Replaces the output folder with the staged one, carrying over the
    /// kept entries. Returns warnings about what could not be cleaned up.
    pub fn commit(mut self) -> Result<Vec<Diagnostic>, BuildError> {
        let written = std::mem::replace(&mut self.written, ledger::Ledger::empty());
        let outcome = swap::swap(&self.staging, &self.output, &self.keep, written);
        self.committed = outcome.is_ok() || !self.staging.exists();
        match outcome {
            Ok(problems) => Ok(problems
                .into_iter()
                .map(|p| Diagnostic::warning("output-cleanup", "", None, p))
                .collect()),
            Err(swap::SwapFailure(message)) => Err(BuildError::Output(message)),
        }
    }
}

/// Finishes or undoes a swap of `output` that a killed build left halfway
/// (run first by `build` and `check`); a leftover that cannot be put right
/// is an error, since building on would hide where the last site is.
pub fn recover(output: &Path, keep: &[String]) -> Result<(), BuildError> {
    let problems = swap::recover(output, keep);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(BuildError::Output(problems.join("\n")))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// How many made folders [`Staging`] remembers before it forgets them all.
const FOLDERS_KEPT: usize = 4096;

impl Staging {
    /// The staged file for `path`, with its folder made.
    fn target(&self, path: &str) -> Result<PathBuf, BuildError> {
        let target = self.staging.join(path);
        if let Some((folder, _)) = path.rsplit_once('/') {
            let made = |folders: &Mutex<HashSet<String>>| {
                folders
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .contains(folder)
            };
            if !made(&self.folders) {
                let parent = self.staging.join(folder);
                std::fs::create_dir_all(&parent)
                    .map_err(|e| BuildError::io("gemaakt", &parent, e))?;
                let mut folders = self.folders.lock().unwrap_or_else(|e| e.into_inner());
                if folders.len() >= FOLDERS_KEPT {
                    folders.clear();
                }
                folders.insert(folder.to_string());
            }
        }
        Ok(target)
    }

    /// Notes a file written at `path` for the marker.
    fn note_written(&self, path: &str, target: &Path) -> Result<(), BuildError> {
        self.written
            .note(path)
            .map_err(|e| BuildError::io("geschreven", target, e))
    }
}

impl Sink for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), BuildError> {
        let target = self.target(path)?;
        std::fs::write(&target, bytes).map_err(|e| BuildError::io("geschreven", &target, e))?;
        self.note_written(path, &target)
    }

    fn put_file(&self, path: &str, source: &Path) -> Result<(), BuildError> {
        let target = self.target(path)?;
        std::fs::copy(source, &target).map_err(|e| BuildError::io("gekopieerd", &target, e))?;
        self.note_written(path, &target)
    }

    /// A hard link where the file system allows it (the image cache and the
    /// output on one disk: no bytes copied), else a copy.
    fn put_cached(&self, path: &str, source: &Path) -> Result<(), BuildError> {
        let target = self.target(path)?;
        let _ = std::fs::remove_file(&target);
        if std::fs::hard_link(source, &target).is_err() {
            std::fs::copy(source, &target).map_err(|e| BuildError::io("gekopieerd", &target, e))?;
        }
        self.note_written(path, &target)
    }
}

/// A build replaces the output folder as a whole, so it must be a folder of
/// its own: not the site's root or a folder holding it, and not inside
/// `content/` or `themes/`.
pub fn check_output(root: &Path, output: &Path) -> Result<(), Vec<Diagnostic>> {
    if output.exists() && !output.is_dir() {
        let message = format!("de uitvoer {} is een bestand, geen map", output.display());
        let hint = "haal het bestand weg, of kies met --output een map voor de gemaakte site";
        return Err(vec![
            Diagnostic::error("bad-output", "", None, message).note(hint),
        ]);
    }
    let root = resolve(root);
    let output = resolve(output);
    let inside = |folder: &str| output.starts_with(root.join(folder));
    if !root.starts_with(&output) && !inside(crate::content::FOLDER) && !inside("themes") {
        return Ok(());
    }
    let message = format!(
        "de uitvoermap {} zou de eigen bestanden van de site vervangen",
        output.display()
    );
    let hint = "kies een aparte map voor de gemaakte site, zoals --output public (zonder --output is dat de map public in de map van de site)";
    Err(vec![
        Diagnostic::error("bad-output", "", None, message).note(hint),
    ])
}

/// An absolute path with symbolic links resolved as far as it exists; the
/// part that does not exist yet has no links and is resolved by its names.
fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let components: Vec<Component> = absolute.components().collect();
    let mut existing = components.len();
    while existing > 0 && !components[..existing].iter().collect::<PathBuf>().exists() {
        existing -= 1;
    }
    let prefix: PathBuf = components[..existing].iter().collect();
    let mut resolved = prefix.canonicalize().unwrap_or(prefix);
    for component in &components[existing..] {
        match component {
            Component::ParentDir => {
                resolved.pop();
            }
            Component::CurDir => {}
            other => resolved.push(other),
        }
    }
    resolved
}

/// Files kept in memory, for the preview server and for tests.
#[derive(Debug, Default)]
pub struct Memory {
    pub files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl Memory {
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Memory {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), BuildError> {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), bytes.to_vec());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_build_removes_what_a_killed_build_left_behind() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let stale = dir.path().join(".public.building-999999999");
        std::fs::create_dir(&stale).unwrap();
        std::fs::write(stale.join("index.html"), "half").unwrap();
        let staging = Staging::new(&output, &[]).unwrap();
        staging.put("index.html", b"new").unwrap();
        staging.commit().unwrap();
        assert!(!stale.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_uncommitted_build_leaves_the_output_alone() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        std::fs::create_dir(&output).unwrap();
        std::fs::write(output.join("old.html"), "old").unwrap();
        std::fs::write(output.join(MARKER), "file old.html\n").unwrap();
        {
            let staging = Staging::new(&output, &[]).unwrap();
            staging.put("new/index.html", b"new").unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(output.join("old.html")).unwrap(),
            "old"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn the_output_may_not_be_or_hold_the_site_or_sit_in_its_sources() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content/w")).unwrap();
        std::fs::write(root.join("content/w/_index.md"), "").unwrap();
        std::fs::write(root.join("site.toml"), "").unwrap();
        for fine in [
            root.join("public"),
            dir.path().join("elders/www"),
            root.join("x/../www"),
        ] {
            assert!(check_output(&root, &fine).is_ok(), "{fine:?}");
        }
        for bad in [
            root.clone(),
            dir.path().to_path_buf(),
            root.join("content"),
            root.join("content/w/nieuw"),
            root.join("themes/eigen"),
            root.join("nieuw/.."),
            root.join("content/../."),
            root.join("content/w/_index.md"),
            root.join("site.toml"),
        ] {
            let error = check_output(&root, &bad).expect_err(&format!("{bad:?}"));
            assert_eq!(error[0].code, "bad-output", "{bad:?}");
        }
    }

    #[test]
    fn a_commit_replaces_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        std::fs::create_dir(&output).unwrap();
        std::fs::write(output.join("old.html"), "old").unwrap();
        std::fs::write(output.join(MARKER), "file old.html\n").unwrap();
        let staging = Staging::new(&output, &[]).unwrap();
        staging.put("index.html", b"new").unwrap();
        staging.commit().unwrap();
        assert!(!output.join("old.html").exists());
        assert_eq!(
            std::fs::read_to_string(output.join("index.html")).unwrap(),
            "new"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// Paths whose order by folder differs from their order as text.
    const TRICKY: &[&str] = &[
        "a/b/c.html",
        "a-b.html",
        "a/index.html",
        "a.txt",
        "ab/x.html",
        "a/b-c/index.html",
        "a/b.html",
        "Z.html",
        "é/index.html",
        "a/b/c/d.html",
    ];

    /// The output of a build that wrote `paths`.
    fn built(dir: &Path, paths: &[&str]) -> PathBuf {
        let output = dir.join("public");
        let staging = Staging::new(&output, &keep()).unwrap();
        for path in paths {
            staging.put(path, b"x").unwrap();
        }
        staging.commit().unwrap();
        output
    }

    #[test]
    fn the_marker_lists_every_staged_file_in_sorted_order() {
        let dir = tempfile::tempdir().unwrap();
        let output = built(dir.path(), TRICKY);
        let marker = std::fs::read_to_string(output.join(MARKER)).unwrap();
        let listed: Vec<&str> = marker
            .lines()
            .filter_map(|l| l.strip_prefix("file "))
            .collect();
        let mut sorted = TRICKY.to_vec();
        sorted.sort();
        assert_eq!(listed, sorted);
        assert!(marker.contains("\nkeep .git\n"), "{marker}");
    }

    #[test]
    fn a_file_added_among_listed_ones_is_found_and_the_rest_accepted() {
        let dir = tempfile::tempdir().unwrap();
        let output = built(dir.path(), TRICKY);
        // A rebuild over its own output is accepted.
        drop(Staging::new(&output, &keep()).unwrap());
        for added in ["a/b/c.htm", "a-a.html", "a/b/c/e.html"] {
            let file = output.join(added);
            std::fs::write(&file, "x").unwrap();
            let Err(BuildError::Input(found)) = Staging::new(&output, &keep()) else {
                panic!("{added} was not found")
            };
            assert!(found[0].message.contains(added), "{found:?}");
            assert!(!found[0].message.contains("index.html"), "{found:?}");
            std::fs::remove_file(file).unwrap();
        }
    }

    fn keep() -> Vec<String> {
        crate::config::DEFAULT_KEEP
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    /// A GitHub Pages checkout: `.git` and `CNAME`, and an earlier build.
    fn checkout(dir: &Path) -> PathBuf {
        let output = dir.join("public");
        std::fs::create_dir_all(output.join(".git/objects")).unwrap();
        std::fs::write(output.join(".git/HEAD"), "ref: refs/heads/main").unwrap();
        std::fs::write(output.join("CNAME"), "wijken.voorbeeld.nl").unwrap();
        let staging = Staging::new(&output, &keep()).unwrap();
        staging.put("index.html", b"old").unwrap();
        staging.commit().unwrap();
        output
    }

    #[test]
    fn a_checkout_keeps_its_git_folder_and_cname_across_builds() {
        let dir = tempfile::tempdir().unwrap();
        let output = checkout(dir.path());
        let staging = Staging::new(&output, &keep()).unwrap();
        staging.put("lindenhof/index.html", b"new").unwrap();
        assert!(staging.commit().unwrap().is_empty());
        assert!(output.join(".git/HEAD").is_file() && output.join("CNAME").is_file());
        assert!(!output.join("index.html").exists());
        let marker = std::fs::read_to_string(output.join(MARKER)).unwrap();
        assert!(marker.contains("\nfile lindenhof/index.html\n"), "{marker}");
        assert!(marker.contains("\nkeep .git\n"), "{marker}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_folder_with_files_wijkverhaal_did_not_write_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        std::fs::create_dir_all(&output).unwrap();
        std::fs::write(output.join("brief.docx"), "van een collega").unwrap();
        std::fs::write(output.join("CNAME"), "x").unwrap();
        let Err(BuildError::Input(found)) = Staging::new(&output, &keep()) else {
            panic!("a foreign folder was accepted")
        };
        assert_eq!(found[0].code, "foreign-output");
        assert!(
            found[0].message.contains("brief.docx"),
            "{}",
            found[0].message
        );
        assert!(!found[0].message.contains("CNAME"), "{}", found[0].message);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        assert_eq!(std::fs::read_dir(&output).unwrap().count(), 2);
        // A file added by hand to an output that wijkverhaal wrote is foreign too.
        let output = checkout(&dir.path().join("b"));
        std::fs::write(output.join("google1234.html"), "verificatie").unwrap();
        let Err(BuildError::Input(found)) = Staging::new(&output, &keep()) else {
            panic!("a file added by hand would be deleted")
        };
        assert!(found[0].message.contains("google1234.html"), "{found:?}");
    }

    /// The state after a swap that failed at `step` (as on a read-only disk).
    fn failing_at(
        step: u32,
    ) -> (
        tempfile::TempDir,
        PathBuf,
        Result<Vec<Diagnostic>, BuildError>,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let output = checkout(dir.path());
        let staging = Staging::new(&output, &keep()).unwrap();
        staging.put("index.html", b"new").unwrap();
        swap::FAIL_AT.with(|f| f.set(Some(step)));
        let outcome = staging.commit();
        swap::FAIL_AT.with(|f| f.set(None));
        (dir, output, outcome)
    }

    #[test]
    fn a_swap_that_cannot_proceed_says_truthfully_where_each_site_is() {
        for step in [1, 2, 3] {
            let (dir, output, outcome) = failing_at(step);
            let Err(BuildError::Output(message)) = outcome else {
                panic!("step {step}: {outcome:?}")
            };
            assert!(message.contains("is niet veranderd"), "{step}: {message}");
            assert_eq!(std::fs::read(output.join("index.html")).unwrap(), b"old");
            assert!(output.join(".git/HEAD").is_file());
            assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "{step}");
        }
        let (dir, output, outcome) = failing_at(4);
        let Err(BuildError::Output(message)) = outcome else {
            panic!("{outcome:?}")
        };
        assert!(
            message.contains("staat in") && message.contains(".git"),
            "{message}"
        );
        assert_eq!(std::fs::read(output.join("index.html")).unwrap(), b"new");
        // The next build carries the kept entries over before anything else.
        drop(Staging::new(&output, &keep()).unwrap());
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            2,
            "a set-aside copy of a running process stays"
        );
        let (_dir, output, outcome) = failing_at(5);
        let warnings = outcome.unwrap();
        assert_eq!(warnings[0].code, "output-cleanup");
        assert!(warnings[0].message.contains("Verwijder die map zelf"));
        assert!(output.join(".git/HEAD").is_file() && output.join("CNAME").is_file());
    }

    #[test]
    fn leftovers_of_a_killed_swap_are_put_right() {
        let dir = tempfile::tempdir().unwrap();
        let output = checkout(dir.path());
        // Killed after step 2: only the set-aside old site exists.
        let aside = dir.path().join(".public.old-999999999");
        std::fs::rename(&output, &aside).unwrap();
        recover(&output, &keep()).unwrap();
        assert_eq!(std::fs::read(output.join("index.html")).unwrap(), b"old");
        assert!(!aside.exists());
        // Killed after step 3: the new site is in place, `.git` still aside.
        std::fs::create_dir(&aside).unwrap();
        std::fs::rename(output.join(".git"), aside.join(".git")).unwrap();
        std::fs::write(aside.join("index.html"), "older").unwrap();
        recover(&output, &[]).unwrap();
        assert!(
            output.join(".git/HEAD").is_file(),
            "the marker's keep list counts"
        );
        assert_eq!(std::fs::read(output.join("index.html")).unwrap(), b"old");
        assert!(!aside.exists());
    }
}
