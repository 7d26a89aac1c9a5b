//! The validated site: plain data that the later stages (merge, check,
//! render) read. Everything here has passed the spec's checks.

use std::collections::BTreeMap;

use jiff::ZonedDateTime;
use jiff::civil::Date;

use crate::attach::Attachment;
use crate::config::Config;
use crate::render::markdown::Links;

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
    /// How the addresses in the wijk's own body are rewritten (see `links`).
    pub links: Links,
    /// Every attachment in the wijk's folder.
    pub attachments: Vec<Attachment>,
    /// Which attachments the pages use, and which pages (see `links::Used`).
    pub used: crate::links::Used,
    /// The aliases of the contributions that passed the checks.
    pub redirects: Vec<crate::links::aliases::Alias>,
    /// External addresses in the bodies and `signup`s (for `check --links`).
    pub external: Vec<crate::links::external::ExternalLink>,
    /// Links into other wijken's street and project pages (`unknown-path`
    /// once every wijk is loaded, see `links::check_foreign`).
    pub foreign_paths: Vec<crate::links::ForeignPath>,
    /// Links to pages that come online later than the linking page
    /// (`scheduled-link`, judged against the day in `check`).
    pub later_links: Vec<crate::links::LaterLink>,
}

impl Wijk {
    /// The wijk as residents see it on `today`: updates dated later are
    /// left out (see [`Contribution::drop_later_updates`]).
    pub fn drop_later_updates(&mut self, today: Date) {
        for c in &mut self.contributions {
            c.drop_later_updates(today);
        }
    }

    /// The wijk as residents see it on `today` (see
    /// [`Wijk::drop_later_updates`]): itself when no update is dated later,
    /// else a copy without those updates.
    pub fn as_on(&self, today: Date) -> std::borrow::Cow<'_, Wijk> {
        let later = |c: &Contribution| c.updates.iter().any(|u| u.date > today);
        match self.contributions.iter().any(later) {
            true => {
                let mut copy = self.clone();
                copy.drop_later_updates(today);
                std::borrow::Cow::Owned(copy)
            }
            false => std::borrow::Cow::Borrowed(self),
        }
    }
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
    /// Not on the site before this day (`publish`).
    pub publish: Option<Date>,
    /// What the editors say about a `works` item (`status`).
    pub status: Option<Status>,
    /// Dated notes (`[[updates]]`), newest first.
    pub updates: Vec<Update>,
    pub body_markdown: String,
    pub body_html: String,
    /// The body's text blocks, read in the parse that made `body_html`,
    /// for the language checks.
    pub text: crate::content::text::BodyText,
    pub source: Source,
    /// Lines of some fields, for later findings (`streets`, `start`, ...).
    pub field_lines: BTreeMap<&'static str, usize>,
    /// The body's link and image addresses, read in the parse that made
    /// `body_html`; `links` takes them (leaving this empty) when it
    /// resolves them.
    pub references: Vec<crate::links::refs::Reference>,
    /// How the addresses in the body are rewritten (see `links`).
    pub links: Links,
    /// Earlier addresses (`/lindenhof/oude-naam/`) that redirect here.
    pub aliases: Vec<String>,
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

/// What an editor may say about a `works` item with `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Vertraagd,
    Stilgelegd,
    Geannuleerd,
    Klaar,
}

impl Status {
    /// Every status as written in the front matter.
    pub const ALL: [Status; 4] = [
        Status::Vertraagd,
        Status::Stilgelegd,
        Status::Geannuleerd,
        Status::Klaar,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Status::Vertraagd => "vertraagd",
            Status::Stilgelegd => "stilgelegd",
            Status::Geannuleerd => "geannuleerd",
            Status::Klaar => "klaar",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.name() == text)
    }
}

/// Where a `works` item (or a project) stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    Gepland,
    Bezig,
    Vertraagd,
    Stilgelegd,
    Klaar,
    Geannuleerd,
}

