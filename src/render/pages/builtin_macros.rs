//! The macros of the built-in `macros.html` that the build calls itself (an
//! item's card, and the tags, facts, buttons, extension bar and word box of
//! a contribution's own page), written out directly. They give the bytes
//! the template gives, without the template engine, which spends some
//! twenty thousand instructions on a card. Used only while the site keeps
//! the built-in `macros.html`: a site with its own gets its own macros.
//! `tests/suite/render_once.rs` builds every fixture both ways and compares.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::render::glossary::Term;
use crate::render::templates::escape_html_into;
use crate::render::views::{ItemView, WhenView};

/// The interface texts, by key ([`crate::render::strings::strings`]).
pub(super) type TextTable = BTreeMap<&'static str, &'static str>;

/// The interface text `key` (empty for an unknown key, as a template
/// shows it).
fn say<'t>(t: &'t TextTable, key: &str) -> &'t str {
    t.get(key).copied().unwrap_or_default()
}

/// Writes `text` escaped, as `{{ text }}` does.
fn text(out: &mut String, text: &str) {
    escape_html_into(out, text);
}

/// Whether an optional text shows: `{% if x %}` on a string is false for
/// none and for the empty string.
fn shown(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|s| !s.is_empty())
}

/// The start of one fact of a `facts` list, up to its value:
/// `<div><dt>term</dt><dd>`.
fn fact(out: &mut String, term: &str) {
    out.push_str("<div><dt>");
    text(out, term);
    out.push_str("</dt><dd>");
}

/// `<time datetime="start">text</time>`.
fn time(out: &mut String, when: &WhenView) {
    out.push_str("<time datetime=\"");
    text(out, &when.start);
    out.push_str("\">");
    text(out, &when.text);
    out.push_str("</time>");
}

/// ` <span class="planned-end">(tot eerst X)</span>` when the end moved.
fn planned_end(out: &mut String, t: &TextTable, planned_end: &Option<String>) {
    if let Some(end) = shown(planned_end) {
        out.push_str(" <span class=\"planned-end\">(");
        text(out, say(t, "planned_until"));
        out.push(' ');
        text(out, end);
        out.push_str(")</span>");
    }
}

/// The `card` macro (`level` 3, as the build calls it).
pub(super) fn card(item: &ItemView, t: &TextTable) -> String {
    let mut out = String::with_capacity(1024);
    out.push_str("<article class=\"card card-");
    text(&mut out, item.kind);
    out.push_str(" status-");
    text(&mut out, item.status);
    out.push_str("\">\n");
    if let (true, Some(when)) = (item.kind == "event", &item.when) {
        let _ = write!(
            out,
            "<p class=\"date-tile\" aria-hidden=\"true\"><span class=\"date-tile-day\">{}</span> <span class=\"date-tile-month\">",
            when.day
        );
        text(&mut out, when.month);
        out.push_str("</span></p>");
    }
    out.push_str("  <div class=\"card-body\">\n    <h3 class=\"card-title\"><a href=\"");
    text(&mut out, &item.url);
    out.push_str("\">");
    text(&mut out, &item.title);
    out.push_str("</a></h3>\n    ");
    tags(&mut out, item, t, true);
    out.push('\n');
    if !item.summary.is_empty() {
        out.push_str("<p class=\"card-summary\">");
        text(&mut out, &item.summary);
        out.push_str("</p>");
    }
    latest_update(&mut out, item, t);
    extension_bar(&mut out, item, t);
    out.push_str("    ");
    facts(&mut out, item, t, false);
    out.push('\n');
    if !item.parts.is_empty() {
        parts_list(&mut out, &item.parts, t);
    }
    out.push_str("    ");
    actions(&mut out, item, t, true);
    out.push_str("\n  </div>\n</article>\n");
    out
}

