//! `site.toml`: the site-wide settings, parsed from a string (`parse`) or a
//! site folder (`load`). The publishing settings (legal pages, security.txt,
//! house-style tokens) live in [`publishing`].

pub mod publishing;

use std::path::Path;

use jiff::tz::TimeZone;

use crate::content::fields::FieldReader;
use crate::content::frontmatter::FrontMatter;
use crate::error::{Diagnostic, io_reason};

pub const FILE: &str = "site.toml";

/// The UI language of the generated pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Nl,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }
}

/// The settings of `site.toml`, with defaults filled in.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    /// The base URL without a trailing `/` (`https://example.org/wijken`).
    pub base_url: String,
    /// The path part of the base URL without a trailing `/` (`/wijken`, or ``).
    pub base_path: String,
    pub language: Language,
    pub timezone: TimeZone,
    pub timezone_name: String,
    pub theme: String,
    pub coupling_window_days: i64,
    /// How long an event without `end` lasts, in minutes (calendars, clash check).
    pub event_minutes: i64,
    pub check: CheckConfig,
    pub publishing: publishing::Publishing,
    /// Entries of the output folder that a build carries over from the old
    /// output to the new one (`keep`, default [`DEFAULT_KEEP`]).
    pub keep: Vec<String>,
}

/// What a GitHub Pages checkout holds besides the site: kept by default.
pub const DEFAULT_KEEP: &[&str] = &[".git", "CNAME", ".nojekyll"];

/// Settings of the editorial checks (`[check]` in `site.toml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckConfig {
    /// Words that residents may not know, on top of the built-in list.
    pub jargon: Vec<String>,
    /// A sentence with more words than this gets a `long-sentence` warning.
    pub long_sentence_words: usize,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            jargon: Vec::new(),
            long_sentence_words: 25,
        }
    }
}

const KEYS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "timezone",
    "theme",
    "coupling_window_days",
    "event_minutes",
    "check",
    "organisation",
    "contact",
    "tokens",
    "accessibility",
    "security",
    "keep",
];

/// How long an event without `end` lasts when `event_minutes` is not set.
pub const DEFAULT_EVENT_MINUTES: i64 = 120;

impl Config {
    /// Reads `<root>/site.toml`.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(FILE);
        let text = crate::sitefs::read(root, &path).map_err(|e| match e {
            crate::sitefs::ReadError::Io(e) => {
                let message = format!(
                    "de instellingen van de site kunnen niet worden gelezen: {}",
                    io_reason(&e)
                );
                vec![Diagnostic::error("missing-site-toml", FILE, None, message).note(format!(
                    "elke site heeft een {FILE} nodig in de map van de site ({}), met minstens title = \"...\" en base_url = \"...\"",
                    root.display()
                ))]
            }
            outside => vec![outside.diagnostic(root, &path, FILE)],
        })?;
        let text = String::from_utf8_lossy(&text);
        Config::parse_in(&crate::content::frontmatter::normalize(&text), Some(root))
    }

    /// Parses the text of a `site.toml`.
    pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse_in(text, None)
    }
}

