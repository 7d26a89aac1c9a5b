//! One letter per street: everything current or upcoming that touches the
//! street, told once, with the wijk's one contact point.
//!
//! [`letter`] turns a merged wijk into a [`Letter`], plain owned data that
//! both the HTML page (`render::pages::letter`) and the PDF ([`pdf`]) are
//! made from, so paper and web tell the same story. [`fit`] shortens a
//! letter that would run over two A4 pages; [`opening`] writes its first
//! sentences; [`qr`] draws the QR code of the street's page. The pictures
//! (QR code, map) are drawn by [`Letter::pictures`] only where a letter is
//! laid out, not for the `long-letter` check.

pub mod fit;
pub mod opening;
pub mod pdf;
pub mod qr;

use jiff::civil::Date;
use serde::Serialize;

use crate::config::{Config, Language};
use crate::geo::map::{Focus, WijkMap};
use crate::merge::{Entry, MergedWijk, Project, StreetEntries};
use crate::model::{Contact, Contribution, State, When};
use crate::render::dates;
use crate::render::glossary::{Term, terms_used};

/// The language letters are written in (`lang` of the page and the PDF).
pub const LANG: &str = "nl";

/// One street's letter, ready to render as HTML or PDF.
#[derive(Debug, Clone, Serialize)]
pub struct Letter {
    pub municipality: String,
    pub wijk: String,
    pub wijk_slug: String,
    pub street: String,
    /// The street as a sentence names it: `de Bloemstraat`.
    pub street_with_article: String,
    pub street_slug: String,
    /// The day of the letter, written out (`15 januari 2027`).
    pub date: String,
    /// `Aan de bewoners en gebruikers van de Bloemstraat`
    pub address: String,
    /// The letter's heading and the PDF's title.
    pub title: String,
    /// The first sentences, written from the merged data.
    pub opening: String,
    /// Projects and other current or upcoming items touching the street.
    pub items: Vec<Item>,
    /// How many items were left out to fit two pages (see [`fit`]), and
    /// the sentence that says so (`Nog twee onderwerpen staan op de website.`).
    pub more_items: usize,
    pub more_items_note: Option<String>,
    /// Upcoming events of the wijk.
    pub events: Vec<Event>,
    pub more_events: usize,
    pub more_events_note: Option<String>,
    /// Help and regulations still open.
    pub support: Vec<Support>,
    pub more_support: usize,
    pub more_support_note: Option<String>,
    /// Glossary words the letter uses, with what they mean.
    pub glossary: Vec<Term>,
    pub contact: Contact,
    /// The absolute URL of the street's page (printed and in the QR code).
    pub street_url: String,
    /// Whether `street_url` fits in a QR code (see [`Pictures`]).
    pub has_qr: bool,
    /// Whether the letter shows the street map: the wijk has geometry.
    pub has_map: bool,
    /// What [`fit`] shortened, in words for the editors; empty when the
    /// whole letter fits.
    pub condensed: Vec<String>,
}

/// A letter's pictures as SVG documents: costly to draw (a QR code tries
/// eight masks), so they are made only for the page and the PDF.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Pictures {
    pub qr_svg: Option<String>,
    pub map_svg: Option<String>,
}

/// A project (all departments' parts together) or a single item.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub kind: &'static str,
    pub title: String,
    /// When it happens, written out.
    pub when: String,
    /// `Nu bezig` or `Gepland`.
    pub state: &'static str,
    pub summary: String,
    /// A project's current and upcoming parts (empty for a single item).
    pub parts: Vec<Part>,
    /// How many parts were left out to fit two pages, and the sentence
    /// that says so.
    pub more_parts: usize,
    pub more_parts_note: Option<String>,
    pub update: Option<Update>,
}

/// One department's part of a project.
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    pub department: String,
    pub title: String,
    pub when: String,
}

/// The latest dated note on an item.
#[derive(Debug, Clone, Serialize)]
pub struct Update {
    pub date: String,
    pub text: String,
}

/// An upcoming event of the wijk.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    pub title: String,
    pub when: String,
    pub location: String,
    pub signup: Option<String>,
}

/// Open help or a regulation.
#[derive(Debug, Clone, Serialize)]
pub struct Support {
    pub title: String,
    pub summary: String,
    /// `Aanvragen kan tot en met 1 juli 2027`
    pub deadline: Option<String>,
}