/// The `tags` macro.
pub(super) fn tags(out: &mut String, item: &ItemView, t: &TextTable, with_when: bool) {
    out.push_str("<p class=\"tags\">\n  <span class=\"label label-");
    text(out, item.kind);
    out.push_str("\">");
    text(out, item.kind_label);
    out.push_str("</span>\n");
    let event = item.kind == "event";
    if item.status == "now" {
        out.push_str("<span class=\"label label-now\">");
        text(out, say(t, if event { "timeline_today" } else { "now" }));
        out.push_str("</span>");
    }
    if item.status == "past" {
        let label = match item.kind {
            "event" => "past_event",
            "support" => "past_support",
            _ => "past_works",
        };
        out.push_str("<span class=\"label label-past\">");
        text(out, say(t, label));
        out.push_str("</span>");
    }
    if let Some(label) = item.state_label.filter(|l| !l.is_empty()) {
        out.push_str("<span class=\"label label-state label-");
        text(out, item.state.unwrap_or("None"));
        out.push_str("\">");
        text(out, label);
        out.push_str("</span>");
    }
    if item.draft {
        out.push_str("<span class=\"label label-draft\">");
        text(out, say(t, "draft_label"));
        out.push_str("</span>");
    }
    if let Some(scheduled) = shown(&item.scheduled) {
        out.push_str("<span class=\"label label-scheduled\">");
        text(out, say(t, "scheduled_label"));
        out.push_str(": ");
        text(out, scheduled);
        out.push_str("</span>");
    }
    if let (true, Some(when)) = (with_when, &item.when) {
        out.push_str("<span class=\"tags-when\">");
        time(out, when);
        planned_end(out, t, &item.planned_end);
        out.push_str("</span>");
    }
    out.push_str("</p>\n");
}

/// The `facts` macro.
pub(super) fn facts(out: &mut String, item: &ItemView, t: &TextTable, full: bool) {
    out.push_str(if full {
        "<dl class=\"facts\">\n"
    } else {
        "<dl class=\"facts facts-compact\">\n"
    });
    if let (true, Some(when)) = (full, &item.when) {
        fact(out, say(t, "when"));
        time(out, when);
        planned_end(out, t, &item.planned_end);
        out.push_str("</dd></div>");
    }
    if let Some(location) = shown(&item.location) {
        fact(out, say(t, "location"));
        text(out, location);
        out.push_str("</dd></div>");
    }
    if let Some(deadline) = &item.deadline {
        fact(out, say(t, "deadline"));
        time(out, deadline);
        out.push_str("</dd></div>");
    }
    if !item.streets.is_empty() {
        fact(out, say(t, "streets_label"));
        for (i, street) in item.streets.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str("<a href=\"");
            text(out, &street.url);
            out.push_str("\">");
            text(out, &street.label);
            out.push_str("</a>");
        }
        if item.streets_more > 0 {
            out.push_str(" <a href=\"");
            text(out, &item.url);
            out.push_str("\">");
            let more = say(t, "streets_more").replace("{n}", &item.streets_more.to_string());
            text(out, &more);
            out.push_str("</a>");
        }
        out.push_str("</dd></div>");
    }
    if item.kind == "project" {
        out.push_str("  <div><dt>");
        text(out, say(t, "project_together"));
        out.push_str("</dt><dd><ul class=\"departments\">");
        for department in &item.departments {
            out.push_str("<li>");
            text(out, department);
            out.push_str("</li>");
        }
        out.push_str("</ul></dd></div>\n");
    } else {
        out.push_str("  <div><dt>");
        text(out, say(t, "from"));
        out.push_str("</dt><dd>");
        text(out, &item.departments.join(", "));
        out.push_str("</dd></div>\n");
    }
    out.push_str("</dl>\n");
}

/// The `actions` macro: nothing when there is no button to show.
pub(super) fn actions(out: &mut String, item: &ItemView, t: &TextTable, hidden_title: bool) {
    let past = item.status == "past";
    let ics = shown(&item.ics_url);
    let signup = shown(&item.signup).filter(|_| !past);
    if ics.is_none() && signup.is_none() {
        return;
    }
    let title = |out: &mut String| {
        if hidden_title {
            out.push_str("<span class=\"visually-hidden\">: ");
            text(out, &item.title);
            out.push_str("</span>");
        }
    };
    out.push_str("<p class=\"actions\">\n");
    if let Some(ics) = ics {
        out.push_str(if past {
            "<a class=\"button button-secondary\" href=\""
        } else {
            "<a class=\"button\" href=\""
        });
        text(out, ics);
        out.push_str("\" download>");
        text(out, say(t, "add_to_calendar"));
        title(out);
        out.push_str("</a>");
    }
    if let Some(signup) = signup {
        out.push_str("<a class=\"button button-secondary\" href=\"");
        text(out, signup);
        out.push_str("\">");
        text(out, say(t, "signup"));
        title(out);
        out.push_str("</a>");
    }
    out.push_str("</p>\n");
}

/// The `latest_update` macro: the newest update, if there is one.
fn latest_update(out: &mut String, item: &ItemView, t: &TextTable) {
    let Some(update) = item.updates.first() else {
        return;
    };
    out.push_str("<p class=\"update\"><strong>");
    text(out, say(t, "update_label"));
    out.push_str(" (");
    time(out, &update.when);
    out.push_str("):</strong> ");
    out.push_str(&update.html);
    out.push_str("</p>\n");
}

