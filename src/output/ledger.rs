//! The list of the files a build wrote into its staging folder, for the
//! marker (see `swap`). Each file is noted as it is written, and the list
//! is put in the marker's order at the end, so the staging folder is not
//! read back (a walk of it cost an open, a stat, two reads of its entries
//! and a close for each of its folders: 15,000 folders for 10,000
//! contributions). Memory stays flat: the paths noted are kept in memory
//! up to [`SPILL_AT`] bytes and then moved, in pieces, to an unnamed file in
//! the staging folder; at the end the pieces are read back one top entry
//! (one wijk) at a time.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Mutex;

/// How many bytes of paths are kept in memory before they are moved to disk.
const SPILL_AT: usize = 64 * 1024;

/// The files written so far, in pieces per top entry.
#[derive(Debug)]
pub struct Ledger {
    inner: Mutex<Inner>,
    spill_at: usize,
}

#[derive(Debug, Default)]
struct Inner {
    /// Per top entry (`lindenhof/`, or a file's name: `index.html`), the
    /// rest of each path noted since the last spill, one a line.
    pending: BTreeMap<Box<str>, Vec<u8>>,
    pending_bytes: usize,
    /// Per top entry, the pieces already in `spill`: offset and length.
    spilled: BTreeMap<Box<str>, Vec<(u64, usize)>>,
    /// An unnamed file (no other process or site file can reach it), or
    /// none where a file cannot be unnamed while open: then the list stays
    /// in memory.
    spill: Option<File>,
    spill_len: u64,
}

impl Ledger {
    /// A ledger for the staging folder `staging`, which must not have had
    /// any file written into it yet (the spill file is made and unnamed
    /// there before a file of the site could take its name).
    pub fn new(staging: &Path) -> io::Result<Ledger> {
        Ok(Ledger {
            inner: Mutex::new(Inner {
                spill: spill_file(staging)?,
                ..Inner::default()
            }),
            spill_at: SPILL_AT,
        })
    }

    /// A ledger with nothing noted that keeps what it is given in memory.
    pub fn empty() -> Ledger {
        Ledger {
            inner: Mutex::default(),
            spill_at: SPILL_AT,
        }
    }

    /// Notes that the file at `path` (relative to the staging folder, as
    /// the sink was given it) was written.
    pub fn note(&self, path: &str) -> io::Result<()> {
        let path = normal(path);
        let (top, rest) = match path.find('/') {
            Some(slash) => path.split_at(slash + 1),
            None => (path.as_ref(), ""),
        };
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let lines = match inner.pending.get_mut(top) {
            Some(lines) => lines,
            None => inner.pending.entry(top.into()).or_default(),
        };
        lines.extend_from_slice(rest.as_bytes());
        lines.push(b'\n');
        inner.pending_bytes += rest.len() + 1;
        if inner.pending_bytes >= self.spill_at && inner.spill.is_some() {
            inner.spill()?;
        }
        Ok(())
    }

    /// Writes `file <path>` for every file noted, each once, sorted by path
    /// byte by byte, leaving out `skip` (the marker itself).
    pub fn write_lines(self, out: &mut impl Write, skip: &str) -> io::Result<()> {
        let mut inner = self.inner.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut tops: Vec<Box<str>> = inner.spilled.keys().cloned().collect();
        tops.extend(inner.pending.keys().cloned());
        tops.sort();
        tops.dedup();
        let mut bytes = Vec::new();
        for top in tops {
            bytes.clear();
            if let (Some(pieces), Some(spill)) = (inner.spilled.get(&top), inner.spill.as_mut()) {
                for &(offset, len) in pieces {
                    spill.seek(SeekFrom::Start(offset))?;
                    let start = bytes.len();
                    bytes.resize(start + len, 0);
                    spill.read_exact(&mut bytes[start..])?;
                }
            }
            bytes.extend(inner.pending.remove(&top).unwrap_or_default());
            let text = String::from_utf8_lossy(&bytes);
            let mut rests: Vec<&str> = text.split_terminator('\n').collect();
            rests.sort_unstable();
            rests.dedup();
            for rest in rests {
                if rest.is_empty() && &*top == skip {
                    continue;
                }
                out.write_all(b"file ")?;
                out.write_all(top.as_bytes())?;
                out.write_all(rest.as_bytes())?;
                out.write_all(b"\n")?;
            }
        }
        Ok(())
    }

    #[cfg(test)]
    fn spilling_at(staging: &Path, spill_at: usize) -> Ledger {
        Ledger {
            spill_at,
            ..Ledger::new(staging).unwrap()
        }
    }
}

impl Inner {
    /// Moves the pending paths to the spill file.
    fn spill(&mut self) -> io::Result<()> {
        let Some(spill) = self.spill.as_mut() else {
            return Ok(());
        };
        for (top, lines) in std::mem::take(&mut self.pending) {
            spill.write_all(&lines)?;
            let piece = (self.spill_len, lines.len());
            self.spill_len += lines.len() as u64;
            self.spilled.entry(top).or_default().push(piece);
        }
        self.pending_bytes = 0;
        Ok(())
    }
}

/// A new file in `staging`, already removed from it (it lives on while open).
#[cfg(unix)]
fn spill_file(staging: &Path) -> io::Result<Option<File>> {
    let path = staging.join(".wijkverhaal-files");
    let file = File::options()
        .read(true)
        .write(true)
        .create_new(true)
        .open(&path)?;
    std::fs::remove_file(&path)?;
    Ok(Some(file))
}

/// Elsewhere an open file cannot lose its name: the list stays in memory.
#[cfg(not(unix))]
fn spill_file(_staging: &Path) -> io::Result<Option<File>> {
    Ok(None)
}

/// `path` with empty and `.` parts left out and `..` taken back, as the
/// file it names lies in the folder (the marker names files as they lie).
fn normal(path: &str) -> std::borrow::Cow<'_, str> {
    let plain = |part: &str| !part.is_empty() && part != "." && part != "..";
    if path.split('/').all(plain) {
        return path.into();
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    parts.join("/").into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(ledger: Ledger) -> String {
        let mut out = Vec::new();
        ledger.write_lines(&mut out, ".wijkverhaal").unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn files_come_out_once_each_sorted_by_path_spilled_or_not() {
        let dir = tempfile::tempdir().unwrap();
        let paths = [
            "a/b/c.html",
            "a-b.html",
            "a/index.html",
            "a.txt",
            "ab/x.html",
            "a/b-c/index.html",
            "a/index.html",
            "Z.html",
            "é/index.html",
            "a/b/c/d.html",
            ".wijkverhaal",
            "a/.wijkverhaal",
        ];
        let mut sorted: Vec<&str> = paths.to_vec();
        sorted.retain(|p| *p != ".wijkverhaal");
        sorted.sort();
        sorted.dedup();
        let expected: String = sorted.iter().map(|p| format!("file {p}\n")).collect();
        for spill_at in [1, 10, 1 << 20] {
            let ledger = Ledger::spilling_at(dir.path(), spill_at);
            for path in paths {
                ledger.note(path).unwrap();
            }
            assert_eq!(lines(ledger), expected, "spilled at {spill_at} bytes");
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn paths_are_noted_as_the_files_lie() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::new(dir.path()).unwrap();
        for path in ["a//b.html", "./c.html", "d/./e/../f.html"] {
            ledger.note(path).unwrap();
        }
        assert_eq!(lines(ledger), "file a/b.html\nfile c.html\nfile d/f.html\n");
    }
}
