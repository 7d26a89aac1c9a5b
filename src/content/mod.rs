//! Loads `content/`: finds the wijk folders and their Markdown files, and
//! parses them in parallel into wijken with their contributions.

pub mod contribution;
pub mod fields;
pub mod frontmatter;
pub mod mistakes;
pub mod postcode;
pub mod text;
pub mod wijk;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::attach::Attachment;
use crate::config::Config;
use crate::error::{Diagnostic, display_path, io_reason};
use crate::model::{Contribution, Wijk};
use crate::slug::slugify;

pub const FOLDER: &str = "content";

/// A Markdown file found under `content/<wijk>/`. A build keeps every one
/// to its end (for the links between wijken), so it is small: the wijk's
/// slug is shared by its files, and the path relative to the site root is
/// the end of the file's own path, not a second string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentFile {
    wijk: Arc<str>,
    name: Name,
    pub is_index: bool,
    /// Found by the walk of its wijk folder with no link on the way
    /// ([`crate::sitefs::Found::linked`] false): read without resolving.
    walked_plain: bool,
}

/// Where a [`ContentFile`] is: its path and its path relative to the root.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Name {
    /// The path, whose end from byte `at` is the relative path.
    Joined { path: Box<str>, at: u32 },
    /// A path that is not UTF-8 (its relative path is shown in lossy
    /// UTF-8) or does not end in the relative path: both, apart.
    Apart(Box<(PathBuf, String)>),
}

impl ContentFile {
    /// The file at `path`, shown in messages as `file` (relative to the
    /// site root), in the wijk with slug `wijk`.
    pub fn new(wijk: Arc<str>, path: PathBuf, file: String, is_index: bool) -> ContentFile {
        let joined = path.to_str().and_then(|whole| {
            let at = whole.len().checked_sub(file.len())?;
            let ends =
                whole.ends_with(file.as_str()) && (at == 0 || whole.as_bytes()[at - 1] == b'/');
            ends.then(|| u32::try_from(at).ok()).flatten()
        });
        let name = match joined {
            Some(at) => Name::Joined {
                path: path
                    .into_os_string()
                    .into_string()
                    .unwrap_or_default()
                    .into(),
                at,
            },
            None => Name::Apart(Box::new((path, file))),
        };
        ContentFile {
            wijk,
            name,
            is_index,
            walked_plain: false,
        }
    }

    /// The file as [`crate::sitefs::walk_files`] found it below its wijk
    /// folder: when no link is on the way (`linked` false), it is read
    /// without resolving its path again ([`crate::sitefs::Root::read_walked`]).
    fn walked(mut self, linked: bool) -> ContentFile {
        self.walked_plain = !linked;
        self
    }

    /// The slug of its wijk.
    pub fn wijk(&self) -> &str {
        &self.wijk
    }

    /// Its path, to read it.
    pub fn path(&self) -> &Path {
        match &self.name {
            Name::Joined { path, .. } => Path::new(&**path),
            Name::Apart(apart) => &apart.0,
        }
    }

    /// Its path relative to the site root (`content/w/x.md`), for messages.
    pub fn file(&self) -> &str {
        match &self.name {
            Name::Joined { path, at } => &path[*at as usize..],
            Name::Apart(apart) => &apart.1,
        }
    }
}

/// What one file parsed into.
#[derive(Debug, Clone)]
pub enum Parsed {
    Wijk(Wijk),
    Contribution(Contribution),
    /// A contribution with errors, as far as the wijk-wide checks need it.
    Broken(crate::model::Broken),
}

/// Loads every wijk under `<root>/content`, with all diagnostics found.
pub fn load(root: &Path, config: &Config) -> (Vec<Wijk>, Vec<Diagnostic>) {
    let (files, mut diagnostics) = discover(root);
    let loaded: Vec<(Option<Wijk>, Vec<Diagnostic>)> = by_wijk(&files)
        .par_iter()
        .map(|group| load_wijk(root, group, config))
        .collect();
    let mut wijken = Vec::with_capacity(loaded.len());
    for (wijk, found) in loaded {
        diagnostics.extend(found);
        wijken.extend(wijk);
    }
    wijken.sort_by(|a, b| a.slug.cmp(&b.slug));
    (wijken, diagnostics)
}

