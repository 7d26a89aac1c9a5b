//! The only code that writes the output folder. A build writes into a
//! staging folder beside the output and swaps it in at the end, so a failed
//! build leaves the previous output exactly as it was.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::error::{BuildError, Diagnostic};

/// Where rendered files go: a staging folder on disk, or memory (preview).
pub trait Sink: Sync {
    /// Stores `bytes` at `path`, relative to the output root (`a/b/index.html`).
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), BuildError>;
}

/// A temporary folder next to the output that becomes the output on commit.
#[derive(Debug)]
pub struct Staging {
    staging: PathBuf,
    output: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates an empty staging folder beside `output`.
    pub fn new(output: &Path) -> Result<Staging, BuildError> {
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| BuildError::io("gemaakt", &parent, e))?;
        remove_stale(&parent, &name);
        let staging = parent.join(format!(".{name}.building-{}", std::process::id()));
        if staging.exists() {
            std::fs::remove_dir_all(&staging)
                .map_err(|e| BuildError::io("verwijderd", &staging, e))?;
        }
        std::fs::create_dir(&staging).map_err(|e| BuildError::io("gemaakt", &staging, e))?;
        Ok(Staging {
            staging,
            output: output.to_path_buf(),
            committed: false,
        })
    }

    /// Replaces the output folder with the staged one.
    pub fn commit(mut self) -> Result<(), BuildError> {
        let old = self.staging.with_file_name(format!(
            ".{}.old-{}",
            self.output
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            std::process::id()
        ));
        let had_output = self.output.exists();
        if had_output {
            std::fs::rename(&self.output, &old)
                .map_err(|e| BuildError::io("opzij gezet", &self.output, e))?;
        }
        if let Err(e) = std::fs::rename(&self.staging, &self.output) {
            if had_output {
                let _ = std::fs::rename(&old, &self.output);
            }
            return Err(BuildError::io("op zijn plaats gezet", &self.output, e));
        }
        self.committed = true;
        if had_output {
            std::fs::remove_dir_all(&old).map_err(|e| BuildError::io("verwijderd", &old, e))?;
        }
        Ok(())
    }
}

/// Removes staging and set-aside folders of earlier builds that were killed
/// before they could clean up: those whose process no longer runs. Where
/// that cannot be told (no `/proc`), nothing is removed.
fn remove_stale(parent: &Path, name: &str) {
    let proc = Path::new("/proc");
    if !proc.is_dir() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let pid = [format!(".{name}.building-"), format!(".{name}.old-")]
            .iter()
            .find_map(|prefix| file_name.strip_prefix(prefix.as_str()))
            .and_then(|pid| pid.parse::<u32>().ok());
        if let Some(pid) = pid
            && pid != std::process::id()
            && !proc.join(pid.to_string()).exists()
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

impl Sink for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), BuildError> {
        let target = self.staging.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| BuildError::io("gemaakt", parent, e))?;
        }
        std::fs::write(&target, bytes).map_err(|e| BuildError::io("geschreven", &target, e))
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
        let staging = Staging::new(&output).unwrap();
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
        {
            let staging = Staging::new(&output).unwrap();
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
        let staging = Staging::new(&output).unwrap();
        staging.put("index.html", b"new").unwrap();
        staging.commit().unwrap();
        assert!(!output.join("old.html").exists());
        assert_eq!(
            std::fs::read_to_string(output.join("index.html")).unwrap(),
            "new"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
