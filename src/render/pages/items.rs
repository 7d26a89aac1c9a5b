//! Each item of a wijk made once and shared by every page that shows it: its
//! view (what templates read), that view as a template value, and, for the
//! items that a list shows, its card rendered once with the `card` macro of
//! `macros.html` (the site's own, when it has one). A contribution's own
//! page gets its parts here too ([`ItemPage`]), made with the same macros.

use std::collections::HashMap;

use minijinja::{State, Value};
use rayon::prelude::*;

use super::{Frame, Selection, to_value};
use crate::error::BuildError;
use crate::merge::{Entry, MergedWijk};
use crate::model::Contribution;
use crate::render::glossary::terms_used_in;
use crate::render::item_value::{item_value, item_value_with_card};
use crate::render::views::{ItemView, Views};

/// How many contributions one `macros.html` import serves: the wijk's
/// contributions are made in parallel, a share of this size at a time.
const SHARE: usize = 64;

/// An item's view and its template value (with `card` when it is listed).
pub(super) struct Shown {
    pub view: ItemView,
    pub value: Value,
}

/// What a contribution's own page shows beyond its list view: the item
/// with all its streets, the glossary words it uses and, when the site's
/// `contribution.html` reads `made`, the parts that the built-in one shows
/// made with the macros of `macros.html` (so the page does not import them).
pub(super) struct ItemPage {
    pub item: Value,
    pub glossary: Value,
    pub made: Value,
}

/// Every contribution and project of one wijk, made once.
pub(super) struct Items {
    /// A contribution's index in `contributions`, by slug (unique in a wijk).
    index: HashMap<String, usize>,
    contributions: Vec<Shown>,
    /// The page parts of the contributions whose pages are rendered.
    pages: Vec<Option<ItemPage>>,
    projects: Vec<Shown>,
}

impl Items {
    /// Makes the views of every contribution and project of `merged`, the
    /// cards of those that a list page shows and the page parts of the
    /// contributions that `select` renders a page of.
    pub fn new(
        frame: &Frame,
        views: &Views,
        merged: &MergedWijk,
        select: &Selection,
    ) -> Result<Items, BuildError> {
        let (listed_items, listed_projects) = listed(merged);
        let t = &frame.t_value;
        let made = frame.contribution_reads_made;
        let shares = merged
            .contributions
            .par_chunks(SHARE)
            .zip(listed_items.par_chunks(SHARE))
            .map(|(contributions, listed)| {
                with_macros(frame, |macros| {
                    contributions
                        .iter()
                        .zip(listed)
                        .map(|(c, listed)| {
                            let shown = shown(macros, t, views.item(c, merged), *listed)?;
                            let page = match (select.contribution)(c) {
                                true => Some(item_page(macros, t, views, merged, c, &shown, made)?),
                                false => None,
                            };
                            Ok((shown, page))
                        })
                        .collect::<Result<Vec<_>, BuildError>>()
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let (contributions, pages) = shares.into_iter().flatten().unzip();
        let projects = with_macros(frame, |macros| {
            merged
                .projects
                .iter()
                .zip(&listed_projects)
                .map(|(p, listed)| shown(macros, t, views.project(p, merged), *listed))
                .collect::<Result<_, _>>()
        })?;
        Ok(Items {
            index: slug_index(merged),
            contributions,
            pages,
            projects,
        })
    }

    /// The contribution `c` of this wijk.
    pub fn item(&self, c: &Contribution) -> &Shown {
        &self.contributions[self.index[c.slug.as_str()]]
    }

    /// The parts of the own page of contribution `c` of this wijk; `None`
    /// when its page is not rendered (see [`Items::new`]).
    pub fn page(&self, c: &Contribution) -> Option<&ItemPage> {
        self.pages[self.index[c.slug.as_str()]].as_ref()
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

/// Runs `make` with the macros of `macros.html`, imported once for it.
fn with_macros<T>(
    frame: &Frame,
    make: impl FnOnce(&State) -> Result<T, BuildError>,
) -> Result<T, BuildError> {
    let template = frame
        .renderer
        .env
        .get_template("macros.html")
        .map_err(|e| card_error(&e))?;
    let captured = template
        .render_captured(minijinja::context! {})
        .map_err(|e| card_error(&e))?;
    make(captured.state())
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
fn shown(macros: &State, t: &Value, mut view: ItemView, listed: bool) -> Result<Shown, BuildError> {
    let value = if listed {
        let (card, value) = item_value_with_card(&view, |item| {
            let html = macros
                .call_macro("card", &[item, t.clone()])
                .map_err(|e| card_error(&e))?;
            Ok(Value::from_safe_string(html))
        })?;
        view.card = Some(card);
        value
    } else {
        item_value(&view)
    };
    Ok(Shown { view, value })
}

/// The parts of `c`'s own page; `shown` is its list view. With `made`, the
/// macros are called as the built-in `contribution.html` used to call them,
/// each only when the page shows something.
fn item_page(
    macros: &State,
    t: &Value,
    views: &Views,
    merged: &MergedWijk,
    c: &Contribution,
    shown: &Shown,
    made: bool,
) -> Result<ItemPage, BuildError> {
    // The list view leaves streets out when there are many; the page has them all.
    let item = if shown.view.streets_more == 0 {
        shown.value.clone()
    } else {
        to_value(&views.item_full(c, merged))
    };
    let terms = terms_used_in(
        &merged.wijk.glossary,
        &[
            &c.title,
            c.summary.as_deref().unwrap_or(""),
            &c.body_markdown,
        ],
    );
    let glossary = to_value(&terms);
    if !made {
        return Ok(ItemPage {
            item,
            glossary,
            made: Value::UNDEFINED,
        });
    }
    let call = |name: &str, args: &[Value], shows: bool| -> Result<Value, BuildError> {
        if !shows {
            return Ok(Value::from_safe_string(String::new()));
        }
        macros
            .call_macro(name, args)
            .map(Value::from_safe_string)
            .map_err(|e| macro_error("de delen van de pagina van een bijdrage", name, &e))
    };
    let field = |name: &str| item.get_attr(name).unwrap_or_default();
    let with_t = [item.clone(), t.clone()];
    let with_t_and = |flag: bool| [item.clone(), t.clone(), Value::from(flag)];
    let signs_up = field("signup").is_true() && field("status") != Value::from("past");
    let tags = call("tags", &with_t_and(false), true)?;
    let facts = call("facts", &with_t_and(true), true)?;
    let extension_bar = call("extension_bar", &with_t, field("extension").is_true())?;
    let actions = call(
        "actions",
        &with_t_and(false),
        field("ics_url").is_true() || signs_up,
    )?;
    let glossary_box = call(
        "glossary_box",
        &[glossary.clone(), t.clone()],
        !terms.is_empty(),
    )?;
    let made = minijinja::context! { tags, facts, extension_bar, actions, glossary_box };
    Ok(ItemPage {
        item,
        glossary,
        made,
    })
}

/// The macro `name` of `macros.html` failed while making `what` ("de kaartjes").
fn macro_error(what: &str, name: &str, e: &minijinja::Error) -> BuildError {
    BuildError::Template(format!(
        "{what} kunnen niet worden gemaakt met de macro {name} uit macros.html (technisch: {e})"
    ))
}

fn card_error(e: &minijinja::Error) -> BuildError {
    macro_error("de kaartjes", "card", e)
}
