//! Every output file of a wijk and of the site root, rendered and handed to
//! the sink one by one.
//!
//! This module holds what every page shares ([`Frame`], and per wijk a
//! `WijkFrame` with the wijk's views and menu) and the list of a wijk's
//! files, [`render_wijk_selected`]. Each family of pages builds its content
//! in its own module; `feeds` writes the wijk's calendars, feeds and sitemap.

pub mod all_streets;
mod builtin_macros;
mod context;
mod contribution;
mod feeds;
mod items;
mod legal;
mod letter;
mod project;
mod root;
mod streets;
mod wijk;

use std::collections::BTreeMap;
use std::sync::Mutex;

use minijinja::Value;
use rayon::prelude::*;
use serde::Serialize;

use super::Renderer;
use super::strings::{Texts, strings};
use super::views::{NAV, SiteView, Views};
use crate::error::BuildError;
use crate::geo::map::{Focus, WijkMap};
use crate::merge::MergedWijk;
use crate::model::{Contribution, Street};
use crate::output::Sink;

pub use root::{WijkCard, render_root, render_root_index};

/// The shared parts of every page of one render.
pub struct Frame<'a> {
    renderer: &'a Renderer,
    /// `site` and `t` are converted to template values once, not per page.
    site: Value,
    t: BTreeMap<&'static str, &'static str>,
    t_value: Value,
    /// The day of the build as residents read it, for "today" on the timeline.
    today: Value,
    /// Whether `contribution.html` reads `made` (the built-in one does):
    /// only then are a contribution page's macro parts made with the items.
    contribution_reads_made: bool,
    /// Whether `macros.html` is the built-in one: then the cards and a
    /// contribution page's parts are made by [`builtin_macros`].
    builtin_macros: bool,
}

impl<'a> Frame<'a> {
    pub fn new(renderer: &'a Renderer) -> Frame<'a> {
        let config = &renderer.config;
        let t = strings(config.language);
        Frame {
            renderer,
            t_value: Value::from_object(Texts::new(config.language)),
            t,
            site: Value::from_serialize(SiteView {
                title: &config.title,
                lang: config.language.code(),
                base_path: &config.base_path,
                base_url: &config.base_url,
                stylesheet: config.path(&format!(
                    "/{}",
                    renderer.assets.published("assets/wijkverhaal.css")
                )),
                letter_stylesheet: config.path(&format!(
                    "/{}",
                    renderer.assets.published("assets/brief.css")
                )),
                tokens_stylesheet: renderer
                    .assets
                    .tokens
                    .as_ref()
                    .map(|path| config.path(&format!("/{path}"))),
                home_url: config.path("/"),
                organisation: config.organisation(),
                og_locale: match config.language {
                    crate::config::Language::Nl => "nl_NL",
                    crate::config::Language::En => "en_GB",
                },
                modified: renderer.today.to_string(),
                accessibility_url: config.path("/toegankelijkheid/"),
                privacy_url: config.path("/privacy/"),
            }),
            today: Value::from(super::dates::long_date(renderer.today, config.language)),
            contribution_reads_made: renderer
                .env
                .get_template("contribution.html")
                .is_ok_and(|t| t.undeclared_variables(false).contains("made")),
            builtin_macros: super::templates::is_built_in(&renderer.env, "macros.html"),
        }
    }

    /// The renderer this frame was made from.
    pub fn renderer(&self) -> &'a Renderer {
        self.renderer
    }

    /// Renders one part of the frame that many pages share (`header.html`,
    /// `aside.html`, `footer.html`): it sees `site`, `t`, `preview`, `today`
    /// and, in a wijk, `wijk` (its menu marks the current item) and
    /// `at_section` (the page is the menu item's own page, not one below it).
    fn part(
        &self,
        template: &str,
        wijk: Option<&Value>,
        at_section: bool,
    ) -> Result<Value, BuildError> {
        let context = minijinja::context! {
            site => &self.site,
            t => &self.t_value,
            wijk => wijk,
            at_section => at_section,
            preview => self.renderer.preview,
            today => &self.today,
        };
        let html = self.renderer.render(template, context)?;
        Ok(Value::from_safe_string(html))
    }

    /// The frame of the pages outside the wijken (the overview, 404).
    fn root_parts(&self) -> Result<Value, BuildError> {
        Ok(minijinja::context! {
            header => self.part("header.html", None, false)?,
            footer => self.part("footer.html", None, false)?,
        })
    }