impl Config {
    /// Parses the text of a `site.toml`; with the site's folder, also reads
    /// the files it names (the token file).
    fn parse_in(text: &str, root: Option<&Path>) -> Result<Config, Vec<Diagnostic>> {
        let front_matter = FrontMatter::parse(text, 1).map_err(|e| {
            vec![e.diagnostic(
                FILE,
                "kijk op deze regel naar de aanhalingstekens, het =-teken en de haken; tekst staat tussen dubbele aanhalingstekens: title = \"Gemeente Voorbeeld\"",
            )]
        })?;
        let mut diagnostics = Vec::new();
        let mut reader = FieldReader::new(&front_matter, FILE, &mut diagnostics);
        reader.deny_unknown(KEYS);
        let title = reader.string("title", true, "title = \"Gemeente Voorbeeld\"");
        let base_url = reader.string(
            "base_url",
            true,
            "base_url = \"https://wijken.voorbeeld.nl\"",
        );
        let language = match reader
            .string("language", false, "language = \"nl\"")
            .as_deref()
        {
            None | Some("nl") => Language::Nl,
            Some("en") => Language::En,
            Some(other) => {
                let message = format!("de taal \"{other}\" kent wijkverhaal niet");
                reader.error(
                    "invalid-field",
                    "language",
                    message,
                    "schrijf language = \"nl\" (Nederlands) of language = \"en\" (Engels)".into(),
                );
                Language::Nl
            }
        };
        let timezone_name = reader
            .string("timezone", false, "timezone = \"Europe/Amsterdam\"")
            .unwrap_or_else(|| "Europe/Amsterdam".into());
        let timezone = match TimeZone::get(&timezone_name) {
            Ok(tz) => Some(tz),
            Err(_) => {
                let message = format!("de tijdzone \"{timezone_name}\" bestaat niet");
                reader.error(
                    "invalid-field",
                    "timezone",
                    message,
                    "schrijf de naam van een tijdzone (IANA), zo: timezone = \"Europe/Amsterdam\""
                        .into(),
                );
                None
            }
        };
        let theme = reader
            .string("theme", false, "theme = \"default\"")
            .unwrap_or_else(|| "default".into());
        if !is_theme_name(&theme) {
            reader.error(
                "invalid-field",
                "theme",
                format!("\"{theme}\" is geen naam van een thema: een thema is een map direct onder themes/, geen pad"),
                "schrijf alleen de naam van de map onder themes/, zoals theme = \"default\" voor themes/default/".into(),
            );
        }
        let coupling_window_days = reader
            .integer("coupling_window_days", "coupling_window_days = 365")
            .unwrap_or(365);
        let event_minutes = read_event_minutes(&mut reader);
        let check = read_check(&mut reader);
        let mut publishing = publishing::read(&mut reader);
        if let (Some(root), Some(tokens)) = (root, &mut publishing.tokens)
            && let Err(e) = publishing::load_tokens(root, &theme, tokens)
        {
            reader.diagnostics.push(e);
        }
        let keep = read_keep(&mut reader);
        let base = base_url.and_then(|url| match split_base_url(&url) {
            Ok(base) => Some(base),
            Err(hint) => {
                reader.error(
                    "invalid-field",
                    "base_url",
                    format!("in het veld \"base_url\" staat geen webadres: \"{url}\""),
                    hint,
                );
                None
            }
        });
        match (title, base, timezone) {
            (Some(title), Some((base_url, base_path)), Some(timezone))
                if diagnostics.is_empty() =>
            {
                Ok(Config {
                    title,
                    base_url,
                    base_path,
                    language,
                    timezone,
                    timezone_name,
                    theme,
                    coupling_window_days,
                    event_minutes,
                    check,
                    publishing,
                    keep,
                })
            }
            _ => Err(diagnostics),
        }
    }

    /// Who is responsible for the site: `organisation`, else the title.
    pub fn organisation(&self) -> &str {
        self.publishing
            .organisation
            .as_deref()
            .unwrap_or(&self.title)
    }

    /// Replaces the base URL (`build --base-url`).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        let (base_url, base_path) = split_base_url(url)?;
        self.base_url = base_url;
        self.base_path = base_path;
        Ok(())
    }

    /// A site-absolute path with the base URL's path prefix: `/x/` -> `/wijken/x/`.
    pub fn path(&self, path: &str) -> String {
        [self.base_path.as_str(), path].concat()
    }

    /// A full URL for a site-absolute path: `/x/` -> `https://host/wijken/x/`.
    pub fn url(&self, path: &str) -> String {
        [self.base_url.as_str(), path].concat()
    }
}

/// `event_minutes`: a whole number of minutes, at least 1 and at most a
/// week (an event of zero minutes is what calendars got before).
fn read_event_minutes(reader: &mut FieldReader) -> i64 {
    let example = "event_minutes = 120";
    match reader.integer("event_minutes", example) {
        None => DEFAULT_EVENT_MINUTES,
        Some(minutes) if (1..=7 * 24 * 60).contains(&minutes) => minutes,
        Some(minutes) => {
            reader.error(
                "invalid-field",
                "event_minutes",
                format!("een bijeenkomst van {minutes} minuten kan niet"),
                format!("schrijf hoe lang een bijeenkomst zonder eindtijd duurt, in minuten (1 tot 10080), zo: {example}"),
            );
            DEFAULT_EVENT_MINUTES
        }
    }
}

