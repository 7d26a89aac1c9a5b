//! Attachments: the non-Markdown files in a wijk's folder. Each has an
//! address under `/<wijk>/bijlagen/` and a kind that says how it may be
//! published (images are processed, SVGs checked, documents copied, the rest
//! refused). Which ones a page uses is decided in `crate::links`; `publish`
//! writes the used ones.

pub mod images;
pub mod publish;
pub mod strip;

use std::path::PathBuf;

use crate::error::Diagnostic;
use crate::slug::slugify;

/// The wijk path attachments are published under (reserved for them).
pub const FOLDER: &str = "bijlagen";

/// An attachment over this size gets the warning `large-file`.
pub const LARGE: u64 = 20_000_000;

/// How an attachment may be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `jpg`, `jpeg`, `png`, `webp`, `gif`: resized, stripped, also as WebP.
    Image,
    /// Published when it holds nothing that runs.
    Svg,
    /// `pdf`, `odt`, `csv`, ...: copied; Office formats get a warning.
    Document { office: bool },
    /// Anything else: never published.
    Unsafe,
}

impl Kind {
    pub fn of(extension: &str) -> Kind {
        match extension {
            "jpg" | "jpeg" | "png" | "webp" | "gif" => Kind::Image,
            "svg" => Kind::Svg,
            "pdf" | "csv" | "txt" => Kind::Document { office: false },
            "odt" | "ods" | "docx" | "xlsx" => Kind::Document { office: true },
            _ => Kind::Unsafe,
        }
    }
}

/// A page that uses an attachment: whether it is a draft and from which
/// day it is published. An attachment is published when one of the pages
/// that use it is (see [`Use::shown`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Use {
    pub draft: bool,
    /// The page's `publish` day, when it has one.
    pub publish: Option<jiff::civil::Date>,
}

impl Use {
    /// A page that is always on the site (the wijk's own page).
    pub const ALWAYS: Use = Use {
        draft: false,
        publish: None,
    };

    /// Whether a build shows the page: with or without drafts, and with the
    /// contributions published by `published_by` (`None`: all of them, as
    /// the preview shows scheduled ones).
    pub fn shown(&self, drafts: bool, published_by: Option<jiff::civil::Date>) -> bool {
        (drafts || !self.draft)
            && match (self.publish, published_by) {
                (Some(day), Some(today)) => day <= today,
                _ => true,
            }
    }
}

/// One file beside the Markdown of a wijk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The wijk's slug.
    pub wijk: String,
    pub path: PathBuf,
    /// Path relative to the site root, for messages (`content/w/plan.pdf`).
    pub file: String,
    /// Path relative to `content/`, as the files are named on disk; what
    /// a relative address in a body resolves to.
    pub key: String,
    /// Where it is published, without a leading `/` (`w/bijlagen/plan.pdf`).
    pub published: String,
    /// The extension in lower case.
    pub extension: String,
    pub kind: Kind,
    pub size: u64,
}

impl Attachment {
    /// An attachment of wijk `wijk` found at `path`; `below` are the parts
    /// of its path below the wijk's folder.
    pub fn new(wijk: &str, path: PathBuf, file: String, key: String, below: &[&str]) -> Self {
        let (published, extension) = published_path(wijk, below);
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        Attachment {
            wijk: wijk.to_string(),
            kind: Kind::of(&extension),
            path,
            file,
            key,
            published,
            extension,
            size,
        }
    }
}

/// `["Openbare Ruimte", "Ontwerp Plein.JPG"]` in wijk `lindenhof` ->
/// `lindenhof/bijlagen/openbare-ruimte/ontwerp-plein.jpg` (and `jpg`).
pub fn published_path(wijk: &str, below: &[&str]) -> (String, String) {
    let mut path = format!("{wijk}/{FOLDER}");
    let mut extension = String::new();
    for (i, part) in below.iter().enumerate() {
        path.push('/');
        if i + 1 == below.len() {
            let (stem, ext) = match part.rsplit_once('.') {
                Some((stem, ext)) if !stem.is_empty() => (stem, ext.to_lowercase()),
                _ => (*part, String::new()),
            };
            let stem = slugify(stem);
            path.push_str(if stem.is_empty() { "bestand" } else { &stem });
            if !ext.is_empty() {
                path.push('.');
                path.push_str(&ext);
            }
            extension = ext;
        } else {
            let folder = slugify(part);
            path.push_str(if folder.is_empty() { "map" } else { &folder });
        }
    }
    (path, extension)
}

/// Files that are never attachments: hidden files, Office lock files
/// (`~$brief.docx`) and editors' temporary files.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with("~$") || crate::content::is_ignored(name)
}

