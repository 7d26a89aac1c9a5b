//! `wijkverhaal init` (a new site, ready to serve) and `wijkverhaal new` (a
//! new contribution with the front matter its kind needs). Both write only
//! files that do not exist yet.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::ToSpan;
use jiff::civil::Date;

use crate::content::{FOLDER, fields::did_you_mean, is_ignored, wijk};
use crate::error::{display_path, io_reason};
use crate::slug::slugify;

/// The kinds of contribution, as `new --kind` takes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// Werkzaamheden in een of meer straten.
    Works,
    /// Een bijeenkomst, met plek en tijd.
    Event,
    /// Nieuws.
    News,
    /// Een besluit.
    Decision,
    /// Hulp of een regeling voor bewoners.
    Support,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Works => "works",
            Kind::Event => "event",
            Kind::News => "news",
            Kind::Decision => "decision",
            Kind::Support => "support",
        }
    }
}

/// Why `init` or `new` wrote nothing.
#[derive(Debug)]
pub struct ScaffoldError(pub String);

impl std::fmt::Display for ScaffoldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ScaffoldError {}

/// The files of a new site: path, template.
const SITE: &[(&str, &str)] = &[
    ("site.toml", include_str!("site/site.toml")),
    ("content/tuinwijk/_index.md", include_str!("site/_index.md")),
    (
        "content/tuinwijk/energietransitie/warmtenet-bloemstraat.md",
        include_str!("site/works.md"),
    ),
    (
        "content/tuinwijk/energietransitie/informatieavond-warmtenet.md",
        include_str!("site/event.md"),
    ),
    (
        "content/tuinwijk/energietransitie/raad-kiest-warmtenet.md",
        include_str!("site/decision.md"),
    ),
    (
        "content/tuinwijk/groen/nieuwe-bomen-tulpstraat.md",
        include_str!("site/news.md"),
    ),
    (
        "content/tuinwijk/sociaal-domein/energiecoach.md",
        include_str!("site/support.md"),
    ),
];

/// The CI workflows that check, build and publish the site on every push
/// and every night (`init` writes them unless `--no-ci`).
pub const CI: &[(&str, &str)] = &[
    (
        ".github/workflows/publish.yml",
        include_str!("site/github-publish.yml"),
    ),
    (".gitlab-ci.yml", include_str!("site/gitlab-ci.yml")),
];

/// Writes a new site into `dir` (created if needed), with dates around
/// `today`, and with `ci` the workflows of [`CI`]. Refuses, writing
/// nothing, if any of its files exists.
pub fn init(dir: &Path, today: Date, ci: bool) -> Result<Vec<PathBuf>, ScaffoldError> {
    let files: Vec<&(&str, &str)> = SITE.iter().chain(if ci { CI } else { &[] }).collect();
    let existing: Vec<String> = files
        .iter()
        .filter(|(path, _)| dir.join(path).exists())
        .map(|(path, _)| (*path).to_string())
        .collect();
    if !existing.is_empty() {
        return Err(ScaffoldError(format!(
            "In {} staan al bestanden van een site: {}. Er is niets geschreven.\n  = kies een lege of nieuwe map, bijvoorbeeld: wijkverhaal init mijn-site",
            dir.display(),
            existing.join(", ")
        )));
    }
    let mut written = Vec::new();
    for (path, template) in files {
        let target = dir.join(path);
        write_new(&target, &fill(template, today))?;
        written.push(target);
    }
    let gitignore = dir.join(".gitignore");
    if !gitignore.exists() {
        write_new(&gitignore, include_str!("site/gitignore"))?;
        written.push(gitignore);
    }
    Ok(written)
}

/// Fills the date placeholders of a site template.
fn fill(template: &str, today: Date) -> String {
    let day = |days: i64| today.checked_add(days.days()).unwrap_or(today);
    template
        .replace("{{version}}", env!("CARGO_PKG_VERSION"))
        .replace("{{expires}}", &day(365).to_string())
        .replace("{{today}}", &today.to_string())
        .replace("{{works_start}}", &day(30).to_string())
        .replace("{{works_end}}", &day(150).to_string())
        .replace("{{event_start}}", &format!("{}T19:30:00", day(21)))
        .replace("{{event_end}}", &format!("{}T21:00:00", day(21)))
        .replace("{{decision_date}}", &day(-14).to_string())
        .replace("{{support_deadline}}", &day(180).to_string())
}

/// What `new` is asked to write.
#[derive(Debug, Clone)]
pub struct NewOptions {
    pub root: PathBuf,
    pub wijk: String,
    pub kind: Kind,
    pub title: String,
    pub department: Option<String>,
    pub today: Date,
}

