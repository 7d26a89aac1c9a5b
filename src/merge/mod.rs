//! Merges a wijk's contributions into what residents see: one timeline with
//! projects spanning departments, one calendar of events, and per street
//! everything that touches it.

use std::collections::BTreeMap;

use jiff::civil::{Date, DateTime};

use crate::model::{Contribution, State, Street, When, Wijk};
use crate::slug::slugify;

/// A wijk merged for publication.
#[derive(Debug)]
pub struct MergedWijk<'a> {
    pub wijk: &'a Wijk,
    /// Published contributions (drafts only when asked for, scheduled ones
    /// from their `publish` day on), in slug order.
    pub contributions: Vec<&'a Contribution>,
    /// Projects in timeline order.
    pub projects: Vec<Project<'a>>,
    pub timeline: Vec<Entry<'a>>,
    /// Events by start time.
    pub events: Vec<&'a Contribution>,
    /// News and decisions, newest first.
    pub news: Vec<&'a Contribution>,
    /// Support offers, by deadline (open-ended last), then title.
    pub support: Vec<&'a Contribution>,
    pub streets: Vec<StreetEntries<'a>>,
}

/// Contributions with one `project` key, from any department.
#[derive(Debug)]
pub struct Project<'a> {
    pub key: &'a str,
    pub slug: String,
    pub title: String,
    /// Parts in date order.
    pub parts: Vec<&'a Contribution>,
    pub start: Option<Date>,
    /// The last day of its parts, with updates' new ends.
    pub end: Option<Date>,
    /// The last day as first written, when updates moved `end`.
    pub planned_end: Option<Date>,
    pub departments: Vec<&'a str>,
    pub streets: Vec<&'a str>,
}

impl Project<'_> {
    /// Where the project stands on `today`, from its `works` parts: cancelled
    /// when all of them are, halted or delayed when one of the others is,
    /// done when every part is (works by status or dates, the rest by
    /// date), else by the dates of the whole project. `None` without
    /// `works` parts.
    pub fn state(&self, today: Date) -> Option<State> {
        let states: Vec<State> = self.parts.iter().filter_map(|c| c.state(today)).collect();
        if states.is_empty() {
            return None;
        }
        let going: Vec<State> = states
            .iter()
            .copied()
            .filter(|s| *s != State::Geannuleerd)
            .collect();
        if going.is_empty() {
            return Some(State::Geannuleerd);
        }
        for held in [State::Stilgelegd, State::Vertraagd] {
            if going.contains(&held) {
                return Some(held);
            }
        }
        // Done when every part is: works by their state, others by their date.
        let done = self.parts.iter().all(|c| match c.state(today) {
            Some(state) => matches!(state, State::Klaar | State::Geannuleerd),
            None => c.end_date().is_some_and(|end| end < today),
        });
        if done {
            return Some(State::Klaar);
        }
        let (start, end) = (self.start?, self.end?);
        Some(match State::by_dates(start, end, today) {
            State::Klaar => State::Bezig,
            state => state,
        })
    }
}

/// One line of the timeline: a project (index into `projects`) or a
/// contribution that belongs to no project.
#[derive(Debug, Clone, Copy)]
pub enum Entry<'a> {
    Project(usize),
    Item(&'a Contribution),
}

/// A street and the timeline entries that touch it.
#[derive(Debug)]
pub struct StreetEntries<'a> {
    pub street: &'a Street,
    pub entries: Vec<Entry<'a>>,
}

/// Merges one wijk: drafts only when `include_drafts`, and contributions
/// with a `publish` day only from that day on (`published_by`; `None`
/// shows them all, as the preview does).
pub fn merge_wijk(wijk: &Wijk, include_drafts: bool, published_by: Option<Date>) -> MergedWijk<'_> {
    let contributions: Vec<&Contribution> = wijk
        .contributions
        .iter()
        .filter(|c| include_drafts || !c.draft)
        .filter(|c| published_by.is_none_or(|day| c.is_published(day)))
        .collect();
    let projects = group_projects(wijk, &contributions);
    let timeline = build_timeline(&contributions, &projects);
    let mut events: Vec<&Contribution> = contributions
        .iter()
        .copied()
        .filter(|c| matches!(c.when, When::Event { .. }))
        .collect();
    events.sort_by_key(|c| sort_key(c));
    let mut news: Vec<&Contribution> = contributions
        .iter()
        .copied()
        .filter(|c| matches!(c.when, When::News { .. } | When::Decision { .. }))
        .collect();
    news.sort_by(|a, b| sort_key(b).cmp(&sort_key(a)));
    let mut support: Vec<&Contribution> = contributions
        .iter()
        .copied()
        .filter(|c| c.when == When::Support)
        .collect();
    support.sort_by_key(|c| (c.deadline.is_none(), c.deadline, c.title.clone()));
    let streets = street_entries(wijk, &timeline, &projects);
    MergedWijk {
        wijk,
        contributions,
        projects,
        timeline,
        events,
        news,
        support,
        streets,
    }
}