/// Two attachments of one wijk with the same address (`attachment-collision`).
pub fn collisions(attachments: &[Attachment]) -> Vec<Diagnostic> {
    let mut by_address: std::collections::BTreeMap<&str, &Attachment> =
        std::collections::BTreeMap::new();
    let mut found = Vec::new();
    for attachment in attachments {
        match by_address.get(attachment.published.as_str()) {
            None => {
                by_address.insert(&attachment.published, attachment);
            }
            Some(first) => {
                let message = format!(
                    "dit bestand en {} krijgen hetzelfde webadres /{}",
                    first.file, attachment.published
                );
                found.push(
                    Diagnostic::error("attachment-collision", &attachment.file, None, message)
                        .note("geef een van de twee bestanden een andere naam (hoofdletters, spaties en accenten tellen in het webadres niet mee)"),
                );
            }
        }
    }
    found
}

/// `1,2 MB`, `340 kB`: a size as Dutch residents read it.
pub fn dutch_size(bytes: u64) -> String {
    if bytes >= 999_500 {
        let tenths = (bytes + 50_000) / 100_000;
        format!("{},{} MB", tenths / 10, tenths % 10)
    } else {
        format!("{} kB", bytes.div_ceil(1000).max(1))
    }
}

/// What a link to a document adds to its text: `(pdf, 1,2 MB)`.
pub fn document_suffix(attachment: &Attachment) -> String {
    format!(
        "({}, {})",
        attachment.extension,
        dutch_size(attachment.size)
    )
}

/// Why an SVG may not be published: the first thing in it that can run.
pub fn svg_danger(text: &str) -> Option<&'static str> {
    let lower = text.to_ascii_lowercase();
    if lower.contains("<script") {
        return Some("een script (<script>)");
    }
    if lower.contains("<foreignobject") {
        return Some("een foreignObject");
    }
    if lower.contains("javascript:") {
        return Some("een javascript:-adres");
    }
    let bytes = lower.as_bytes();
    let handler = lower.match_indices("on").any(|(at, _)| {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let name_end = lower[at..]
            .find(|c: char| !c.is_ascii_alphabetic())
            .map_or(lower.len(), |n| at + n);
        matches!(before, Some(b' ' | b'\t' | b'\n' | b'\r' | b'/'))
            && name_end > at + 2
            && lower[name_end..].trim_start().starts_with('=')
    });
    handler.then_some("een event-handler (zoals onload=)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_shown_when_the_build_shows_drafts_and_its_day_has_come() {
        let day = |s: &str| s.parse::<jiff::civil::Date>().expect("date");
        let scheduled = Use {
            draft: false,
            publish: Some(day("2027-03-15")),
        };
        assert!(!scheduled.shown(false, Some(day("2027-03-14"))));
        assert!(scheduled.shown(false, Some(day("2027-03-15"))));
        assert!(scheduled.shown(false, None), "the preview shows it");
        let draft = Use {
            draft: true,
            publish: None,
        };
        assert!(!draft.shown(false, Some(day("2027-03-14"))));
        assert!(draft.shown(true, Some(day("2027-03-14"))));
        assert!(Use::ALWAYS.shown(false, Some(day("2000-01-01"))));
    }

    #[test]
    fn addresses_follow_the_spec_example() {
        assert_eq!(
            published_path("lindenhof", &["openbare-ruimte", "Ontwerp Plein.JPG"]),
            (
                "lindenhof/bijlagen/openbare-ruimte/ontwerp-plein.jpg".into(),
                "jpg".into()
            )
        );
        assert_eq!(Kind::of("docx"), Kind::Document { office: true });
        assert_eq!(Kind::of("html"), Kind::Unsafe);
        assert!(is_ignored("~$brief.docx") && is_ignored(".DS_Store"));
    }

    #[test]
    fn sizes_are_written_the_dutch_way() {
        assert_eq!(dutch_size(1_234_567), "1,2 MB");
        assert_eq!(dutch_size(340_100), "341 kB");
        assert_eq!(dutch_size(12), "1 kB");
        assert_eq!(dutch_size(999_999), "1,0 MB");
        assert_eq!(dutch_size(25_000_000), "25,0 MB");
    }

    #[test]
    fn finds_what_runs_in_an_svg() {
        let safe = "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"10\" height=\"10\" fill=\"red\"/><text>onderhoud = nodig</text></svg>";
        assert_eq!(svg_danger(safe), None);
        for bad in [
            "<svg><script>alert(1)</script></svg>",
            "<svg onload=\"alert(1)\"></svg>",
            "<svg><a href=\"javascript:alert(1)\">x</a></svg>",
            "<svg><foreignObject><p>x</p></foreignObject></svg>",
            "<svg><rect\nONCLICK = 'x'/></svg>",
        ] {
            assert!(svg_danger(bad).is_some(), "{bad}");
        }
    }
}