/// What every letter of one wijk shares, made once for the wijk: the
/// day and the wijk's upcoming meetings and open help written out. Each
/// street's letter is then [`Letters::letter`].
pub struct Letters<'a> {
    config: &'a Config,
    merged: &'a MergedWijk<'a>,
    today: Date,
    /// The day of the letters, written out.
    date: String,
    /// The wijk's upcoming events, as every letter lists them.
    events: Vec<Event>,
    /// Help and regulations still open, with the streets they are for
    /// (empty: the whole wijk).
    support: Vec<(&'a [String], Support)>,
}

impl<'a> Letters<'a> {
    /// The letters of `merged` on `today`.
    pub fn new(config: &'a Config, merged: &'a MergedWijk<'a>, today: Date) -> Letters<'a> {
        Letters {
            config,
            merged,
            today,
            date: dates::date(today, Language::Nl),
            events: merged
                .events
                .iter()
                .filter(|c| c.start_date().is_some_and(|d| d >= today))
                .map(|c| event(c))
                .collect(),
            support: merged
                .support
                .iter()
                .filter(|c| c.deadline.is_none_or(|d| d >= today))
                .map(|c| (c.streets.as_slice(), support(c)))
                .collect(),
        }
    }

    /// The street's letter, or `None` when nothing current or upcoming
    /// touches the street (it gets no letter). When the wijk has geometry
    /// the letter shows the street on the wijk's map.
    pub fn letter(&self, street: &StreetEntries) -> Option<Letter> {
        let (merged, today) = (self.merged, self.today);
        let items: Vec<Item> = street
            .entries
            .iter()
            .filter_map(|entry| item(merged, entry, today))
            .collect();
        if items.is_empty() && !street_has_upcoming_event(street, today) {
            return None;
        }
        let name = &street.street.name;
        let support: Vec<Support> = self
            .support
            .iter()
            .filter(|(streets, _)| streets.is_empty() || streets.contains(name))
            .map(|(_, support)| support.clone())
            .collect();
        let street_url = self.config.url(&format!(
            "/{}/straten/{}/",
            merged.wijk.slug, street.street.slug
        ));
        let with_article = opening::with_article(name);
        let mut letter = Letter {
            municipality: self.config.title.clone(),
            wijk: merged.wijk.name.clone(),
            wijk_slug: merged.wijk.slug.clone(),
            street: name.clone(),
            street_slug: street.street.slug.clone(),
            date: self.date.clone(),
            address: format!("Aan de bewoners en gebruikers van {with_article}"),
            title: format!("Wat er gebeurt in {with_article}"),
            street_with_article: with_article,
            opening: String::new(),
            has_qr: qr::fits(&street_url),
            street_url,
            items,
            more_items: 0,
            more_items_note: None,
            events: self.events.clone(),
            more_events: 0,
            more_events_note: None,
            support,
            more_support: 0,
            more_support_note: None,
            glossary: Vec::new(),
            contact: merged.wijk.contact.clone(),
            has_map: merged.wijk.geometry.is_some(),
            condensed: Vec::new(),
        };
        letter.opening = opening::opening(
            name,
            letter.items.len(),
            &openings(merged, street, today),
            &letter.events,
            letter.support.len(),
        );
        letter.glossary = terms_used(&merged.wijk.glossary, &letter.text());
        // What fit shortened may have used glossary words; a letter that
        // fits as written keeps its text and so its glossary.
        if fit::fit(&mut letter) {
            letter.glossary = terms_used(&merged.wijk.glossary, &letter.text());
        }
        Some(letter)
    }
}

impl Letter {
    /// The letter's words that residents read (for the glossary and for
    /// estimating its length).
    pub fn text(&self) -> String {
        let mut lines: Vec<&str> = vec![&self.title, &self.opening];
        for item in &self.items {
            lines.extend([item.title.as_str(), &item.summary]);
            lines.extend(item.parts.iter().map(|part| part.title.as_str()));
            lines.extend(item.update.as_ref().map(|update| update.text.as_str()));
        }
        lines.extend(self.events.iter().map(|event| event.title.as_str()));
        for support in &self.support {
            lines.extend([support.title.as_str(), &support.summary]);
        }
        let mut text = String::with_capacity(lines.iter().map(|line| line.len() + 1).sum());
        for line in lines {
            text.push_str(line);
            text.push('\n');
        }
        text
    }

    /// The letter's QR code and street map, drawn from `map`, the wijk's
    /// map (`None` only when the wijk has no geometry).
    pub fn pictures(&self, map: Option<&WijkMap>) -> Pictures {
        Pictures {
            qr_svg: self.has_qr.then(|| qr::svg(&self.street_url)).flatten(),
            map_svg: map
                .filter(|_| self.has_map)
                .map(|m| m.figure(Focus::Street(&self.street), "brief-kaart").svg),
        }
    }

