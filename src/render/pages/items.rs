//! Each item of a wijk made once and shared by every page that shows it: its
//! view (what templates read), that view as a template value, and, for the
//! items that a list shows, its card rendered once with the `card` macro of
//! `macros.html` (the site's own, when it has one).

use std::collections::HashMap;

use minijinja::Value;

use super::Frame;
use crate::error::BuildError;
use crate::merge::{Entry, MergedWijk};
use crate::model::Contribution;
use crate::render::item_value::{item_value, item_value_with_card};
use crate::render::views::{ItemView, Views};

/// An item's view and its template value (with `card` when it is listed).
pub(super) struct Shown {
    pub view: ItemView,
    pub value: Value,
}

/// Every contribution and project of one wijk, made once.
pub(super) struct Items {
    /// A contribution's index in `contributions`, by slug (unique in a wijk).
    index: HashMap<String, usize>,
    contributions: Vec<Shown>,
    projects: Vec<Shown>,
}

impl Items {
    /// Makes the views of every contribution and project of `merged`, and
    /// the cards of those that a list page shows.
    pub fn new(frame: &Frame, views: &Views, merged: &MergedWijk) -> Result<Items, BuildError> {
        let (listed_items, listed_projects) = listed(merged);
        // `macros.html` is imported once for all the wijk's cards.
        let template = frame
            .renderer
            .env
            .get_template("macros.html")
            .map_err(|e| template_error(&e))?;
        let captured = template
            .render_captured(minijinja::context! {})
            .map_err(|e| template_error(&e))?;
        let macros = captured.state();
        let t = &frame.t_value;
        let contributions = merged
            .contributions
            .iter()
            .zip(&listed_items)
            .map(|(c, listed)| shown(macros, t, views.item(c, merged), *listed))
            .collect::<Result<_, _>>()?;
        let projects = merged
            .projects
            .iter()
            .zip(&listed_projects)
            .map(|(p, listed)| shown(macros, t, views.project(p, merged), *listed))
            .collect::<Result<_, _>>()?;
        Ok(Items {
            index: slug_index(merged),
            contributions,
            projects,
        })
    }

    /// The contribution `c` of this wijk.
    pub fn item(&self, c: &Contribution) -> &Shown {
        &self.contributions[self.index[c.slug.as_str()]]
    }

    /// A timeline entry: a project or a contribution.
    pub fn entry(&self, entry: &Entry) -> &Shown {
        match entry {
            Entry::Project(i) => &self.projects[*i],
            Entry::Item(c) => self.item(c),
        }
    }

    /// The values of `list`, for a template.
    pub fn values<'s>(&'s self, list: impl IntoIterator<Item = &'s Shown>) -> Value {
        Value::from(
            list.into_iter()
                .map(|s| s.value.clone())
                .collect::<Vec<_>>(),
        )
    }
}

fn slug_index(merged: &MergedWijk) -> HashMap<String, usize> {
    merged
        .contributions
        .iter()
        .enumerate()
        .map(|(i, c)| (c.slug.clone(), i))
        .collect()
}

/// Which contributions and projects some list shows as a card: the
/// timeline, the agenda, news, support and the streets.
fn listed(merged: &MergedWijk) -> (Vec<bool>, Vec<bool>) {
    let index = slug_index(merged);
    let mut items = vec![false; merged.contributions.len()];
    let mut projects = vec![false; merged.projects.len()];
    let mut mark = |entry: &Entry| match entry {
        Entry::Project(i) => projects[*i] = true,
        Entry::Item(c) => {
            if let Some(&i) = index.get(c.slug.as_str()) {
                items[i] = true;
            }
        }
    };
    let street_entries = merged.streets.iter().flat_map(|s| &s.entries);
    for entry in merged.timeline.iter().chain(street_entries) {
        mark(entry);
    }
    for c in merged
        .events
        .iter()
        .chain(&merged.news)
        .chain(&merged.support)
    {
        mark(&Entry::Item(c));
    }
    (items, projects)
}

/// `view` as a value; with its card as `card` when it is `listed`, made
/// with the `card` macro of the imported `macros.html`.
fn shown(
    macros: &minijinja::State,
    t: &Value,
    mut view: ItemView,
    listed: bool,
) -> Result<Shown, BuildError> {
    let value = if listed {
        let (card, value) = item_value_with_card(&view, |item| {
            let html = macros
                .call_macro("card", &[item, t.clone()])
                .map_err(|e| template_error(&e))?;
            Ok(Value::from_safe_string(html))
        })?;
        view.card = Some(card);
        value
    } else {
        item_value(&view)
    };
    Ok(Shown { view, value })
}

fn template_error(e: &minijinja::Error) -> BuildError {
    BuildError::Template(format!(
        "de kaartjes kunnen niet worden gemaakt met de macro card uit macros.html (technisch: {e})"
    ))
}
