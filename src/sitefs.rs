//! Guarded reading of a site's files. A site repository is untrusted input:
//! a symbolic link in it may point anywhere on the machine that builds it
//! (`/proc/self/environ`, `/etc/passwd`, a folder with secrets). Every file
//! the build reads (content, templates, static files, themes, attachments,
//! geometry) goes through this module, which resolves the path and refuses it
//! when it leads out of the site root. Links that stay inside the site are fine.
//!
//! Use [`read`] / [`read_to_string`] for one file ([`Root`] for many: it
//! resolves the site root once), [`resolve`] to vet a path
//! before handing it to another reader, and [`walk_files`] to list a folder.
//! A refusal becomes a diagnostic with [`ReadError::diagnostic`]
//! (`outside-site`, naming the link, or `unreadable-file`).

use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, display_path, io_reason};

/// Why a file of the site was not read.
#[derive(Debug)]
pub enum ReadError {
    /// The path passes through a symbolic link that leads out of the site.
    Outside {
        /// The link itself (the first component of the path that leads out).
        link: PathBuf,
        /// Where it leads.
        target: PathBuf,
    },
    Io(io::Error),
}

impl ReadError {
    /// The error as a diagnostic. `what` names the file in Dutch for the
    /// message of an unreadable file ("dit bestand", "deze template").
    pub fn diagnostic(&self, root: &Path, path: &Path, what: &str) -> Diagnostic {
        match self {
            ReadError::Outside { link, target } => outside_site(root, link, target),
            ReadError::Io(e) => Diagnostic::error(
                "unreadable-file",
                display_path(root, path),
                None,
                format!("{what} kan niet worden gelezen: {}", io_reason(e)),
            ),
        }
    }
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// The `outside-site` error for a link that leads out of the site.
pub fn outside_site(root: &Path, link: &Path, target: &Path) -> Diagnostic {
    let message = format!(
        "dit is een snelkoppeling (symbolische link) naar {}, buiten de map van de site; wijkverhaal leest daar niets",
        target.display()
    );
    Diagnostic::error("outside-site", display_path(root, link), None, message).note(
        "zet het bestand of de map zelf in de site, of laat de link naar iets binnen de site wijzen",
    )
}

/// The site root with every link resolved (the root itself as given when it
/// cannot be resolved, so a missing root gives the usual "not found" errors).
fn canonical_root(root: &Path) -> PathBuf {
    std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf())
}

/// A site root with its real path resolved once, for reading many files of
/// it (a wijk's contributions): the free functions of this module resolve
/// the root again on every call.
#[derive(Debug, Clone)]
pub struct Root<'a> {
    given: &'a Path,
    real: PathBuf,
}

impl<'a> Root<'a> {
    pub fn new(root: &'a Path) -> Root<'a> {
        Root {
            given: root,
            real: canonical_root(root),
        }
    }

    /// The root as given.
    pub fn path(&self) -> &'a Path {
        self.given
    }

    /// [`resolve`] below this root.
    pub fn resolve(&self, path: &Path) -> Result<PathBuf, ReadError> {
        resolve_in(&self.real, self.given, path)
    }

    /// [`read`] below this root.
    pub fn read(&self, path: &Path) -> Result<Vec<u8>, ReadError> {
        Ok(std::fs::read(self.resolve(path)?)?)
    }

    /// [`Root::read`] of a file that [`walk_files`] found with
    /// [`Found::linked`] false: its path holds no link below a folder
    /// that was resolved inside the site, so it is read without resolving
    /// it again (resolving costs a system call per part of the path). The
    /// file is opened without following a link, so a file replaced by a
    /// link since the walk is resolved and judged as any other link.
    pub fn read_walked(&self, path: &Path) -> Result<Vec<u8>, ReadError> {
        match read_no_link(path) {
            Err(e) if is_link_refused(&e) => self.read(path),
            read => Ok(read?),
        }
    }
}