    /// The file name of the PDF letter inside the output folder.
    pub fn pdf_path(&self) -> String {
        format!("{}/{}.pdf", self.wijk_slug, self.street_slug)
    }
}

/// How a letter names where an item stands on `today`; `None` when it is
/// over (past, or `klaar`): the letter tells what will happen.
fn state_label(
    state: Option<State>,
    start: Option<Date>,
    end: Option<Date>,
    today: Date,
) -> Option<&'static str> {
    let state = match (state, start) {
        (Some(state), _) => state,
        (None, Some(start)) => State::by_dates(start, end.unwrap_or(start), today),
        (None, None) if end.is_some_and(|end| end < today) => State::Klaar,
        (None, None) => State::Gepland,
    };
    match state {
        State::Klaar => None,
        State::Gepland => Some("Gepland"),
        State::Bezig => Some("Nu bezig"),
        State::Vertraagd => Some("Vertraagd"),
        State::Stilgelegd => Some("Stilgelegd"),
        State::Geannuleerd => Some("Gaat niet door"),
    }
}

/// Whether a contribution still matters on `today`: not over (news and
/// decisions only from their day on), and works neither done nor cancelled.
fn is_current(c: &Contribution, today: Date) -> bool {
    c.end_date().is_none_or(|end| end >= today)
        && !matches!(c.state(today), Some(State::Klaar | State::Geannuleerd))
}

fn street_has_upcoming_event(street: &StreetEntries, today: Date) -> bool {
    street.entries.iter().any(|e| match e {
        Entry::Item(c) => matches!(c.when, When::Event { .. }) && is_current(c, today),
        Entry::Project(_) => false,
    })
}

fn item(merged: &MergedWijk, entry: &Entry, today: Date) -> Option<Item> {
    match entry {
        Entry::Project(i) => project(&merged.projects[*i], today),
        // Events are told once, in the letter's list of meetings.
        Entry::Item(c) if matches!(c.when, When::Event { .. }) => None,
        Entry::Item(c) => {
            if c.end_date().is_some_and(|end| end < today) && c.state(today).is_none() {
                return None;
            }
            let state = state_label(c.state(today), c.start_date(), c.end_date(), today)?;
            Some(Item {
                kind: c.kind(),
                title: c.title.clone(),
                when: when(c),
                state,
                summary: c.teaser.clone(),
                parts: Vec::new(),
                more_parts: 0,
                more_parts_note: None,
                update: c.latest_update().map(update),
            })
        }
    }
}

fn project(project: &Project, today: Date) -> Option<Item> {
    let state = state_label(project.state(today), project.start, project.end, today)?;
    let parts = project
        .parts
        .iter()
        .filter(|c| c.when != When::Support && is_current(c, today))
        .map(|c| Part {
            department: c.department.clone(),
            title: c.title.clone(),
            when: when(c),
        })
        .collect();
    let summary = project
        .parts
        .iter()
        .map(|c| c.teaser.as_str())
        .find(|s| !s.is_empty())
        .unwrap_or_default();
    let latest = project
        .parts
        .iter()
        .filter_map(|c| c.latest_update())
        .max_by_key(|u| u.date);
    Some(Item {
        kind: "project",
        title: project.title.clone(),
        when: project
            .start
            .map(|start| with_planned_end(period(start, project.end), project.planned_end))
            .unwrap_or_default(),
        state,
        summary: summary.to_string(),
        parts,
        more_parts: 0,
        more_parts_note: None,
        update: latest.map(update),
    })
}

fn update(u: &crate::model::Update) -> Update {
    Update {
        date: dates::date(u.date, Language::Nl),
        text: crate::render::markdown::paragraphs(&u.text).join(" "),
    }
}

/// A period with the end as first written, when an update moved it.
fn with_planned_end(period: String, planned_end: Option<Date>) -> String {
    match planned_end {
        Some(end) => format!(
            "{period} (eerst gepland tot en met {})",
            dates::date(end, Language::Nl)
        ),
        None => period,
    }
}

fn event(c: &Contribution) -> Event {
    Event {
        title: c.title.clone(),
        when: when(c),
        location: c.location.clone().unwrap_or_default(),
        signup: c.signup.clone(),
    }
}

