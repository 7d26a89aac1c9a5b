//! Writes one map: the SVG, its legend and its text. The SVG carries its
//! look in presentation attributes, so it looks the same inline, in a
//! letter's PDF and in print, and needs no `<style>` (which a strict
//! Content-Security-Policy would block).

use std::fmt::Write;

use super::base::{DrawnStreet, Label, WIDTH, push_number};
use super::text::fill;
use super::{DRAWN, Focus, MapStreet, WijkMap};
use crate::feeds::xml_escape as esc;
use crate::model::State;

const BOUNDARY_FILL: &str = "#eef2ec";
const BOUNDARY_LINE: &str = "#5c6670";
const STREET: &str = "#c4cad1";
const CASING: &str = "#1c1c1c";
const FOCUS_INNER: &str = "#ffffff";
const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
const FONT_SIZE: f64 = 14.0;
/// The size names are kept apart at: phones show them larger (the style
/// sheet sets 22 units there), so there must be room for that.
const ROOM_SIZE: f64 = 20.0;

/// How a state is drawn: colour, width and dashes (never colour alone).
struct Style {
    colour: &'static str,
    dashes: Option<&'static str>,
    cap: &'static str,
}

fn style(state: State) -> Style {
    let (colour, dashes, cap) = match state {
        State::Bezig => ("#b54800", None, "round"),
        State::Vertraagd => ("#b54800", Some("22 5 3 5"), "butt"),
        State::Stilgelegd => ("#a01b1b", Some("5 6"), "butt"),
        State::Gepland => ("#1f5d95", Some("14 7"), "butt"),
        State::Klaar | State::Geannuleerd => ("#2e7540", Some("0.1 11"), "round"),
    };
    Style {
        colour,
        dashes,
        cap,
    }
}

/// One map being written.
pub(super) struct Drawing<'m> {
    pub map: &'m WijkMap,
    pub focus: Focus<'m>,
    pub id: &'m str,
    /// Whether to write the streets' names.
    pub names: bool,
    /// Leave out streets without works (only for an oversized wijk).
    pub drop_context: bool,
    /// Make each street with works a link (left out when even without
    /// names and context the map is too large: the text has the links).
    pub links: bool,
}

/// How many streets with works a street's map names in its description
/// and text: a street page of a wijk with thousands of busy streets stays
/// small (the wijk's list of streets names them all).
pub const NAMED: usize = crate::render::views::LIST_STREETS;

