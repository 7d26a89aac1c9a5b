//! The list of a wijk's streets and each street's own page.

use minijinja::Value;
use serde::Serialize;

use super::items::Shown;
use super::{Page, WijkFrame, fields, to_value};
use crate::geo::map::Focus;
use crate::merge::StreetEntries;
use crate::render::glossary::terms_in_items;

#[derive(Serialize)]
struct StreetLink {
    name: String,
    url: String,
    count: usize,
}

/// Every street of the wijk with how much happens in it.
pub(super) fn list(ctx: &WijkFrame) -> Page {
    let streets: Vec<StreetLink> = ctx
        .merged
        .streets
        .iter()
        .map(|s| StreetLink {
            name: s.street.name.clone(),
            url: ctx.views.street_url(&s.street.slug),
            count: s.entries.len(),
        })
        .collect();
    Page {
        template: "straten.html",
        current: "straten/",
        title: ctx.t("streets_title"),
        description: ctx.t("streets_intro"),
        content: fields(&[("streets", to_value(&streets))]),
    }
}

/// One street: the timeline entries that touch it, its calendar, and a
/// link to its letter when it has one.
pub(super) fn street(ctx: &WijkFrame, street: &StreetEntries, letter_url: Option<String>) -> Page {
    let (merged, views) = (ctx.merged, &ctx.views);
    let entries: Vec<&Shown> = street.entries.iter().map(|e| ctx.items.entry(e)).collect();
    let ics_url = views.url(&format!("straten/{}/agenda.ics", street.street.slug));
    let mut content = vec![
        ("street", Value::from(street.street.name.clone())),
        (
            "glossary",
            to_value(&terms_in_items(
                &merged.wijk.glossary,
                entries.iter().map(|s| &s.view),
            )),
        ),
        ("entries", ctx.items.values(entries)),
        ("ics_url", Value::from(ics_url)),
        ("letter_url", Value::from(letter_url)),
    ];
    content.extend(
        ctx.map(Focus::Street(&street.street.name))
            .map(|m| ("map", m)),
    );
    let content = fields(&content);
    Page {
        template: "straat.html",
        current: "straten/",
        title: street.street.name.clone(),
        description: ctx.t("street_intro"),
        content,
    }
}
