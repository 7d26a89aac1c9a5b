//! Replacing the output folder without ever losing what wijkverhaal did not
//! write. The output holds a marker file listing every file a build wrote;
//! a folder with other files is refused (`foreign-output`). The swap of the
//! staged site for the old one goes in steps that each leave a recoverable
//! state, and `recover` (run before every `build` and `check`) finishes or
//! undoes a swap that a killed process left halfway:
//!
//! 1. the marker is written into the staging folder (the staged site is complete);
//! 2. the old output is renamed aside (`.public.old-<pid>`);
//! 3. the staging folder is renamed to the output;
//! 4. each `keep` entry (`.git`, `CNAME`) moves from the set-aside copy into the new output;
//! 5. the set-aside copy is removed.
//!
//! Killed after 2, the set-aside copy is renamed back; after 3 or 4, the
//! kept entries still in the set-aside copy are moved over before it is
//! removed. A staging folder never holds a kept entry, so a stale one is
//! simply removed.

use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

use super::ledger::Ledger;
use crate::error::{Diagnostic, io_reason};

/// The marker file: says that wijkverhaal wrote the folder, and what.
pub const MARKER: &str = ".wijkverhaal";

const MARKER_HEAD: &str = "# Deze map is gemaakt door wijkverhaal en wordt bij elke build vervangen.\n# wijkverhaal verwijdert alleen de bestanden hieronder (file) en neemt de\n# bewaarde onderdelen (keep) mee naar de nieuwe versie.\n";

/// How many unknown files a `foreign-output` error names.
const NAMED: usize = 5;

/// Why a `keep` entry cannot be kept, or `None` when it can.
pub fn keep_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() || name == "." || name == ".." {
        Some("dat is geen naam van een bestand of map")
    } else if name.contains(['/', '\\', '\n', '\r']) {
        Some("alleen namen direct in de uitvoermap kunnen worden bewaard, zonder / erin")
    } else if name == MARKER {
        Some("dit bestand schrijft wijkverhaal zelf")
    } else {
        None
    }
}

/// The names of the folders a swap of `output` uses beside it.
pub struct Names {
    pub parent: PathBuf,
    pub name: String,
}

impl Names {
    pub fn of(output: &Path) -> Names {
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Names { parent, name }
    }

    pub fn staging(&self, pid: u32) -> PathBuf {
        self.parent.join(format!(".{}.building-{pid}", self.name))
    }

    pub fn aside(&self, pid: u32) -> PathBuf {
        self.parent.join(format!(".{}.old-{pid}", self.name))
    }

    fn output(&self) -> PathBuf {
        self.parent.join(&self.name)
    }
}

/// Test hook: `WIJKVERHAAL_TEST_ABORT_AFTER_STEP=k` kills the process right
/// after step `k` of the swap, as a power cut or `kill -9` would, so the
/// suite can prove that every step leaves a recoverable state.
fn after_step(step: u32) {
    static ABORT_AFTER: std::sync::OnceLock<Option<u32>> = std::sync::OnceLock::new();
    let abort_after = ABORT_AFTER.get_or_init(|| {
        std::env::var("WIJKVERHAAL_TEST_ABORT_AFTER_STEP")
            .ok()
            .and_then(|s| s.parse().ok())
    });
    if *abort_after == Some(step) {
        std::process::abort();
    }
}

// Test hook for unit tests: the step that fails as on a read-only disk.
#[cfg(test)]
thread_local! {
    pub static FAIL_AT: std::cell::Cell<Option<u32>> = const { std::cell::Cell::new(None) };
}

fn fault(step: u32) -> io::Result<()> {
    #[cfg(test)]
    if FAIL_AT.with(|f| f.get()) == Some(step) {
        return Err(io::Error::from(io::ErrorKind::PermissionDenied));
    }
    let _ = step;
    Ok(())
}

/// The lines of the marker in `folder`, read as they are needed: its `keep`
/// lines, then its `file` lines in [`marker_order`].
fn marker_lines(folder: &Path) -> Option<impl Iterator<Item = String>> {
    let file = std::fs::File::open(folder.join(MARKER)).ok()?;
    Some(io::BufReader::new(file).lines().map_while(Result::ok))
}

/// The names the marker in `folder` says to keep.
fn marker_keep(folder: &Path) -> Vec<String> {
    marker_lines(folder)
        .into_iter()
        .flatten()
        .filter_map(|line| line.strip_prefix("keep ").map(str::to_string))
        .collect()
}

