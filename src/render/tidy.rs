//! The last step of rendering a body: makes the sanitized HTML valid, not
//! only harmless. Its input is HTML written by a serializer (pulldown-cmark's
//! or ammonia's): every attribute value quoted, text escaped. It
//!
//! - unwraps an `<a>` without a safe `href` into its text,
//! - removes an `<img>` without a safe, non-empty `src` or without `alt`,
//! - keeps an `id` only when the body generated it (a footnote) and only
//!   its first use, so no id of the body clashes with another,
//! - drops end tags that close nothing, and closes what is left open,
//! - drops characters that are a parse error in HTML (control characters
//!   other than whitespace, noncharacters).
//!
//! It runs in one linear pass.

mod model;

use std::collections::HashSet;

use model::Content;

/// A character that the HTML parser reports as an error in the input stream.
pub fn is_parse_error_char(c: char) -> bool {
    let n = u32::from(c);
    (c.is_control() && !matches!(c, '\t' | '\n' | '\u{c}' | '\r'))
        || (0xFDD0..=0xFDEF).contains(&n)
        || (n & 0xFFFE) == 0xFFFE
}

/// Valid HTML from serialized, sanitized body HTML. `ids` are the ids the
/// body generated itself (its footnotes); `safe_url` says whether an
/// address may stay in `href` or `src`.
///
/// Headings are placed as in the Markdown (`markdown::render_placed`): the
/// first at `top` at most, none deeper than one below the heading before
/// it, so raw HTML headings skip no level either.
pub fn tidy(html: &str, ids: &HashSet<String>, top: u8, safe_url: impl Fn(&str) -> bool) -> String {
    let top = top.clamp(1, 6);
    let mut tidy = Tidy {
        out: String::with_capacity(html.len()),
        top,
        heading: top - 1,
        nodes: Vec::new(),
        open: Vec::new(),
        ids,
        seen_ids: HashSet::new(),
    };
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        tidy.text(&rest[..at]);
        rest = &rest[at..];
        let Some((tag, after)) = Tag::parse(rest) else {
            // A `<` that starts no tag (the serializers escape it; be safe).
            tidy.text("&lt;");
            rest = &rest[1..];
            continue;
        };
        rest = after;
        match tag {
            Tag::End(name) => tidy.end(name),
            Tag::Other(raw) => tidy.out.push_str(raw),
            Tag::Start {
                name,
                attributes,
                self_closing,
            } => {
                let keep = match name {
                    "a" => attribute(&attributes, "href").is_some_and(&safe_url),
                    // The sanitizer drops `name`, which a map needs (and an
                    // area needs a map).
                    "map" | "area" => false,
                    "img" => {
                        attribute(&attributes, "src")
                            .is_some_and(|src| !src.trim().is_empty() && safe_url(src))
                            && attribute(&attributes, "alt").is_some()
                    }
                    _ => true,
                };
                tidy.start(name, &attributes, self_closing, keep);
            }
        }
    }
    tidy.text(rest);
    tidy.close_from(0);
    tidy.out
}

/// An element of the input, from its start tag to its end tag.
struct Node<'h> {
    /// The name in the input, which its end tag repeats.
    tag: &'h str,
    /// The name written (obsolete elements renamed).
    name: &'h str,
    state: State,
    /// Its start tag without `id`, for an element that is opened again
    /// after a block ended it.
    again: Option<String>,
}

enum State {
    /// Open in the output.
    Written,
    /// Ended by a block inside it, or not yet written where text may not
    /// stand: opened when text comes.
    Waiting,
    /// Not written: its content stands in its place (a link without a safe
    /// address, an element outside the parent it needs).
    Unwrapped,
    /// Ended for good before its end tag (a paragraph that a block ended).
    Ended,
    /// A `details`, written (this start tag) once its first child shows to
    /// be a `summary`, unwrapped otherwise.
    NeedsSummary(String),
}

/// An element open in the output.
struct Open<'h> {
    name: &'h str,
    /// Its node; `None` for an element tidy added (a list item around text
    /// in a list).
    node: Option<usize>,
    /// What it may hold (a transparent element's: its parent's).
    content: Content,
    /// Only phrasing content may stand inside it (also deeper down).
    phrasing_only: bool,
    /// Something other than whitespace was written into it.
    has_child: bool,
    /// A figure's caption: none, first, or after content (then the figure
    /// ends at the next content).
    caption: Caption,
    /// A definition list's last part: `Some(true)` a term, `Some(false)` a
    /// description.
    last_term: Option<bool>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Caption {
    None,
    First,
    Last,
}

