//! A contribution's own page, with schema.org data for events.

use minijinja::Value;

use super::items::ItemPage;
use super::{Page, WijkFrame, fields};
use crate::config::Config;
use crate::model::{Contribution, When, Wijk};
use crate::render::dates;
use crate::render::views::ItemView;

/// The contribution's page, shown under the agenda (events) or the timeline,
/// with its parts `own` made with the wijk's items.
pub(super) fn page<'a>(ctx: &WijkFrame<'a>, c: &'a Contribution, own: &ItemPage) -> Page {
    let item = &ctx.items.item(c).view;
    let json_ld =
        event_json_ld(c, item, ctx.merged.wijk, ctx.views.config).map(Value::from_safe_string);
    let current = if matches!(c.when, When::Event { .. }) {
        "agenda/"
    } else {
        "tijdlijn/"
    };
    let content = fields(&[
        ("item", own.item.clone()),
        ("lead", Value::from(c.summary.clone())),
        ("body_html", Value::from_safe_string(c.body_html.clone())),
        ("glossary", own.glossary.clone()),
        ("json_ld", json_ld.unwrap_or(Value::from(()))),
        ("made", own.made.clone()),
    ]);
    Page {
        template: "contribution.html",
        current,
        title: c.title.clone(),
        description: item.summary.clone(),
        content,
    }
}

/// An event as schema.org `Event` JSON-LD, safe inside a `<script>` element;
/// `None` for other contributions.
fn event_json_ld(
    c: &Contribution,
    item: &ItemView,
    wijk: &Wijk,
    config: &Config,
) -> Option<String> {
    let When::Event { start, end } = &c.when else {
        return None;
    };
    let mut data = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": c.title,
        "description": item.summary,
        "startDate": dates::iso(start),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": c.location, "address": c.location},
        "organizer": {"@type": "Organization", "name": config.title, "url": config.url(&format!("/{}/", wijk.slug))},
        "url": config.url(&format!("/{}/{}/", wijk.slug, c.slug)),
    });
    if let Some(end) = end {
        data["endDate"] = serde_json::Value::from(dates::iso(end));
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