/// Writes the marker into the staging folder (step 1): the kept names, then
/// every file the build wrote there (noted in `written` as it was written),
/// in [`marker_order`].
fn write_marker(staging: &Path, keep: &[String], written: Ledger) -> io::Result<()> {
    let mut out = io::BufWriter::new(std::fs::File::create(staging.join(MARKER))?);
    out.write_all(MARKER_HEAD.as_bytes())?;
    for name in keep {
        writeln!(out, "keep {name}")?;
    }
    written.write_lines(&mut out, MARKER)?;
    out.into_inner().map_err(io::IntoInnerError::into_error)?;
    Ok(())
}

/// The order of the marker's `file` lines: by path, byte by byte, as a
/// sorted list of the paths would have them. A walk that sorts the entries
/// of each folder this way (a folder's name counting as if it ended in `/`)
/// meets the files in exactly that order, so the marker is read back beside
/// a walk of the folder without holding either list (and the build writes
/// its list in that order: `ledger`).
fn marker_order(a: &walkdir::DirEntry, b: &walkdir::DirEntry) -> std::cmp::Ordering {
    let key = |e: &walkdir::DirEntry| {
        let name = e.file_name().as_encoded_bytes().to_vec();
        name.into_iter()
            .chain(e.file_type().is_dir().then_some(b'/'))
    };
    key(a).cmp(key(b))
}

/// Finishes or undoes swaps of `output` that a killed build left behind,
/// and removes its stale staging folders. Only leftovers of processes that
/// no longer run are touched; where that cannot be told (no `/proc`),
/// nothing is. Returns what could not be put right.
pub fn recover(output: &Path, keep: &[String]) -> Vec<String> {
    let names = Names::of(output);
    let proc = Path::new("/proc");
    if !proc.is_dir() {
        return Vec::new();
    }
    let Ok(entries) = std::fs::read_dir(&names.parent) else {
        return Vec::new();
    };
    let mut leftovers: Vec<(bool, PathBuf)> = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let staged = file_name.strip_prefix(&format!(".{}.building-", names.name));
        let aside = file_name.strip_prefix(&format!(".{}.old-", names.name));
        let pid = staged.or(aside).and_then(|pid| pid.parse::<u32>().ok());
        if let Some(pid) = pid
            && pid != std::process::id()
            && !proc.join(pid.to_string()).exists()
        {
            leftovers.push((aside.is_some(), entry.path()));
        }
    }
    leftovers.sort();
    let mut problems = Vec::new();
    for (is_aside, path) in leftovers {
        let result = if is_aside {
            put_back(&path, &names.output(), keep)
        } else {
            std::fs::remove_dir_all(&path)
        };
        if let Err(e) = result {
            problems.push(format!(
                "{} (over van een afgebroken build) kan niet worden opgeruimd: {}",
                path.display(),
                io_reason(&e)
            ));
        }
    }
    problems
}

/// A set-aside old output of a killed swap: back in place when the new one
/// never arrived, else its kept entries go to the new one and it goes.
fn put_back(aside: &Path, output: &Path, keep: &[String]) -> io::Result<()> {
    if !output.exists() {
        return std::fs::rename(aside, output);
    }
    let mut kept: Vec<String> = keep.to_vec();
    kept.extend(marker_keep(output));
    carry(aside, output, &kept)?;
    std::fs::remove_dir_all(aside)
}

/// Moves the kept entries from `from` into `to`, where `to` lacks them.
fn carry(from: &Path, to: &Path, keep: &[String]) -> io::Result<()> {
    for name in keep {
        let source = from.join(name);
        if source.symlink_metadata().is_ok() && to.join(name).symlink_metadata().is_err() {
            std::fs::rename(&source, to.join(name))?;
            after_step(4);
        }
    }
    Ok(())
}

/// Whether a build may replace `output`: it does not exist, is empty, holds
/// only kept entries, or holds only files that a build listed in its marker.
pub fn claim(output: &Path, keep: &[String]) -> Result<(), Diagnostic> {
    let Ok(entries) = std::fs::read_dir(output) else {
        return Ok(());
    };
    let mut top: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !keep.contains(name))
        .collect();
    top.sort();
    let foreign: Vec<String> = match marker_lines(output) {
        None => top,
        Some(lines) => unlisted_files(output, keep, lines),
    };
    if foreign.is_empty() {
        return Ok(());
    }
    let mut named: Vec<String> = foreign.iter().take(NAMED).cloned().collect();
    if foreign.len() > NAMED {
        named.push(format!("en nog {}", foreign.len() - NAMED));
    }
    let message = format!(
        "de uitvoermap {} bevat bestanden die wijkverhaal niet heeft gemaakt: {}; er is niets veranderd",
        output.display(),
        named.join(", ")
    );
    let hint = "wijkverhaal vervangt de uitvoermap in zijn geheel en verwijdert nooit wat het niet zelf schreef: kies met --output een lege of nieuwe map, zet deze bestanden ergens anders neer, of laat ze meenemen met keep = [\".git\", \"CNAME\", \".nojekyll\", \"...\"] in site.toml";
    Err(Diagnostic::error("foreign-output", "", None, message).note(hint))
}

