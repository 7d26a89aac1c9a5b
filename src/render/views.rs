//! Typed template contexts: what each page hands its template, borrowed
//! from the merged wijk and shaped for the resident (labels, readable dates,
//! machine dates for `<time datetime>`).

use std::collections::HashMap;

use jiff::civil::Date;
use serde::Serialize;

use super::dates;
use super::strings::text;
use crate::config::{Config, Language};
use crate::merge::{Entry, MergedWijk, Project};
use crate::model::{Contact, Contribution, State, Street, Update, When, Wijk};

/// Settings every page sees as `site`.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub lang: &'static str,
    pub base_path: &'a str,
    pub base_url: &'a str,
    pub stylesheet: String,
    /// The letter pages' own stylesheet (`assets/brief.css`, A4 print).
    pub letter_stylesheet: String,
    /// The municipality's house-style tokens, linked before the stylesheet.
    pub tokens_stylesheet: Option<String>,
    pub home_url: String,
    /// Who is responsible for the site (`organisation`, else the title).
    pub organisation: &'a str,
    /// `nl_NL` or `en_GB`, for `og:locale`.
    pub og_locale: &'static str,
    /// The day of the build (`2027-01-15`), for `DCTERMS.modified`.
    pub modified: String,
    pub accessibility_url: String,
    pub privacy_url: String,
}

/// A link with a label.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub label: String,
    pub url: String,
    pub current: bool,
}

/// The wijk every wijk page sees as `wijk`.
#[derive(Debug, Serialize)]
pub struct WijkView<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
    pub summary: &'a str,
    pub contact: &'a Contact,
    pub contact_url: String,
    pub nav: Vec<Link>,
    /// The item of `nav` that is `current`, if any: the page's section, for
    /// the breadcrumb.
    pub section: Option<Link>,
    /// Every street of the wijk, linking to its page.
    pub streets: Vec<Link>,
    pub feed_url: String,
    pub ics_url: String,
    pub json_url: String,
    /// `werk.geojson`, when the wijk has a map.
    pub geojson_url: Option<String>,
}

/// A time as shown and as machine-readable (`<time datetime>`), with the
/// first day's number and short month for a calendar tile (`9`, `dec`).
#[derive(Debug, Clone, Serialize)]
pub struct WhenView {
    pub text: String,
    pub start: String,
    pub end: Option<String>,
    pub day: i8,
    pub month: &'static str,
}

impl WhenView {
    fn new(
        text: String,
        first: Date,
        start: String,
        end: Option<String>,
        language: Language,
    ) -> Self {
        WhenView {
            text,
            start,
            end,
            day: first.day(),
            month: dates::month_short(first.month(), language),
        }
    }

    /// A single day (news, decisions, deadlines).
    fn day(date: Date, language: Language) -> Self {
        WhenView::new(
            dates::date(date, language),
            date,
            date.to_string(),
            None,
            language,
        )
    }
}

/// One item on a list, the timeline, or its own page; a project is an item
/// whose `parts` are its contributions.
#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub title: String,
    pub url: String,
    pub summary: String,
    pub departments: Vec<String>,
    pub streets: Vec<Link>,
    /// How many of the item's streets `streets` leaves out (in lists).
    pub streets_more: usize,
    pub when: Option<WhenView>,
    pub location: Option<String>,
    pub signup: Option<String>,
    pub deadline: Option<WhenView>,
    pub draft: bool,
    /// Where the item stands on the day of the build: `past`, `now` or
    /// `coming`; `none` for news and decisions, and `past` or `none` for
    /// support (its deadline has gone by, or not).
    pub status: &'static str,
    pub ics_url: Option<String>,
    pub project: Option<Link>,
    pub parts: Vec<ItemView>,
    /// Where a `works` item or a project stands on the day of the build:
    /// `gepland`, `bezig`, `vertraagd`, `stilgelegd`, `klaar`, `geannuleerd`.
    pub state: Option<&'static str>,
    /// The state in words where a `status` says it (vertraagd, stilgelegd,
    /// geannuleerd); the dates' own states keep their labels.
    pub state_label: Option<&'static str>,
    /// The end as first written, when an update moved it (`30 juni 2027`).
    pub planned_end: Option<String>,
    /// The planned period and its extension, for a small bar on the card.
    pub extension: Option<Extension>,
    /// Updates, newest first (a project: those of all its parts).
    pub updates: Vec<UpdateView>,
    /// The day a scheduled contribution appears, while it is not out yet
    /// (only the preview shows such contributions).
    pub scheduled: Option<String>,
    /// The item's card (the `card` macro of `macros.html`), rendered once per
    /// wijk for the items that a list shows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card: Option<minijinja::Value>,
}

