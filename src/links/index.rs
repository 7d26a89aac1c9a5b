//! The site's address book: every page's Markdown file and every attachment,
//! by its path below `content/`, and which site-absolute paths a build
//! writes. Made once from the discovery, before any file is parsed, so each
//! wijk can resolve links into every other one while the build streams.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::attach::{Attachment, Use};
use crate::content::{ContentFile, FOLDER};
use crate::model::Wijk;
use crate::slug::slugify;

/// A page a link can point to: a wijk (`_index.md`) or a contribution.
#[derive(Debug, Clone, Copy)]
pub struct PageTarget<'i> {
    source: &'i ContentFile,
}

impl PageTarget<'_> {
    /// The slug of its wijk.
    pub fn wijk(&self) -> &str {
        self.source.wijk()
    }

    /// The contribution's slug; `None` for the wijk's own page.
    pub fn slug(&self) -> Option<String> {
        (!self.source.is_index).then(|| slug_of(self.source))
    }

    /// Path relative to the site root (`content/w/x.md`).
    pub fn file(&self) -> &str {
        self.source.file()
    }

    pub fn path(&self) -> &Path {
        self.source.path()
    }

    /// The page's site-absolute path without the base path (`/w/x/`).
    pub fn url(&self) -> String {
        match self.slug() {
            Some(slug) => format!("/{}/{slug}/", self.wijk()),
            None => format!("/{}/", self.wijk()),
        }
    }
}

/// The slug of a contribution's page: its file name without `.md`, slugified.
fn slug_of(file: &ContentFile) -> String {
    slugify(
        &file
            .path()
            .file_stem()
            .map(|s| s.to_string_lossy())
            .unwrap_or_default(),
    )
}

/// What an address in a body points to.
#[derive(Debug)]
pub enum Target<'i> {
    /// Not ours to change: an external address, `mailto:`, `#top`, a
    /// relative address that is not a file.
    Keep,
    Page {
        page: PageTarget<'i>,
        /// `#fragment` (with its `#`), or empty.
        fragment: String,
    },
    Attachment(&'i Attachment),
    /// A site-absolute path (`/w/agenda/`) and its query and fragment.
    SitePath {
        path: String,
        rest: String,
    },
    /// A file that does not exist: its path below `content/`.
    Missing {
        key: String,
        page: bool,
    },
}

/// Every page and attachment of the site, by path below `content/`. The
/// pages are the discovered files themselves, borrowed: a build keeps this
/// for its whole run, so it holds no copy of their paths, and a sorted list
/// of them rather than a tree.
#[derive(Debug, Default)]
pub struct SiteIndex<'f> {
    /// Sorted by their path below `content/`, each path once.
    pages: Vec<&'f ContentFile>,
    attachments: BTreeMap<String, Attachment>,
    by_address: BTreeMap<String, String>,
    /// Each wijk's files (in runs, as discovered), by its slug.
    wijken: BTreeMap<&'f str, Vec<&'f [ContentFile]>>,
}