/// Splits discovered files (sorted by wijk) into one group per wijk.
pub fn by_wijk(files: &[ContentFile]) -> Vec<&[ContentFile]> {
    files.chunk_by(|a, b| a.wijk == b.wijk).collect()
}

/// Parses the files of one wijk (its `_index.md` and contributions). The
/// wijk is `None` when its `_index.md` is missing or broken; the errors say why.
pub fn load_wijk(
    root: &Path,
    files: &[ContentFile],
    config: &Config,
) -> (Option<Wijk>, Vec<Diagnostic>) {
    let site = crate::sitefs::Root::new(root);
    let parsed: Vec<(Option<Parsed>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|file| parse_file_in(&site, file, config))
        .collect();
    let mut diagnostics = Vec::new();
    let mut wijk = None;
    let mut contributions = Vec::with_capacity(files.len());
    let mut broken = Vec::new();
    for (parsed, found) in parsed {
        diagnostics.extend(found);
        match parsed {
            Some(Parsed::Wijk(w)) => wijk = Some(w),
            Some(Parsed::Contribution(c)) => contributions.push(c),
            Some(Parsed::Broken(b)) => broken.push(b),
            None => {}
        }
    }
    if let Some(wijk) = &mut wijk {
        contributions.sort_by(|a, b| (&a.slug, &a.source.file).cmp(&(&b.slug, &b.source.file)));
        wijk.contributions = contributions;
        wijk.broken = broken;
        if let Some(index) = files.iter().find(|f| f.is_index) {
            let (geometry, found) = crate::geo::kaart::load(root, index, &wijk.streets);
            wijk.geometry = geometry;
            diagnostics.extend(found);
        }
    }
    (wijk, diagnostics)
}

/// Reads (never through a link out of the site `root`) and parses one content file.
pub fn parse_file(
    root: &Path,
    file: &ContentFile,
    config: &Config,
) -> (Option<Parsed>, Vec<Diagnostic>) {
    parse_file_in(&crate::sitefs::Root::new(root), file, config)
}

/// [`parse_file`] with the site root resolved once for many files.
pub fn parse_file_in(
    site: &crate::sitefs::Root,
    file: &ContentFile,
    config: &Config,
) -> (Option<Parsed>, Vec<Diagnostic>) {
    let read = match file.walked_plain {
        true => site.read_walked(file.path()),
        false => site.read(file.path()),
    };
    let bytes = match read {
        Ok(bytes) => bytes,
        Err(e) => {
            let diagnostic = e.diagnostic(site.path(), file.path(), "dit bestand");
            return (None, vec![diagnostic]);
        }
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        let message = "dit bestand is geen tekst in UTF-8";
        let hint = "sla het op als platte tekst in UTF-8 (in de meeste programma's: Opslaan als… > Codering: UTF-8); is het geen tekstbestand, haal het dan uit de map content/";
        return (
            None,
            vec![Diagnostic::error("not-text", file.file(), None, message).note(hint)],
        );
    };
    parse_text(file, text, config)
}

/// Parses the text of one content file.
pub fn parse_text(
    file: &ContentFile,
    text: &str,
    config: &Config,
) -> (Option<Parsed>, Vec<Diagnostic>) {
    let text = frontmatter::normalize(text);
    if file.is_index {
        let (wijk, diagnostics) = wijk::parse(file.file(), file.wijk(), &text);
        (wijk.map(Parsed::Wijk), diagnostics)
    } else {
        let stem = file
            .path()
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (c, diagnostics) = contribution::parse(file.file(), &stem, &text, &config.timezone);
        match c {
            Some(c) => (Some(Parsed::Contribution(c)), diagnostics),
            None => (
                contribution::salvage(file.file(), &stem, &text).map(Parsed::Broken),
                diagnostics,
            ),
        }
    }
}