/// Reads a file, refusing to follow it when it is itself a link.
#[cfg(unix)]
fn read_no_link(path: &Path) -> io::Result<Vec<u8>> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Without `O_NOFOLLOW`, every read resolves the path.
#[cfg(not(unix))]
fn read_no_link(_path: &Path) -> io::Result<Vec<u8>> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Whether opening failed because the file is a link (`ELOOP` under
/// `O_NOFOLLOW`) or could not be opened that way at all.
fn is_link_refused(e: &io::Error) -> bool {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return true;
    }
    e.kind() == io::ErrorKind::Unsupported
}

/// The real path of `path` (every link resolved), when it lies inside `root`.
/// `path` is a path below `root` as the site names it (`root/content/x.md`).
pub fn resolve(root: &Path, path: &Path) -> Result<PathBuf, ReadError> {
    Root::new(root).resolve(path)
}

fn resolve_in(real_root: &Path, root: &Path, path: &Path) -> Result<PathBuf, ReadError> {
    let real = std::fs::canonicalize(path)?;
    if real.starts_with(real_root) {
        return Ok(real);
    }
    Err(ReadError::Outside {
        link: first_link_out(real_root, root, path),
        target: real,
    })
}

/// The first component of `path` (below `root`) whose real path lies outside
/// the site: the link that leads out. `path` itself if none can be named
/// (a path that is not below the root at all).
fn first_link_out(real_root: &Path, root: &Path, path: &Path) -> PathBuf {
    let Ok(relative) = path.strip_prefix(root) else {
        return path.to_path_buf();
    };
    let mut prefix = root.to_path_buf();
    for component in relative.components() {
        prefix.push(component);
        let is_link = std::fs::symlink_metadata(&prefix).is_ok_and(|m| m.file_type().is_symlink());
        if is_link
            && std::fs::canonicalize(&prefix).map_or(true, |real| !real.starts_with(real_root))
        {
            return prefix;
        }
    }
    path.to_path_buf()
}

/// Reads a file of the site, refusing a path that leads out of it.
pub fn read(root: &Path, path: &Path) -> Result<Vec<u8>, ReadError> {
    Root::new(root).read(path)
}

/// Reads a text file (UTF-8) of the site, refusing a path that leads out of it.
pub fn read_to_string(root: &Path, path: &Path) -> Result<String, ReadError> {
    let real = resolve(root, path)?;
    Ok(std::fs::read_to_string(real)?)
}

/// Whether `path` is a folder inside the site (following links that stay inside).
pub fn is_dir(root: &Path, path: &Path) -> bool {
    resolve(root, path).is_ok_and(|real| real.is_dir())
}

/// Whether `path` is a file inside the site (following links that stay inside).
pub fn is_file(root: &Path, path: &Path) -> bool {
    resolve(root, path).is_ok_and(|real| real.is_file())
}

/// A file found by [`walk_files`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The path as the site names it (below the walked folder, links kept).
    pub path: PathBuf,
    /// 1 for a file directly in the walked folder, 2 one folder deeper, ...
    pub depth: usize,
    /// Whether the file or a folder between it and the walked folder is a
    /// symbolic link (one that stays inside the site). When not, its path
    /// is the walked folder's (resolved inside the site) with plain names
    /// added, and [`Root::read_walked`] reads it without resolving it.
    pub linked: bool,
}

/// Every file below `dir`, sorted by name, following links that stay inside
/// the site and refusing (without reading or descending) those that lead out.
/// Entries whose name `skip` rejects are left out, with everything below them.
/// Results come in walk order: files, and refusals with the path they concern.
pub fn walk_files(
    root: &Path,
    dir: &Path,
    skip: impl Fn(&str) -> bool,
) -> Vec<Result<Found, (PathBuf, ReadError)>> {
    let real_root = canonical_root(root);
    if let Err(e) = resolve_in(&real_root, root, dir) {
        return vec![Err((dir.to_path_buf(), e))];
    }
    let mut found = Vec::new();
    // The depth of the outermost followed folder link the walk is below.
    let mut below_link: Option<usize> = None;
    let mut walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            // A link that loops back to a folder above it, or leads nowhere,
            // has nothing to read: it is left out, as a plain walk would.
            Err(e) if e.loop_ancestor().is_some() || is_dangling_link(e.path()) => continue,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                let error = e
                    .into_io_error()
                    .unwrap_or_else(|| io::Error::other("de map kan niet worden doorlopen"));
                found.push(Err((path, ReadError::Io(error))));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        if below_link.is_some_and(|depth| entry.depth() <= depth) {
            below_link = None;
        }
        let is_dir = entry.file_type().is_dir();
        if skip(&entry.file_name().to_string_lossy()) {
            if is_dir {
                walker.skip_current_dir();
            }
            continue;
        }
        if entry.path_is_symlink()
            && let Err(e) = resolve_in(&real_root, root, entry.path())
        {
            if is_dir {
                walker.skip_current_dir();
            }
            found.push(Err((entry.path().to_path_buf(), e)));
            continue;
        }
        let linked = below_link.is_some() || entry.path_is_symlink();
        if is_dir && entry.path_is_symlink() && below_link.is_none() {
            below_link = Some(entry.depth());
        }
        if entry.file_type().is_file() {
            found.push(Ok(Found {
                path: entry.path().to_path_buf(),
                depth: entry.depth(),
                linked,
            }));
        }
    }
    found
}

