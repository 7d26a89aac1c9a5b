//! A wijk's files besides its pages: the calendars (`agenda.ics`, one per
//! event, one per street), the news feed, `wijk.json` and the wijk's
//! `sitemap.xml`. The formats themselves are in [`crate::feeds`].

use std::collections::HashMap;

use jiff::Timestamp;
use jiff::civil::Date;

use super::WijkFrame;
use crate::config::Config;
use crate::error::BuildError;
use crate::feeds::{atom, ics, json, sitemap};
use crate::merge::{MergedWijk, StreetEntries};
use crate::model::{Contribution, Status, When};
use crate::render::dates;
use crate::render::views::Views;

/// Writes the wijk's calendars, news feed and `wijk.json`.
pub(super) fn write_feeds(ctx: &WijkFrame) -> Result<(), BuildError> {
    let stamp = newest_date(ctx.merged)
        .and_then(|d| d.to_zoned_datetime(jiff::tz::TimeZone::UTC).ok())
        .map_or(Timestamp::UNIX_EPOCH, |z| z.timestamp());
    let host = host(&ctx.views.config.base_url);
    write_calendars(ctx, stamp, &host)?;
    // Each street's contributions, found in one pass (not one per street).
    let mut by_street: HashMap<&str, Vec<&Contribution>> = HashMap::new();
    for c in &ctx.merged.contributions {
        for street in &c.streets {
            let list = by_street.entry(street.as_str()).or_default();
            if !list.last().is_some_and(|last| std::ptr::eq(*last, *c)) {
                list.push(c);
            }
        }
    }
    for street in &ctx.merged.streets {
        let touching = by_street.get(street.street.name.as_str());
        write_street_calendar(
            ctx,
            street,
            touching.map_or(&[], Vec::as_slice),
            stamp,
            &host,
        )?;
    }
    write_news(ctx)?;
    let data = json::wijk_json(ctx.merged, &ctx.views);
    let slug = &ctx.merged.wijk.slug;
    let text = serde_json::to_string_pretty(&data).map_err(|e| {
        BuildError::Template(format!(
            "{slug}/wijk.json kan niet worden gemaakt (technisch: {e})"
        ))
    })?;
    ctx.sink
        .put(&format!("{slug}/wijk.json"), text.as_bytes())?;
    if let Some(geojson) = crate::geo::werk::werk_geojson(ctx.merged, &ctx.views) {
        ctx.sink.put(
            &format!("{slug}/{}", crate::geo::werk::FILE),
            geojson.as_bytes(),
        )?;
    }
    Ok(())
}

/// Writes the wijk's `sitemap.xml`: the address of each of `pages`, sorted.
pub(super) fn write_sitemap(ctx: &WijkFrame, pages: &[String]) -> Result<(), BuildError> {
    let config = ctx.views.config;
    let mut urls: Vec<String> = pages.iter().map(|p| config.url(p)).collect();
    urls.sort();
    ctx.sink.put(
        &format!("{}/sitemap.xml", ctx.merged.wijk.slug),
        sitemap::sitemap(&urls).as_bytes(),
    )
}

/// The host of the site's address (`www.example.nl`), for calendar UIDs.
fn host(base_url: &str) -> String {
    base_url
        .split("://")
        .nth(1)
        .unwrap_or("")
        .split('/')
        .next()
        .unwrap_or("")
        .to_string()
}

/// `agenda.ics` with every event of the wijk, and one `.ics` per event.
fn write_calendars(ctx: &WijkFrame, stamp: Timestamp, host: &str) -> Result<(), BuildError> {
    let (merged, views, config) = (ctx.merged, &ctx.views, ctx.views.config);
    let wijk = merged.wijk;
    let slug = &wijk.slug;
    let mut calendar = ics::Calendar::new(&format!("{} - {}", wijk.name, config.title), stamp);
    for c in &merged.events {
        if let Some(event) = ics_event(c, views, host) {
            calendar.event(&event);
        }
    }
    ctx.sink
        .put(&format!("{slug}/agenda.ics"), calendar.finish().as_bytes())?;
    for c in &merged.events {
        let mut single = ics::Calendar::new(&c.title, stamp);
        if let Some(event) = ics_event(c, views, host) {
            single.event(&event);
        }
        ctx.sink.put(
            &format!("{slug}/{}.ics", c.slug),
            single.finish().as_bytes(),
        )?;
    }
    Ok(())
}

/// One street's `agenda.ics`: the events and works that touch it.
fn write_street_calendar(
    ctx: &WijkFrame,
    street: &StreetEntries,
    touching: &[&Contribution],
    stamp: Timestamp,
    host: &str,
) -> Result<(), BuildError> {
    let (merged, config) = (ctx.merged, ctx.views.config);
    let wijk = merged.wijk;
    let name = &street.street.name;
    let mut calendar =
        ics::Calendar::new(&format!("{name}, {} - {}", wijk.name, config.title), stamp);
    for c in touching {
        match &c.when {
            When::Event { .. } => {
                if let Some(event) = ics_event(c, &ctx.views, host) {
                    calendar.event(&event);
                }
            }
            // A cancelled job leaves the street's calendar.
            When::Works { .. } if c.status == Some(Status::Geannuleerd) => {}
            When::Works { start, .. } => calendar.event(&ics::IcsEvent {
                uid: format!("{}@{host}", c.identity(&wijk.slug).replace('/', "-")),
                summary: &c.title,
                description: description(c, &ctx.views),
                location: Some(name),
                url: config.url(&format!("/{}/{}/", wijk.slug, c.slug)),
                start: ics::IcsTime::Date(*start),
                end: c.end_date().map(ics::IcsTime::Date),
                categories: &c.department,
            }),
            _ => {}
        }
    }
    ctx.sink.put(
        &format!("{}/straten/{}/agenda.ics", wijk.slug, street.street.slug),
        calendar.finish().as_bytes(),
    )
}