impl<'f> SiteIndex<'f> {
    pub fn new(files: &'f [ContentFile], attachments: &[Attachment]) -> SiteIndex<'f> {
        let mut index = SiteIndex {
            pages: files.iter().collect(),
            ..SiteIndex::default()
        };
        fn key(file: &ContentFile) -> &str {
            below_content(file.file())
        }
        index.pages.sort_by(|a, b| key(a).cmp(key(b)));
        // Of two files with one path (in lossy UTF-8), the later counts.
        index.pages.dedup_by(|later, earlier| {
            let same = key(later) == key(earlier);
            if same {
                std::mem::swap(later, earlier);
            }
            same
        });
        for run in files.chunk_by(|a, b| a.wijk() == b.wijk()) {
            index.wijken.entry(run[0].wijk()).or_default().push(run);
        }
        for attachment in attachments {
            index
                .by_address
                .insert(attachment.published.clone(), attachment.key.clone());
            index
                .attachments
                .insert(attachment.key.clone(), attachment.clone());
        }
        index
    }

    /// The attachments of one wijk.
    pub fn attachments_of<'a>(&'a self, wijk: &'a str) -> impl Iterator<Item = &'a Attachment> {
        self.attachments.values().filter(move |a| a.wijk == wijk)
    }

    /// What `dest`, written in `file` (relative to the root), points to.
    pub fn resolve(&self, file: &str, dest: &str) -> Target<'_> {
        let dest = dest.trim();
        let (path, rest) = match dest.find(['#', '?']) {
            Some(at) => dest.split_at(at),
            None => (dest, ""),
        };
        if path.is_empty() || path.starts_with("//") || has_scheme(path) {
            return Target::Keep;
        }
        if let Some(site_path) = path.strip_prefix('/') {
            if let Some(key) = self.by_address.get(&decode(site_path)) {
                return Target::Attachment(&self.attachments[key]);
            }
            return Target::SitePath {
                path: path.to_string(),
                rest: rest.to_string(),
            };
        }
        let decoded = decode(path);
        let (base, relative) = match decoded.strip_prefix("@/") {
            Some(from_content) => ("", from_content),
            None => (folder_of(below_content(file)), decoded.as_str()),
        };
        let last = relative.rsplit('/').next().unwrap_or_default();
        if relative.ends_with('/') || !last.contains('.') {
            return Target::Keep;
        }
        let is_page = last.to_ascii_lowercase().ends_with(".md");
        let Some(key) = join(base, relative) else {
            return Target::Missing {
                key: relative.to_string(),
                page: is_page,
            };
        };
        if is_page {
            match self.page(&key) {
                Some(source) => Target::Page {
                    page: PageTarget { source },
                    fragment: rest.to_string(),
                },
                None => Target::Missing { key, page: true },
            }
        } else {
            match self.attachments.get(&key) {
                Some(attachment) => Target::Attachment(attachment),
                None => Target::Missing { key, page: false },
            }
        }
    }

    /// The closest existing file to `key` (a page or an attachment), as an
    /// editor would write it: `@/w/avond.md`.
    pub fn did_you_mean(&self, key: &str, page: bool) -> Option<String> {
        let folder = folder_of(key);
        let name = key.rsplit('/').next().unwrap_or(key);
        let keys: Vec<&str> = if page {
            self.pages.iter().map(|f| below_content(f.file())).collect()
        } else {
            self.attachments.keys().map(String::as_str).collect()
        };
        let in_folder: Vec<&str> = keys
            .iter()
            .filter(|k| folder_of(k) == folder)
            .map(|k| k.rsplit('/').next().unwrap_or(k))
            .collect();
        if let Some(best) = crate::content::fields::did_you_mean(name, in_folder) {
            return Some(format!("\"{best}\" (in dezelfde map)"));
        }
        let names = keys.iter().map(|k| k.rsplit('/').next().unwrap_or(k));
        let best = crate::content::fields::did_you_mean(name, names)?;
        keys.iter()
            .find(|k| k.rsplit('/').next() == Some(best))
            .map(|k| format!("@/{k}"))
    }

    /// Whether a wijk with this slug exists.
    pub fn has_wijk(&self, slug: &str) -> bool {
        self.wijken.contains_key(slug)
    }

    /// The page whose path below `content/` is `key`.
    fn page(&self, key: &str) -> Option<&'f ContentFile> {
        let at = self
            .pages
            .binary_search_by(|f| below_content(f.file()).cmp(key))
            .ok()?;
        Some(self.pages[at])
    }

    fn has_page(&self, wijk: &str, slug: &str) -> bool {
        self.wijken.get(wijk).is_some_and(|runs| {
            runs.iter()
                .flat_map(|run| run.iter())
                .any(|f| !f.is_index && slug_of(f) == slug)
        })
    }
}

/// `content/w/a/x.md` -> `w/a/x.md`.
fn below_content(file: &str) -> &str {
    file.strip_prefix(FOLDER)
        .and_then(|f| f.strip_prefix('/'))
        .unwrap_or(file)
}