fn is_dangling_link(path: Option<&Path>) -> bool {
    path.is_some_and(|p| p.is_symlink() && !p.exists())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn site() -> (tempfile::TempDir, tempfile::TempDir) {
        let site = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "GEHEIM").unwrap();
        std::fs::create_dir_all(site.path().join("content/w")).unwrap();
        std::fs::write(site.path().join("content/w/a.md"), "binnen").unwrap();
        (site, outside)
    }

    #[test]
    fn reads_plain_files_and_links_that_stay_inside() {
        let (site, _outside) = site();
        let root = site.path();
        symlink(root.join("content/w/a.md"), root.join("content/w/b.md")).unwrap();
        symlink("w", root.join("content/v")).unwrap();
        assert_eq!(read(root, &root.join("content/w/a.md")).unwrap(), b"binnen");
        assert_eq!(read(root, &root.join("content/w/b.md")).unwrap(), b"binnen");
        assert_eq!(read(root, &root.join("content/v/a.md")).unwrap(), b"binnen");
    }

    #[test]
    fn refuses_a_file_link_that_leads_out_and_names_it() {
        let (site, outside) = site();
        let root = site.path();
        let link = root.join("content/w/geheim.md");
        symlink(outside.path().join("secret.txt"), &link).unwrap();
        let Err(ReadError::Outside { link: named, .. }) = read(root, &link) else {
            panic!("read through a link out of the site");
        };
        assert_eq!(named, link);
        let d = read(root, &link)
            .unwrap_err()
            .diagnostic(root, &link, "dit");
        assert_eq!(
            (d.code, d.file.as_str()),
            ("outside-site", "content/w/geheim.md")
        );
    }

    #[test]
    fn refuses_a_folder_link_that_leads_out_and_names_the_folder() {
        let (site, outside) = site();
        let root = site.path();
        symlink(outside.path(), root.join("content/x")).unwrap();
        let path = root.join("content/x/secret.txt");
        let Err(ReadError::Outside { link, .. }) = read(root, &path) else {
            panic!("read through a folder link out of the site");
        };
        assert_eq!(link, root.join("content/x"));
        assert!(!is_file(root, &path));
    }

    #[test]
    fn a_root_resolved_once_reads_and_refuses_like_the_free_functions() {
        let (site, outside) = site();
        let root = site.path();
        let link = root.join("content/w/geheim.md");
        symlink(outside.path().join("secret.txt"), &link).unwrap();
        let once = Root::new(root);
        assert_eq!(once.read(&root.join("content/w/a.md")).unwrap(), b"binnen");
        let Err(ReadError::Outside { link: named, .. }) = once.read(&link) else {
            panic!("read through a link out of the site");
        };
        assert_eq!(named, link);
        assert_eq!(once.path(), root);
    }

    #[test]
    fn refuses_dot_dot_paths_out_of_the_site() {
        let (site, outside) = site();
        let root = site.path();
        let name = outside.path().file_name().unwrap();
        let path = root.join("..").join(name).join("secret.txt");
        assert!(matches!(read(root, &path), Err(ReadError::Outside { .. })));
    }

    #[test]
    fn walks_inside_links_and_refuses_outside_ones_without_descending() {
        let (site, outside) = site();
        let root = site.path();
        symlink(outside.path(), root.join("content/w/uit")).unwrap();
        symlink(
            outside.path().join("secret.txt"),
            root.join("content/w/s.md"),
        )
        .unwrap();
        symlink(root.join("content/w/a.md"), root.join("content/w/c.md")).unwrap();
        std::fs::write(root.join("content/w/.verborgen.md"), "").unwrap();
        let walked = walk_files(root, &root.join("content/w"), |n| n.starts_with('.'));
        let files: Vec<String> = walked
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .map(|f| display_path(root, &f.path))
            .collect();
        assert_eq!(files, ["content/w/a.md", "content/w/c.md"]);
        let refused: Vec<String> = walked
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(|(p, _)| display_path(root, p))
            .collect();
        assert_eq!(refused, ["content/w/s.md", "content/w/uit"]);
    }

    #[test]
    fn the_walk_tells_which_files_have_a_link_on_their_way() {
        let (site, _outside) = site();
        let root = site.path();
        let w = root.join("content/w");
        std::fs::create_dir_all(w.join("sub/diep")).unwrap();
        std::fs::write(w.join("sub/diep/d.md"), "").unwrap();
        std::fs::write(w.join("z.md"), "").unwrap();
        symlink(w.join("a.md"), w.join("b.md")).unwrap();
        symlink(w.join("sub"), w.join("link")).unwrap();
        let walked = walk_files(root, &w, |_| false);
        let linked: Vec<(String, bool)> = walked
            .iter()
            .map(|r| r.as_ref().unwrap())
            .map(|f| (display_path(&w, &f.path), f.linked))
            .collect();
        let expected = [
            ("a.md", false),
            ("b.md", true),
            ("link/diep/d.md", true),
            ("sub/diep/d.md", false),
            ("z.md", false),
        ];
        let expected: Vec<(String, bool)> =
            expected.iter().map(|(p, l)| (p.to_string(), *l)).collect();
        assert_eq!(linked, expected);
    }

    #[test]
    fn a_walked_file_is_read_and_one_made_a_link_since_is_judged_as_a_link() {
        let (site, outside) = site();
        let root = site.path();
        let once = Root::new(root);
        let a = root.join("content/w/a.md");
        assert_eq!(once.read_walked(&a).unwrap(), b"binnen");
        // Replaced by a link out of the site after the walk: refused.
        std::fs::remove_file(&a).unwrap();
        symlink(outside.path().join("secret.txt"), &a).unwrap();
        let Err(ReadError::Outside { link, .. }) = once.read_walked(&a) else {
            panic!("read_walked followed a link out of the site");
        };
        assert_eq!(link, a);
        // Replaced by a link inside the site: read through it.
        std::fs::remove_file(&a).unwrap();
        std::fs::write(root.join("content/w/c.md"), "ook binnen").unwrap();
        symlink("c.md", &a).unwrap();
        assert_eq!(once.read_walked(&a).unwrap(), b"ook binnen");
        assert!(matches!(
            once.read_walked(&root.join("content/w/weg.md")),
            Err(ReadError::Io(_))
        ));
    }

    #[test]
    fn a_walked_folder_that_is_itself_a_link_out_is_refused() {
        let (site, outside) = site();
        let root = site.path();
        symlink(outside.path(), root.join("content/buiten")).unwrap();
        let walked = walk_files(root, &root.join("content/buiten"), |_| false);
        assert!(matches!(
            walked.as_slice(),
            [Err((_, ReadError::Outside { .. }))]
        ));
    }

    #[test]
    fn link_loops_and_dangling_links_are_left_out_not_a_hang() {
        let (site, _outside) = site();
        let root = site.path();
        symlink(root.join("content/w"), root.join("content/w/lus")).unwrap();
        symlink("nergens.md", root.join("content/w/weg.md")).unwrap();
        let walked = walk_files(root, &root.join("content/w"), |_| false);
        assert_eq!(walked.len(), 1, "{walked:?}");
        assert!(walked[0].is_ok());
    }
}