/// The moment a contribution is placed at: its start, date or deadline.
pub fn sort_key(c: &Contribution) -> (DateTime, &str, &str) {
    let at = match &c.when {
        When::Event { start, .. } => start.datetime(),
        _ => c
            .start_date()
            .map(|d| d.to_datetime(jiff::civil::Time::midnight()))
            .unwrap_or(DateTime::MAX),
    };
    (at, c.title.as_str(), c.slug.as_str())
}

fn group_projects<'a>(wijk: &'a Wijk, contributions: &[&'a Contribution]) -> Vec<Project<'a>> {
    let mut groups: BTreeMap<&str, Vec<&Contribution>> = BTreeMap::new();
    for c in contributions {
        if let Some(key) = &c.project {
            groups.entry(key.as_str()).or_default().push(c);
        }
    }
    let mut projects: Vec<Project> = groups
        .into_iter()
        .map(|(key, mut parts)| {
            parts.sort_by_key(|c| sort_key(c));
            let title = wijk
                .projects
                .get(key)
                .cloned()
                .unwrap_or_else(|| parts[0].title.clone());
            let start = parts.iter().filter_map(|c| c.start_date()).min();
            let end = parts.iter().filter_map(|c| c.end_date()).max();
            let first_end = parts
                .iter()
                .filter_map(|c| c.planned_end().or(c.end_date()))
                .max();
            let planned_end = first_end.filter(|_| first_end != end);
            let mut departments: Vec<&str> = parts.iter().map(|c| c.department.as_str()).collect();
            departments.sort_unstable();
            departments.dedup();
            let streets = streets_in_wijk_order(wijk, parts.iter().flat_map(|c| c.streets.iter()));
            Project {
                key,
                slug: slugify(key),
                title,
                parts,
                start,
                end,
                planned_end,
                departments,
                streets,
            }
        })
        .collect();
    projects.sort_by(|a, b| {
        (project_key(a), &a.title, &a.slug).cmp(&(project_key(b), &b.title, &b.slug))
    });
    projects
}

fn project_key(project: &Project) -> DateTime {
    project
        .parts
        .first()
        .map_or(DateTime::MAX, |c| sort_key(c).0)
}

fn streets_in_wijk_order<'a>(
    wijk: &'a Wijk,
    names: impl Iterator<Item = &'a String>,
) -> Vec<&'a str> {
    let names: std::collections::HashSet<&String> = names.collect();
    wijk.streets
        .iter()
        .filter(|s| names.contains(&s.name))
        .map(|s| s.name.as_str())
        .collect()
}

fn build_timeline<'a>(
    contributions: &[&'a Contribution],
    projects: &[Project<'a>],
) -> Vec<Entry<'a>> {
    // Support offers are not on the timeline, so neither is a project of
    // support offers only; its page is still built.
    let mut timeline: Vec<(DateTime, Entry)> = projects
        .iter()
        .enumerate()
        .filter(|(_, p)| p.parts.iter().any(|c| c.when != When::Support))
        .map(|(i, p)| (project_key(p), Entry::Project(i)))
        .collect();
    for c in contributions {
        if c.project.is_none() && c.when != When::Support {
            timeline.push((sort_key(c).0, Entry::Item(c)));
        }
    }
    timeline.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| entry_tiebreak(&a.1, projects).cmp(&entry_tiebreak(&b.1, projects)))
    });
    timeline.into_iter().map(|(_, e)| e).collect()
}

fn entry_tiebreak<'a>(entry: &Entry<'a>, projects: &'a [Project<'a>]) -> (&'a str, &'a str) {
    match entry {
        Entry::Project(i) => (projects[*i].title.as_str(), projects[*i].slug.as_str()),
        Entry::Item(c) => (c.title.as_str(), c.slug.as_str()),
    }
}

fn street_entries<'a>(
    wijk: &'a Wijk,
    timeline: &[Entry<'a>],
    projects: &[Project<'a>],
) -> Vec<StreetEntries<'a>> {
    let mut by_street: BTreeMap<&str, Vec<Entry>> = BTreeMap::new();
    for entry in timeline {
        let streets: Vec<&str> = match entry {
            Entry::Project(i) => projects[*i].streets.clone(),
            Entry::Item(c) => c.streets.iter().map(String::as_str).collect(),
        };
        for street in streets {
            by_street.entry(street).or_default().push(*entry);
        }
    }
    wijk.streets
        .iter()
        .map(|street| StreetEntries {
            street,
            entries: by_street.remove(street.name.as_str()).unwrap_or_default(),
        })
        .collect()
}
