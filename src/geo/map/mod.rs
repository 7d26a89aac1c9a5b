//! Inline SVG maps of a wijk, drawn at build time: no tile server, no
//! external request, no JavaScript, and they print.
//!
//! A [`WijkMap`] is made once per wijk (its geometry projected and simplified
//! in [`base`], the works on each street with their state); each page then
//! asks it for a [`MapFigure`] about the wijk, one street or one project
//! ([`Focus`]). The figure is the SVG (with `<title>` and `<desc>`, every
//! street with works a link with an accessible name), a legend, and the same
//! information as text, so the map is never the only way to learn it.
//! The letters reuse it through [`street_map`].

mod base;
mod svg;
mod text;

use std::collections::{BTreeMap, HashMap};

use crate::merge::{Entry, MergedWijk};
use crate::model::{State, Street};
use crate::render::views::Views;

pub use base::WIDTH;
use text::MapText;

/// The most bytes one map's SVG may take.
pub const MAX_BYTES: usize = 40 * 1024;
/// What the shared drawing may take, leaving room for links and names.
const PATH_BUDGET: usize = 26 * 1024;

/// The states the map draws, in the order a street with several works
/// takes its look from (work on the street now before planned work before
/// finished work). Cancelled works are only in the text.
pub const DRAWN: [State; 5] = [
    State::Bezig,
    State::Vertraagd,
    State::Stilgelegd,
    State::Gepland,
    State::Klaar,
];

fn rank(state: State) -> usize {
    DRAWN
        .iter()
        .position(|s| *s == state)
        .unwrap_or(DRAWN.len())
}

/// What a map is about.
#[derive(Debug, Clone, Copy)]
pub enum Focus<'f> {
    /// The whole wijk: nothing emphasised.
    Wijk,
    /// One street, by name.
    Street(&'f str),
    /// A project's streets, by name.
    Project(&'f [&'f str]),
}

impl Focus<'_> {
    fn contains(&self, name: &str) -> bool {
        match self {
            Focus::Wijk => false,
            Focus::Street(street) => *street == name,
            Focus::Project(streets) => streets.contains(&name),
        }
    }
}

/// One works item or project on a street.
#[derive(Debug, Clone)]
struct MapWork {
    title: String,
    url: String,
    state: State,
    when: Option<String>,
}

/// A street of the wijk as the map knows it.
#[derive(Debug, Clone)]
struct MapStreet {
    name: String,
    url: String,
    works: Vec<MapWork>,
    /// The state it is drawn in (see [`MapStreet::state`]).
    state: Option<State>,
}

impl MapStreet {
    fn new(name: String, url: String, works: Vec<MapWork>) -> MapStreet {
        // The most current of its works; none when all are cancelled.
        let state = works
            .iter()
            .map(|w| w.state)
            .filter(|s| *s != State::Geannuleerd)
            .min_by_key(|s| rank(*s));
        MapStreet {
            name,
            url,
            works,
            state,
        }
    }

    /// The state the street is drawn in: the most current of its works
    /// (none when all of them are cancelled).
    fn state(&self) -> Option<State> {
        self.state
    }
}

/// A drawn map: the SVG, its legend, and the same information as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapFigure {
    /// The `<svg>` element, standalone (presentation attributes, no CSS needed).
    pub svg: String,
    /// The legend, an HTML list.
    pub legend: String,
    /// What the map shows, as HTML text: a sentence and a list of streets.
    pub text: String,
}

impl MapFigure {
    /// The whole figure as HTML: the map with its legend, then the text.
    pub fn html(&self) -> String {
        format!(
            "<figure class=\"kaart\">\n<div class=\"kaart-beeld\">{}</div>\n{}</figure>\n{}",
            self.svg, self.legend, self.text
        )
    }
}

/// Everything the maps of one wijk share, made once per wijk.
#[derive(Debug, Clone)]
pub struct WijkMap {
    base: base::Base,
    wijk: String,
    streets: Vec<MapStreet>,
    /// Where each street is in `streets`, by name.
    index: HashMap<String, usize>,
    /// For each drawn street (`base.streets`), where it is in `streets`.
    drawn: Vec<Option<usize>>,
    /// For each street of `streets`, whether the map draws it.
    on_map: Vec<bool>,
    /// The wijk's list of streets (`/<wijk>/straten/`).
    streets_url: String,
    text: &'static MapText,
}