struct Tidy<'h, 'i> {
    out: String,
    /// The level of the body's outermost headings.
    top: u8,
    /// The level of the last heading written.
    heading: u8,
    /// The input's open elements, outermost first.
    nodes: Vec<Node<'h>>,
    /// The output's open elements, outermost first.
    open: Vec<Open<'h>>,
    ids: &'i HashSet<String>,
    seen_ids: HashSet<&'h str>,
}

impl<'h> Tidy<'h, '_> {
    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if text
            .chars()
            .all(|c| matches!(c, ' ' | '\t' | '\n' | '\u{c}' | '\r') || is_parse_error_char(c))
        {
            push_text(&mut self.out, text);
            return;
        }
        self.settle_details(None);
        if self.room_for_phrasing() {
            self.reopen("");
            self.child();
            push_text(&mut self.out, text);
        }
    }

    fn start(
        &mut self,
        tag: &'h str,
        attributes: &[(&'h str, Option<&'h str>)],
        self_closing: bool,
        keep: bool,
    ) {
        let has_dir = attribute(attributes, "dir")
            .is_some_and(|dir| model::keeps_attribute(tag, "dir", Some(dir)));
        let name = self.level(model::modern(tag, has_dir));
        let void = model::is_void(name);
        self.settle_details(Some(name));
        let parent = model::required_parent(name);
        let phrasing = model::is_phrasing(name);
        let block = !phrasing && parent.is_none();
        // A block ends the inline elements around it; inside an element
        // that may not hold it anywhere (a link in a link, a table in a
        // caption), it is unwrapped.
        if let Some(k) = self.open.iter().position(|o| block && o.phrasing_only) {
            self.close_from(k);
        }
        let forbidden = self.open.iter().any(|o| model::forbids(o.name, name));
        let placed = !forbidden
            && match parent {
                Some(parents) => self.fits(name, parents),
                None if phrasing => {
                    let in_picture = name == "img"
                        && self
                            .open
                            .last()
                            .is_some_and(|o| o.content == Content::Picture);
                    if in_picture {
                        true
                    } else if keep && model::reopens(name) && !self.takes_phrasing() {
                        // Written only when text comes (an inline element in a list).
                        let again = Some(self.start_tag(name, attributes, false) + ">");
                        self.nodes.push(Node {
                            tag,
                            name,
                            state: State::Waiting,
                            again,
                        });
                        return;
                    } else if self.room_for_phrasing() {
                        self.reopen(name);
                        true
                    } else {
                        false
                    }
                }
                None => self.room_for_block(name),
            };
        let written = keep && placed;
        if written && name == "details" {
            let start = self.start_tag(name, attributes, true);
            self.nodes.push(Node {
                tag,
                name,
                state: State::NeedsSummary(start),
                again: None,
            });
            return;
        }
        if written {
            if let Some(level) = heading_level(name) {
                self.heading = level;
            }
            self.child();
            let start = self.start_tag(name, attributes, true);
            self.out.push_str(&start);
            self.out.push_str(if self_closing { " />" } else { ">" });
        }
        if void {
            return;
        }
        let again = (written && model::reopens(name))
            .then(|| self.start_tag(name, attributes, false) + ">");
        let state = if written {
            self.push_open(name, Some(self.nodes.len()));
            State::Written
        } else {
            State::Unwrapped
        };
        self.nodes.push(Node {
            tag,
            name,
            state,
            again,
        });
    }

    fn end(&mut self, tag: &str) {
        let Some(at) = self.nodes.iter().rposition(|node| node.tag == tag) else {
            return;
        };
        if let Some(k) = self
            .open
            .iter()
            .position(|o| o.node.is_some_and(|node| node >= at))
        {
            self.close_from(k);
        }
        self.nodes.truncate(at);
    }

    /// A heading's name at its level: not above `top`, not deeper than one
    /// below the heading before it.
    fn level(&self, name: &'h str) -> &'h str {
        let Some(level) = heading_level(name) else {
            return name;
        };
        let level = level.max(self.top).min(self.heading + 1).min(6);
        HEADINGS[usize::from(level) - 1]
    }

    /// Writes a `details` waiting for its first child when that child is
    /// its `summary` (`next` is the next element; `None` for text);
    /// unwraps it otherwise.
    fn settle_details(&mut self, next: Option<&str>) {
        let Some(node) = self.nodes.last_mut() else {
            return;
        };
        let State::NeedsSummary(start) = &node.state else {
            return;
        };
        if next == Some("summary") {
            let start = start.clone();
            node.state = State::Written;
            let at = self.nodes.len() - 1;
            self.child();
            self.out.push_str(&start);
            self.out.push('>');
            self.push_open("details", Some(at));
        } else {
            node.state = State::Unwrapped;
        }
    }

    /// Whether text may stand where the output is now.
    fn takes_phrasing(&self) -> bool {
        self.open.last().is_none_or(|o| match o.content {
            Content::List | Content::Definitions | Content::Table | Content::Picture => false,
            Content::Figure => o.caption != Caption::Last,
            _ => true,
        })
    }

    /// Makes the output take text: a list item in a list, a description
    /// in a definition list, a figure ended after its caption. False where
    /// text cannot stand (between table rows).
    fn room_for_phrasing(&mut self) -> bool {
        while let Some(o) = self.open.last() {
            match o.content {
                Content::List => self.imply("li"),
                Content::Definitions => self.imply("dd"),
                Content::Table | Content::Picture => return false,
                Content::Figure if o.caption == Caption::Last => {
                    self.close_from(self.open.len() - 1);
                    continue;
                }
                _ => {}
            }
            return true;
        }
        true
    }

    /// Makes the output take block `name` (the inline elements around it
    /// are closed already); false where it cannot stand.
    fn room_for_block(&mut self, name: &str) -> bool {
        while let Some(o) = self.open.last() {
            match o.content {
                Content::List => self.imply("li"),
                Content::Definitions if name == "div" => return false,
                Content::Definitions => self.imply("dd"),
                Content::Table | Content::Picture => return false,
                Content::Figure if o.caption == Caption::Last => {
                    self.close_from(self.open.len() - 1);
                    continue;
                }
                _ => {}
            }
            return true;
        }
        true
    }

    /// Whether `name`, which only the elements `parents` may hold, stands
    /// in one.
    fn fits(&mut self, name: &str, parents: &[&str]) -> bool {
        // A list item or description tidy added ends where a real one starts.
        if let Some(o) = self.open.last()
            && o.node.is_none()
            && (o.name == name || (o.name == "dd" && name == "dt"))
        {
            self.close_from(self.open.len() - 1);
        }
        let Some(o) = self.open.last_mut() else {
            return false;
        };
        if !parents.contains(&o.name) {
            return false;
        }
        match name {
            "summary" => !o.has_child,
            "figcaption" if o.caption != Caption::None => false,
            "figcaption" => {
                o.caption = if o.has_child {
                    Caption::Last
                } else {
                    Caption::First
                };
                true
            }
            "dt" | "dd" => {
                self.term(name == "dt");
                true
            }
            _ => true,
        }
    }

    /// Opens an element tidy adds (`li`, `dd`), as the output's top needs.
    fn imply(&mut self, name: &'static str) {
        if name == "dd" {
            self.term(false);
        }
        self.child();
        self.out.push('<');
        self.out.push_str(name);
        self.out.push('>');
        self.push_open(name, None);
    }

    /// Keeps a definition list's groups whole before a term or description:
    /// a description needs a term before it.
    fn term(&mut self, is_term: bool) {
        let Some(list) = self.open.last_mut() else {
            return;
        };
        if !is_term && list.last_term.is_none() {
            self.out.push_str("<dt></dt>");
        }
        list.last_term = Some(is_term);
    }

    /// Opens again the inline elements a block ended, or that waited for
    /// text, outermost first, before text or element `next`. A link is not
    /// opened inside a link (nor around the link `next`).
    fn reopen(&mut self, next: &str) {
        for at in 0..self.nodes.len() {
            let node = &self.nodes[at];
            if !matches!(node.state, State::Waiting) {
                continue;
            }
            let name = node.name;
            if name == "a" && (next == "a" || self.open.iter().any(|o| o.name == "a")) {
                continue;
            }
            let again = node.again.clone().unwrap_or_default();
            self.child();
            self.out.push_str(&again);
            self.nodes[at].state = State::Written;
            self.push_open(name, Some(at));
        }
    }

    /// Notes that the output's top element holds content.
    fn child(&mut self) {
        if let Some(o) = self.open.last_mut() {
            o.has_child = true;
        }
    }

    fn push_open(&mut self, name: &'h str, node: Option<usize>) {
        let content = match model::content(name) {
            Content::Transparent => match self.open.last().map(|o| o.content) {
                Some(Content::Phrasing | Content::Ruby | Content::Picture) => Content::Phrasing,
                _ => Content::Flow,
            },
            other => other,
        };
        let phrasing_only = self.open.last().is_some_and(|o| o.phrasing_only)
            || matches!(
                content,
                Content::Phrasing | Content::Ruby | Content::Picture
            );
        self.open.push(Open {
            name,
            node,
            content,
            phrasing_only,
            has_child: false,
            caption: Caption::None,
            last_term: None,
        });
    }

    /// Closes the output's open elements from index `k` up; an element of
    /// the input that is still open waits to be opened again, or has ended.
    fn close_from(&mut self, k: usize) {
        while self.open.len() > k {
            let Some(o) = self.open.pop() else {
                return;
            };
            if o.content == Content::Definitions && o.last_term == Some(true) {
                self.out.push_str("<dd></dd>");
            }
            self.out.push_str("</");
            self.out.push_str(o.name);
            self.out.push('>');
            if let Some(node) = o.node.and_then(|at| self.nodes.get_mut(at)) {
                node.state = if node.again.is_some() {
                    State::Waiting
                } else {
                    State::Ended
                };
            }
        }
    }

    /// A start tag without its closing `>`; ids only when `with_ids` (and
    /// then only generated ones, once).
    fn start_tag(
        &mut self,
        name: &str,
        attributes: &[(&'h str, Option<&'h str>)],
        with_ids: bool,
    ) -> String {
        let mut tag = String::new();
        if with_ids {
            write_start(&mut tag, name, attributes, self.ids, &mut self.seen_ids);
        } else {
            write_start(
                &mut tag,
                name,
                attributes,
                &HashSet::new(),
                &mut HashSet::new(),
            );
        }
        tag
    }
}

const HEADINGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];

fn heading_level(name: &str) -> Option<u8> {
    HEADINGS
        .iter()
        .position(|h| *h == name)
        .and_then(|at| u8::try_from(at + 1).ok())
}

fn push_text(out: &mut String, text: &str) {
    let rejected = holds_parse_error(text);
    if rejected {
        out.extend(text.chars().filter(|&c| !is_parse_error_char(c)));
    } else {
        out.push_str(text);
    }
}

/// Whether `text` holds a character that [`is_parse_error_char`] rejects:
/// only the characters that start with a byte [`may_start_parse_error`]
/// flags are looked at (a flagged byte is ASCII or starts a character).
pub fn holds_parse_error(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(found) = crate::bytescan::first(&bytes[at..], may_start_parse_error) {
        at += found;
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            return text.chars().any(is_parse_error_char);
        };
        if is_parse_error_char(c) {
            return true;
        }
        at += c.len_utf8();
    }
    false
}

/// Whether byte `b` is a control character other than whitespace or the
/// first byte of a character that may be a parse error (see
/// [`may_hold_parse_error`]).
pub(crate) fn may_start_parse_error(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0c | b'\r'))
        || b == 0x7f
        || b == 0xc2
        || b == 0xef
        || b >= 0xf0
}

fn write_start<'h>(
    out: &mut String,
    name: &str,
    attributes: &[(&'h str, Option<&'h str>)],
    ids: &HashSet<String>,
    seen_ids: &mut HashSet<&'h str>,
) {
    out.push('<');
    out.push_str(name);
    for &(key, value) in attributes {
        if !model::keeps_attribute(name, key, value) {
            continue;
        }
        if key == "id" {
            let value = value.unwrap_or("");
            if !ids.contains(value) || !seen_ids.insert(value) {
                continue;
            }
        }
        out.push(' ');
        out.push_str(key);
        if let Some(value) = value {
            out.push_str("=\"");
            push_text(out, &value.replace('"', "&quot;"));
            out.push('"');
        }
    }
}