/// Files under `output` (outside the kept entries) that the marker does not
/// list. The walk meets the files in the order the marker lists them
/// ([`marker_order`]), so the two are read side by side; a marker out of
/// that order makes files look unlisted, and the build refuses rather than
/// removing them.
fn unlisted_files(
    output: &Path,
    keep: &[String],
    marker: impl Iterator<Item = String>,
) -> Vec<String> {
    let mut listed = marker
        .filter_map(|line| line.strip_prefix("file ").map(str::to_string))
        .peekable();
    let mut found = Vec::new();
    let walker = walkdir::WalkDir::new(output)
        .min_depth(1)
        .sort_by(marker_order)
        .into_iter()
        .filter_entry(|e| {
            e.depth() > 1
                || !keep
                    .iter()
                    .any(|k| std::ffi::OsStr::new(k) == e.file_name())
        });
    for entry in walker {
        let Ok(entry) = entry else { continue };
        if entry.file_type().is_dir() {
            continue;
        }
        let path = crate::error::display_path(output, entry.path());
        while listed.next_if(|file| *file < path).is_some() {}
        if path != MARKER && listed.next_if(|file| *file == path).is_none() {
            found.push(path);
        }
    }
    found
}

/// Why a swap did not finish, in words that say where each site now is.
#[derive(Debug)]
pub struct SwapFailure(pub String);

/// Swaps the complete staged site in for the old output (steps 1-5 above).
/// Returns the warnings of a swap that put the new site in place but could
/// not clean up.
pub fn swap(
    staging: &Path,
    output: &Path,
    keep: &[String],
    written: Ledger,
) -> Result<Vec<String>, SwapFailure> {
    let shown = output.display();
    let unchanged = format!("De oude site in {shown} is niet veranderd.");
    fault(1)
        .and_then(|()| write_marker(staging, keep, written))
        .map_err(|e| {
            SwapFailure(format!(
                "de nieuwe site kan niet worden afgemaakt in {}: {}. {unchanged}",
                staging.display(),
                io_reason(&e)
            ))
        })?;
    after_step(1);
    let aside = Names::of(output).aside(std::process::id());
    let had_output = output.exists();
    if had_output {
        fault(2)
            .and_then(|()| std::fs::rename(output, &aside))
            .map_err(|e| {
                SwapFailure(format!(
                    "de oude site in {shown} kan niet opzij worden gezet om plaats te maken voor de nieuwe: {}. {unchanged}",
                    io_reason(&e)
                ))
            })?;
        after_step(2);
    }
    if let Err(e) = fault(3).and_then(|()| std::fs::rename(staging, output)) {
        let back = had_output && std::fs::rename(&aside, output).is_ok();
        let place = match (had_output, back) {
            (false, _) => String::from("Er was nog geen oude site."),
            (true, true) => unchanged,
            (true, false) => format!("De oude site staat nu in {}.", aside.display()),
        };
        return Err(SwapFailure(format!(
            "de nieuwe site kan niet op zijn plaats ({shown}) worden gezet: {}. {place}",
            io_reason(&e)
        )));
    }
    after_step(3);
    if !had_output {
        return Ok(Vec::new());
    }
    if let Err(e) = fault(4).and_then(|()| carry(&aside, output, keep)) {
        return Err(SwapFailure(format!(
            "de nieuwe site staat in {shown}, maar de bewaarde onderdelen ({}) konden niet worden meegenomen: {}. Ze staan nog in {}; de volgende build probeert het opnieuw",
            keep.join(", "),
            io_reason(&e),
            aside.display()
        )));
    }
    after_step(5);
    match fault(5).and_then(|()| remove_tree(&aside)) {
        Ok(()) => Ok(Vec::new()),
        Err(e) => Ok(vec![format!(
            "de nieuwe site staat in {shown}, maar de vorige versie in {} kan niet worden verwijderd: {}. Verwijder die map zelf",
            aside.display(),
            io_reason(&e)
        )]),
    }
}

/// Removes the set-aside old output (step 5) with every core: its entries
/// (one folder per wijk) are removed in parallel, so a large old site does
/// not hold the end of the build for long. Killed halfway, what is left is
/// still a set-aside copy that `recover` removes.
fn remove_tree(folder: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(folder)?.collect::<io::Result<_>>()?;
    entries
        .par_iter()
        .try_for_each(|entry| match entry.file_type()?.is_dir() {
            true => std::fs::remove_dir_all(entry.path()),
            false => std::fs::remove_file(entry.path()),
        })?;
    std::fs::remove_dir(folder)
}