fn folder_of(key: &str) -> &str {
    key.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// `base` + `relative` with `.` and `..` taken out; `None` when it would
/// leave `content/`.
fn join(base: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

fn has_scheme(path: &str) -> bool {
    match path.find([':', '/']) {
        Some(at) => path.as_bytes()[at] == b':',
        None => false,
    }
}

/// Decodes `%20` and the like, as an editor's `Ontwerp%20Plein.jpg` means
/// the file `Ontwerp Plein.jpg`.
fn decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether the front matter of a file says `draft = true`, and its
/// `publish` day (for a link into another wijk, whose files this wijk's
/// build has not parsed). A file that cannot be read counts as published:
/// its own wijk's build reports what is wrong with it.
pub fn file_use(path: &Path) -> Use {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Use::ALWAYS;
    };
    let text = crate::content::frontmatter::normalize(&text);
    let Ok(document) = crate::content::frontmatter::read("", &text, "") else {
        return Use::ALWAYS;
    };
    let field = |name: &str| document.front_matter.get(name);
    Use {
        draft: field("draft").and_then(|v| v.as_bool()).unwrap_or(false),
        publish: field("publish").and_then(|v| match v {
            toml::Value::Datetime(day) => day.to_string().parse().ok(),
            toml::Value::String(day) => day.trim().parse().ok(),
            _ => None,
        }),
    }
}

/// The paths a build writes for one wijk, to tell a site-absolute link
/// that works from one that will not (`unknown-path`).
pub struct Produced {
    wijk: String,
    own: BTreeSet<String>,
}

/// The pages and files every wijk has, below `/<wijk>/`.
const WIJK_PATHS: &[&str] = &[
    "",
    "tijdlijn/",
    "agenda/",
    "agenda.ics",
    "straten/",
    "contact/",
    "nieuws.xml",
    "wijk.json",
    "sitemap.xml",
];

/// The files at the root of every build.
const ROOT_PATHS: &[&str] = &[
    "",
    "index.html",
    "sitemap.xml",
    "robots.txt",
    "404.html",
    "_redirects",
];

impl Produced {
    pub fn of(wijk: &Wijk) -> Produced {
        let mut own: BTreeSet<String> = WIJK_PATHS.iter().map(|p| p.to_string()).collect();
        for street in &wijk.streets {
            own.insert(format!("straten/{}/", street.slug));
            own.insert(format!("straten/{}/agenda.ics", street.slug));
        }
        for c in &wijk.contributions {
            own.insert(format!("{}/", c.slug));
            own.insert(format!("{}.ics", c.slug));
            if let Some(project) = &c.project {
                own.insert(format!("project/{}/", slugify(project)));
            }
        }
        Produced {
            wijk: wijk.slug.clone(),
            own,
        }
    }

    /// Whether `path` (site-absolute, without the base path) is written;
    /// a street or project page of another wijk counts as written (see
    /// [`Produced::knows`] to tell those apart).
    pub fn contains(&self, index: &SiteIndex, path: &str) -> bool {
        !matches!(self.knows(index, path), Known::No)
    }

    /// What linking this wijk can tell of `path` (site-absolute, without
    /// the base path).
    pub fn knows(&self, index: &SiteIndex, path: &str) -> Known {
        let path = normalized(path);
        let (first, rest) = path.split_once('/').unwrap_or((&path, ""));
        let known = |yes: bool| if yes { Known::Yes } else { Known::No };
        if first == self.wijk {
            return known(self.own.contains(rest) || self.has_below(rest));
        }
        if index.has_wijk(first) {
            let (page, _) = rest.split_once('/').unwrap_or((rest, ""));
            let page = page.strip_suffix(".ics").unwrap_or(page);
            if WIJK_PATHS.contains(&rest) || index.has_page(first, page) {
                return Known::Yes;
            }
            if rest.starts_with("straten/") || rest.starts_with("project/") {
                return Known::Later(path);
            }
            return Known::No;
        }
        known(ROOT_PATHS.contains(&path.as_str()) || path.starts_with("assets/"))
    }

    /// Whether `rest` (a path below the wijk) is one of its street or
    /// project pages or a file beside one (a street's letter and map).
    fn has_below(&self, rest: &str) -> bool {
        let mut parts = rest.splitn(3, '/');
        match (parts.next(), parts.next()) {
            (Some(kind @ ("straten" | "project")), Some(slug)) if !slug.is_empty() => {
                self.own.contains(&format!("{kind}/{slug}/"))
            }
            _ => false,
        }
    }

    /// Whether this wijk writes `path` (normalized, as in [`Known::Later`]).
    pub fn writes(&self, path: &str) -> bool {
        let (first, rest) = path.split_once('/').unwrap_or((path, ""));
        first == self.wijk && (self.own.contains(rest) || self.has_below(rest))
    }

    /// What of this is kept to the end of a build: its street and project pages.
    pub fn folders(&self) -> Folders {
        let below = self
            .own
            .iter()
            .filter(|p| p.starts_with("straten/") || p.starts_with("project/"))
            .filter(|p| p.ends_with('/') && p.matches('/').count() == 2)
            .map(|p| p.as_str().into())
            .collect();
        Folders {
            wijk: self.wijk.as_str().into(),
            below,
        }
    }
}

/// The street and project pages of one wijk (`straten/<slug>/`,
/// `project/<slug>/`), sorted: what [`crate::links::check_foreign`] needs of
/// each wijk once every wijk is built. A [`Produced`] also lists every
/// contribution; this stays small, since a build keeps one for each wijk.
#[derive(Debug)]
pub struct Folders {
    wijk: Box<str>,
    below: Vec<Box<str>>,
}

impl Folders {
    pub fn wijk(&self) -> &str {
        &self.wijk
    }

    /// Whether the wijk writes `path` (normalized, as in [`Known::Later`]:
    /// a street or project page of it, or a file beside one).
    pub fn writes(&self, path: &str) -> bool {
        let mut parts = path.splitn(4, '/');
        let (Some(wijk), Some(kind), Some(slug), Some(_)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return false;
        };
        let folder = format!("{kind}/{slug}/");
        wijk == &*self.wijk
            && !slug.is_empty()
            && self.below.binary_search_by(|p| (**p).cmp(&folder)).is_ok()
    }
}

/// What linking one wijk can tell of a site-absolute path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Known {
    Yes,
    No,
    /// A street or project page of another wijk: known once every wijk is
    /// loaded (the path without its leading `/`, a folder ending in `/`).
    Later(String),
}