/// Everything found under `content/`: the Markdown files, the attachments
/// beside them, and what was wrong with the folders.
#[derive(Debug, Default)]
pub struct Discovery {
    pub files: Vec<ContentFile>,
    /// In path order, grouped by wijk like `files`.
    pub attachments: Vec<Attachment>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Finds the wijk folders and their Markdown files, sorted by path.
pub fn discover(root: &Path) -> (Vec<ContentFile>, Vec<Diagnostic>) {
    let found = discover_all(root);
    (found.files, found.diagnostics)
}

/// Finds the wijk folders, their Markdown files and their attachments.
pub fn discover_all(root: &Path) -> Discovery {
    let (files, attachments, diagnostics) = discover_folders(root);
    Discovery {
        files,
        attachments,
        diagnostics,
    }
}

fn discover_folders(root: &Path) -> (Vec<ContentFile>, Vec<Attachment>, Vec<Diagnostic>) {
    let content = root.join(FOLDER);
    let mut diagnostics = Vec::new();
    if let Err(e @ crate::sitefs::ReadError::Outside { .. }) =
        crate::sitefs::resolve(root, &content)
    {
        return (
            Vec::new(),
            Vec::new(),
            vec![e.diagnostic(root, &content, "de map content")],
        );
    }
    let entries = match std::fs::read_dir(&content) {
        Ok(entries) => entries,
        Err(e) => {
            let message = format!("de map content kan niet worden gelezen: {}", io_reason(&e));
            return (
                Vec::new(),
                Vec::new(),
                vec![
                    Diagnostic::error("missing-content", FOLDER, None, message).note(
                        "maak een map content met daarin één map per wijk, elk met een _index.md",
                    ),
                ],
            );
        }
    };
    let mut folders: Vec<PathBuf> = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_ignored(&name) {
            continue;
        }
        if path.is_dir() {
            if let Err(e) = crate::sitefs::resolve(root, &path) {
                diagnostics.push(e.diagnostic(root, &path, "deze map"));
                continue;
            }
            folders.push(path);
        } else if name.ends_with(".md") {
            let message =
                "dit bestand staat niet in de map van een wijk en wordt dus niet gebruikt";
            diagnostics.push(
                Diagnostic::warning("unused-file", display_path(root, &path), None, message)
                    .note("zet het in de map van een wijk: content/<wijk>/"),
            );
        }
    }
    folders.sort();
    // Which folders become wijken is decided in order (two folders may
    // claim one address); their files are then found side by side.
    let mut seen_slugs: Vec<(String, String)> = Vec::new();
    let wijken: Vec<FolderVerdict> = folders
        .into_iter()
        .map(|folder| {
            let mut found_wrong = Vec::new();
            let accepted = accept_folder(root, folder, &mut seen_slugs, &mut found_wrong);
            (accepted, found_wrong)
        })
        .collect();
    let walked: Vec<_> = wijken
        .into_par_iter()
        .map(|(accepted, mut found_wrong)| {
            let mut files = Vec::new();
            let mut attachments = Vec::new();
            if let Some((folder, slug)) = accepted {
                let mut found = Found {
                    files: &mut files,
                    attachments: &mut attachments,
                    diagnostics: &mut found_wrong,
                };
                collect_files(root, &folder, &slug, &mut found);
                found_wrong.extend(crate::attach::collisions(&attachments));
            }
            (files, attachments, found_wrong)
        })
        .collect();
    let mut files = Vec::with_capacity(walked.iter().map(|(f, _, _)| f.len()).sum());
    let mut attachments = Vec::new();
    for (found_files, found_attachments, found_wrong) in walked {
        files.extend(found_files);
        attachments.extend(found_attachments);
        diagnostics.extend(found_wrong);
    }
    (files, attachments, diagnostics)
}

/// A folder of `content` with its web address if it becomes a wijk, and
/// what was found wrong with it.
type FolderVerdict = (Option<(PathBuf, String)>, Vec<Diagnostic>);