/// One update as the pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct UpdateView {
    pub when: WhenView,
    /// Sanitized inline HTML of the update's text.
    pub html: String,
    /// The new end it gives, as residents read it.
    pub end: Option<String>,
}

/// A delayed job's period on one scale: the part first planned and the
/// extension, as bars (the dates are written beside them).
#[derive(Debug, Clone, Serialize)]
pub struct Extension {
    pub planned: super::timeline::Span,
    pub extra: super::timeline::Span,
    /// The end as first planned and the end now, as residents read them.
    pub planned_end: String,
    pub end: String,
}

/// How many of an item's streets a list (timeline, street page, wijk page)
/// shows; the item's own page shows them all. An item on 10,000 streets
/// would otherwise put 10,000 links on each of 10,000 street pages.
pub const LIST_STREETS: usize = 10;

/// The wijk's menu: the page's path within the wijk and its label's key.
pub const NAV: [(&str, &str); 5] = [
    ("", "nav_home"),
    ("tijdlijn/", "nav_timeline"),
    ("agenda/", "nav_agenda"),
    ("straten/", "nav_streets"),
    ("contact/", "nav_contact"),
];

/// Builds views for one wijk, with its URLs under the site's base path.
pub struct Views<'a> {
    pub config: &'a Config,
    pub wijk: &'a Wijk,
    /// The day of the build: what is past.
    pub today: Date,
    /// The wijk's streets by name, so a link costs one look-up however
    /// many streets the wijk and the item have.
    streets: HashMap<&'a str, &'a Street>,
}