/// The `extension_bar` macro (with `extension_svg`): nothing without an
/// extension.
pub(super) fn extension_bar(out: &mut String, item: &ItemView, t: &TextTable) {
    let Some(extension) = &item.extension else {
        return;
    };
    let _ = write!(
        out,
        "<div class=\"extension\">\n  <svg class=\"bar-svg\" width=\"100%\" height=\"14\" aria-hidden=\"true\" focusable=\"false\"><rect class=\"bar-track-rect\" x=\"0\" y=\"1\" width=\"100%\" height=\"12\"/><rect class=\"bar-planned\" x=\"{}%\" y=\"1\" width=\"{}%\" height=\"12\"/><rect class=\"bar-extra\" x=\"{}%\" y=\"2\" width=\"{}%\" height=\"10\"/></svg>\n  <p class=\"extension-legend\"><span class=\"key key-planned\">",
        extension.planned.from,
        extension.planned.width,
        extension.extra.from,
        extension.extra.width
    );
    text(out, say(t, "planned_part"));
    out.push_str(": ");
    text(out, say(t, "until"));
    out.push(' ');
    text(out, &extension.planned_end);
    out.push_str("</span> <span class=\"key key-extra\">");
    text(out, say(t, "extension"));
    out.push_str(": ");
    text(out, say(t, "now_until"));
    out.push(' ');
    text(out, &extension.end);
    out.push_str("</span></p>\n</div>\n");
}

/// The `parts_list` macro.
fn parts_list(out: &mut String, parts: &[ItemView], t: &TextTable) {
    out.push_str("<ol class=\"parts\">\n");
    for part in parts {
        out.push_str("  <li>\n    <span class=\"part-from\">");
        text(out, &part.departments.join(", "));
        out.push_str(
            "<span class=\"visually-hidden\">:</span></span>\n    <a class=\"part-title\" href=\"",
        );
        text(out, &part.url);
        out.push_str("\">");
        text(out, &part.title);
        out.push_str("</a>\n    <span class=\"part-when\">");
        text(out, part.kind_label);
        if let Some(when) = &part.when {
            out.push_str(", ");
            time(out, when);
            planned_end(out, t, &part.planned_end);
        }
        if let Some(label) = part.state_label.filter(|l| !l.is_empty()) {
            out.push_str(", <strong>");
            text(out, &label.to_lowercase());
            out.push_str("</strong>");
        }
        out.push_str("</span>\n  </li>\n");
    }
    out.push_str("</ol>\n");
}