    /// Renders an HTML page at `path` (`lindenhof/tijdlijn/index.html`)
    /// inside the frame `parts` (see [`Frame::part`]).
    #[allow(clippy::too_many_arguments)]
    fn page(
        &self,
        sink: &dyn Sink,
        template: &str,
        path: &str,
        wijk: Option<&Value>,
        parts: &Value,
        title: &str,
        description: &str,
        content: Value,
    ) -> Result<(), BuildError> {
        let url_path = format!("/{}", path.trim_end_matches("index.html"));
        let page = Value::from_object(context::PageContext {
            site: self.site.clone(),
            t: self.t_value.clone(),
            wijk: wijk.cloned().unwrap_or(Value::from(())),
            frame: parts.clone(),
            title: Value::from(title),
            description: Value::from(description),
            canonical: Value::from(self.renderer.config.url(&url_path)),
            path: Value::from(self.renderer.config.path(&url_path)),
            preview: Value::from(self.renderer.preview),
            today: self.today.clone(),
            content,
        });
        PAGE.with_borrow_mut(|html| {
            html.clear();
            self.renderer
                .render_to(template, page, html)
                .map_err(|e| match e {
                    BuildError::Template(message) => BuildError::Page {
                        paths: vec![format!("/{}", path.trim_end_matches("index.html"))],
                        message,
                    },
                    other => other,
                })?;
            let written = sink.put(path, html);
            // One very large page (the root street index of a big site)
            // does not keep its memory in the thread (the preview server's
            // threads live on).
            if html.capacity() > PAGE_KEPT {
                *html = Vec::with_capacity(PAGE_START);
            }
            written
        })
    }
}

/// A page buffer's first size, and the most it keeps between pages.
const PAGE_START: usize = 64 * 1024;
const PAGE_KEPT: usize = 1024 * 1024;

thread_local! {
    /// Each thread's page buffer, reused for every page it renders.
    static PAGE: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(Vec::with_capacity(PAGE_START));
}

/// Which of a wijk's pages of one contribution, one street or one project
/// to render; the wijk's other pages and feeds are always rendered.
pub struct Selection<'s> {
    pub contribution: &'s (dyn Fn(&Contribution) -> bool + Sync),
    pub street: &'s (dyn Fn(&Street) -> bool + Sync),
    /// By the project's key (`project = "..."`).
    pub project: &'s (dyn Fn(&str) -> bool + Sync),
}

fn every<T: ?Sized>(_: &T) -> bool {
    true
}

impl Selection<'static> {
    /// Every page.
    pub const ALL: Selection<'static> = Selection {
        contribution: &every::<Contribution>,
        street: &every::<Street>,
        project: &every::<str>,
    };
}

/// What rendering one wijk gave besides its files.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The site paths of its HTML pages.
    pub pages: Vec<String>,
    /// What was cut from each street letter that did not fit two pages as
    /// written ([`crate::letter::Letter::condensed`]), in the order of the
    /// streets: `build` counts its `long-letter` warnings from them.
    pub cut_letters: Vec<Vec<String>>,
}

/// Renders every file of one wijk.
pub fn render_wijk(
    frame: &Frame,
    merged: &MergedWijk,
    sink: &dyn Sink,
) -> Result<Rendered, BuildError> {
    render_wijk_selected(frame, merged, sink, &Selection::ALL)
}