/// The example texts `new` writes, for the editor to replace. They are
/// listed here, in one place, so the `placeholder` check recognises every
/// one of them in a contribution that is published with one left in.
pub mod placeholder {
    pub const SUMMARY: &str = "Schrijf hier in een of twee zinnen waar het om gaat.";
    pub const STREET: &str = "Vul hier de straat in";
    pub const LOCATION: &str = "Vul hier de plek in";
    pub const BODY_FIRST: &str =
        "Schrijf hier het verhaal in gewone taal. Wat gebeurt er, waar en wanneer?";
    pub const BODY_SECOND: &str = "Wat merken bewoners ervan, en wat kunnen ze zelf doen?";

    /// Every placeholder, with the field it is written in (`body` for the text).
    pub const ALL: &[(&str, &str)] = &[
        ("summary", SUMMARY),
        ("streets", STREET),
        ("location", LOCATION),
        ("body", BODY_FIRST),
        ("body", BODY_SECOND),
    ];
}

/// The department a contribution gets when `--department` is not given.
pub const DEFAULT_DEPARTMENT: &str = "Gemeente";

/// Writes `content/<wijk>/<department>/<title>.md` and returns its path.
pub fn new_contribution(options: &NewOptions) -> Result<PathBuf, ScaffoldError> {
    let title = options.title.trim();
    let slug = crate::slug::file_stem(title);
    if slug.is_empty() {
        return Err(ScaffoldError(format!(
            "Van de titel \"{title}\" kan geen bestandsnaam worden gemaakt.\n  = gebruik letters of cijfers, bijvoorbeeld \"Nieuwe bomen in de Tulpstraat\""
        )));
    }
    let department = options
        .department
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .unwrap_or(DEFAULT_DEPARTMENT);
    if crate::render::RESERVED_IN_WIJK.contains(&slug.as_str()) {
        return Err(ScaffoldError(format!(
            "Het adres /{}/{slug}/ gebruikt de site zelf al.\n  = kies een langere titel, bijvoorbeeld \"{title} {department}\"",
            options.wijk
        )));
    }
    let folder = find_wijk(&options.root, &options.wijk)?;
    if let Some(other) = same_slug(&folder, &slug) {
        return Err(ScaffoldError(format!(
            "{} heeft al dezelfde naam en zou hetzelfde adres krijgen. Er is niets geschreven.\n  = kies een andere titel, of bewerk dat bestand",
            display_path(&options.root, &other)
        )));
    }
    let streets = wijk_streets(&options.root, &folder);
    let text = contribution_text(options.kind, title, department, &streets, options.today);
    let target = folder.join(slugify(department)).join(format!("{slug}.md"));
    write_new(&target, &text)?;
    Ok(target)
}

/// The Markdown of a new contribution of `kind`: the fields that kind needs
/// with example values, marked as a draft.
pub fn contribution_text(
    kind: Kind,
    title: &str,
    department: &str,
    streets: &[String],
    today: Date,
) -> String {
    let later = |days: i64| today.checked_add(days.days()).unwrap_or(today);
    let mut lines = vec![
        "+++".to_string(),
        format!("title = {}", toml_string(title)),
        format!("department = {}", toml_string(department)),
        format!("kind = \"{}\"", kind.name()),
        format!("summary = {}", toml_string(placeholder::SUMMARY)),
    ];
    match kind {
        Kind::Works => {
            let first = streets.first().map_or(placeholder::STREET, String::as_str);
            lines.push(format!("streets = [{}]", toml_string(first)));
            if streets.len() > 1 {
                lines.push(format!("# de straten van de wijk: {}", streets.join(", ")));
            }
            lines.push(format!("start = {}", later(14)));
            lines.push(format!("end = {}", later(44)));
            lines.push(
                "# project = \"sleutel\"  # dezelfde sleutel als de andere delen van het project"
                    .into(),
            );
        }
        Kind::Event => {
            lines.push(format!("start = {}T19:30:00", later(14)));
            lines.push(format!("end = {}T21:00:00", later(14)));
            lines.push(format!("location = {}", toml_string(placeholder::LOCATION)));
            lines.push("# signup = \"https://...\"  # waar bewoners zich aanmelden".into());
        }
        Kind::News | Kind::Decision => lines.push(format!("date = {today}")),
        Kind::Support => {
            lines.push(format!(
                "# deadline = {}  # de laatste dag, als die er is",
                later(90)
            ));
        }
    }
    lines.push(
        "# Concept: alleen te zien in de voorvertoning. Haal deze regel weg om te publiceren."
            .into(),
    );
    lines.push("draft = true".into());
    lines.push("+++".into());
    lines.push(placeholder::BODY_FIRST.into());
    lines.push(placeholder::BODY_SECOND.into());
    lines.join("\n") + "\n"
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// The folder of the wijk with this slug (or folder name).
fn find_wijk(root: &Path, wanted: &str) -> Result<PathBuf, ScaffoldError> {
    let content = root.join(FOLDER);
    let entries = std::fs::read_dir(&content).map_err(|e| {
        ScaffoldError(format!(
            "De map {} kan niet worden gelezen: {}\n  = geef de map van de site op met --root MAP",
            content.display(),
            io_reason(&e)
        ))
    })?;
    let mut folders: Vec<(String, PathBuf)> = entries
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !is_ignored(name))
        .map(|name| (slugify(&name), content.join(name)))
        .collect();
    folders.sort();
    let slug = slugify(wanted);
    if let Some((_, folder)) = folders.iter().find(|(s, _)| *s == slug) {
        return Ok(folder.clone());
    }
    let names: Vec<&str> = folders.iter().map(|(s, _)| s.as_str()).collect();
    let hint = match did_you_mean(wanted, names.iter().copied()) {
        Some(best) => format!("bedoelt u --wijk {best}?"),
        None if names.is_empty() => {
            "er is nog geen wijk: maak eerst een map content/<wijk>/ met een _index.md".into()
        }
        None => format!("de wijken zijn: {}", names.join(", ")),
    };
    Err(ScaffoldError(format!(
        "Er is geen wijk \"{wanted}\" in {}.\n  = {hint}",
        content.display()
    )))
}