/// The `glossary_box` macro with its default heading and no introduction:
/// nothing without terms.
pub(super) fn glossary_box(out: &mut String, terms: &[Term], t: &TextTable) {
    if terms.is_empty() {
        return;
    }
    out.push_str("<section class=\"explain\" aria-labelledby=\"uitleg\">\n  <h2 id=\"uitleg\">");
    text(out, say(t, "glossary"));
    out.push_str("</h2>\n  <dl>\n");
    for term in terms {
        out.push_str("<div><dt><dfn>");
        text(out, &term.word);
        out.push_str("</dfn></dt><dd>");
        text(out, &term.meaning);
        out.push_str("</dd></div>");
    }
    out.push_str("  </dl>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use minijinja::{Environment, Value};

    use super::*;
    use crate::config::Language;
    use crate::render::item_value::item_value;
    use crate::render::strings::{self, strings};
    use crate::render::templates::{TEMPLATES, html_formatter};
    use crate::render::timeline::Span;
    use crate::render::views::{Extension, Link, UpdateView};

    /// The template environment of a build, with only the built-in macros.
    fn environment() -> Environment<'static> {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
        env.set_formatter(html_formatter);
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
        let macros = TEMPLATES.iter().find(|(name, _)| *name == "macros.html");
        env.add_template("macros.html", macros.expect("built in").1)
            .expect("the built-in macros");
        env
    }

    /// A text with what must be escaped or left out, or a plain one.
    fn hostile(n: u32, plain: &str) -> String {
        match n % 4 {
            0 => plain.to_string(),
            1 => format!("{plain} <b>&amp;</b> \"x\" 'y'"),
            2 => format!("É{plain}\u{1}\u{fffe}ĳ"),
            _ => String::new(),
        }
    }

    fn when(n: u32) -> WhenView {
        WhenView {
            text: hostile(n, "9 december 2026"),
            start: "2026-12-09T19:30:00+01:00".into(),
            end: None,
            day: (n % 31 + 1) as i8,
            month: "dec",
        }
    }

    /// The `n`th of a varied set of views: every kind and status, fields
    /// present, absent or empty, and texts with markup in them.
    fn view(n: u32, with_parts: bool) -> ItemView {
        let bit = |b: u32| (n.wrapping_mul(2_654_435_761) >> b) & 1 == 1;
        let kinds = ["event", "works", "support", "news", "decision", "project"];
        let statuses = ["now", "past", "coming", "none"];
        let states = [
            "gepland",
            "bezig",
            "vertraagd",
            "stilgelegd",
            "klaar",
            "geannuleerd",
        ];
        let text = |b: u32, plain: &str| bit(b).then(|| hostile(n / 3 + b, plain));
        ItemView {
            kind: kinds[n as usize % kinds.len()],
            kind_label: "Werk",
            title: hostile(n + 1, "Riool vervangen"),
            url: "/wijk/riool/?a=1&b=2".into(),
            summary: hostile(n / 2, "Wat er gebeurt."),
            departments: (0..n % 3).map(|d| hostile(d + n, "Afdeling")).collect(),
            streets: (0..n % 4)
                .map(|s| Link {
                    label: hostile(s, "Bloemstraat"),
                    url: format!("/wijk/straten/{s}/"),
                    current: false,
                })
                .collect(),
            streets_more: if bit(1) { (n % 13) as usize } else { 0 },
            when: bit(2).then(|| when(n)),
            location: text(3, "Buurthuis"),
            signup: text(4, "https://aanmelden.example/?x=1&y=2"),
            deadline: bit(5).then(|| when(n + 1)),
            draft: bit(6),
            status: statuses[(n / 6) as usize % statuses.len()],
            ics_url: text(7, "/wijk/a.ics"),
            project: None,
            parts: if with_parts && bit(8) {
                (0..n % 4).map(|p| view(n * 7 + p, false)).collect()
            } else {
                Vec::new()
            },
            state: bit(9).then(|| states[n as usize % states.len()]),
            state_label: bit(10).then_some("Vertraagd"),
            planned_end: text(11, "30 juni 2027"),
            extension: bit(12).then(|| Extension {
                planned: Span {
                    from: 0,
                    width: (n % 100) as u8,
                },
                extra: Span {
                    from: (n % 100) as u8,
                    width: 7,
                },
                planned_end: hostile(n, "1 mei 2027"),
                end: "1 juli 2027".into(),
            }),
            updates: (0..n % 3)
                .map(|u| UpdateView {
                    when: when(n + u),
                    html: "Het werk <em>duurt</em> langer &amp; later.".into(),
                    end: None,
                })
                .collect(),
            scheduled: text(13, "1 januari 2027"),
            card: None,
        }
    }

    #[test]
    fn the_macros_written_out_give_what_the_template_gives() {
        let env = environment();
        let template = env
            .template_from_str(
                "{% from \"macros.html\" import card, tags, facts, actions, extension_bar, glossary_box %}\
                 {{ card(item, t) }}|{{ tags(item, t, false) }}|{{ tags(item, t) }}|{{ facts(item, t, true) }}|\
                 {{ facts(item, t) }}|{{ actions(item, t, false) }}|{{ actions(item, t) }}|\
                 {{ extension_bar(item, t) }}|{{ glossary_box(terms, t) }}",
            )
            .expect("template");
        for language in [Language::Nl, Language::En] {
            let t = strings(language);
            let t_value = Value::from_object(strings::Texts::new(language));
            for n in 0..600 {
                let item = view(n, true);
                let terms: Vec<Term> = (0..n % 3)
                    .map(|i| Term {
                        word: hostile(n + i, "wadi"),
                        meaning: hostile(n / 2 + i, "Een lage plek met gras."),
                    })
                    .collect();
                let expected = template
                    .render(minijinja::context! {
                        item => item_value(&item),
                        t => t_value.clone(),
                        terms => Value::from_serialize(&terms),
                    })
                    .expect("render");
                let mut found = card(&item, &t);
                let parts: [&dyn Fn(&mut String); 8] = [
                    &|out| tags(out, &item, &t, false),
                    &|out| tags(out, &item, &t, true),
                    &|out| facts(out, &item, &t, true),
                    &|out| facts(out, &item, &t, false),
                    &|out| actions(out, &item, &t, false),
                    &|out| actions(out, &item, &t, true),
                    &|out| extension_bar(out, &item, &t),
                    &|out| glossary_box(out, &terms, &t),
                ];
                for write in parts {
                    found.push('|');
                    write(&mut found);
                }
                assert_eq!(found, expected, "view {n}, {language:?}");
            }
        }
    }
}