impl State {
    /// The state as `wijk.json` and the theme name it (`vertraagd`).
    pub fn name(self) -> &'static str {
        match self {
            State::Gepland => "gepland",
            State::Bezig => "bezig",
            State::Vertraagd => "vertraagd",
            State::Stilgelegd => "stilgelegd",
            State::Klaar => "klaar",
            State::Geannuleerd => "geannuleerd",
        }
    }

    /// The state that follows from the dates alone.
    pub fn by_dates(start: Date, end: Date, today: Date) -> State {
        if today < start {
            State::Gepland
        } else if today <= end {
            State::Bezig
        } else {
            State::Klaar
        }
    }
}

/// One dated note of `[[updates]]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    pub date: Date,
    /// The text as written (Markdown inline).
    pub text: String,
    /// The text as safe inline HTML.
    pub html: String,
    /// A new expected end (`works`).
    pub end: Option<Date>,
    /// The line of the update's `date`.
    pub line: usize,
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

    /// The last day this contribution concerns, if it has one; for `works`
    /// the end as the latest update with an `end` moved it.
    pub fn end_date(&self) -> Option<Date> {
        match &self.when {
            When::Works { start, .. } => Some(self.works_end().unwrap_or(*start)),
            When::Event { start, end } => Some(end.as_ref().unwrap_or(start).date()),
            _ => self.start_date(),
        }
    }

    /// The contribution as residents see it on `today`: without the updates
    /// dated later (they are not news yet, and their new end does not count).
    pub fn drop_later_updates(&mut self, today: Date) {
        self.updates.retain(|u| u.date <= today);
    }

    /// Whether residents may see this contribution on `today` (`publish`).
    pub fn is_published(&self, today: Date) -> bool {
        self.publish.is_none_or(|day| day <= today)
    }

    /// The written `end` of a `works` item as its newest update with an
    /// `end` replaced it; `None` for other kinds or without any end.
    pub fn works_end(&self) -> Option<Date> {
        let When::Works { end, .. } = &self.when else {
            return None;
        };
        self.updates.iter().find_map(|u| u.end).or(*end)
    }

    /// The end as first written, when an update has changed it (for
    /// "eerst gepland tot ..."); `None` when nothing changed.
    pub fn planned_end(&self) -> Option<Date> {
        let When::Works { start, end } = &self.when else {
            return None;
        };
        let first = end.unwrap_or(*start);
        (self.works_end().unwrap_or(*start) != first).then_some(first)
    }

    /// Where a `works` item stands on `today`: its `status` when it has one
    /// (`klaar` and `geannuleerd` always; `vertraagd` and `stilgelegd` once
    /// the job was due to start), else what its (updated) dates say.
    /// `None` for other kinds.
    pub fn state(&self, today: Date) -> Option<State> {
        let When::Works { start, .. } = &self.when else {
            return None;
        };
        let end = self.works_end().unwrap_or(*start);
        let by_dates = State::by_dates(*start, end, today);
        Some(match self.status {
            Some(Status::Geannuleerd) => State::Geannuleerd,
            Some(Status::Klaar) => State::Klaar,
            Some(Status::Vertraagd) => State::Vertraagd,
            Some(Status::Stilgelegd) => State::Stilgelegd,
            None => by_dates,
        })
    }

    /// The newest update, if any.
    pub fn latest_update(&self) -> Option<&Update> {
        self.updates.first()
    }

    /// What identifies the item in calendars and feeds, without slashes
    /// around it: its first alias (`lindenhof/oude-naam`) when it has one,
    /// so a renamed file is not a new item to subscribers; else `wijk/slug`.
    pub fn identity(&self, wijk: &str) -> String {
        match self.aliases.first() {
            Some(alias) => alias.trim_matches('/').to_string(),
            None => format!("{wijk}/{}", self.slug),
        }
    }

    /// The line of a field, or the line of the front matter's start.
    pub fn line_of(&self, field: &str) -> usize {
        self.field_lines.get(field).copied().unwrap_or(1)
    }
}