/// A Markdown file in the wijk whose name gives the same slug.
fn same_slug(folder: &Path, slug: &str) -> Option<PathBuf> {
    walkdir::WalkDir::new(folder)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .find(|p| {
            p.extension().is_some_and(|e| e == "md")
                && p.file_stem()
                    .is_some_and(|s| slugify(&s.to_string_lossy()) == slug)
        })
}

/// The streets of the wijk, from its `_index.md` (empty if it does not parse).
fn wijk_streets(root: &Path, folder: &Path) -> Vec<String> {
    let index = folder.join(wijk::INDEX);
    let Ok(text) = std::fs::read_to_string(&index) else {
        return Vec::new();
    };
    let text = crate::content::frontmatter::normalize(&text);
    let (parsed, _) = wijk::parse(&display_path(root, &index), "wijk", &text);
    parsed.map_or_else(Vec::new, |w| {
        w.streets.into_iter().map(|s| s.name).collect()
    })
}

/// Creates `path` with `text`, failing if it exists.
fn write_new(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| {
            ScaffoldError(format!(
                "De map {} kan niet worden gemaakt: {}",
                parent.display(),
                io_reason(&e)
            ))
        })?;
    }
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => ScaffoldError(format!(
                "{} bestaat al. Er is niets overschreven.\n  = kies een andere titel, of bewerk dat bestand",
                path.display()
            )),
            _ => ScaffoldError(format!(
                "{} kan niet worden gemaakt: {}",
                path.display(),
                io_reason(&e)
            )),
        })?;
    file.write_all(text.as_bytes()).map_err(|e| {
        ScaffoldError(format!(
            "{} kan niet worden geschreven: {}",
            path.display(),
            io_reason(&e)
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::content::contribution;

    fn parses(kind: Kind) {
        let today = jiff::civil::date(2027, 3, 1);
        let streets = vec!["Bloemstraat".to_string(), "Lindelaan".to_string()];
        let text = contribution_text(kind, "Een \"mooie\" titel", "Groen", &streets, today);
        let config = Config::parse("title = \"x\"\nbase_url = \"https://x.nl\"\n").unwrap();
        let (c, diagnostics) = contribution::parse("x.md", "x", &text, &config.timezone);
        assert!(diagnostics.is_empty(), "{kind:?}: {diagnostics:?}\n{text}");
        let c = c.unwrap();
        assert_eq!(c.kind(), kind.name());
        assert_eq!(c.title, "Een \"mooie\" titel");
        assert!(c.draft);
    }

    #[test]
    fn every_kind_gets_front_matter_that_parses() {
        for kind in [
            Kind::Works,
            Kind::Event,
            Kind::News,
            Kind::Decision,
            Kind::Support,
        ] {
            parses(kind);
        }
    }

    #[test]
    fn works_get_the_first_street_of_the_wijk() {
        let today = jiff::civil::date(2027, 3, 1);
        let streets = vec!["Bloemstraat".to_string(), "Lindelaan".to_string()];
        let text = contribution_text(Kind::Works, "Riool", "Openbare Ruimte", &streets, today);
        assert!(text.contains("streets = [\"Bloemstraat\"]\n"));
        assert!(text.contains("start = 2027-03-15\n"));
    }

    #[test]
    fn site_templates_have_no_placeholders_left() {
        for (path, template) in SITE {
            let text = fill(template, jiff::civil::date(2027, 1, 31));
            assert!(!text.contains("{{"), "{path}");
        }
    }
}