/// Like [`render_wijk`], but renders the pages of contributions, streets and
/// projects only as far as `select` says; the returned paths still list
/// every page, and every street's letter is rendered. The preview uses it to
/// re-render only what an edit affects.
pub fn render_wijk_selected(
    frame: &Frame,
    merged: &MergedWijk,
    sink: &dyn Sink,
    select: &Selection,
) -> Result<Rendered, BuildError> {
    let ctx = WijkFrame::new(frame, merged, sink, select)?;
    // Every kind of page is tried even when one fails, so a run reports
    // every template that fails, not only the first.
    let mut made = Made::default();
    made.page(ctx.put("", wijk::home(&ctx)));
    made.page(ctx.put("tijdlijn/", wijk::timeline(&ctx)));
    made.page(ctx.put("agenda/", wijk::agenda(&ctx)));
    made.page(ctx.put("straten/", streets::list(&ctx)));
    let mut skipped = Vec::new();
    let mut cut_letters = Vec::new();
    // Each street's page and letter, in parallel: a wijk of thousands of
    // streets is most of its build's work (in the order of the streets).
    let street_pages = crate::error::every_or_failures(
        merged
            .streets
            .par_iter()
            .map(|street| street_pages(&ctx, street, select))
            .collect(),
    );
    for street in made.ok(street_pages).into_iter().flatten() {
        made.pages.extend(street.written);
        skipped.extend(street.skipped);
        cut_letters.extend(street.cut);
    }
    made.page(ctx.put("contact/", wijk::contact(&ctx)));
    for project in &merged.projects {
        let rest = format!("project/{}/", project.slug);
        match (select.project)(project.key) {
            true => made.page(ctx.put(&rest, project::page(&ctx, project))),
            false => skipped.push(ctx.site_path(&rest)),
        }
    }
    // One page per contribution, in parallel: a wijk with many
    // contributions is most of a build's (and a preview rebuild's) work.
    let contribution_pages = crate::error::every_or_failures(
        merged
            .contributions
            .par_iter()
            .map(|c| {
                let rest = format!("{}/", c.slug);
                // Made for exactly the contributions that `select` renders.
                match ctx.items.page(c) {
                    Some(own) => ctx.put(&rest, contribution::page(&ctx, c, own)),
                    None => Ok(ctx.site_path(&rest)),
                }
            })
            .collect(),
    );
    if let Some(contribution_pages) = made.ok(contribution_pages) {
        made.pages.extend(contribution_pages);
    }
    made.ok(feeds::write_feeds(&ctx));
    let Made {
        mut pages,
        failures,
    } = made;
    if let Some(failure) = BuildError::gather(failures) {
        return Err(failure);
    }
    pages.extend(skipped);
    feeds::write_sitemap(&ctx, &pages)?;
    Ok(Rendered { pages, cut_letters })
}

/// The pages of a wijk rendered so far, and what failed.
#[derive(Default)]
struct Made {
    pages: Vec<String>,
    failures: Vec<BuildError>,
}

impl Made {
    fn page(&mut self, rendered: Result<String, BuildError>) {
        if let Some(path) = self.ok(rendered) {
            self.pages.push(path);
        }
    }

    fn ok<T>(&mut self, result: Result<T, BuildError>) -> Option<T> {
        result.map_err(|failure| self.failures.push(failure)).ok()
    }
}

/// What [`street_pages`] rendered for one street.
struct StreetPages {
    written: Vec<String>,
    /// Its own page's path when the preview did not select it.
    skipped: Option<String>,
    /// What its letter cut, when it has a letter that was cut.
    cut: Option<Vec<String>>,
}

/// The pages of one street: its own page (or, when the preview did not
/// select it, its path as skipped) and its letter.
fn street_pages(
    ctx: &WijkFrame,
    street: &crate::merge::StreetEntries,
    select: &Selection,
) -> Result<StreetPages, BuildError> {
    let mut written = Vec::new();
    let mut skipped = None;
    let rest = format!("straten/{}/", street.street.slug);
    let letter = ctx.letters.letter(street);
    let letter_rest = format!("{rest}brief/");
    match (select.street)(street.street) {
        true => {
            let letter_url = letter.as_ref().map(|_| ctx.views.url(&letter_rest));
            written.push(ctx.put(&rest, streets::street(ctx, street, letter_url))?);
        }
        false => skipped = Some(ctx.site_path(&rest)),
    }
    // A letter also tells the wijk's events and support, so it is
    // rendered whatever changed (the preview selects by street).
    let mut cut = None;
    if let Some(letter) = letter {
        written.push(ctx.put(&letter_rest, letter::page(ctx, &letter_rest, &letter)?)?);
        cut = Some(letter.condensed).filter(|cut| !cut.is_empty());
    }
    Ok(StreetPages {
        written,
        skipped,
        cut,
    })
}