fn support(c: &Contribution) -> Support {
    Support {
        title: c.title.clone(),
        summary: c.teaser.clone(),
        deadline: c
            .deadline
            .map(|d| format!("Aanvragen kan tot en met {}", dates::date(d, Language::Nl))),
    }
}

/// When a contribution happens, written out in full.
fn when(c: &Contribution) -> String {
    match &c.when {
        When::Works { start, .. } => with_planned_end(
            period(*start, Some(c.works_end().unwrap_or(*start))),
            c.planned_end(),
        ),
        When::Event { start, end } => dates::event_time(start, end.as_ref(), Language::Nl),
        When::News { date } | When::Decision { date } => dates::date(*date, Language::Nl),
        When::Support => String::new(),
    }
}

/// `van 2 maart tot en met 30 juni 2027`: a period without abbreviations.
pub fn period(start: Date, end: Option<Date>) -> String {
    let nl = Language::Nl;
    match end {
        None => format!("vanaf {}", dates::date(start, nl)),
        Some(end) if end == start => format!("op {}", dates::date(start, nl)),
        Some(end) if (end.year(), end.month()) == (start.year(), start.month()) => {
            format!("van {} tot en met {}", start.day(), dates::date(end, nl))
        }
        Some(end) if end.year() == start.year() => format!(
            "van {} {} tot en met {}",
            start.day(),
            dates::month_name(start.month(), nl),
            dates::date(end, nl)
        ),
        Some(end) => format!(
            "van {} tot en met {}",
            dates::date(start, nl),
            dates::date(end, nl)
        ),
    }
}

/// The times the street opens, one per project or single job with works
/// in this street that are not over, in date order.
fn openings(merged: &MergedWijk, street: &StreetEntries, today: Date) -> Vec<opening::Opening> {
    let mut openings: Vec<opening::Opening> = street
        .entries
        .iter()
        .filter_map(|entry| {
            // An item of the street is on it; a project's parts may lie in
            // other streets (looked up only for them: an item on 10,000
            // streets would make this quadratic).
            let works: Vec<&Contribution> = match entry {
                Entry::Project(i) => merged.projects[*i]
                    .parts
                    .iter()
                    .copied()
                    .filter(|c| c.streets.contains(&street.street.name))
                    .collect(),
                Entry::Item(c) => vec![*c],
            };
            let works: Vec<&Contribution> = works
                .into_iter()
                .filter(|c| matches!(c.when, When::Works { .. }) && is_current(c, today))
                .collect();
            let start = works.iter().filter_map(|c| c.start_date()).min()?;
            let end = works.iter().filter_map(|c| c.end_date()).max()?;
            Some(opening::Opening {
                start,
                end,
                now: start <= today,
                what: works.iter().map(|c| c.title.clone()).collect(),
            })
        })
        .collect();
    openings.sort_by_key(|o| (o.start, o.end));
    openings
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date as d;

    #[test]
    fn periods_are_written_out_without_abbreviations() {
        assert_eq!(
            period(d(2027, 4, 1), Some(d(2027, 11, 30))),
            "van 1 april tot en met 30 november 2027"
        );
        assert_eq!(
            period(d(2026, 12, 1), Some(d(2027, 2, 3))),
            "van 1 december 2026 tot en met 3 februari 2027"
        );
        assert_eq!(
            period(d(2027, 4, 1), Some(d(2027, 4, 1))),
            "op 1 april 2027"
        );
        assert_eq!(period(d(2027, 4, 1), None), "vanaf 1 april 2027");
    }

    #[test]
    fn past_and_done_items_have_no_state() {
        let today = d(2027, 1, 15);
        let label = |state, start, end| state_label(state, start, end, today);
        assert_eq!(label(None, Some(d(2026, 1, 1)), Some(d(2027, 1, 14))), None);
        assert_eq!(
            label(None, Some(d(2026, 1, 1)), Some(d(2027, 1, 15))),
            Some("Nu bezig")
        );
        assert_eq!(label(None, Some(d(2027, 2, 1)), None), Some("Gepland"));
        assert_eq!(label(Some(State::Klaar), Some(d(2027, 2, 1)), None), None);
        assert_eq!(
            label(Some(State::Geannuleerd), Some(d(2027, 2, 1)), None),
            Some("Gaat niet door")
        );
        assert_eq!(
            with_planned_end(
                "van 1 april tot en met 15 december 2027".into(),
                Some(d(2027, 11, 30))
            ),
            "van 1 april tot en met 15 december 2027 (eerst gepland tot en met 30 november 2027)"
        );
    }
}
