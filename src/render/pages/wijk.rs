//! The pages of a wijk's menu made from its timeline and events: the home
//! page, the timeline, the agenda and the contact page.

use jiff::civil::Date;
use minijinja::Value;
use serde::Serialize;

use super::items::Shown;
use super::{Page, WijkFrame, fields, to_value};
use crate::geo::map::Focus;
use crate::merge::MergedWijk;
use crate::model::Contribution;
use crate::render::glossary::{Term, terms_in_items};
use crate::render::timeline;
use crate::render::views::ItemView;

#[derive(Serialize)]
struct HomeContent {
    body_html: Value,
    now: Value,
    next_events: Value,
    news: Value,
    support: Value,
    glossary: Vec<Term>,
    #[serde(skip_serializing_if = "Option::is_none")]
    map: Option<Value>,
}

/// The wijk's home page: what runs now, the next events, news and support.
pub(super) fn home(ctx: &WijkFrame) -> Page {
    let (merged, views, shown) = (ctx.merged, &ctx.views, &ctx.items);
    let wijk = merged.wijk;
    let items = |list: &[&Contribution]| shown.values(list.iter().map(|c| shown.item(c)));
    let upcoming = upcoming(merged, views.today);
    let home = HomeContent {
        body_html: Value::from_safe_string(wijk.body_html.clone()),
        now: shown.values(
            merged
                .timeline
                .iter()
                .map(|e| shown.entry(e))
                .filter(|s| s.view.kind == "works" || s.view.kind == "project")
                .filter(|s| match s.view.status {
                    // Done or cancelled by `status`, even before the end.
                    "past" | "cancelled" => false,
                    // Delayed or halted work goes on past its (updated) end.
                    "delayed" | "halted" => started(&s.view, views.today),
                    _ => running(&s.view, views.today),
                }),
        ),
        next_events: items(&upcoming[..upcoming.len().min(3)]),
        news: items(&merged.news[..merged.news.len().min(3)]),
        support: items(&merged.support),
        glossary: wijk
            .glossary
            .iter()
            .map(|(w, m)| Term {
                word: w.clone(),
                meaning: m.clone(),
            })
            .collect(),
        map: ctx.map(Focus::Wijk),
    };
    Page {
        template: "wijk.html",
        current: "",
        title: wijk.name.clone(),
        description: wijk.summary.clone(),
        content: to_value(&home),
    }
}

/// The timeline: everything that happens in the wijk, grouped by period.
pub(super) fn timeline(ctx: &WijkFrame) -> Page {
    let shown = &ctx.items;
    let groups = timeline::groups(&ctx.views, ctx.merged, |e| shown.entry(e).value.clone());
    let glossary = terms_in_items(
        &ctx.merged.wijk.glossary,
        ctx.merged.timeline.iter().map(|e| &shown.entry(e).view),
    );
    Page {
        template: "tijdlijn.html",
        current: "tijdlijn/",
        title: ctx.t("timeline_title"),
        description: ctx.t("timeline_intro"),
        content: fields(&[
            ("glossary", to_value(&glossary)),
            ("groups", to_value(&groups)),
        ]),
    }
}

/// The agenda: the coming events, then the past ones, newest first.
pub(super) fn agenda(ctx: &WijkFrame) -> Page {
    let (merged, views, shown) = (ctx.merged, &ctx.views, &ctx.items);
    let past = shown.values(
        merged
            .events
            .iter()
            .rev()
            .filter(|c| event_is_past(c, views.today))
            .map(|c| shown.item(c)),
    );
    let upcoming: Vec<&Shown> = upcoming(merged, views.today)
        .iter()
        .map(|c| shown.item(c))
        .collect();
    let glossary = terms_in_items(&merged.wijk.glossary, upcoming.iter().map(|s| &s.view));
    let upcoming = shown.values(upcoming);
    Page {
        template: "agenda.html",
        current: "agenda/",
        title: ctx.t("agenda_title"),
        description: ctx.t("agenda_intro"),
        content: fields(&[
            ("glossary", to_value(&glossary)),
            ("upcoming", upcoming),
            ("past", past),
        ]),
    }
}

/// Whom to ask: the wijk's contact person (the template reads the wijk).
pub(super) fn contact(ctx: &WijkFrame) -> Page {
    Page {
        template: "contact.html",
        current: "contact/",
        title: ctx.t("contact_title"),
        description: ctx.t("contact_intro"),
        content: fields(&[]),
    }
}

/// The wijk's events that have not ended before `today`, in calendar order.
fn upcoming<'a>(merged: &MergedWijk<'a>, today: Date) -> Vec<&'a Contribution> {
    merged
        .events
        .iter()
        .copied()
        .filter(|c| !event_is_past(c, today))
        .collect()
}

fn started(item: &ItemView, today: Date) -> bool {
    item.when
        .as_ref()
        .and_then(|when| when.start.get(..10)?.parse::<Date>().ok())
        .is_some_and(|start| start <= today)
}

fn running(item: &ItemView, today: Date) -> bool {
    let Some(when) = &item.when else { return false };
    let start: Date = when
        .start
        .get(..10)
        .and_then(|s| s.parse().ok())
        .unwrap_or(Date::MAX);
    let end: Date = when
        .end
        .as_deref()
        .and_then(|s| s.get(..10)?.parse().ok())
        .unwrap_or(start);
    start <= today && today <= end
}

fn event_is_past(c: &Contribution, today: Date) -> bool {
    c.end_date().is_some_and(|end| end < today)
}