/// What every page of one wijk is rendered with: the shared [`Frame`], the
/// wijk's views, menu, items and frame parts (each made once), and where the
/// files go.
struct WijkFrame<'a> {
    frame: &'a Frame<'a>,
    merged: &'a MergedWijk<'a>,
    views: Views<'a>,
    nav: NavViews,
    items: items::Items,
    /// `aside.html` and `footer.html`, the same on every page of the wijk.
    aside: Value,
    footer: Value,
    /// The frame parts per menu item and `at_section`, made when first used.
    parts: Mutex<Vec<((&'static str, bool), Value)>>,
    /// The wijk's map, when it has geometry.
    map: Option<WijkMap>,
    /// Each street's letter on the day of the build.
    letters: crate::letter::Letters<'a>,
    sink: &'a dyn Sink,
}

impl<'a> WijkFrame<'a> {
    fn new(
        frame: &'a Frame,
        merged: &'a MergedWijk,
        sink: &'a dyn Sink,
        select: &Selection,
    ) -> Result<WijkFrame<'a>, BuildError> {
        let views = Views::new(&frame.renderer.config, merged.wijk, frame.renderer.today);
        let nav = NavViews::new(&views);
        // The aside and footer do not depend on the menu's current item.
        let wijk = nav.get("");
        Ok(WijkFrame {
            frame,
            merged,
            items: items::Items::new(frame, &views, merged, select)?,
            aside: frame.part("aside.html", Some(&wijk), false)?,
            footer: frame.part("footer.html", Some(&wijk), false)?,
            parts: Mutex::new(Vec::new()),
            nav,
            map: WijkMap::new(merged, &views),
            letters: crate::letter::Letters::new(
                &frame.renderer.config,
                merged,
                frame.renderer.today,
            ),
            views,
            sink,
        })
    }

    /// The frame of a page whose menu item is `current`; `at_section` when
    /// the page is that item's own page.
    fn parts(&self, current: &'static str, at_section: bool) -> Result<Value, BuildError> {
        let mut parts = self.parts.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, value)) = parts.iter().find(|(key, _)| *key == (current, at_section)) {
            return Ok(value.clone());
        }
        let wijk = self.nav.get(current);
        let value = minijinja::context! {
            header => self.frame.part("header.html", Some(&wijk), at_section)?,
            aside => &self.aside,
            footer => &self.footer,
        };
        parts.push(((current, at_section), value.clone()));
        Ok(value)
    }

    /// The map about `focus` as HTML for a template, if the wijk has one.
    fn map(&self, focus: Focus) -> Option<Value> {
        let figure = self.map.as_ref()?.figure(focus, "kaart");
        Some(Value::from_safe_string(figure.html()))
    }

    /// The UI text `key` in the site's language.
    fn t(&self, key: &str) -> String {
        self.frame.t[key].to_string()
    }

    /// The site path of the wijk's page at `rest` (`/lindenhof/agenda/`).
    fn site_path(&self, rest: &str) -> String {
        format!("/{}/{rest}", self.merged.wijk.slug)
    }

    /// Renders `page` at `rest` inside the wijk (`agenda/`, `""` for its
    /// home); returns the page's site path.
    fn put(&self, rest: &str, page: Page) -> Result<String, BuildError> {
        let view = self.nav.get(page.current);
        let parts = self.parts(page.current, rest == page.current)?;
        let path = format!("{}/{rest}index.html", self.merged.wijk.slug);
        self.frame.page(
            self.sink,
            page.template,
            &path,
            Some(&view),
            &parts,
            &page.title,
            &page.description,
            page.content,
        )?;
        Ok(self.site_path(rest))
    }
}

/// One page of a wijk, ready to render.
struct Page {
    template: &'static str,
    /// The menu item shown as current (`tijdlijn/`; `""` for the home page).
    current: &'static str,
    title: String,
    description: String,
    content: Value,
}

/// The wijk's template value for each page of its menu, made once per wijk.
struct NavViews {
    views: Vec<(&'static str, Value)>,
}

impl NavViews {
    fn new(views: &Views) -> NavViews {
        let views = NAV
            .iter()
            .map(|(current, _)| (*current, Value::from_serialize(views.wijk(current))))
            .collect();
        NavViews { views }
    }

    fn get(&self, current: &str) -> Value {
        self.views
            .iter()
            .find(|(c, _)| *c == current)
            .map_or(Value::UNDEFINED, |(_, v)| v.clone())
    }
}

fn to_value<T: Serialize>(value: &T) -> Value {
    Value::from_serialize(value)
}

/// A page's content as named values.
fn fields(fields: &[(&'static str, Value)]) -> Value {
    fields.iter().cloned().collect()
}
