//! `wijk.json`: the merged wijk as open data, the same merge the pages show.

use serde::Serialize;

use crate::merge::{Entry, MergedWijk};
use crate::model::{Contact, Contribution, State, Update, When};
use crate::render::dates;
use crate::render::views::Views;

#[derive(Debug, Serialize)]
pub struct WijkJson<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub summary: &'a str,
    pub url: String,
    pub contact: &'a Contact,
    pub streets: Vec<StreetJson<'a>>,
    pub timeline: Vec<TimelineJson<'a>>,
    pub events: Vec<EventJson<'a>>,
    pub support: Vec<SupportJson<'a>>,
    pub glossary: &'a std::collections::BTreeMap<String, String>,
    /// The wijk's `werk.geojson`, when it has a map.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geojson: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct StreetJson<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub postcodes: &'a [String],
}

#[derive(Debug, Serialize)]
pub struct TimelineJson<'a> {
    pub kind: &'static str,
    pub title: &'a str,
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<&'a str>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub departments: Vec<&'a str>,
    pub streets: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parts: Option<Vec<&'a str>>,
    /// `works` and `project`: where it stands on the day of the build.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<&'static str>,
    /// The end as first written, when an update changed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned_end: Option<String>,
    /// Updates, newest first (left out when there are none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub updates: Vec<UpdateJson<'a>>,
}

/// One update: its day and its text as written.
#[derive(Debug, Serialize)]
pub struct UpdateJson<'a> {
    pub date: String,
    pub text: &'a str,
}

#[derive(Debug, Serialize)]
pub struct EventJson<'a> {
    pub title: &'a str,
    pub url: String,
    pub start: String,
    pub end: Option<String>,
    pub location: Option<&'a str>,
    pub department: &'a str,
    pub streets: Vec<&'a str>,
    pub signup: Option<&'a str>,
    pub ics: String,
    /// WGS84 `[lon, lat]`, when the event has a place on the map.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coordinates: Option<[f64; 2]>,
}

#[derive(Debug, Serialize)]
pub struct SupportJson<'a> {
    pub title: &'a str,
    pub url: String,
    pub department: &'a str,
    pub deadline: Option<String>,
}

/// Builds the open-data view of a merged wijk.
pub fn wijk_json<'a>(merged: &'a MergedWijk<'a>, views: &Views<'a>) -> WijkJson<'a> {
    let wijk = merged.wijk;
    WijkJson {
        slug: &wijk.slug,
        name: &wijk.name,
        summary: &wijk.summary,
        url: views.url(""),
        contact: &wijk.contact,
        streets: wijk
            .streets
            .iter()
            .map(|s| StreetJson {
                name: &s.name,
                slug: &s.slug,
                url: views.street_url(&s.slug),
                postcodes: &s.postcodes,
            })
            .collect(),
        timeline: merged
            .timeline
            .iter()
            .map(|e| timeline_entry(e, merged, views))
            .collect(),
        events: merged.events.iter().map(|c| event(c, views)).collect(),
        support: merged
            .support
            .iter()
            .map(|c| SupportJson {
                title: &c.title,
                url: views.contribution_url(c),
                department: &c.department,
                deadline: c.deadline.map(|d| d.to_string()),
            })
            .collect(),
        glossary: &wijk.glossary,
        geojson: wijk
            .geometry
            .is_some()
            .then(|| views.url(crate::geo::werk::FILE)),
    }
}

fn timeline_entry<'a>(
    entry: &Entry<'a>,
    merged: &'a MergedWijk<'a>,
    views: &Views<'a>,
) -> TimelineJson<'a> {
    match entry {
        Entry::Project(i) => {
            let p = &merged.projects[*i];
            TimelineJson {
                kind: "project",
                title: &p.title,
                url: views.project_url(&p.slug),
                project: Some(p.key),
                start: p.start.map(|d| d.to_string()),
                end: p.end.map(|d| d.to_string()),
                departments: p.departments.clone(),
                streets: p.streets.clone(),
                parts: Some(p.parts.iter().map(|c| c.slug.as_str()).collect()),
                state: p.state(views.today).map(State::name),
                planned_end: p.planned_end.map(|d| d.to_string()),
                updates: newest_first(p.parts.iter().flat_map(|c| c.updates.iter())),
            }
        }
        Entry::Item(c) => {
            let (start, end) = times(c);
            TimelineJson {
                kind: c.kind(),
                title: &c.title,
                url: views.contribution_url(c),
                project: None,
                start,
                end,
                departments: vec![&c.department],
                streets: c.streets.iter().map(String::as_str).collect(),
                parts: None,
                state: c.state(views.today).map(State::name),
                planned_end: c.planned_end().map(|d| d.to_string()),
                updates: newest_first(c.updates.iter()),
            }
        }
    }
}

/// Updates as `wijk.json` lists them: newest first (stable for one day).
fn newest_first<'a>(updates: impl Iterator<Item = &'a Update>) -> Vec<UpdateJson<'a>> {
    let mut updates: Vec<&Update> = updates.collect();
    updates.sort_by_key(|u| std::cmp::Reverse(u.date));
    updates
        .into_iter()
        .map(|u| UpdateJson {
            date: u.date.to_string(),
            text: &u.text,
        })
        .collect()
}

/// Start and end as `wijk.json` gives them: for `works` the end as updates
/// moved it.
fn times(c: &Contribution) -> (Option<String>, Option<String>) {
    match &c.when {
        When::Works { start, .. } => (
            Some(start.to_string()),
            c.works_end().map(|d| d.to_string()),
        ),
        When::Event { start, end } => (Some(dates::iso(start)), end.as_ref().map(dates::iso)),
        When::News { date } | When::Decision { date } => (Some(date.to_string()), None),
        When::Support => (None, None),
    }
}

fn event<'a>(c: &'a Contribution, views: &Views<'a>) -> EventJson<'a> {
    let (start, end) = times(c);
    EventJson {
        title: &c.title,
        url: views.contribution_url(c),
        start: start.unwrap_or_default(),
        end,
        location: c.location.as_deref(),
        department: &c.department,
        streets: c.streets.iter().map(String::as_str).collect(),
        signup: c.signup.as_deref(),
        ics: views.event_ics_url(c),
        coordinates: c.coordinates.map(|(lon, lat)| [lon, lat]),
    }
}