fn read_check(reader: &mut FieldReader) -> CheckConfig {
    let mut check = CheckConfig::default();
    if let Some(mut section) = reader.section("check", "[check]") {
        section.deny_unknown(&["jargon", "long_sentence_words"]);
        if let Some(jargon) = section.strings("jargon", false, "jargon = [\"omgevingsplan\"]") {
            check.jargon = jargon;
        }
        if let Some(words) = section.integer("long_sentence_words", "long_sentence_words = 25") {
            check.long_sentence_words = usize::try_from(words).unwrap_or(usize::MAX).max(1);
        }
    }
    check
}

/// A theme is the name of one folder under `themes/`: not empty, no path
/// separators, not hidden, not `.` or `..` (so never a path out of the site).
fn is_theme_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', ':'])
        && !name.chars().any(char::is_control)
}

/// The `keep` list: names of entries directly in the output folder.
fn read_keep(reader: &mut FieldReader) -> Vec<String> {
    let example = "keep = [\".git\", \"CNAME\", \".nojekyll\"]";
    let Some(keep) = reader.strings("keep", false, example) else {
        return DEFAULT_KEEP.iter().map(|s| s.to_string()).collect();
    };
    for name in &keep {
        if let Some(problem) = crate::output::keep_problem(name) {
            let message = format!("\"{name}\" in de lijst keep kan niet worden bewaard: {problem}");
            let hint = format!(
                "noem alleen bestanden of mappen die direct in de uitvoermap staan en die wijkverhaal zelf niet maakt, zo: {example}"
            );
            reader.error("invalid-field", "keep", message, hint);
        }
    }
    keep
}

/// Splits `https://host/path/` into (`https://host/path`, `/path`).
fn split_base_url(url: &str) -> Result<(String, String), String> {
    let hint = "schrijf het hele adres waarop de site komt te staan, met https:// ervoor, zoals https://wijken.voorbeeld.nl of https://www.voorbeeld.nl/wijken/".to_string();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| hint.clone())?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty()
        || url.contains(char::is_whitespace)
        || crate::linesafe::check_line(url).is_err()
        || url.contains(['?', '#', '"', '<', '>'])
    {
        return Err(hint);
    }
    let path = path.trim_end_matches('/');
    let base_path = if path.is_empty() {
        String::new()
    } else {
        format!("/{path}")
    };
    let scheme = if url.starts_with("https://") {
        "https://"
    } else {
        "http://"
    };
    Ok((format!("{scheme}{host}{base_path}"), base_path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_in_defaults() {
        let config = Config::parse("title = \"G\"\nbase_url = \"https://w.example.nl/\"").unwrap();
        assert_eq!(config.base_url, "https://w.example.nl");
        assert_eq!(config.base_path, "");
        assert_eq!(config.timezone_name, "Europe/Amsterdam");
        assert_eq!(config.coupling_window_days, 365);
        assert_eq!(config.event_minutes, 120);
        assert_eq!(config.check.long_sentence_words, 25);
    }

    #[test]
    fn keeps_the_path_of_the_base_url() {
        let config =
            Config::parse("title = \"G\"\nbase_url = \"https://example.org/wijken/\"").unwrap();
        assert_eq!(config.base_url, "https://example.org/wijken");
        assert_eq!(config.path("/a/"), "/wijken/a/");
        assert_eq!(config.url("/a/"), "https://example.org/wijken/a/");
    }

    #[test]
    fn reports_every_mistake_at_once() {
        let errors =
            Config::parse("titel = \"G\"\nbase_url = \"wijken.nl\"\ntimezone = \"Mars/Olympus\"")
                .unwrap_err();
        let codes: Vec<_> = errors.iter().map(|d| (d.code, d.line)).collect();
        assert!(codes.contains(&("unknown-field", Some(1))));
        assert!(codes.contains(&("missing-field", Some(1))));
        assert!(codes.contains(&("invalid-field", Some(2))));
        assert!(codes.contains(&("invalid-field", Some(3))));
    }
}
