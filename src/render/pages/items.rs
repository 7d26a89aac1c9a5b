//! Each item of a wijk made once and shared by every page that shows it: its
//! view (what templates read), that view as a template value, and, for the
//! items that a list shows, its card rendered once with the `card` macro of
//! `macros.html` (the site's own, when it has one). A contribution's own
//! page gets its parts here too ([`ItemPage`]), made with the same macros.

use std::collections::HashMap;

use minijinja::{State, Value};
use rayon::prelude::*;

use super::builtin_macros::{self, TextTable};
use super::{Frame, Selection, to_value};
use crate::error::BuildError;
use crate::merge::{Entry, MergedWijk};
use crate::model::Contribution;
use crate::render::glossary::{Term, terms_used_in};
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
                            let shown = shown(macros, views.item(c, merged), *listed)?;
                            let page = match (select.contribution)(c) {
                                true => Some(item_page(macros, views, merged, c, &shown, made)?),
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
                .map(|(p, listed)| shown(macros, views.project(p, merged), *listed))
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

/// How the cards and a contribution page's parts are made: by the built-in
/// macros written out, while the site keeps the built-in `macros.html`, or
/// by the macros of the site's own `macros.html`, imported once, with `t`.
#[derive(Clone, Copy)]
enum Macros<'a> {
    BuiltIn(&'a TextTable),
    Template(&'a State<'a, 'a>, &'a Value),
}

/// Runs `make` with the macros of `macros.html`.
fn with_macros<T>(
    frame: &Frame,
    make: impl FnOnce(Macros) -> Result<T, BuildError>,
) -> Result<T, BuildError> {
    if frame.builtin_macros {
        return make(Macros::BuiltIn(&frame.t));
    }
    let template = frame
        .renderer
        .env
        .get_template("macros.html")
        .map_err(|e| import_error(&e))?;
    let captured = template
        .render_captured(minijinja::context! {})
        .map_err(|e| import_error(&e))?;
    make(Macros::Template(captured.state(), &frame.t_value))
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
/// with the `card` macro.
fn shown(macros: Macros, mut view: ItemView, listed: bool) -> Result<Shown, BuildError> {
    let value = if listed {
        let (card, value) = item_value_with_card(&view, |item| match macros {
            Macros::BuiltIn(t) => Ok(Value::from_safe_string(builtin_macros::card(&view, t))),
            Macros::Template(macros, t) => {
                let html = macros
                    .call_macro("card", &[item, t.clone()])
                    .map_err(|e| macro_error(macros, "de kaartjes", "card", &e))?;
                Ok(Value::from_safe_string(html))
            }
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
    macros: Macros,
    views: &Views,
    merged: &MergedWijk,
    c: &Contribution,
    shown: &Shown,
    made: bool,
) -> Result<ItemPage, BuildError> {
    // The list view leaves streets out when there are many; the page has them all.
    let full = (shown.view.streets_more != 0).then(|| views.item_full(c, merged));
    let item = match &full {
        None => shown.value.clone(),
        Some(view) => to_value(view),
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
    let made = match (made, macros) {
        (false, _) => Value::UNDEFINED,
        (true, Macros::BuiltIn(t)) => {
            built_in_parts(full.as_ref().unwrap_or(&shown.view), &terms, t)
        }
        (true, Macros::Template(macros, t)) => {
            template_parts(macros, t, &item, &glossary, !terms.is_empty())?
        }
    };
    Ok(ItemPage {
        item,
        glossary,
        made,
    })
}

/// A contribution page's parts by the built-in macros written out.
fn built_in_parts(item: &ItemView, terms: &[Term], t: &TextTable) -> Value {
    let part = |write: &dyn Fn(&mut String)| {
        let mut html = String::new();
        write(&mut html);
        Value::from_safe_string(html)
    };
    let tags = part(&|out| builtin_macros::tags(out, item, t, false));
    let facts = part(&|out| builtin_macros::facts(out, item, t, true));
    let extension_bar = part(&|out| builtin_macros::extension_bar(out, item, t));
    let actions = part(&|out| builtin_macros::actions(out, item, t, false));
    let glossary_box = part(&|out| builtin_macros::glossary_box(out, terms, t));
    minijinja::context! { tags, facts, extension_bar, actions, glossary_box }
}

/// A contribution page's parts by the macros of the site's `macros.html`.
fn template_parts(
    macros: &State,
    t: &Value,
    item: &Value,
    glossary: &Value,
    has_terms: bool,
) -> Result<Value, BuildError> {
    let call = |name: &str, args: &[Value], shows: bool| -> Result<Value, BuildError> {
        if !shows {
            return Ok(Value::from_safe_string(String::new()));
        }
        macros
            .call_macro(name, args)
            .map(Value::from_safe_string)
            .map_err(|e| macro_error(macros, "de delen van de pagina van een bijdrage", name, &e))
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
    let glossary_box = call("glossary_box", &[glossary.clone(), t.clone()], has_terms)?;
    Ok(minijinja::context! { tags, facts, extension_bar, actions, glossary_box })
}

/// The macro `name` of `macros.html` failed while making `what` ("de
/// kaartjes"). When the fault lies in another macro that `name` calls, even
/// through a third, the message names that macro too.
fn macro_error(macros: &State, what: &str, name: &str, e: &minijinja::Error) -> BuildError {
    let called = match failing_macro(macros, e).filter(|inner| inner != name) {
        Some(inner) => format!(" (de fout zit in de macro {inner}, die {name} gebruikt)"),
        None => String::new(),
    };
    BuildError::Template(format!(
        "{what} kunnen niet worden gemaakt met de macro {name} uit macros.html{called} (technisch: {e})"
    ))
}

/// The macro of `macros.html` in which `e` happened, when it happened there.
fn failing_macro(macros: &State, e: &minijinja::Error) -> Option<String> {
    if e.name() != Some("macros.html") {
        return None;
    }
    let template = macros.env().get_template("macros.html").ok()?;
    let source = template.source();
    let at = match e.range() {
        Some(range) => range.start,
        None => end_of_line(source, e.line()?),
    };
    enclosing_macro(source, at).map(str::to_string)
}

/// `macros.html` itself could not be read or run.
fn import_error(e: &minijinja::Error) -> BuildError {
    BuildError::Template(format!(
        "macros.html kan niet worden gebruikt, dus de kaartjes en de delen van de pagina's \
         kunnen niet worden gemaakt (technisch: {e})"
    ))
}

/// The name of the innermost macro of `source` that is open at byte `at`:
/// the last `{% macro name(` before it whose `{% endmacro %}` is not.
fn enclosing_macro(source: &str, at: usize) -> Option<&str> {
    let mut open = Vec::new();
    let mut rest = source.get(..at)?;
    while let Some(at) = rest.find("{%") {
        let tag = rest[at + 2..].trim_start_matches(['-', '+']).trim_start();
        if let Some(after) = tag.strip_prefix("macro") {
            let name = after.trim_start();
            let length = name
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(name.len());
            if length > 0 && after.len() > name.len() {
                open.push(&name[..length]);
            }
        } else if tag.starts_with("endmacro") {
            open.pop();
        }
        rest = &rest[at + 2..];
    }
    open.pop()
}

/// The byte offset of the end of `line` (counted from 1) of `source`.
fn end_of_line(source: &str, line: usize) -> usize {
    source.split_inclusive('\n').take(line).map(str::len).sum()
}

#[cfg(test)]
mod tests {
    use super::{enclosing_macro, end_of_line};

    const SOURCE: &str = "{% macro when(w) %}<time>{{ w.text }}</time>{% endmacro %}\n\
        {% macro tags(item, t) %}\n\
        <p>{{ item.kind }}</p>\n\
        {%- endmacro %}\n\
        \n\
        {%- macro card(item, t, level=3) -%}\n\
        {{ tags(item, t) }}\n\
        {% macro inner() %}{{ x }}{% endmacro %}\n\
        <h3>{{ item.title }}</h3>\n\
        {% endmacro %}\n";

    fn at(text: &str) -> usize {
        SOURCE.find(text).expect(text)
    }

    #[test]
    fn names_the_innermost_macro_that_is_open_where_the_error_is() {
        assert_eq!(enclosing_macro(SOURCE, at("w.text")), Some("when"));
        assert_eq!(enclosing_macro(SOURCE, at("item.kind")), Some("tags"));
        assert_eq!(
            enclosing_macro(SOURCE, at("tags(item, t) }}")),
            Some("card")
        );
        assert_eq!(enclosing_macro(SOURCE, at("{{ x }}")), Some("inner"));
        assert_eq!(enclosing_macro(SOURCE, at("item.title")), Some("card"));
        assert_eq!(enclosing_macro(SOURCE, at("\n\n")), None);
        assert_eq!(enclosing_macro(SOURCE, SOURCE.len()), None);
        assert_eq!(enclosing_macro(SOURCE, SOURCE.len() + 1), None);
    }

    #[test]
    fn without_a_place_the_end_of_the_line_is_taken() {
        assert_eq!(end_of_line(SOURCE, 3), at("{%- endmacro"));
        assert_eq!(
            enclosing_macro(SOURCE, end_of_line(SOURCE, 3)),
            Some("tags")
        );
        assert_eq!(end_of_line(SOURCE, 1000), SOURCE.len());
    }

    #[test]
    fn text_that_only_looks_like_a_macro_is_not_one() {
        assert_eq!(enclosing_macro("{% macros %}\n{{ x }}\n", 14), None);
        assert_eq!(enclosing_macro("{% set macro = 1 %}\n{{ x }}\n", 21), None);
        assert_eq!(enclosing_macro("{%", 2), None);
        assert_eq!(enclosing_macro("", 0), None);
    }
}