impl<'a> Views<'a> {
    pub fn new(config: &'a Config, wijk: &'a Wijk, today: Date) -> Views<'a> {
        let streets = wijk.streets.iter().map(|s| (s.name.as_str(), s)).collect();
        Views {
            config,
            wijk,
            today,
            streets,
        }
    }

    pub fn language(&self) -> Language {
        self.config.language
    }

    /// `/wijken/lindenhof/` + `rest`
    pub fn url(&self, rest: &str) -> String {
        self.url_of(&[rest])
    }

    /// `/wijken/lindenhof/` + the `parts` one after another, made in one
    /// allocation (these addresses are made tens of thousands of times).
    fn url_of(&self, parts: &[&str]) -> String {
        let base = self.config.base_path.as_str();
        let slug = self.wijk.slug.as_str();
        let len = base.len() + slug.len() + 2 + parts.iter().map(|p| p.len()).sum::<usize>();
        let mut url = String::with_capacity(len);
        for part in [base, "/", slug, "/"].iter().chain(parts) {
            url.push_str(part);
        }
        url
    }

    pub fn contribution_url(&self, c: &Contribution) -> String {
        self.url_of(&[&c.slug, "/"])
    }

    pub fn project_url(&self, slug: &str) -> String {
        self.url_of(&["project/", slug, "/"])
    }

    pub fn street_url(&self, slug: &str) -> String {
        self.url_of(&["straten/", slug, "/"])
    }

    pub fn event_ics_url(&self, c: &Contribution) -> String {
        self.url_of(&[&c.slug, ".ics"])
    }

    pub fn wijk(&self, current: &str) -> WijkView<'a> {
        let language = self.language();
        let nav: Vec<Link> = NAV
            .into_iter()
            .map(|(path, key)| Link {
                label: text(language, key).to_string(),
                url: self.url(path),
                current: path == current,
            })
            .collect();
        let section = nav.iter().find(|link| link.current).cloned();
        WijkView {
            name: &self.wijk.name,
            slug: &self.wijk.slug,
            url: self.url(""),
            summary: &self.wijk.summary,
            contact: &self.wijk.contact,
            contact_url: self.url("contact/"),
            nav,
            section,
            streets: self.street_links(self.wijk.streets.iter().map(|s| s.name.as_str())),
            feed_url: self.url("nieuws.xml"),
            ics_url: self.url("agenda.ics"),
            json_url: self.url("wijk.json"),
            geojson_url: self
                .wijk
                .geometry
                .is_some()
                .then(|| self.url(crate::geo::werk::FILE)),
        }
    }

    fn street_links(&self, names: impl IntoIterator<Item = &'a str>) -> Vec<Link> {
        self.street_links_upto(names, usize::MAX).0
    }

    /// The first `limit` street links and how many more there are.
    fn street_links_upto(
        &self,
        names: impl IntoIterator<Item = &'a str>,
        limit: usize,
    ) -> (Vec<Link>, usize) {
        let mut links = Vec::new();
        let mut more = 0;
        for street in names.into_iter().filter_map(|name| self.streets.get(name)) {
            if links.len() == limit {
                more += 1;
                continue;
            }
            links.push(Link {
                label: street.name.clone(),
                url: self.street_url(&street.slug),
                current: false,
            });
        }
        (links, more)
    }

    pub fn when(&self, c: &Contribution) -> Option<WhenView> {
        let language = self.language();
        match &c.when {
            // The end as updates moved it.
            When::Works { start, .. } => Some(WhenView::new(
                dates::period(*start, c.end_date(), language),
                *start,
                start.to_string(),
                c.works_end().map(|d| d.to_string()),
                language,
            )),
            When::Event { start, end } => Some(WhenView::new(
                dates::event_time(start, end.as_ref(), language),
                start.date(),
                dates::iso(start),
                end.as_ref().map(dates::iso),
                language,
            )),
            When::News { date } | When::Decision { date } => Some(WhenView::day(*date, language)),
            When::Support => None,
        }
    }

    /// An item as lists show it: at most [`LIST_STREETS`] of its streets.
    pub fn item(&self, c: &'a Contribution, merged: &MergedWijk<'a>) -> ItemView {
        self.item_upto(c, merged, LIST_STREETS)
    }

    /// An item as its own page shows it: every street.
    pub fn item_full(&self, c: &'a Contribution, merged: &MergedWijk<'a>) -> ItemView {
        self.item_upto(c, merged, usize::MAX)
    }

    fn item_upto(&self, c: &'a Contribution, merged: &MergedWijk<'a>, limit: usize) -> ItemView {
        let language = self.language();
        let (streets, streets_more) =
            self.street_links_upto(c.streets.iter().map(String::as_str), limit);
        let kind = c.kind();
        let project = c
            .project
            .as_deref()
            .and_then(|key| merged.projects.iter().find(|p| p.key == key));
        let state = c.state(self.today);
        ItemView {
            kind,
            kind_label: text(language, &format!("kind_{kind}")),
            title: c.title.clone(),
            url: self.contribution_url(c),
            summary: c.teaser.clone(),
            departments: vec![c.department.clone()],
            streets,
            streets_more,
            when: self.when(c),
            location: c.location.clone(),
            signup: c.signup.clone(),
            deadline: c.deadline.map(|d| WhenView::day(d, language)),
            draft: c.draft,
            status: match c.when {
                When::Works { .. } | When::Event { .. } => {
                    stated(state).unwrap_or_else(|| self.status(c.start_date(), c.end_date()))
                }
                When::Support if c.deadline.is_some_and(|d| d < self.today) => "past",
                _ => "none",
            },
            ics_url: matches!(c.when, When::Event { .. }).then(|| self.event_ics_url(c)),
            project: project.map(|p| Link {
                label: p.title.clone(),
                url: self.project_url(&p.slug),
                current: false,
            }),
            parts: Vec::new(),
            state: state.map(State::name),
            state_label: state.and_then(|s| self.state_label(s)),
            planned_end: c.planned_end().map(|d| dates::date(d, language)),
            extension: extension(c.start_date(), c.planned_end(), c.end_date(), language),
            updates: c.updates.iter().map(|u| self.update(u)).collect(),
            scheduled: c
                .publish
                .filter(|day| *day > self.today)
                .map(|day| dates::long_date(day, language)),
            card: None,
        }
    }

    fn update(&self, update: &Update) -> UpdateView {
        let language = self.language();
        UpdateView {
            when: WhenView::day(update.date, language),
            html: update.html.clone(),
            end: update.end.map(|d| dates::date(d, language)),
        }
    }

    /// The words for a state a `status` gave.
    fn state_label(&self, state: State) -> Option<&'static str> {
        let key = match state {
            State::Vertraagd => "state_vertraagd",
            State::Stilgelegd => "state_stilgelegd",
            State::Geannuleerd => "state_geannuleerd",
            _ => return None,
        };
        Some(text(self.language(), key))
    }

    /// A project as lists show it: at most [`LIST_STREETS`] streets, also per part.
    pub fn project(&self, project: &Project<'a>, merged: &MergedWijk<'a>) -> ItemView {
        self.project_upto(project, merged, LIST_STREETS)
    }

    /// A project as its own page shows it: every street.
    pub fn project_full(&self, project: &Project<'a>, merged: &MergedWijk<'a>) -> ItemView {
        self.project_upto(project, merged, usize::MAX)
    }

    fn project_upto(
        &self,
        project: &Project<'a>,
        merged: &MergedWijk<'a>,
        limit: usize,
    ) -> ItemView {
        let language = self.language();
        let state = project.state(self.today);
        let mut updates: Vec<(&Update, usize)> = project
            .parts
            .iter()
            .flat_map(|c| c.updates.iter())
            .enumerate()
            .map(|(n, u)| (u, n))
            .collect();
        updates.sort_by(|a, b| b.0.date.cmp(&a.0.date).then(a.1.cmp(&b.1)));
        let parts: Vec<ItemView> = project
            .parts
            .iter()
            .map(|c| self.item_upto(c, merged, limit))
            .collect();
        let (streets, streets_more) =
            self.street_links_upto(project.streets.iter().copied(), limit);
        let summary = parts
            .iter()
            .map(|p| p.summary.as_str())
            .find(|s| !s.is_empty())
            .unwrap_or("")
            .to_string();
        ItemView {
            kind: "project",
            kind_label: text(language, "kind_project"),
            title: project.title.clone(),
            url: self.project_url(&project.slug),
            summary,
            departments: project.departments.iter().map(|d| d.to_string()).collect(),
            streets,
            streets_more,
            when: project.start.map(|start| {
                WhenView::new(
                    dates::period(start, project.end, language),
                    start,
                    start.to_string(),
                    project.end.map(|d| d.to_string()),
                    language,
                )
            }),
            location: None,
            signup: None,
            deadline: None,
            draft: project.parts.iter().all(|c| c.draft),
            status: stated(state).unwrap_or_else(|| self.status(project.start, project.end)),
            ics_url: None,
            project: None,
            parts,
            state: state.map(State::name),
            state_label: state.and_then(|s| self.state_label(s)),
            planned_end: project.planned_end.map(|d| dates::date(d, language)),
            extension: extension(project.start, project.planned_end, project.end, language),
            updates: updates.into_iter().map(|(u, _)| self.update(u)).collect(),
            scheduled: None,
            card: None,
        }
    }

    /// `past`, `now` or `coming` for a period on the day of the build.
    /// (A `status` may say otherwise: see [`stated`].)
    fn status(&self, start: Option<Date>, end: Option<Date>) -> &'static str {
        match (start, end.or(start)) {
            (_, Some(end)) if end < self.today => "past",
            (Some(start), _) if start <= self.today => "now",
            _ => "coming",
        }
    }

    pub fn entry(&self, entry: &Entry<'a>, merged: &MergedWijk<'a>) -> ItemView {
        match entry {
            Entry::Project(i) => self.project(&merged.projects[*i], merged),
            Entry::Item(c) => self.item(c, merged),
        }
    }
}

/// The card status a `status` gives: `past` for klaar (also before the
/// end), `cancelled`, `delayed` and `halted`; `None` where the dates speak.
fn stated(state: Option<State>) -> Option<&'static str> {
    match state? {
        State::Klaar => Some("past"),
        State::Geannuleerd => Some("cancelled"),
        State::Vertraagd => Some("delayed"),
        State::Stilgelegd => Some("halted"),
        State::Gepland | State::Bezig => None,
    }
}

/// The planned period and the extension of a job whose end an update moved.
fn extension(
    start: Option<Date>,
    planned_end: Option<Date>,
    end: Option<Date>,
    language: Language,
) -> Option<Extension> {
    let (start, planned_end, end) = (start?, planned_end?, end?);
    if end <= planned_end {
        return None;
    }
    let after = planned_end.tomorrow().ok()?;
    Some(Extension {
        planned: super::timeline::span(start, end, start, planned_end),
        extra: super::timeline::span(start, end, after, end),
        planned_end: dates::date(planned_end, language),
        end: dates::date(end, language),
    })
}
