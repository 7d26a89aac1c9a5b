//! Every output file of a wijk and of the site root, rendered and handed to
//! the sink one by one.

use std::collections::BTreeMap;

use minijinja::Value;
use rayon::prelude::*;
use serde::Serialize;

use super::Renderer;
use super::glossary::{Term, terms_in_items, terms_used};
use super::markdown;
use super::strings::strings;
use super::timeline;
use super::views::{ItemView, NAV, SiteView, Views};
use crate::error::BuildError;
use crate::feeds::{atom, ics, json, sitemap};
use crate::merge::MergedWijk;
use crate::model::{Contribution, Street, When, Wijk};
use crate::output::Sink;

/// The shared parts of every page of one render.
pub struct Frame<'a> {
    renderer: &'a Renderer,
    /// `site` and `t` are converted to template values once, not per page.
    site: Value,
    t: BTreeMap<&'static str, &'static str>,
    t_value: Value,
    /// The day of the build as residents read it, for "today" on the timeline.
    today: String,
}

impl<'a> Frame<'a> {
    pub fn new(renderer: &'a Renderer) -> Frame<'a> {
        let config = &renderer.config;
        let t = strings(config.language);
        Frame {
            renderer,
            t_value: Value::from_serialize(&t),
            t,
            site: Value::from_serialize(SiteView {
                title: &config.title,
                lang: config.language.code(),
                base_path: &config.base_path,
                base_url: &config.base_url,
                stylesheet: config.path("/assets/wijkverhaal.css"),
                home_url: config.path("/"),
            }),
            today: super::dates::long_date(renderer.today, config.language),
        }
    }

    /// Renders an HTML page at `path` (`lindenhof/tijdlijn/index.html`).
    #[allow(clippy::too_many_arguments)]
    fn page(
        &self,
        sink: &dyn Sink,
        template: &str,
        path: &str,
        wijk: Option<&Value>,
        title: &str,
        description: &str,
        content: Value,
    ) -> Result<(), BuildError> {
        let url_path = format!("/{}", path.trim_end_matches("index.html"));
        let page = minijinja::context! {
            site => &self.site,
            t => &self.t_value,
            wijk => wijk,
            title => title,
            description => description,
            canonical => self.renderer.config.url(&url_path),
            path => self.renderer.config.path(&url_path),
            preview => self.renderer.preview,
            today => &self.today,
            ..content
        };
        let html = self.renderer.render(template, page).map_err(|e| match e {
            BuildError::Template(message) => BuildError::Template(format!(
                "de pagina /{path} kan niet worden gemaakt: {message}"
            )),
            other => other,
        })?;
        sink.put(path, html.as_bytes())
    }
}

#[derive(Serialize)]
struct HomeContent {
    body_html: Value,
    now: Vec<ItemView>,
    next_events: Vec<ItemView>,
    news: Vec<ItemView>,
    support: Vec<ItemView>,
    glossary: Vec<Term>,
}

#[derive(Serialize)]
struct StreetLink {
    name: String,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct Part {
    item: ItemView,
    body_html: Value,
    /// Where the part lies in the project's period.
    span: Option<timeline::Span>,
}

/// Renders every file of one wijk; returns the site paths of its HTML pages.
pub fn render_wijk(
    frame: &Frame,
    merged: &MergedWijk,
    sink: &dyn Sink,
) -> Result<Vec<String>, BuildError> {
    render_wijk_selected(frame, merged, sink, &Selection::ALL)
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

/// Like [`render_wijk`], but renders the pages of contributions, streets and
/// projects only as far as `select` says; the returned paths still list
/// every page. The preview uses it to re-render only what an edit affects.
pub fn render_wijk_selected(
    frame: &Frame,
    merged: &MergedWijk,
    sink: &dyn Sink,
    select: &Selection,
) -> Result<Vec<String>, BuildError> {
    let renderer = frame.renderer;
    let config = &renderer.config;
    let wijk = merged.wijk;
    let views = Views {
        config,
        wijk,
        today: renderer.today,
    };
    let slug = &wijk.slug;
    let nav = NavViews::new(&views);
    let mut pages = Vec::new();
    let mut page = |template: &str,
                    rest: &str,
                    current: &str,
                    title: &str,
                    description: &str,
                    content: Value|
     -> Result<(), BuildError> {
        let view = nav.get(current);
        let path = format!("{slug}/{rest}index.html");
        frame.page(
            sink,
            template,
            &path,
            Some(&view),
            title,
            description,
            content,
        )?;
        pages.push(format!("/{slug}/{rest}"));
        Ok(())
    };
    let t = &frame.t;

    let today = renderer.today;
    let now: Vec<ItemView> = merged
        .timeline
        .iter()
        .map(|e| views.entry(e, merged))
        .filter(|item| item.kind == "works" || item.kind == "project")
        .filter(|item| running(item, today))
        .collect();
    let upcoming: Vec<&Contribution> = merged
        .events
        .iter()
        .copied()
        .filter(|c| !event_is_past(c, today))
        .collect();
    let home = HomeContent {
        body_html: Value::from_safe_string(wijk.body_html.clone()),
        now,
        next_events: upcoming
            .iter()
            .take(3)
            .map(|c| views.item(c, merged))
            .collect(),
        news: merged
            .news
            .iter()
            .take(3)
            .map(|c| views.item(c, merged))
            .collect(),
        support: merged
            .support
            .iter()
            .map(|c| views.item(c, merged))
            .collect(),
        glossary: wijk
            .glossary
            .iter()
            .map(|(w, m)| Term {
                word: w.clone(),
                meaning: m.clone(),
            })
            .collect(),
    };
    page(
        "wijk.html",
        "",
        "",
        &wijk.name,
        &wijk.summary,
        to_value(&home),
    )?;

    let groups = timeline::groups(&views, merged);
    page(
        "tijdlijn.html",
        "tijdlijn/",
        "tijdlijn/",
        t["timeline_title"],
        t["timeline_intro"],
        fields(&[
            (
                "glossary",
                to_value(&timeline::terms(&wijk.glossary, &groups)),
            ),
            ("groups", to_value(&groups)),
        ]),
    )?;

    let past: Vec<ItemView> = merged
        .events
        .iter()
        .rev()
        .copied()
        .filter(|c| event_is_past(c, today))
        .map(|c| views.item(c, merged))
        .collect();
    let upcoming: Vec<ItemView> = upcoming.iter().map(|c| views.item(c, merged)).collect();
    page(
        "agenda.html",
        "agenda/",
        "agenda/",
        t["agenda_title"],
        t["agenda_intro"],
        fields(&[
            (
                "glossary",
                to_value(&terms_in_items(&wijk.glossary, &upcoming)),
            ),
            ("upcoming", to_value(&upcoming)),
            ("past", to_value(&past)),
        ]),
    )?;

    let streets: Vec<StreetLink> = merged
        .streets
        .iter()
        .map(|s| StreetLink {
            name: s.street.name.clone(),
            url: views.street_url(&s.street.slug),
            count: s.entries.len(),
        })
        .collect();
    page(
        "straten.html",
        "straten/",
        "straten/",
        t["streets_title"],
        t["streets_intro"],
        fields(&[("streets", to_value(&streets))]),
    )?;
    let mut skipped = Vec::new();
    for street in &merged.streets {
        if !(select.street)(street.street) {
            skipped.push(format!("/{slug}/straten/{}/", street.street.slug));
            continue;
        }
        let entries: Vec<ItemView> = street
            .entries
            .iter()
            .map(|e| views.entry(e, merged))
            .collect();
        let ics_url = views.url(&format!("straten/{}/agenda.ics", street.street.slug));
        let rest = format!("straten/{}/", street.street.slug);
        let content = fields(&[
            ("street", Value::from(street.street.name.clone())),
            (
                "glossary",
                to_value(&terms_in_items(&wijk.glossary, &entries)),
            ),
            ("entries", to_value(&entries)),
            ("ics_url", Value::from(ics_url)),
        ]);
        page(
            "straat.html",
            &rest,
            "straten/",
            &street.street.name,
            t["street_intro"],
            content,
        )?;
    }
    page(
        "contact.html",
        "contact/",
        "contact/",
        t["contact_title"],
        t["contact_intro"],
        fields(&[]),
    )?;

    for project in &merged.projects {
        if !(select.project)(project.key) {
            skipped.push(format!("/{slug}/project/{}/", project.slug));
            continue;
        }
        let item = views.project(project, merged);
        let period = project.start.zip(project.end);
        let parts: Vec<Part> = project
            .parts
            .iter()
            .map(|c| Part {
                item: views.item(c, merged),
                span: period
                    .zip(c.start_date().zip(c.end_date()))
                    .map(|((start, end), (from, to))| timeline::span(start, end, from, to)),
                body_html: Value::from_safe_string(
                    markdown::render_placed(&c.body_markdown, 4, &c.slug)
                        .unwrap_or_else(|_| c.body_html.clone()),
                ),
            })
            .collect();
        let text: String = project
            .parts
            .iter()
            .map(|c| c.body_markdown.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let glossary = terms_used(&wijk.glossary, &format!("{}\n{}", item.title, text));
        let rest = format!("project/{}/", project.slug);
        let summary = item.summary.clone();
        let content = fields(&[
            ("item", to_value(&item)),
            ("parts", to_value(&parts)),
            (
                "scale",
                to_value(&period.map(|(start, end)| timeline::scale(start, end, today, &views))),
            ),
            ("glossary", to_value(&glossary)),
        ]);
        page(
            "project.html",
            &rest,
            "tijdlijn/",
            &project.title,
            &summary,
            content,
        )?;
    }

    // One page per contribution, in parallel: a wijk with many
    // contributions is most of a build's (and a preview rebuild's) work.
    let contribution_pages: Vec<String> = merged
        .contributions
        .par_iter()
        .map(|c| match (select.contribution)(c) {
            true => contribution_page(frame, &views, &nav, merged, c, sink),
            false => Ok(format!("/{}/{}/", wijk.slug, c.slug)),
        })
        .collect::<Result<_, _>>()?;
    pages.extend(contribution_pages);
    pages.extend(skipped);

    write_feeds(renderer, merged, &views, sink)?;
    let mut urls: Vec<String> = pages.iter().map(|p| config.url(p)).collect();
    urls.sort();
    sink.put(
        &format!("{slug}/sitemap.xml"),
        sitemap::sitemap(&urls).as_bytes(),
    )?;
    Ok(pages)
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

/// Renders one contribution's page; returns its site path.
fn contribution_page(
    frame: &Frame,
    views: &Views,
    nav: &NavViews,
    merged: &MergedWijk,
    c: &Contribution,
    sink: &dyn Sink,
) -> Result<String, BuildError> {
    let wijk = merged.wijk;
    let config = &frame.renderer.config;
    let item = views.item(c, merged);
    let glossary = terms_used(
        &wijk.glossary,
        &format!(
            "{}\n{}\n{}",
            c.title,
            c.summary.as_deref().unwrap_or(""),
            c.body_markdown
        ),
    );
    let json_ld = event_json_ld(c, &item, wijk, config).map(Value::from_safe_string);
    let current = if matches!(c.when, When::Event { .. }) {
        "agenda/"
    } else {
        "tijdlijn/"
    };
    let content = fields(&[
        ("item", to_value(&item)),
        ("lead", Value::from(c.summary.clone())),
        ("body_html", Value::from_safe_string(c.body_html.clone())),
        ("glossary", to_value(&glossary)),
        ("json_ld", json_ld.unwrap_or(Value::from(()))),
    ]);
    let view = nav.get(current);
    let rest = format!("{}/{}/", wijk.slug, c.slug);
    let path = format!("{rest}index.html");
    frame.page(
        sink,
        "contribution.html",
        &path,
        Some(&view),
        &c.title,
        &item.summary,
        content,
    )?;
    Ok(format!("/{rest}"))
}

/// A wijk as the overview lists it.
#[derive(Debug, Clone, Serialize)]
pub struct WijkCard {
    pub slug: String,
    pub name: String,
    pub summary: String,
    /// The wijk's contact person and role, so residents see a face per wijk.
    pub contact: String,
    pub contact_role: Option<String>,
}

impl WijkCard {
    pub fn of(wijk: &Wijk) -> WijkCard {
        WijkCard {
            slug: wijk.slug.clone(),
            name: wijk.name.clone(),
            summary: wijk.summary.clone(),
            contact: wijk.contact.name.clone(),
            contact_role: wijk.contact.role.clone(),
        }
    }
}

/// Renders `/` (when `with_overview`), `/404.html`, `sitemap.xml` (every
/// page in `pages`) and `robots.txt`.
pub fn render_root(
    frame: &Frame,
    wijken: &[WijkCard],
    pages: &mut Vec<String>,
    with_overview: bool,
    sink: &dyn Sink,
) -> Result<(), BuildError> {
    render_root_pages(frame, wijken, with_overview, sink)?;
    if with_overview {
        pages.push("/".into());
    }
    pages.sort();
    let config = &frame.renderer.config;
    let urls: Vec<String> = pages.iter().map(|p| config.url(p)).collect();
    sink.put("sitemap.xml", sitemap::sitemap(&urls).as_bytes())?;
    sink.put(
        "robots.txt",
        sitemap::robots(&config.url("/sitemap.xml")).as_bytes(),
    )
}

/// The root of a split build (`build --overview-only`): `/`, `/404.html`,
/// `robots.txt` and a `sitemap.xml` that indexes every wijk's own sitemap.
pub fn render_root_index(
    frame: &Frame,
    wijken: &[WijkCard],
    sink: &dyn Sink,
) -> Result<(), BuildError> {
    render_root_pages(frame, wijken, true, sink)?;
    let config = &frame.renderer.config;
    let sitemaps: Vec<String> = wijken
        .iter()
        .map(|w| config.url(&format!("/{}/sitemap.xml", w.slug)))
        .collect();
    sink.put("sitemap.xml", sitemap::sitemap_index(&sitemaps).as_bytes())?;
    sink.put(
        "robots.txt",
        sitemap::robots(&config.url("/sitemap.xml")).as_bytes(),
    )
}

fn render_root_pages(
    frame: &Frame,
    wijken: &[WijkCard],
    with_overview: bool,
    sink: &dyn Sink,
) -> Result<(), BuildError> {
    let config = &frame.renderer.config;
    #[derive(Serialize)]
    struct WijkLink<'w> {
        name: &'w str,
        summary: &'w str,
        contact: &'w str,
        contact_role: Option<&'w str>,
        url: String,
    }
    let links: Vec<WijkLink> = wijken
        .iter()
        .map(|w| WijkLink {
            name: &w.name,
            summary: &w.summary,
            contact: &w.contact,
            contact_role: w.contact_role.as_deref(),
            url: config.path(&format!("/{}/", w.slug)),
        })
        .collect();
    if with_overview {
        let content = fields(&[("wijken", to_value(&links))]);
        frame.page(
            sink,
            "index.html",
            "index.html",
            None,
            frame.t["overview"],
            frame.t["overview_intro"],
            content,
        )?;
    }
    frame.page(
        sink,
        "404.html",
        "404.html",
        None,
        frame.t["not_found_title"],
        frame.t["not_found_text"],
        fields(&[]),
    )
}

fn running(item: &ItemView, today: jiff::civil::Date) -> bool {
    let Some(when) = &item.when else { return false };
    let start: jiff::civil::Date = when
        .start
        .get(..10)
        .and_then(|s| s.parse().ok())
        .unwrap_or(jiff::civil::Date::MAX);
    let end: jiff::civil::Date = when
        .end
        .as_deref()
        .and_then(|s| s.get(..10)?.parse().ok())
        .unwrap_or(start);
    start <= today && today <= end
}

fn event_is_past(c: &Contribution, today: jiff::civil::Date) -> bool {
    c.end_date().is_some_and(|end| end < today)
}

fn event_json_ld(
    c: &Contribution,
    item: &ItemView,
    wijk: &Wijk,
    config: &crate::config::Config,
) -> Option<String> {
    let When::Event { start, end } = &c.when else {
        return None;
    };
    let mut data = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": c.title,
        "description": item.summary,
        "startDate": super::dates::iso(start),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": c.location, "address": c.location},
        "organizer": {"@type": "Organization", "name": config.title, "url": config.url(&format!("/{}/", wijk.slug))},
        "url": config.url(&format!("/{}/{}/", wijk.slug, c.slug)),
    });
    if let Some(end) = end {
        data["endDate"] = serde_json::Value::from(super::dates::iso(end));
    }
    if let Some(signup) = &c.signup {
        data["offers"] = serde_json::json!({"@type": "Offer", "url": signup, "price": "0", "priceCurrency": "EUR", "availability": "https://schema.org/InStock"});
    }
    Some(
        serde_json::to_string(&data)
            .unwrap_or_default()
            // No `<` at all inside the script element: `</script>` or
            // `<!--<script>` in a title would otherwise end or swallow it.
            .replace('<', "\\u003c"),
    )
}

fn write_feeds(
    renderer: &Renderer,
    merged: &MergedWijk,
    views: &Views,
    sink: &dyn Sink,
) -> Result<(), BuildError> {
    let config = &renderer.config;
    let wijk = merged.wijk;
    let slug = &wijk.slug;
    let stamp = newest_date(merged)
        .and_then(|d| d.to_zoned_datetime(jiff::tz::TimeZone::UTC).ok())
        .map_or(jiff::Timestamp::UNIX_EPOCH, |z| z.timestamp());
    let host = config
        .base_url
        .split("://")
        .nth(1)
        .unwrap_or("")
        .split('/')
        .next()
        .unwrap_or("")
        .to_string();

    let mut calendar = ics::Calendar::new(&format!("{} - {}", wijk.name, config.title), stamp);
    for c in &merged.events {
        calendar.event(&ics_event(c, views, &host));
    }
    sink.put(&format!("{slug}/agenda.ics"), calendar.finish().as_bytes())?;
    for c in &merged.events {
        let mut single = ics::Calendar::new(&c.title, stamp);
        single.event(&ics_event(c, views, &host));
        sink.put(
            &format!("{slug}/{}.ics", c.slug),
            single.finish().as_bytes(),
        )?;
    }
    for street in &merged.streets {
        let mut calendar = ics::Calendar::new(
            &format!("{}, {} - {}", street.street.name, wijk.name, config.title),
            stamp,
        );
        for c in merged
            .contributions
            .iter()
            .filter(|c| c.streets.contains(&street.street.name))
        {
            match &c.when {
                When::Event { .. } => calendar.event(&ics_event(c, views, &host)),
                When::Works { start, end } => calendar.event(&ics::IcsEvent {
                    uid: format!("{slug}-{}@{host}", c.slug),
                    summary: &c.title,
                    description: description(c, views),
                    location: Some(&street.street.name),
                    url: config.url(&format!("/{slug}/{}/", c.slug)),
                    start: ics::IcsTime::Date(*start),
                    end: Some(ics::IcsTime::Date(end.unwrap_or(*start))),
                    categories: &c.department,
                }),
                _ => {}
            }
        }
        sink.put(
            &format!("{slug}/straten/{}/agenda.ics", street.street.slug),
            calendar.finish().as_bytes(),
        )?;
    }

    let feed = atom::AtomFeed {
        title: format!("{} - {}", wijk.name, config.title),
        subtitle: &wijk.summary,
        self_url: config.url(&format!("/{slug}/nieuws.xml")),
        page_url: config.url(&format!("/{slug}/")),
        updated: merged
            .news
            .first()
            .and_then(|c| c.start_date())
            .map_or_else(
                || rfc3339_day(newest_date(merged), config),
                |d| rfc3339_day(Some(d), config),
            ),
        lang: config.language.code(),
    };
    let entries: Vec<atom::AtomEntry> = merged
        .news
        .iter()
        .map(|c| atom::AtomEntry {
            id: config.url(&format!("/{slug}/{}/", c.slug)),
            title: &c.title,
            url: config.url(&format!("/{slug}/{}/", c.slug)),
            updated: rfc3339_day(c.start_date(), config),
            author: &c.department,
            summary: c.summary.as_deref().unwrap_or(""),
            content_html: &c.body_html,
            category: c.kind(),
        })
        .collect();
    sink.put(
        &format!("{slug}/nieuws.xml"),
        atom::feed(&feed, &entries).as_bytes(),
    )?;

    let data = json::wijk_json(merged, views);
    let text = serde_json::to_string_pretty(&data).map_err(|e| {
        BuildError::Template(format!(
            "{slug}/wijk.json kan niet worden gemaakt (technisch: {e})"
        ))
    })?;
    sink.put(&format!("{slug}/wijk.json"), text.as_bytes())
}

fn ics_event<'c>(c: &'c Contribution, views: &Views, host: &str) -> ics::IcsEvent<'c> {
    let When::Event { start, end } = &c.when else {
        unreachable_event()
    };
    ics::IcsEvent {
        uid: format!("{}-{}@{host}", views.wijk.slug, c.slug),
        summary: &c.title,
        description: description(c, views),
        location: c.location.as_deref(),
        url: views
            .config
            .url(&format!("/{}/{}/", views.wijk.slug, c.slug)),
        start: ics::IcsTime::Instant(start.timestamp()),
        end: end.as_ref().map(|e| ics::IcsTime::Instant(e.timestamp())),
        categories: &c.department,
    }
}

#[allow(clippy::panic)]
fn unreachable_event() -> ! {
    unreachable!("ics_event is only called for events")
}

fn description(c: &Contribution, views: &Views) -> String {
    let url = views
        .config
        .url(&format!("/{}/{}/", views.wijk.slug, c.slug));
    if c.teaser.is_empty() {
        url
    } else {
        format!("{}\n\n{url}", c.teaser)
    }
}

fn newest_date(merged: &MergedWijk) -> Option<jiff::civil::Date> {
    merged
        .contributions
        .iter()
        .flat_map(|c| [c.start_date(), c.end_date(), c.deadline])
        .flatten()
        .max()
}

fn rfc3339_day(date: Option<jiff::civil::Date>, config: &crate::config::Config) -> String {
    let date = date.unwrap_or(jiff::civil::date(2000, 1, 1));
    match date.to_zoned_datetime(config.timezone.clone()) {
        Ok(zoned) => super::dates::iso(&zoned),
        Err(_) => format!("{date}T00:00:00Z"),
    }
}

fn to_value<T: Serialize>(value: &T) -> Value {
    Value::from_serialize(value)
}

/// A page's content as named values.
fn fields(fields: &[(&'static str, Value)]) -> Value {
    fields.iter().cloned().collect()
}