/// The wijk's news as an Atom feed, `nieuws.xml`: news and decisions, and
/// every other contribution with updates (a delayed job), each entry
/// `<updated>` on the day of its newest update. Newest first.
fn write_news(ctx: &WijkFrame) -> Result<(), BuildError> {
    let (merged, config) = (ctx.merged, ctx.views.config);
    let wijk = merged.wijk;
    let slug = &wijk.slug;
    let mut items: Vec<(Date, &Contribution)> = merged
        .news
        .iter()
        .chain(merged.contributions.iter().filter(|c| {
            !c.updates.is_empty() && !matches!(c.when, When::News { .. } | When::Decision { .. })
        }))
        .filter_map(|c| Some((changed_on(c)?, *c)))
        .collect();
    // Stable: news of one day keep their order.
    items.sort_by_key(|(day, _)| std::cmp::Reverse(*day));
    let feed = atom::AtomFeed {
        title: format!("{} - {}", wijk.name, config.title),
        subtitle: &wijk.summary,
        self_url: config.url(&format!("/{slug}/nieuws.xml")),
        page_url: config.url(&format!("/{slug}/")),
        updated: rfc3339_day(
            items.first().map(|(day, _)| *day).or(newest_date(merged)),
            config,
        ),
        lang: config.language.code(),
    };
    let updates: Vec<String> = items.iter().map(|(_, c)| updates_html(c, ctx)).collect();
    let entries: Vec<atom::AtomEntry> = items
        .iter()
        .zip(&updates)
        .map(|((day, c), updates)| atom::AtomEntry {
            id: config.url(&format!("/{}/", c.identity(slug))),
            title: &c.title,
            url: config.url(&format!("/{slug}/{}/", c.slug)),
            updated: rfc3339_day(Some(*day), config),
            author: &c.department,
            summary: c.summary.as_deref().unwrap_or(""),
            updates_html: updates,
            content_html: &c.body_html,
            category: c.kind(),
        })
        .collect();
    ctx.sink.put(
        &format!("{slug}/nieuws.xml"),
        atom::feed(&feed, &entries).as_bytes(),
    )
}

/// The day a feed entry last changed: its newest update, else its date.
fn changed_on(c: &Contribution) -> Option<Date> {
    let update = c.latest_update().map(|u| u.date);
    match (c.start_date(), update) {
        (Some(day), Some(update)) if c.kind() == "news" || c.kind() == "decision" => {
            Some(day.max(update))
        }
        (_, Some(update)) => Some(update),
        (day, None) => day,
    }
}

/// The HTML a feed entry's content starts with: its updates (newest
/// first), or nothing. The body follows it.
fn updates_html(c: &Contribution, ctx: &WijkFrame) -> String {
    if c.updates.is_empty() {
        return String::new();
    }
    let language = ctx.views.config.language;
    let mut html = format!("<h2>{}</h2>\n<ul>\n", ctx.t("updates_title"));
    for u in &c.updates {
        html.push_str("<li><strong>");
        html.push_str(&dates::date(u.date, language));
        html.push_str(":</strong> ");
        html.push_str(&u.html);
        html.push_str("</li>\n");
    }
    html.push_str("</ul>\n");
    html
}

fn ics_event<'c>(c: &'c Contribution, views: &Views, host: &str) -> Option<ics::IcsEvent<'c>> {
    let When::Event { start, end } = &c.when else {
        return None;
    };
    Some(ics::IcsEvent {
        uid: format!("{}@{host}", c.identity(&views.wijk.slug).replace('/', "-")),
        summary: &c.title,
        description: description(c, views),
        location: c.location.as_deref(),
        url: views
            .config
            .url(&format!("/{}/{}/", views.wijk.slug, c.slug)),
        start: ics::IcsTime::Instant(start.timestamp()),
        // Without `end` the event lasts `event_minutes`: a calendar entry
        // of zero length is easy to miss.
        end: Some(ics::IcsTime::Instant(match end {
            Some(end) => end.timestamp(),
            None => start
                .timestamp()
                .checked_add(jiff::SignedDuration::from_mins(views.config.event_minutes))
                .unwrap_or(start.timestamp()),
        })),
        categories: &c.department,
    })
}

/// A calendar item's description: the teaser, then the page's address.
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

fn newest_date(merged: &MergedWijk) -> Option<Date> {
    merged
        .contributions
        .iter()
        .flat_map(|c| [c.start_date(), c.end_date(), c.deadline])
        .flatten()
        .max()
}

fn rfc3339_day(date: Option<Date>, config: &Config) -> String {
    let date = date.unwrap_or(jiff::civil::date(2000, 1, 1));
    match date.to_zoned_datetime(config.timezone.clone()) {
        Ok(zoned) => dates::iso(&zoned),
        Err(_) => format!("{date}T00:00:00Z"),
    }
}