/// Whether the wijk folder `folder` may become a wijk: its name must give a
/// free web address of the right length. Returns the folder with its
/// address, or `None` with the reason in `diagnostics`; a folder without
/// an `_index.md` is an error but still read, so its files are checked too.
fn accept_folder(
    root: &Path,
    folder: PathBuf,
    seen_slugs: &mut Vec<(String, String)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(PathBuf, String)> {
    let name = folder
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = slugify(&name);
    let shown = display_path(root, &folder);
    if slug.len() > crate::slug::MAX_LEN {
        let message = "de mapnaam is te lang voor het webadres van een wijk";
        diagnostics.push(
            Diagnostic::error("name-too-long", &shown, None, message)
                .note(crate::slug::TOO_LONG_HINT),
        );
        return None;
    }
    if slug.is_empty() || crate::render::RESERVED_ROOT.contains(&slug.as_str()) {
        let message = format!("de mapnaam \"{name}\" kan niet het webadres van een wijk worden");
        diagnostics.push(
            Diagnostic::error("reserved-slug", &shown, None, message)
                .note("geef de map de naam van de wijk in kleine letters, zoals \"tuinwijk-oost\""),
        );
        return None;
    }
    if let Some((_, other)) = seen_slugs.iter().find(|(s, _)| *s == slug) {
        let message =
            format!("de mappen \"{other}\" en \"{shown}\" krijgen hetzelfde webadres /{slug}/");
        diagnostics.push(
            Diagnostic::error("duplicate-slug", &shown, None, message)
                .note("geef een van de twee mappen een andere naam"),
        );
        return None;
    }
    seen_slugs.push((slug.clone(), shown.clone()));
    let index = folder.join(wijk::INDEX);
    if !index.is_file() {
        let message = format!("in de map \"{shown}\" staat geen {}", wijk::INDEX);
        let hint = "maak een _index.md met de naam van de wijk (name), een korte samenvatting (summary), de straten (streets) en het contactpunt ([contact])";
        diagnostics.push(
            Diagnostic::error(
                "missing-wijk-index",
                format!("{shown}/{}", wijk::INDEX),
                None,
                message,
            )
            .note(hint),
        );
    }
    Some((folder, slug))
}

/// Where `collect_files` puts what it finds.
struct Found<'f> {
    files: &'f mut Vec<ContentFile>,
    attachments: &'f mut Vec<Attachment>,
    diagnostics: &'f mut Vec<Diagnostic>,
}

fn collect_files(root: &Path, folder: &Path, slug: &str, found: &mut Found) {
    let Found {
        files,
        attachments,
        diagnostics,
    } = found;
    let wijk: Arc<str> = slug.into();
    for found in crate::sitefs::walk_files(root, folder, crate::attach::is_ignored) {
        let entry = match found {
            Ok(entry) => entry,
            Err((path, e)) => {
                diagnostics.push(e.diagnostic(root, &path, "dit"));
                continue;
            }
        };
        let name = entry
            .path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        if !name.ends_with(".md") {
            if entry.depth == 1 && name == crate::geo::FILE {
                // The wijk's map, read with its `_index.md`.
                continue;
            }
            if looks_like_markdown(&name) {
                let message = format!(
                    "\"{name}\" wordt niet gebruikt: alleen bestanden die eindigen op .md tellen mee"
                );
                let stem = name
                    .rsplit_once('.')
                    .map_or(name.as_ref(), |(stem, _)| stem);
                let hint = format!("geef het bestand de naam \"{stem}.md\"");
                diagnostics.push(
                    Diagnostic::warning(
                        "unused-file",
                        display_path(root, &entry.path),
                        None,
                        message,
                    )
                    .note(hint),
                );
            } else {
                attachments.push(attachment(root, folder, slug, &entry.path));
            }
            continue;
        }
        let is_index = name == wijk::INDEX;
        let file = display_path(root, &entry.path);
        if is_index && entry.depth > 1 {
            let message = "een _index.md in een map binnen de wijk wordt niet gebruikt";
            diagnostics.push(
                Diagnostic::warning("unused-file", file, None, message).note(
                    "alleen de _index.md direct in de map van de wijk (content/<wijk>/_index.md) beschrijft de wijk",
                ),
            );
            continue;
        }
        let linked = entry.linked;
        files.push(ContentFile::new(wijk.clone(), entry.path, file, is_index).walked(linked));
    }
}

fn attachment(root: &Path, folder: &Path, slug: &str, path: &Path) -> Attachment {
    let below = display_path(folder, path);
    let parts: Vec<&str> = below.split('/').collect();
    Attachment::new(
        slug,
        path.to_path_buf(),
        display_path(root, path),
        display_path(&root.join(FOLDER), path),
        &parts,
    )
}

/// A body rendered: safe HTML, its first paragraph as plain text (the
/// teaser when no summary is written) and its text blocks for the checks.
pub struct RenderedBody {
    pub html: String,
    pub first_paragraph: String,
    pub text: text::BodyText,
    /// Its link and image addresses, for `links`.
    pub references: Vec<crate::links::refs::Reference>,
}