impl Drawing<'_> {
    pub fn svg(&self) -> String {
        let (map, id) = (self.map, self.id);
        let mut out = String::with_capacity(map.base.bytes() + 4096);
        let height = map.base.height.round();
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"kaart-svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" aria-labelledby=\"{id}-titel\" aria-describedby=\"{id}-uitleg\">\n<title id=\"{id}-titel\">{}</title>\n<desc id=\"{id}-uitleg\">{}</desc>\n",
            esc(&fill(map.text.title, &map.wijk)),
            esc(&self.description()),
        );
        if !map.base.boundary.is_empty() {
            let _ = writeln!(
                out,
                "<path d=\"{}\" fill=\"{BOUNDARY_FILL}\" fill-rule=\"evenodd\" stroke=\"{BOUNDARY_LINE}\" stroke-width=\"2\" stroke-dasharray=\"8 5\" aria-hidden=\"true\"/>",
                map.base.boundary
            );
        }
        self.context(&mut out);
        self.casing(&mut out);
        for state in DRAWN {
            self.works(&mut out, state);
        }
        if self.names {
            self.names(&mut out);
        }
        out.push_str("</svg>");
        out
    }

    fn drawn(&self) -> impl Iterator<Item = (&DrawnStreet, Option<&MapStreet>)> {
        let map = self.map;
        map.base
            .streets
            .iter()
            .zip(&map.drawn)
            .map(|(d, at)| (d, at.map(|at| &map.streets[at])))
    }

    /// Streets without works, in grey; a focus street without works is
    /// drawn by [`Self::casing`].
    fn context(&self, out: &mut String) {
        if self.drop_context {
            return;
        }
        let quiet: Vec<&DrawnStreet> = self
            .drawn()
            .filter(|(d, s)| {
                s.and_then(MapStreet::state).is_none() && !self.focus.contains(&d.name)
            })
            .map(|(d, _)| d)
            .collect();
        plain_group(out, &quiet, STREET, 5);
    }

    /// The emphasised streets: a dark outline under their own line (white
    /// for an emphasised street without works).
    fn casing(&self, out: &mut String) {
        let focus: Vec<(&DrawnStreet, Option<&MapStreet>)> = self
            .drawn()
            .filter(|(d, _)| self.focus.contains(&d.name))
            .collect();
        let all: Vec<&DrawnStreet> = focus.iter().map(|(d, _)| *d).collect();
        plain_group(out, &all, CASING, 14);
        let quiet: Vec<&DrawnStreet> = focus
            .iter()
            .filter(|(_, s)| s.and_then(MapStreet::state).is_none())
            .map(|(d, _)| *d)
            .collect();
        plain_group(out, &quiet, FOCUS_INNER, 7);
    }

    /// The streets whose most current work is in `state`, each a link.
    fn works(&self, out: &mut String, state: State) {
        let streets: Vec<(&DrawnStreet, &MapStreet)> = self
            .drawn()
            .filter_map(|(d, s)| s.filter(|s| s.state() == Some(state)).map(|s| (d, s)))
            .collect();
        if streets.is_empty() {
            return;
        }
        let style = style(state);
        let _ = write!(
            out,
            "<g fill=\"none\" stroke=\"{}\" stroke-width=\"7\" stroke-linecap=\"{}\" stroke-linejoin=\"round\"",
            style.colour, style.cap
        );
        if let Some(dashes) = style.dashes {
            let _ = write!(out, " stroke-dasharray=\"{dashes}\"");
        }
        out.push_str(">\n");
        if !self.links {
            for (drawn, _) in streets {
                paths(out, drawn, style.colour);
            }
            out.push_str("</g>\n");
            return;
        }
        for (drawn, street) in streets {
            let current =
                if self.focus.contains(&street.name) && matches!(self.focus, Focus::Street(_)) {
                    " aria-current=\"page\""
                } else {
                    ""
                };
            let _ = write!(
                out,
                "<a href=\"{}\" aria-label=\"{}: {}\"{current}>",
                esc(&street.url),
                esc(&street.name),
                self.map.text.state(state)
            );
            paths(out, drawn, style.colour);
            out.push_str("</a>\n");
        }
        out.push_str("</g>\n");
    }

    /// Street names along their longest stretch; the emphasised and the
    /// busy streets first, and no name over another.
    fn names(&self, out: &mut String) {
        let mut order: Vec<(u8, &DrawnStreet, Label)> = self
            .drawn()
            .filter(|(d, s)| {
                !self.drop_context
                    || s.and_then(MapStreet::state).is_some()
                    || self.focus.contains(&d.name)
            })
            .filter_map(|(d, s)| {
                let rank = match (self.focus.contains(&d.name), s.and_then(MapStreet::state)) {
                    (true, _) => 0,
                    (false, Some(_)) => 1,
                    (false, None) => 2,
                };
                d.label.map(|l| (rank, d, l))
            })
            .collect();
        order.sort_by_key(|(rank, _, _)| *rank);
        let mut placed: Vec<(f64, f64, f64)> = Vec::new();
        let mut labels = String::new();
        let height = self.map.base.height;
        for (rank, street, mut label) in order {
            let half = street.name.chars().count() as f64 * ROOM_SIZE * 0.29;
            let (dx, dy) = (
                half * label.angle.to_radians().cos().abs(),
                half * label.angle.to_radians().sin().abs(),
            );
            label.x = label.x.clamp(dx + 4.0, (WIDTH - dx - 4.0).max(dx + 4.0));
            label.y = label
                .y
                .clamp(dy + ROOM_SIZE, (height - dy - 6.0).max(dy + ROOM_SIZE));
            let clear = placed
                .iter()
                .all(|&(x, y, r)| (x - label.x).hypot(y - label.y) > r + half.min(80.0));
            let fits = half * 2.0 * FONT_SIZE / ROOM_SIZE <= label.room * 1.6;
            if !clear || (rank > 0 && !fits) {
                continue;
            }
            placed.push((label.x, label.y, half.min(80.0)));
            labels.push_str("<text x=\"");
            push_number(&mut labels, label.x);
            labels.push_str("\" y=\"");
            push_number(&mut labels, label.y + FONT_SIZE * 0.35);
            labels.push('"');
            if label.angle.abs() > 0.5 {
                labels.push_str(" transform=\"rotate(");
                push_number(&mut labels, label.angle);
                labels.push(' ');
                push_number(&mut labels, label.x);
                labels.push(' ');
                push_number(&mut labels, label.y);
                labels.push_str(")\"");
            }
            if rank == 0 {
                labels.push_str(" font-weight=\"bold\"");
            }
            let _ = writeln!(labels, ">{}</text>", esc(&street.name));
        }
        if !labels.is_empty() {
            let _ = write!(
                out,
                "<g font-family=\"{FONT}\" font-size=\"{FONT_SIZE}\" fill=\"#1c1c1c\" stroke=\"#ffffff\" stroke-width=\"3.5\" stroke-linejoin=\"round\" paint-order=\"stroke\" text-anchor=\"middle\" aria-hidden=\"true\">\n{labels}</g>\n"
            );
        }
    }

    /// The `<desc>`: what is coloured, what is emphasised.
    fn description(&self) -> String {
        let text = self.map.text;
        let mut busy = self.map.streets.iter().filter(|s| s.state().is_some());
        let named: Vec<String> = busy
            .by_ref()
            .take(self.named().unwrap_or(usize::MAX))
            .filter_map(|s| {
                s.state()
                    .map(|state| format!("{} ({})", s.name, text.state(state)))
            })
            .collect();
        let more = busy.count();
        let mut desc = if named.is_empty() {
            text.desc_none.to_string()
        } else if more > 0 {
            format!(
                "{} {} {}.",
                text.desc_streets,
                named.join(", "),
                fill(text.more_streets, &more.to_string())
            )
        } else {
            format!("{} {}.", text.desc_streets, named.join(", "))
        };
        match self.focus {
            Focus::Wijk => {}
            Focus::Street(name) => {
                desc.push(' ');
                desc.push_str(&fill(text.desc_focus_street, name));
            }
            Focus::Project(_) => {
                desc.push(' ');
                desc.push_str(text.desc_focus_project);
            }
        }
        desc.push(' ');
        desc.push_str(text.desc_text);
        desc
    }

    /// The legend: the states on this map, the emphasis, the rest.
    pub fn legend(&self) -> String {
        let text = self.map.text;
        let mut out = format!(
            "<ul class=\"kaart-legenda\" aria-label=\"{}\">\n",
            text.legend
        );
        for state in DRAWN {
            if self.map.streets.iter().any(|s| s.state() == Some(state)) {
                let style = style(state);
                let dashes = style
                    .dashes
                    .map(|d| format!(" stroke-dasharray=\"{d}\""))
                    .unwrap_or_default();
                let line = format!(
                    "<line x1=\"4\" y1=\"8\" x2=\"40\" y2=\"8\" stroke=\"{}\" stroke-width=\"6\" stroke-linecap=\"{}\"{dashes}/>",
                    style.colour, style.cap
                );
                legend_item(&mut out, &line, text.state(state));
            }
        }
        let focus = match self.focus {
            Focus::Wijk => None,
            Focus::Street(_) => Some(text.legend_focus_street),
            Focus::Project(_) => Some(text.legend_focus_project),
        };
        if let Some(label) = focus {
            let line = format!(
                "<line x1=\"6\" y1=\"8\" x2=\"38\" y2=\"8\" stroke=\"{CASING}\" stroke-width=\"12\" stroke-linecap=\"round\"/><line x1=\"6\" y1=\"8\" x2=\"38\" y2=\"8\" stroke=\"{FOCUS_INNER}\" stroke-width=\"5\" stroke-linecap=\"round\"/>"
            );
            legend_item(&mut out, &line, label);
        }
        if !self.map.base.boundary.is_empty() {
            let line = format!(
                "<rect x=\"3\" y=\"2\" width=\"38\" height=\"12\" fill=\"{BOUNDARY_FILL}\" stroke=\"{BOUNDARY_LINE}\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>"
            );
            legend_item(&mut out, &line, text.legend_boundary);
        }
        if !self.drop_context {
            let line = format!(
                "<line x1=\"4\" y1=\"8\" x2=\"40\" y2=\"8\" stroke=\"{STREET}\" stroke-width=\"5\" stroke-linecap=\"round\"/>"
            );
            legend_item(&mut out, &line, text.legend_other);
        }
        out.push_str("</ul>\n");
        out
    }

    /// The same information as text: a sentence, then every street with
    /// works and what happens there, the emphasised streets first.
    pub fn text(&self) -> String {
        let (map, text) = (self.map, self.map.text);
        let mut busy: Vec<&MapStreet> =
            map.streets.iter().filter(|s| !s.works.is_empty()).collect();
        busy.sort_by_key(|s| !self.focus.contains(&s.name));
        let more = busy
            .len()
            .saturating_sub(self.named().unwrap_or(usize::MAX));
        busy.truncate(busy.len() - more);
        let intro = match self.focus {
            Focus::Wijk => text.intro_wijk.to_string(),
            Focus::Street(name) => fill(text.intro_street, name),
            Focus::Project(names) => fill(text.intro_project, &names.join(", ")),
        };
        let mut out = format!("<div class=\"kaart-tekst\">\n<p>{}</p>\n", esc(&intro));
        if let Focus::Street(name) = self.focus {
            if map.street(name).is_some_and(|s| s.works.is_empty()) {
                let _ = writeln!(out, "<p>{}</p>", esc(&fill(text.street_quiet, name)));
            }
            if !map.on_map(name) {
                let _ = writeln!(out, "<p>{}</p>", esc(&fill(text.not_on_map, name)));
            }
        }
        if busy.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", text.no_works);
        } else {
            out.push_str("<ul class=\"kaart-lijst\">\n");
            for street in busy {
                let _ = write!(
                    out,
                    "<li><a href=\"{}\">{}</a>",
                    esc(&street.url),
                    esc(&street.name)
                );
                if !map.on_map(&street.name) {
                    let _ = write!(out, " ({})", text.off_map);
                }
                out.push_str(":<ul>");
                for work in &street.works {
                    let _ = write!(
                        out,
                        "<li><span class=\"kaart-status kaart-status-{}\">{}</span>: <a href=\"{}\">{}</a>",
                        work.state.name(),
                        text.state(work.state),
                        esc(&work.url),
                        esc(&work.title)
                    );
                    if let Some(when) = &work.when {
                        let _ = write!(out, " ({})", esc(when));
                    }
                    out.push_str("</li>");
                }
                out.push_str("</ul></li>\n");
            }
            out.push_str("</ul>\n");
        }
        if more > 0 {
            let _ = writeln!(
                out,
                "<p>{}: <a href=\"{}\">{}</a>.</p>",
                esc(&fill(text.more_text, &more.to_string())),
                esc(&map.streets_url),
                text.all_streets
            );
        }
        out.push_str("</div>\n");
        out
    }

    /// How many streets with works a street's map names; `None` (all) on
    /// the wijk's and a project's map, which are one page each.
    fn named(&self) -> Option<usize> {
        matches!(self.focus, Focus::Street(_)).then_some(NAMED)
    }
}