/// The raw value of attribute `key` (entities left as written).
fn attribute<'h>(attributes: &[(&'h str, Option<&'h str>)], key: &str) -> Option<&'h str> {
    attributes
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.unwrap_or(""))
}

/// One tag of serialized HTML.
enum Tag<'h> {
    Start {
        name: &'h str,
        attributes: Vec<(&'h str, Option<&'h str>)>,
        /// Written as `<br />`.
        self_closing: bool,
    },
    End(&'h str),
    /// A comment or doctype, passed on as written.
    Other(&'h str),
}

impl<'h> Tag<'h> {
    /// The tag at the start of `text` (which starts with `<`) and the text after it.
    fn parse(text: &'h str) -> Option<(Tag<'h>, &'h str)> {
        let body = &text[1..];
        if let Some(comment) = body.strip_prefix("!--") {
            let end = "<!--".len() + comment.find("-->")? + "-->".len();
            return Some((Tag::Other(&text[..end]), &text[end..]));
        }
        if let Some(end_tag) = body.strip_prefix('/') {
            let len = name_len(end_tag);
            let close = end_tag.find('>')?;
            if len == 0 {
                return None;
            }
            return Some((Tag::End(&end_tag[..len]), &end_tag[close + 1..]));
        }
        let len = name_len(body);
        if len == 0 {
            return None;
        }
        let name = &body[..len];
        let mut rest = &body[len..];
        let mut attributes = Vec::new();
        loop {
            rest = rest.trim_start_matches([' ', '\t', '\n', '\r', '\u{c}']);
            if let Some(after) = rest.strip_prefix("/>") {
                let self_closing = true;
                return Some((
                    Tag::Start {
                        name,
                        attributes,
                        self_closing,
                    },
                    after,
                ));
            }
            if let Some(after) = rest.strip_prefix('>') {
                let self_closing = false;
                return Some((
                    Tag::Start {
                        name,
                        attributes,
                        self_closing,
                    },
                    after,
                ));
            }
            let key_len = rest
                .find(|c: char| c.is_whitespace() || matches!(c, '=' | '>' | '/'))
                .unwrap_or(rest.len());
            if key_len == 0 {
                return None;
            }
            let key = &rest[..key_len];
            rest = &rest[key_len..];
            match rest.strip_prefix('=') {
                Some(value) => {
                    let (value, after) = match value.strip_prefix('"') {
                        Some(quoted) => {
                            let close = quoted.find('"')?;
                            (&quoted[..close], &quoted[close + 1..])
                        }
                        None => {
                            let end = value
                                .find(|c: char| c.is_whitespace() || c == '>')
                                .unwrap_or(value.len());
                            (&value[..end], &value[end..])
                        }
                    };
                    attributes.push((key, Some(value)));
                    rest = after;
                }
                None => attributes.push((key, None)),
            }
        }
    }
}

fn name_len(text: &str) -> usize {
    text.find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// False when `bytes` surely hold no character that [`is_parse_error_char`]
    /// rejects: no control byte but whitespace, and no first byte of an encoded
    /// C1 control (`C2`), noncharacter of the BMP (`EF`) or character beyond it
    /// (`F0`-`F4`). Tested sixteen bytes at a time, without branches.
    fn may_hold_parse_error(bytes: &[u8]) -> bool {
        crate::bytescan::any(bytes, may_start_parse_error)
    }

    fn run(html: &str) -> String {
        let ids: HashSet<String> = ["fn-1".to_string()].into();
        tidy(html, &ids, 2, |url| !url.starts_with("javascript:"))
    }

    #[test]
    fn holds_parse_error_is_any_character_a_parse_error() {
        let planes = (0..=0x10u32).flat_map(|plane| [plane << 16 | 0xFFFE, plane << 16 | 0xFFFF]);
        let chars: Vec<char> = (0..0x3_0000u32)
            .chain(planes)
            .filter_map(char::from_u32)
            .collect();
        for (i, &c) in chars.iter().enumerate() {
            let before = ["", "a", "é", "\u{a0}", "\u{fffd}", "🙂"][i % 6];
            let text = format!("{}{before}{c}{before}x", "a".repeat(i % 19));
            assert_eq!(
                holds_parse_error(&text),
                text.chars().any(is_parse_error_char),
                "{text:?}"
            );
        }
        assert!(!holds_parse_error(
            "Één straat,\u{a0}twee 🙂 wérken: ĳs.\n\t\u{fffd}"
        ));
    }

    #[test]
    fn the_byte_test_passes_no_character_that_is_a_parse_error() {
        let planes = (0..=0x10u32).flat_map(|plane| [plane << 16 | 0xFFFE, plane << 16 | 0xFFFF]);
        for c in (0..0x3_0000u32).chain(planes).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert!(
                !is_parse_error_char(c) || may_hold_parse_error(bytes),
                "{c:?}"
            );
            let in_text = format!("{}{c}{}", "a".repeat(15), "é".repeat(9));
            assert!(
                !is_parse_error_char(c) || may_hold_parse_error(in_text.as_bytes()),
                "{c:?}"
            );
        }
        assert!(!may_hold_parse_error(
            "Één straat, twee wérken: ĳs.\n\t".as_bytes()
        ));
    }

    #[test]
    fn a_link_without_a_safe_href_becomes_its_text() {
        assert_eq!(
            run("<p><a rel=\"noopener\">klik</a> hier</p>"),
            "<p>klik hier</p>"
        );
        assert_eq!(run("<a href=\"javascript:x\"><b>b</b></a>"), "<b>b</b>");
        assert_eq!(run("<a href=\"/x/\">x</a>"), "<a href=\"/x/\">x</a>");
    }

    #[test]
    fn an_image_without_safe_src_or_alt_is_removed() {
        assert_eq!(run("<p><img src=\"x.png\">a</p>"), "<p>a</p>");
        assert_eq!(run("<img alt=\"a\">"), "");
        assert_eq!(run("<img src=\"\" alt=\"a\">"), "");
        assert_eq!(run("<img src=\"javascript:x\" alt=\"a\">"), "");
        assert_eq!(
            run("<img src=\"x.png\" alt=\"Kaart\" />"),
            "<img src=\"x.png\" alt=\"Kaart\" />"
        );
    }

    #[test]
    fn keeps_only_generated_ids_once() {
        assert_eq!(
            run("<p id=\"fn-1\">a</p><div id=\"fn-1\">b</div><h2 id=\"main\">c</h2>"),
            "<p id=\"fn-1\">a</p><div>b</div><h2>c</h2>"
        );
    }

    #[test]
    fn drops_stray_end_tags_and_closes_what_is_open() {
        assert_eq!(run("<p>a</a></p></div>"), "<p>a</p>");
        assert_eq!(
            run("<ul><li><em>a</li></ul>"),
            "<ul><li><em>a</em></li></ul>"
        );
        assert_eq!(run("<blockquote><p>a"), "<blockquote><p>a</p></blockquote>");
    }

    #[test]
    fn drops_characters_that_are_parse_errors() {
        assert_eq!(
            run("<p title=\"a\u{1}\">b\u{1b}c\u{7f}\u{fdd0}d\u{ffff}</p>"),
            "<p title=\"a\">bcd</p>"
        );
        assert_eq!(run("a\tb\nc"), "a\tb\nc");
    }

    #[test]
    fn keeps_entities_and_attribute_text_as_written() {
        let html = "<p title=\"a &amp; &quot;b&quot; > c\">x &lt; y &amp; z</p><!-- c -->";
        assert_eq!(run(html), html);
    }
    #[test]
    fn a_block_inside_an_inline_element_closes_it_and_reopens_it_inside() {
        assert_eq!(
            run("<b>x<div>y</div>z</b>"),
            "<b>x</b><div><b>y</b></div><b>z</b>"
        );
        assert_eq!(
            run("<span lang=\"en\">a<p>b</p></span>"),
            "<span lang=\"en\">a</span><p><span lang=\"en\">b</span></p>"
        );
        assert_eq!(
            run("<i><table><tbody><tr><td>c</td></tr></tbody></table></i>"),
            "<i></i><table><tbody><tr><td><i>c</i></td></tr></tbody></table>"
        );
        assert_eq!(
            run("<b><i>k<h2>kop</h2></i></b>"),
            "<b><i>k</i></b><h2><b><i>kop</i></b></h2>"
        );
        assert_eq!(run("<b><hr>x</b>"), "<b></b><hr><b>x</b>");
        assert_eq!(
            run("<b><details><summary>s</summary>d</details></b>"),
            "<b></b><details><summary><b>s</b></summary><b>d</b></details>"
        );
    }

    #[test]
    fn a_block_ends_a_paragraph_heading_or_preformatted_text() {
        assert_eq!(
            run("<p>a<b>b<div>c</div>d</b>e</p>f"),
            "<p>a<b>b</b></p><div><b>c</b></div><b>d</b>ef"
        );
        assert_eq!(
            run("<h2>k<ul><li>a</li></ul></h2>"),
            "<h2>k</h2><ul><li>a</li></ul>"
        );
        assert_eq!(run("<pre>x<div>y</div></pre>"), "<pre>x</pre><div>y</div>");
    }

    #[test]
    fn a_link_holds_blocks_only_where_its_parent_may() {
        let html = "<a href=\"/x/\"><div>blok</div></a>";
        assert_eq!(run(html), html);
        assert_eq!(
            run("<span><a href=\"/x/\">a<div>b</div></a></span>"),
            "<span><a href=\"/x/\">a</a></span><div><span><a href=\"/x/\">b</a></span></div>"
        );
    }

    #[test]
    fn no_interactive_content_inside_a_link() {
        assert_eq!(
            run("<a href=\"/x/\">a<details><summary>s</summary>d</details>b</a>"),
            "<a href=\"/x/\">asdb</a>"
        );
        assert_eq!(
            run(
                "<a href=\"/x/\"><table><tbody><tr><td><a href=\"#fn-1\">1</a></td></tr></tbody></table></a>"
            ),
            "<a href=\"/x/\"><table><tbody><tr><td>1</td></tr></tbody></table></a>"
        );
        assert_eq!(
            run(
                "<span><a href=\"/x/\">a<table><tbody><tr><td>b<a href=\"/y/\">c</a>d</td></tr></tbody></table></a></span>"
            ),
            "<span><a href=\"/x/\">a</a></span><table><tbody><tr><td><span><a href=\"/x/\">bcd</a></span></td></tr></tbody></table>"
        );
        assert_eq!(
            run(
                "<span><a href=\"/x/\">a<table><tbody><tr><td><a href=\"/y/\">c</a>d</td></tr></tbody></table></a></span>"
            ),
            "<span><a href=\"/x/\">a</a></span><table><tbody><tr><td><span><a href=\"/y/\">c</a><a href=\"/x/\">d</a></span></td></tr></tbody></table>"
        );
    }

    #[test]
    fn lists_hold_only_list_items() {
        assert_eq!(
            run("<ul>\n<li>a</li><b>\n</b></ul><b>\n</b>"),
            "<ul>\n<li>a</li>\n</ul><b>\n</b>"
        );
        assert_eq!(
            run("<ol><li>a</li><b>vet</b><p>b</p><li>c</li></ol>"),
            "<ol><li>a</li><li><b>vet</b><p>b</p></li><li>c</li></ol>"
        );
        assert_eq!(run("<ul>tekst</ul>"), "<ul><li>tekst</li></ul>");
    }

    #[test]
    fn an_element_outside_its_parent_becomes_its_content() {
        assert_eq!(run("<li>a</li><dt>b</dt><dd>c</dd>"), "abc");
        assert_eq!(run("<b><li>x</li></b>"), "<b>x</b>");
        assert_eq!(run("<figcaption>o</figcaption><summary>s</summary>"), "os");
        assert_eq!(
            run("<rt>r</rt><area href=\"/x/\" alt=\"a\"><map><area href=\"/x/\" alt=\"a\">m</map>"),
            "rm"
        );
        assert_eq!(
            run(
                "<table><caption><table><tbody><tr><td>t</td></tr></tbody></table></caption></table>"
            ),
            "<table><caption>t</caption></table>"
        );
    }

    #[test]
    fn a_definition_list_has_terms_and_descriptions_in_groups() {
        let html = "<dl><dt>a</dt><dd>b</dd></dl>";
        assert_eq!(run(html), html);
        assert_eq!(run("<dl><dt>a</dt></dl>"), "<dl><dt>a</dt><dd></dd></dl>");
        assert_eq!(run("<dl><dd>b</dd></dl>"), "<dl><dt></dt><dd>b</dd></dl>");
        assert_eq!(
            run("<dl>t<p>p</p></dl>"),
            "<dl><dt></dt><dd>t<p>p</p></dd></dl>"
        );
        assert_eq!(
            run("<dl><div><dt>a</dt><dd>b</dd></div></dl>"),
            "<dl><dt>a</dt><dd>b</dd></dl>"
        );
    }

    #[test]
    fn details_without_a_summary_first_is_its_content() {
        let html = "<details><summary>s</summary><p>d</p></details>";
        assert_eq!(run(html), html);
        assert_eq!(run("<details>d</details>"), "d");
        assert_eq!(
            run("<details><p>x</p><summary>s</summary></details>"),
            "<p>x</p>s"
        );
        assert_eq!(run("<details>\n</details>"), "\n");
    }

    #[test]
    fn a_figure_caption_comes_first_or_last() {
        let html = "<figure><p>a</p><figcaption>c</figcaption></figure>";
        assert_eq!(run(html), html);
        assert_eq!(
            run("<figure><p>a</p><figcaption>c</figcaption><p>b</p></figure>"),
            "<figure><p>a</p><figcaption>c</figcaption></figure><p>b</p>"
        );
    }

    #[test]
    fn obsolete_elements_become_their_modern_kin() {
        assert_eq!(
            run("<center>a</center><tt>b</tt><strike>c</strike><acronym>d</acronym>"),
            "<div>a</div><code>b</code><s>c</s><abbr>d</abbr>"
        );
        assert_eq!(
            run("<hgroup><h2>a</h2><p>b</p></hgroup><bdo>x</bdo><bdo dir=\"rtl\">y</bdo>"),
            "<div><h2>a</h2><p>b</p></div><bdi>x</bdi><bdo dir=\"rtl\">y</bdo>"
        );
    }

    #[test]
    fn tables_and_pictures_keep_their_structure() {
        let table =
            "<table><thead><tr><th>a</th></tr></thead><tbody>\n<tr><td>1</td></tr></tbody></table>";
        assert_eq!(run(table), table);
        assert_eq!(
            run("<table><tbody><tr>x<b>y</b><td>1</td></tr></tbody></table>"),
            "<table><tbody><tr><td>1</td></tr></tbody></table>"
        );
        let picture = "<p><picture><source type=\"image/webp\" srcset=\"a.webp\"><img src=\"a.jpg\" alt=\"a\"></picture></p>";
        assert_eq!(run(picture), picture);
    }

    #[test]
    fn attributes_with_invalid_or_obsolete_values_are_left_out() {
        assert_eq!(
            run(
                "<table align=\"center\" summary=\"s\"><tbody><tr><td colspan=\"2\" rowspan=\"0\" headers=\"h\">a</td><th scope=\"x\">b</th></tr></tbody></table>"
            ),
            "<table><tbody><tr><td colspan=\"2\">a</td><th>b</th></tr></tbody></table>"
        );
        assert_eq!(
            run(
                "<img src=\"a.png\" alt=\"a\" width=\"50%\" height=\"20\"><ol start=\"x\"><li lang=\"en gb\">a</li></ol><p lang=\"en-GB\">b</p>"
            ),
            "<img src=\"a.png\" alt=\"a\" height=\"20\"><ol><li>a</li></ol><p lang=\"en-GB\">b</p>"
        );
        assert_eq!(
            run("<ins datetime=\"gisteren\">a</ins><time>morgen</time><bdo dir=\"up\">c</bdo>"),
            "<ins>a</ins><span>morgen</span><bdi>c</bdi>"
        );
    }

    #[test]
    fn raw_headings_skip_no_level() {
        assert_eq!(
            run("<h4>a</h4><h3>b</h3><h5>c</h5><h2>d</h2>"),
            "<h2>a</h2><h3>b</h3><h4>c</h4><h2>d</h2>"
        );
        let ids = HashSet::new();
        assert_eq!(
            tidy("<h2>a</h2><h6>b</h6>", &ids, 3, |_| true),
            "<h3>a</h3><h4>b</h4>"
        );
    }

    #[test]
    fn reopened_elements_do_not_repeat_ids() {
        assert_eq!(
            run("<b id=\"fn-1\">a<p>b</p></b>"),
            "<b id=\"fn-1\">a</b><p><b>b</b></p>"
        );
    }
}
