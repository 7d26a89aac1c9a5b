//! The only code that writes the output folder. A build writes into a
//! staging folder beside the output and swaps it in at the end, so a failed
//! build leaves the previous output exactly as it was.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::BuildError;

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
        std::fs::create_dir_all(&parent).map_err(|e| BuildError::io("create", &parent, e))?;
        let staging = parent.join(format!(".{name}.building-{}", std::process::id()));
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(|e| BuildError::io("remove", &staging, e))?;
        }
        std::fs::create_dir(&staging).map_err(|e| BuildError::io("create", &staging, e))?;
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
                .map_err(|e| BuildError::io("move aside", &self.output, e))?;
        }
        if let Err(e) = std::fs::rename(&self.staging, &self.output) {
            if had_output {
                let _ = std::fs::rename(&old, &self.output);
            }
            return Err(BuildError::io("move into place", &self.output, e));
        }
        self.committed = true;
        if had_output {
            std::fs::remove_dir_all(&old).map_err(|e| BuildError::io("remove", &old, e))?;
        }
        Ok(())
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
            std::fs::create_dir_all(parent).map_err(|e| BuildError::io("create", parent, e))?;
        }
        std::fs::write(&target, bytes).map_err(|e| BuildError::io("write", &target, e))
    }
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