/// Streets that are no links, in one colour and width.
fn plain_group(out: &mut String, streets: &[&DrawnStreet], colour: &str, width: u8) {
    if streets.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<g fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\" stroke-linecap=\"round\" stroke-linejoin=\"round\" aria-hidden=\"true\">"
    );
    for street in streets {
        paths(out, street, colour);
    }
    out.push_str("</g>\n");
}

fn legend_item(out: &mut String, swatch: &str, label: &str) {
    let _ = writeln!(
        out,
        "<li><svg class=\"kaart-teken\" width=\"44\" height=\"16\" viewBox=\"0 0 44 16\" aria-hidden=\"true\" focusable=\"false\">{swatch}</svg> {label}</li>"
    );
}

/// A street's lines, and its areas filled in `fill`.
/// Areas (squares, road surfaces) are a tint with a thinner outline in the
/// state's line style.
fn paths(out: &mut String, street: &DrawnStreet, fill: &str) {
    if !street.lines.is_empty() {
        let _ = write!(out, "<path d=\"{}\"/>", street.lines);
    }
    if !street.areas.is_empty() {
        let _ = write!(
            out,
            "<path d=\"{}\" fill=\"{fill}\" fill-opacity=\"0.3\" stroke-width=\"3\"/>",
            street.areas
        );
    }
}
