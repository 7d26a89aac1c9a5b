//! The validated site: plain data that the later stages (merge, check,
//! render) read. Everything here has passed the spec's checks.

use std::collections::BTreeMap;

use jiff::ZonedDateTime;
use jiff::civil::Date;

use crate::config::Config;

/// A whole site: its settings and its wijken, in slug order.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    pub wijken: Vec<Wijk>,
}

/// Where a piece of content came from, for messages and links to the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Path relative to the site root, `/`-separated (`content/lindenhof/x.md`).
    pub file: String,
    /// The line the Markdown body starts on.
    pub body_line: usize,
}

/// One wijk: its own page (`_index.md`) and every contribution in its folder.
#[derive(Debug, Clone)]
pub struct Wijk {
    pub slug: String,
    pub name: String,
    pub summary: String,
    pub streets: Vec<Street>,
    pub contact: Contact,
    pub glossary: BTreeMap<String, String>,
    pub projects: BTreeMap<String, String>,
    pub body_markdown: String,
    pub body_html: String,
    pub source: Source,
    /// Contributions in slug order, drafts included.
    pub contributions: Vec<Contribution>,
    /// The wijk's map (`kaart.geojson`), when it has one.
    pub geometry: Option<crate::geo::WijkGeometry>,
    /// Contributions whose files have errors, kept for the checks across
    /// the wijk (streets, slugs), so one run reports those errors too.
    pub broken: Vec<Broken>,
}

/// What the checks across a wijk need of a contribution that has errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    pub file: String,
    pub slug: String,
    pub streets: Vec<String>,
    pub streets_line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Street {
    pub name: String,
    pub slug: String,
    /// Postcodes written the normal way (`1234 AB`), in the order given.
    pub postcodes: Vec<String>,
}

/// The wijk's one contact point.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Contact {
    pub name: String,
    pub role: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub visit: Option<String>,
}

/// One department's contribution to the wijk.
#[derive(Debug, Clone)]
pub struct Contribution {
    pub slug: String,
    pub title: String,
    pub department: String,
    pub summary: Option<String>,
    /// The summary for lists: `summary`, or else the body's first paragraph.
    pub teaser: String,
    pub streets: Vec<String>,
    pub project: Option<String>,
    pub draft: bool,
    pub location: Option<String>,
    pub signup: Option<String>,
    pub deadline: Option<Date>,
    /// An event's place as WGS84 `(lon, lat)`.
    pub coordinates: Option<(f64, f64)>,
    pub when: When,
    pub body_markdown: String,
    pub body_html: String,
    pub source: Source,
    /// Lines of some fields, for later findings (`streets`, `start`, ...).
    pub field_lines: BTreeMap<&'static str, usize>,
}

/// The kind of a contribution with the dates that kind requires.
#[derive(Debug, Clone, PartialEq)]
pub enum When {
    Works {
        start: Date,
        end: Option<Date>,
    },
    Event {
        start: ZonedDateTime,
        end: Option<ZonedDateTime>,
    },
    News {
        date: Date,
    },
    Decision {
        date: Date,
    },
    Support,
}

impl When {
    pub fn kind(&self) -> &'static str {
        match self {
            When::Works { .. } => "works",
            When::Event { .. } => "event",
            When::News { .. } => "news",
            When::Decision { .. } => "decision",
            When::Support => "support",
        }
    }
}

impl Contribution {
    pub fn kind(&self) -> &'static str {
        self.when.kind()
    }

    /// The first day this contribution concerns, if it has one.
    pub fn start_date(&self) -> Option<Date> {
        match &self.when {
            When::Works { start, .. } => Some(*start),
            When::Event { start, .. } => Some(start.date()),
            When::News { date } | When::Decision { date } => Some(*date),
            When::Support => self.deadline,
        }
    }

    /// The last day this contribution concerns, if it has one.
    pub fn end_date(&self) -> Option<Date> {
        match &self.when {
            When::Works { start, end } => Some(end.unwrap_or(*start)),
            When::Event { start, end } => Some(end.as_ref().unwrap_or(start).date()),
            _ => self.start_date(),
        }
    }

    /// The line of a field, or the line of the front matter's start.
    pub fn line_of(&self, field: &str) -> usize {
        self.field_lines.get(field).copied().unwrap_or(1)
    }
}
