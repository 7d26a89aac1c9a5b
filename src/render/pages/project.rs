//! A project's page: its parts in order, each placed on the project's period.

use jiff::civil::Date;
use minijinja::Value;
use serde::Serialize;

use super::{Page, WijkFrame, fields, to_value};
use crate::geo::map::Focus;
use crate::merge::Project;
use crate::render::glossary::terms_used_in;
use crate::render::views::ItemView;
use crate::render::{markdown, timeline};

#[derive(Serialize)]
struct Part {
    item: ItemView,
    body_html: Value,
    /// Where the part lies in the project's period (as first planned, when
    /// an update moved its end).
    span: Option<timeline::Span>,
    /// Where its extension lies, when an update moved its end later.
    extra: Option<timeline::Span>,
}

/// The project's page, shown under the timeline in the wijk's menu.
pub(super) fn page<'a>(ctx: &WijkFrame<'a>, project: &Project<'a>) -> Page {
    let views = &ctx.views;
    let item = views.project_full(project, ctx.merged);
    let period = project.start.zip(project.end);
    let parts = parts(ctx, project, period);
    let text: Vec<&str> = std::iter::once(item.title.as_str())
        .chain(project.parts.iter().map(|c| c.body_markdown.as_str()))
        .collect();
    let glossary = terms_used_in(&ctx.merged.wijk.glossary, &text);
    let scale = period.map(|(start, end)| timeline::scale(start, end, views.today, views));
    let mut content = vec![
        ("item", to_value(&item)),
        ("parts", to_value(&parts)),
        ("scale", to_value(&scale)),
        ("glossary", to_value(&glossary)),
    ];
    content.extend(
        ctx.map(Focus::Project(&project.streets))
            .map(|m| ("map", m)),
    );
    Page {
        template: "project.html",
        current: "tijdlijn/",
        title: project.title.clone(),
        description: item.summary.clone(),
        content: fields(&content),
    }
}

/// The project's parts, each with its text (its headings from `<h4>` down)
/// and its span within `period`.
fn parts<'a>(
    ctx: &WijkFrame<'a>,
    project: &Project<'a>,
    period: Option<(Date, Date)>,
) -> Vec<Part> {
    project
        .parts
        .iter()
        .map(|c| Part {
            item: ctx.views.item_full(c, ctx.merged),
            span: period
                .zip(c.start_date().zip(c.planned_end().or(c.end_date())))
                .map(|((start, end), (from, to))| timeline::span(start, end, from, to)),
            extra: period.and_then(|(start, end)| {
                let planned = c.planned_end()?;
                let to = c.end_date().filter(|to| *to > planned)?;
                Some(timeline::span(start, end, planned.tomorrow().ok()?, to))
            }),
            body_html: Value::from_safe_string(
                markdown::render_linked(&c.body_markdown, 4, &c.slug, &c.links)
                    .unwrap_or_else(|_| c.body_html.clone()),
            ),
        })
        .collect()
}
