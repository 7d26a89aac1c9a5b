//! The files at the site's root: the overview of all wijken, the 404 page,
//! the legal pages, `sitemap.xml` and `robots.txt`.

use serde::Serialize;

use super::{Frame, fields, to_value};
use crate::error::BuildError;
use crate::feeds::sitemap;
use crate::model::{Street, Wijk};
use crate::output::Sink;

/// A wijk as the overview lists it.
#[derive(Debug, Clone, Serialize)]
pub struct WijkCard {
    pub slug: String,
    pub name: String,
    pub summary: String,
    /// The wijk's contact person and role, so residents see a face per wijk.
    pub contact: String,
    pub contact_role: Option<String>,
    /// The wijk's streets, for the municipality's street index.
    #[serde(skip)]
    pub streets: Vec<Street>,
}

impl WijkCard {
    pub fn of(wijk: &Wijk) -> WijkCard {
        WijkCard {
            slug: wijk.slug.clone(),
            name: wijk.name.clone(),
            summary: wijk.summary.clone(),
            contact: wijk.contact.name.clone(),
            contact_role: wijk.contact.role.clone(),
            streets: wijk.streets.clone(),
        }
    }
}

/// Renders `/` (when `with_overview`), `/404.html`, `sitemap.xml` and
/// `robots.txt`. The sitemap lists every page in `pages` (the root pages
/// added), or, when that would be more than one sitemap may list
/// ([`sitemap::MOST_URLS`]) or `pages` is `None` (the build stopped keeping
/// them past that), indexes the wijken's own sitemaps, as the root of a
/// split build does. Returns how many pages of the root it made.
pub fn render_root(
    frame: &Frame,
    wijken: &[WijkCard],
    pages: Option<&mut Vec<String>>,
    with_overview: bool,
    sink: &dyn Sink,
) -> Result<usize, BuildError> {
    render_root_pages(frame, wijken, with_overview, sink)?;
    let root_pages = [
        "/",
        "/toegankelijkheid/",
        "/privacy/",
        super::all_streets::PATH,
    ];
    let root_pages = if with_overview { &root_pages[..] } else { &[] };
    let config = &frame.renderer.config;
    match pages.filter(|p| p.len() + root_pages.len() <= sitemap::MOST_URLS) {
        Some(pages) => {
            pages.extend(root_pages.iter().map(|p| p.to_string()));
            pages.sort();
            let urls: Vec<String> = pages.iter().map(|p| config.url(p)).collect();
            sink.put("sitemap.xml", sitemap::sitemap(&urls).as_bytes())?;
        }
        None => write_sitemap_index(frame, wijken, sink)?,
    }
    sink.put(
        "robots.txt",
        sitemap::robots(&config.url("/sitemap.xml")).as_bytes(),
    )?;
    Ok(root_pages.len())
}

/// The root of a split build (`build --overview-only`): `/`, `/404.html`,
/// `robots.txt` and a `sitemap.xml` that indexes every wijk's own sitemap.
pub fn render_root_index(
    frame: &Frame,
    wijken: &[WijkCard],
    sink: &dyn Sink,
) -> Result<(), BuildError> {
    render_root_pages(frame, wijken, true, sink)?;
    write_sitemap_index(frame, wijken, sink)?;
    let config = &frame.renderer.config;
    sink.put(
        "robots.txt",
        sitemap::robots(&config.url("/sitemap.xml")).as_bytes(),
    )
}

/// `sitemap.xml` as an index of the wijken's own sitemaps.
fn write_sitemap_index(
    frame: &Frame,
    wijken: &[WijkCard],
    sink: &dyn Sink,
) -> Result<(), BuildError> {
    let config = &frame.renderer.config;
    let sitemaps: Vec<String> = wijken
        .iter()
        .map(|w| config.url(&format!("/{}/sitemap.xml", w.slug)))
        .collect();
    sink.put("sitemap.xml", sitemap::sitemap_index(&sitemaps).as_bytes())
}

/// The overview (when `with_overview`) and the 404 page.
fn render_root_pages(
    frame: &Frame,
    wijken: &[WijkCard],
    with_overview: bool,
    sink: &dyn Sink,
) -> Result<(), BuildError> {
    let config = &frame.renderer.config;
    if with_overview {
        // Files of the site's root: a partial build (`--wijk`) leaves them
        // to the root job, so putting the parts together never mixes them.
        super::legal::render_legal(frame, wijken, sink)?;
        let headers = crate::publishing::headers::headers_file(config, &frame.renderer.assets);
        sink.put(crate::publishing::headers::PATH, headers.as_bytes())?;
    }
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
    let parts = frame.root_parts()?;
    if with_overview {
        super::all_streets::render(frame, wijken, sink)?;
        let content = fields(&[
            ("wijken", to_value(&links)),
            (
                "streets_url",
                to_value(&config.path(super::all_streets::PATH)),
            ),
        ]);
        frame.page(
            sink,
            "index.html",
            "index.html",
            None,
            &parts,
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
        &parts,
        frame.t["not_found_title"],
        frame.t["not_found_text"],
        fields(&[]),
    )
}