/// Renders a body (starting at `line` of `file`) to safe HTML, its first
/// paragraph and its text blocks, from one parse; a body nested too deeply
/// for the sanitizer is an error.
pub fn render_body(
    file: &str,
    body: &str,
    line: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> RenderedBody {
    use crate::render::markdown;
    let mut reader = text::Reader::new(body, line);
    let mut references = crate::links::refs::Reader::new(body, line);
    let rendered = markdown::render_with_teaser(body, &mut |event, range| {
        references.read(event, range.clone());
        reader.read(event, range);
    });
    let references = match rendered {
        Ok(_) => references.finish(),
        // The parse stopped early: read the addresses from a whole parse.
        Err(_) => crate::links::refs::references(body, line),
    };
    let (html, first_paragraph) = rendered.unwrap_or_else(|markdown::TooDeep(_)| {
        let message = format!(
            "de tekst zit meer dan {} lagen diep in elkaar (lijsten in lijsten, citaten in citaten of HTML-blokken in blokken)",
            markdown::MAX_DEPTH
        );
        let hint = "maak het eenvoudiger, met minder lagen: een pagina heeft maar een paar lagen lijsten en citaten nodig";
        diagnostics.push(Diagnostic::error("too-deep", file, Some(line), message).note(hint));
        (String::new(), String::new())
    });
    RenderedBody {
        html,
        first_paragraph,
        text: reader.finish(),
        references,
    }
}

/// A Markdown file under another extension (`.MD`, `.markdown`, `.txt`...),
/// which an editor most likely meant as a contribution.
fn looks_like_markdown(name: &str) -> bool {
    let lower = name.to_lowercase();
    [".md", ".markdown", ".mdown", ".mkd"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// Hidden files and editors' temporary files are never content.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_content_file_keeps_one_path_and_shows_its_end() {
        let file = ContentFile::new(
            "oude-haven".into(),
            PathBuf::from("/sites/gemeente/content/Oude Haven/kade.md"),
            "content/Oude Haven/kade.md".into(),
            false,
        );
        assert!(matches!(file.name, Name::Joined { .. }));
        assert_eq!(file.wijk(), "oude-haven");
        assert_eq!(
            file.path(),
            Path::new("/sites/gemeente/content/Oude Haven/kade.md")
        );
        assert_eq!(file.file(), "content/Oude Haven/kade.md");
        let relative = ContentFile::new(
            "w".into(),
            PathBuf::from("content/w/_index.md"),
            "content/w/_index.md".into(),
            true,
        );
        assert_eq!(relative.file(), "content/w/_index.md");
        assert_eq!(relative.path(), Path::new("content/w/_index.md"));
    }

    #[test]
    fn a_content_file_whose_path_does_not_end_in_its_name_keeps_both() {
        // `xcontent/...` ends in the name, but not after a `/`.
        for path in ["/site/xcontent/w/a.md", "/site/content/w/b.md"] {
            let file = ContentFile::new(
                "w".into(),
                PathBuf::from(path),
                "content/w/a.md".into(),
                false,
            );
            assert!(matches!(file.name, Name::Apart(_)), "{path}");
            assert_eq!(file.path(), Path::new(path));
            assert_eq!(file.file(), "content/w/a.md");
        }
    }

    #[cfg(unix)]
    #[test]
    fn discovery_reads_files_without_resolving_only_when_no_link_is_on_their_way() {
        let site = tempfile::tempdir().unwrap();
        let w = site.path().join("content/w");
        std::fs::create_dir_all(w.join("map")).unwrap();
        std::fs::write(w.join("_index.md"), "").unwrap();
        std::fs::write(w.join("map/a.md"), "").unwrap();
        std::os::unix::fs::symlink("map", w.join("link")).unwrap();
        std::os::unix::fs::symlink("map/a.md", w.join("b.md")).unwrap();
        let (files, _) = discover(site.path());
        let plain: Vec<(&str, bool)> = files.iter().map(|f| (f.file(), f.walked_plain)).collect();
        assert_eq!(
            plain,
            [
                ("content/w/_index.md", true),
                ("content/w/b.md", false),
                ("content/w/link/a.md", false),
                ("content/w/map/a.md", true),
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_content_file_with_a_name_not_in_utf8_reads_its_own_path() {
        use std::os::unix::ffi::OsStrExt;
        let path = Path::new(std::ffi::OsStr::from_bytes(b"/site/content/w/caf\xe9.md"));
        let file = ContentFile::new(
            "w".into(),
            path.to_path_buf(),
            display_path(Path::new("/site"), path),
            false,
        );
        assert_eq!(file.path(), path);
        assert_eq!(file.file(), "content/w/caf\u{fffd}.md");
    }
}