impl WijkMap {
    /// The wijk's map, or `None` when the wijk has no geometry.
    pub fn new(merged: &MergedWijk, views: &Views) -> Option<WijkMap> {
        let geometry = merged.wijk.geometry.as_ref()?;
        let base = base::Base::new(geometry, PATH_BUDGET);
        let streets = map_streets(merged, views);
        let mut index = HashMap::with_capacity(streets.len());
        for (at, street) in streets.iter().enumerate() {
            index.entry(street.name.clone()).or_insert(at);
        }
        let drawn: Vec<Option<usize>> = base
            .streets
            .iter()
            .map(|d| index.get(&d.name).copied())
            .collect();
        let mut on_map = vec![false; streets.len()];
        for at in drawn.iter().flatten() {
            on_map[*at] = true;
        }
        Some(WijkMap {
            base,
            wijk: merged.wijk.name.clone(),
            streets,
            index,
            drawn,
            on_map,
            streets_url: views.url("straten/"),
            text: MapText::of(views.language()),
        })
    }

    /// The map about `focus`; `id` makes the ids inside it unique on a page.
    pub fn figure(&self, focus: Focus, id: &str) -> MapFigure {
        let (mut names, mut drop_context, mut links) = (true, false, true);
        loop {
            let drawing = svg::Drawing {
                map: self,
                focus,
                id,
                names,
                drop_context,
                links,
            };
            let svg = drawing.svg();
            if svg.len() <= MAX_BYTES || !links {
                return MapFigure {
                    svg,
                    legend: drawing.legend(),
                    text: drawing.text(),
                };
            }
            // Over budget even after simplifying: first the names go, then
            // the streets without works, then the links of the streets with
            // works (the text below the map has them).
            (names, drop_context, links) = match (names, drop_context) {
                (true, _) => (false, false, true),
                (false, false) => (false, true, true),
                (false, true) => (false, true, false),
            };
        }
    }

    fn street(&self, name: &str) -> Option<&MapStreet> {
        self.index.get(name).map(|&at| &self.streets[at])
    }

    /// Whether the map draws the street called `name`.
    fn on_map(&self, name: &str) -> bool {
        match self.index.get(name) {
            Some(&at) => self.on_map[at],
            None => self.base.streets.iter().any(|s| s.name == name),
        }
    }
}

/// The map of one street's page or letter: the wijk with `street`
/// emphasised, or `None` when the wijk has no geometry.
pub fn street_map(merged: &MergedWijk, views: &Views, street: &Street) -> Option<MapFigure> {
    WijkMap::new(merged, views).map(|map| map.figure(Focus::Street(&street.name), "kaart"))
}

/// Every street of the wijk with the works and projects on it, in the
/// wijk's order.
fn map_streets(merged: &MergedWijk, views: &Views) -> Vec<MapStreet> {
    let names: HashMap<&str, &str> = merged
        .wijk
        .streets
        .iter()
        .rev()
        .map(|s| (s.name.as_str(), s.name.as_str()))
        .collect();
    let mut works: BTreeMap<&str, Vec<MapWork>> = BTreeMap::new();
    for entry in &merged.timeline {
        let Some(state) = entry_state(entry, merged, views.today) else {
            continue;
        };
        // Every street of the item, not only the few a list shows.
        let item = match entry {
            Entry::Project(i) => views.project_full(&merged.projects[*i], merged),
            Entry::Item(c) => views.item_full(c, merged),
        };
        for street in &item.streets {
            works
                .entry(names.get(street.label.as_str()).copied().unwrap_or(""))
                .or_default()
                .push(MapWork {
                    title: item.title.clone(),
                    url: item.url.clone(),
                    state,
                    when: item.when.as_ref().map(|w| w.text.clone()),
                });
        }
    }
    merged
        .wijk
        .streets
        .iter()
        .map(|s| {
            MapStreet::new(
                s.name.clone(),
                views.street_url(&s.slug),
                works.remove(s.name.as_str()).unwrap_or_default(),
            )
        })
        .collect()
}

/// The state of a works item or of a project with works; `None` for the
/// timeline's other entries.
pub fn entry_state(entry: &Entry, merged: &MergedWijk, today: jiff::civil::Date) -> Option<State> {
    match entry {
        Entry::Project(i) => merged.projects[*i].state(today),
        Entry::Item(c) => c.state(today),
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