/// `/w/straten/x` -> `w/straten/x/`; a file (`w/agenda.ics`) stays as it is.
fn normalized(path: &str) -> String {
    let path = path.trim_start_matches('/');
    let last = path.rsplit('/').next().unwrap_or_default();
    if path.is_empty() || path.ends_with('/') || last.contains('.') {
        path.to_string()
    } else {
        format!("{path}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn files() -> Vec<ContentFile> {
        let file = |wijk: &str, file: &str, is_index: bool| {
            ContentFile::new(wijk.into(), PathBuf::from(file), file.into(), is_index)
        };
        vec![
            file("lindenhof", "content/lindenhof/_index.md", true),
            file(
                "lindenhof",
                "content/lindenhof/energie/Informatie Avond.md",
                false,
            ),
            file("oude-haven", "content/Oude Haven/kade.md", false),
        ]
    }

    fn index(files: &[ContentFile]) -> SiteIndex<'_> {
        let attachment = Attachment::new(
            "lindenhof",
            PathBuf::from("content/lindenhof/ruimte/Ontwerp Plein.JPG"),
            "content/lindenhof/ruimte/Ontwerp Plein.JPG".into(),
            "lindenhof/ruimte/Ontwerp Plein.JPG".into(),
            &["ruimte", "Ontwerp Plein.JPG"],
        );
        SiteIndex::new(files, &[attachment])
    }

    #[test]
    fn resolves_relative_and_content_rooted_paths() {
        let files = files();
        let index = index(&files);
        let from = "content/lindenhof/ruimte/plein.md";
        let url = |dest: &str| match index.resolve(from, dest) {
            Target::Page { page, fragment } => format!("{}{fragment}", page.url()),
            Target::Attachment(a) => a.published.clone(),
            other => format!("{other:?}"),
        };
        assert_eq!(
            url("../energie/Informatie%20Avond.md#aanmelden"),
            "/lindenhof/informatie-avond/#aanmelden"
        );
        assert_eq!(url("@/Oude Haven/kade.md"), "/oude-haven/kade/");
        assert_eq!(url("../_index.md"), "/lindenhof/");
        assert_eq!(
            url("Ontwerp%20Plein.JPG"),
            "lindenhof/bijlagen/ruimte/ontwerp-plein.jpg"
        );
        assert_eq!(
            url("/lindenhof/bijlagen/ruimte/ontwerp-plein.jpg"),
            "lindenhof/bijlagen/ruimte/ontwerp-plein.jpg"
        );
        assert!(matches!(
            index.resolve(from, "https://x.nl/a.md"),
            Target::Keep
        ));
        assert!(matches!(index.resolve(from, "mailto:a@b.nl"), Target::Keep));
        assert!(matches!(index.resolve(from, "#kop"), Target::Keep));
        assert!(matches!(index.resolve(from, "../agenda/"), Target::Keep));
        assert!(matches!(
            index.resolve(from, "../../../../etc/passwd.md"),
            Target::Missing { page: true, .. }
        ));
        assert!(matches!(
            index.resolve(from, "ontwerp.jpg"),
            Target::Missing { page: false, .. }
        ));
        assert_eq!(
            index
                .did_you_mean("lindenhof/energie/informatie-avond.md", true)
                .as_deref(),
            Some("\"Informatie Avond.md\" (in dezelfde map)")
        );
        assert_eq!(
            index.did_you_mean("lindenhof/kade.md", true).as_deref(),
            Some("@/Oude Haven/kade.md")
        );
    }

    #[test]
    fn a_site_path_into_another_wijk_is_known_by_its_pages() {
        let files = files();
        let index = index(&files);
        let own = Produced::of(&crate::check::testing::wijk(&[]));
        assert_eq!(own.knows(&index, "/oude-haven/kade/"), Known::Yes);
        assert_eq!(own.knows(&index, "/oude-haven/kade.ics"), Known::Yes);
        assert_eq!(
            own.knows(&index, "/lindenhof/informatie-avond/"),
            Known::Yes
        );
        assert_eq!(own.knows(&index, "/oude-haven/kaai/"), Known::No);
        assert_eq!(own.knows(&index, "/lindenhof/_index/"), Known::No);
        assert_eq!(
            own.knows(&index, "/oude-haven/straten/kade"),
            Known::Later("oude-haven/straten/kade/".into())
        );
        assert_eq!(own.knows(&index, "/nergens/kade/"), Known::No);
    }

    #[test]
    fn pages_are_found_in_any_order_of_discovery_and_a_wijk_in_two_runs_is_one() {
        let file = |wijk: &str, file: &str| {
            ContentFile::new(wijk.into(), PathBuf::from(file), file.into(), false)
        };
        // Walk order (a folder's files before a deeper one's), not path order.
        let files = vec![
            file("a", "content/a/z.md"),
            file("a", "content/a/b/y.md"),
            file("b", "content/b/x.md"),
            file("a", "content/a/b.md"),
        ];
        let index = SiteIndex::new(&files, &[]);
        let from = "content/a/z.md";
        for (dest, url) in [
            ("b/y.md", "/a/y/"),
            ("b.md", "/a/b/"),
            ("@/b/x.md", "/b/x/"),
            ("z.md", "/a/z/"),
        ] {
            match index.resolve(from, dest) {
                Target::Page { page, .. } => assert_eq!(page.url(), url, "{dest}"),
                other => panic!("{dest}: {other:?}"),
            }
        }
        assert!(matches!(
            index.resolve(from, "b/x.md"),
            Target::Missing { page: true, .. }
        ));
        let own = Produced::of(&crate::check::testing::wijk(&[]));
        assert_eq!(own.knows(&index, "/a/b/"), Known::Yes, "the second run");
        assert_eq!(own.knows(&index, "/a/y/"), Known::Yes);
        assert_eq!(own.knows(&index, "/b/x/"), Known::Yes);
        assert_eq!(own.knows(&index, "/b/y/"), Known::No);
    }

    #[test]
    fn what_is_kept_of_a_wijk_tells_its_street_and_project_pages_as_produced_does() {
        let wijk = crate::check::testing::wijk(&[(
            "werk",
            "title = \"W\"\ndepartment = \"D\"\nkind = \"works\"\nstreets = [\"Bloemstraat\"]\nstart = 2027-01-01\nproject = \"Riool Oost\"\n",
        )]);
        let produced = Produced::of(&wijk);
        let kept = produced.folders();
        assert_eq!(kept.wijk(), "proef");
        for path in [
            "proef/straten/bloemstraat/",
            "proef/straten/bloemstraat/agenda.ics",
            "proef/straten/bloemstraat/brief/",
            "proef/straten/lindelaan/",
            "proef/project/riool-oost/",
            "proef/project/riool-oost/kaart.svg",
            "proef/straten/kerkstraat/",
            "proef/straten/bloemstraat.ics",
            "proef/straten//",
            "proef/project/riool-west/",
            "ander/straten/bloemstraat/",
        ] {
            assert_eq!(kept.writes(path), produced.writes(path), "{path}");
        }
        assert!(kept.writes("proef/project/riool-oost/"));
        assert!(!kept.writes("proef/straten/kerkstraat/"));
    }
}
