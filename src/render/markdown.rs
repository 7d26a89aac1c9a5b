//! Markdown to safe HTML. Bodies come from many hands: the HTML is sanitized
//! (no scripts, iframes, forms, event handlers or `javascript:` links), and
//! headings are placed below the page's own headings without skipping a
//! level, so the page keeps its one `<h1>` and a logical outline.

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::tidy;

pub(crate) const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_FOOTNOTES);

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(sanitizer);

fn sanitizer() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .rm_tags(["h1"])
        .add_generic_attributes(["id"])
        .attribute_filter(|_, attribute, value| match attribute {
            "id" if !value.starts_with("fn-") => None,
            _ => Some(value.into()),
        })
        .add_allowed_classes("sup", ["footnote-reference", "footnote-definition-label"])
        .add_allowed_classes("div", ["footnote-definition"]);
    builder
}

/// What a link or image address in a body becomes (see `crate::links`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rewrite {
    /// Another address: a page's URL, an attachment, a path with the base path.
    Url(String),
    /// A document: its URL, and the type and size added to the link text.
    Document { url: String, suffix: String },
    /// An image, written as a `<picture>` with its variants.
    Image(Picture),
}

/// A published image: its largest variant and the `srcset`s of both formats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub src: String,
    pub srcset: String,
    pub webp_srcset: String,
    pub width: u32,
    pub height: u32,
}

/// The rewrites of one body, by the address as written.
pub type Links = std::collections::BTreeMap<String, Rewrite>;

/// Images in a body take the width of the text column on a wide screen.
const SIZES: &str = "(min-width: 48rem) 44rem, 100vw";

/// Marks where an image goes until the body is sanitized (private-use
/// characters, which no editor types and the sanitizer keeps as text).
const MARK_OPEN: char = '\u{E000}';
const MARK_CLOSE: char = '\u{E001}';

/// How deeply a body may nest lists, quotes and HTML elements. Sanitizing
/// takes time quadratic in the depth (a 100 kB body of nested `<div>`s took
/// 10 s), and no page needs more than a handful of levels.
pub const MAX_DEPTH: usize = 100;

/// A body nested deeper than [`MAX_DEPTH`]: how deep it went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep(pub usize);

/// Renders a Markdown body to sanitized HTML; a body nested too deeply
/// renders as its plain text (use [`render_checked`] to report it).
pub fn render(markdown: &str) -> String {
    render_checked(markdown).unwrap_or_else(|_| {
        let mut html = String::from("<p>");
        pulldown_cmark::html::push_html(&mut html, std::iter::once(Event::Text(markdown.into())));
        html.push_str("</p>");
        html
    })
}

/// Renders one line of Markdown inline text (an update's `text`) to
/// sanitized HTML without a surrounding paragraph.
pub fn render_inline(markdown: &str) -> String {
    let html = render(markdown.trim());
    let inner = html
        .trim_end()
        .strip_prefix("<p>")
        .and_then(|h| h.strip_suffix("</p>"));
    match inner {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

/// Renders a Markdown body to sanitized HTML for a page where it follows the
/// `<h1>`: its headings start at `<h2>`.
pub fn render_checked(markdown: &str) -> Result<String, TooDeep> {
    render_placed(markdown, 2, "")
}

/// Renders a Markdown body placed under a heading of level `top - 1`: its
/// outermost headings become `<h{top}>` and no level is skipped below them,
/// whatever levels the editor wrote. `id_prefix` keeps footnote ids unique
/// when several bodies share one page (a project shows all its parts).
///
/// Markdown's own output is escaped by pulldown-cmark, so only link and
/// image addresses need a check; bodies with raw HTML also go through ammonia.
pub fn render_placed(markdown: &str, top: u8, id_prefix: &str) -> Result<String, TooDeep> {
    render_linked(markdown, top, id_prefix, &Links::new())
}

/// [`render_placed`] with the body's links, images and documents rewritten
/// as `links` says (addresses it does not name stay as written).
pub fn render_linked(
    markdown: &str,
    top: u8,
    id_prefix: &str,
    links: &Links,
) -> Result<String, TooDeep> {
    let read = Read {
        teaser: None,
        observe: &mut |_, _| {},
    };
    render_events(markdown, top, id_prefix, links, read)
}

/// [`render_checked`] and the body's [`first_paragraph`], from one parse;
/// `observe` is given each event of that parse and its place in `markdown`
/// (the loader reads the body's text blocks from them).
pub fn render_with_teaser(
    markdown: &str,
    observe: &mut dyn FnMut(&Event, std::ops::Range<usize>),
) -> Result<(String, String), TooDeep> {
    let mut teaser = FirstParagraph::default();
    let read = Read {
        teaser: Some(&mut teaser),
        observe,
    };
    let html = render_events(markdown, 2, "", &Links::new(), read)?;
    Ok((html, teaser.finish()))
}

/// What [`render_events`] reads besides the HTML: the first paragraph, and
/// every event for an observer.
struct Read<'r> {
    teaser: Option<&'r mut FirstParagraph>,
    observe: &'r mut dyn FnMut(&Event, std::ops::Range<usize>),
}

/// [`render_linked`], also giving what `read` asks for.
fn render_events(
    markdown: &str,
    top: u8,
    id_prefix: &str,
    links: &Links,
    read: Read,
) -> Result<String, TooDeep> {
    let cleaned;
    let markdown = if links.is_empty() || !markdown.contains([MARK_OPEN, MARK_CLOSE]) {
        markdown
    } else {
        cleaned = markdown.replace([MARK_OPEN, MARK_CLOSE], "\u{FFFD}");
        &cleaned
    };
    let mut has_raw_html = false;
    // For each open link or image: whether it was dropped (unsafe address).
    let mut open_links: Vec<bool> = Vec::new();
    let mut depth = Depth::default();
    let mut rewriter = Rewriter::new(links);
    let mut events: Vec<Event> = Vec::new();
    for (event, range) in Parser::new_ext(markdown, OPTIONS).into_offset_iter() {
        (read.observe)(&event, range);
        depth.track(&event);
        match event {
            Event::Start(Tag::Link { ref dest_url, .. }) if !is_safe_url(dest_url) => {
                open_links.push(true);
            }
            Event::Start(Tag::Image { ref dest_url, .. })
                if dest_url.trim().is_empty() || !is_safe_url(dest_url) =>
            {
                open_links.push(true);
            }
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                open_links.push(false);
                rewriter.push(event, &mut events);
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if open_links.pop() == Some(false) {
                    rewriter.push(event, &mut events);
                }
            }
            Event::Html(html) => {
                has_raw_html = true;
                // A block comes line by line; joined, a tag over several
                // lines is one piece of text (the HTML written is the same).
                match events.last_mut() {
                    Some(Event::Html(before)) => {
                        *before = CowStr::from(format!("{before}{html}"));
                    }
                    _ => events.push(Event::Html(html)),
                }
            }
            Event::InlineHtml(_) => {
                has_raw_html = true;
                events.push(event);
            }
            other => rewriter.push(other, &mut events),
        }
    }
    if depth.max > MAX_DEPTH {
        return Err(TooDeep(depth.max));
    }
    // Links and images keep their text events, so the first paragraph reads
    // the same from these events as from the Markdown itself.
    if let Some(teaser) = read.teaser {
        for event in &events {
            if !teaser.read(event) {
                break;
            }
        }
    }
    if has_raw_html && links.values().any(|r| matches!(r, Rewrite::Image(_))) {
        for event in &mut events {
            if let Event::Html(html) | Event::InlineHtml(html) = event
                && let Some(changed) = rewriter.raw_images(html)
            {
                *html = CowStr::from(changed);
            }
        }
    }
    let ids: HashSet<String> = events
        .iter()
        .filter_map(|event| match event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                Some(footnote_id(id_prefix, label).to_string())
            }
            _ => None,
        })
        .collect();
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, place(events, top, id_prefix));
    if has_raw_html && links.is_empty() {
        html = SANITIZER.clean(&html).to_string();
    } else if has_raw_html {
        let urls = RawUrls(
            links
                .iter()
                .map(|(dest, rewrite)| (dest.clone(), rewrite.url().to_string()))
                .collect(),
        );
        let mut builder = sanitizer();
        builder.url_relative(ammonia::UrlRelative::Custom(Box::new(urls)));
        html = builder.clean(&html).to_string();
    }
    let html = rewriter.place_pictures(html);
    if has_raw_html || !ids.is_empty() || tidy::holds_parse_error(&html) {
        Ok(tidy::tidy(&html, &ids, top, is_safe_url))
    } else {
        // pulldown-cmark's own HTML of a body is already valid: its
        // addresses were checked above, and tidy would give it back as it
        // is (`tidy_gives_markdown_without_raw_html_back_as_it_is`).
        Ok(html)
    }
}

/// The new addresses of links and images in a body's raw HTML.
struct RawUrls(std::collections::BTreeMap<String, String>);

impl<'a> ammonia::UrlRelativeEvaluate<'a> for RawUrls {
    fn evaluate<'url>(&self, url: &'url str) -> Option<std::borrow::Cow<'url, str>> {
        Some(match self.0.get(url) {
            Some(new) => new.clone().into(),
            None => url.into(),
        })
    }
}

impl Rewrite {
    /// The address the rewrite points to.
    pub fn url(&self) -> &str {
        match self {
            Rewrite::Url(url) | Rewrite::Document { url, .. } => url,
            Rewrite::Image(picture) => &picture.src,
        }
    }
}

/// Rewrites link and image events as the body's [`Links`] say.
struct Rewriter<'l> {
    links: &'l Links,
    /// The suffix to add before the current link closes (a document's size).
    suffix: Option<&'l str>,
    /// The picture being written and its alt text so far.
    image: Option<(&'l Picture, String)>,
    pictures: Vec<(&'l Picture, String)>,
}

impl<'l> Rewriter<'l> {
    fn new(links: &'l Links) -> Self {
        Rewriter {
            links,
            suffix: None,
            image: None,
            pictures: Vec::new(),
        }
    }

    fn push<'e>(&mut self, event: Event<'e>, out: &mut Vec<Event<'e>>) {
        if let Some((picture, mut alt)) = self.image.take() {
            match event {
                Event::End(TagEnd::Image) => {
                    out.push(Event::Text(
                        format!("{MARK_OPEN}{}{MARK_CLOSE}", self.pictures.len()).into(),
                    ));
                    self.pictures.push((picture, alt));
                    return;
                }
                Event::Text(text) | Event::Code(text) => alt.push_str(&text),
                Event::SoftBreak | Event::HardBreak => alt.push(' '),
                _ => {}
            }
            self.image = Some((picture, alt));
            return;
        }
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = match self.links.get(dest_url.as_ref()) {
                    Some(Rewrite::Document { url, suffix }) => {
                        self.suffix = Some(suffix);
                        CowStr::from(url.clone())
                    }
                    Some(rewrite) => CowStr::from(rewrite.url().to_string()),
                    None => dest_url,
                };
                out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Link) => {
                if let Some(suffix) = self.suffix.take() {
                    out.push(Event::Text(format!(" {suffix}").into()));
                }
                out.push(event);
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => match self.links.get(dest_url.as_ref()) {
                Some(Rewrite::Image(picture)) => self.image = Some((picture, String::new())),
                other => out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: other.map_or(dest_url, |r| CowStr::from(r.url().to_string())),
                    title,
                    id,
                })),
            },
            other => out.push(other),
        }
    }

    /// Raw HTML with each `<img>` of an attachment image replaced by the
    /// mark of its `<picture>` (the alt text the editor wrote, the sizes,
    /// `srcset` and lazy loading of a Markdown image); `None` when there is
    /// no such `<img>`.
    fn raw_images(&mut self, html: &str) -> Option<String> {
        let mut out = String::new();
        let mut done = 0;
        for tag in super::raw_tags::raw_tags(html) {
            let Some(Rewrite::Image(picture)) = tag.address().and_then(|a| self.links.get(a))
            else {
                continue;
            };
            if !tag.image {
                continue;
            }
            out.push_str(&html[done..tag.start]);
            out.push(MARK_OPEN);
            out.push_str(&self.pictures.len().to_string());
            out.push(MARK_CLOSE);
            self.pictures
                .push((picture, tag.get("alt").unwrap_or_default().to_string()));
            done = tag.end;
        }
        if done == 0 {
            return None;
        }
        out.push_str(&html[done..]);
        Some(out)
    }

    /// Puts each image's `<picture>` where its mark is.
    fn place_pictures(&self, html: String) -> String {
        if self.pictures.is_empty() {
            return html;
        }
        let mut out = String::with_capacity(html.len() + 400 * self.pictures.len());
        let mut rest = html.as_str();
        while let Some(open) = rest.find(MARK_OPEN) {
            out.push_str(&rest[..open]);
            let after = &rest[open + MARK_OPEN.len_utf8()..];
            let Some(close) = after.find(MARK_CLOSE) else {
                rest = after;
                continue;
            };
            if let Some((picture, alt)) = after[..close]
                .parse::<usize>()
                .ok()
                .and_then(|n| self.pictures.get(n))
            {
                write_picture(&mut out, picture, alt);
            }
            rest = &after[close + MARK_CLOSE.len_utf8()..];
        }
        out.push_str(rest);
        out
    }
}

/// A responsive image: WebP first, the original format as the fallback.
fn write_picture(out: &mut String, picture: &Picture, alt: &str) {
    use std::fmt::Write;
    let _ = write!(
        out,
        "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{SIZES}\"><img src=\"{}\" srcset=\"{}\" sizes=\"{SIZES}\" width=\"{}\" height=\"{}\" alt=\"{}\" loading=\"lazy\"></picture>",
        escape(&picture.webp_srcset),
        escape(&picture.src),
        escape(&picture.srcset),
        picture.width,
        picture.height,
        escape(alt.trim())
    );
}

/// Escapes text for HTML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            other => out.push(other),
        }
    }
    out
}

/// The nesting depth of a body as the HTML parser will build it: Markdown
/// containers plus raw HTML elements. An end tag closes only an element that
/// is open and in scope (`</x>` with no `<x>` open closes nothing, as in the
/// parser), and with it whatever is open inside; the end of a Markdown
/// container closes the HTML left open in it. Void elements and elements
/// that close themselves (`<p>`, `<li>`) are not counted. Counting stops
/// once the limit is passed, so it is linear in the body's length.
#[derive(Debug, Default)]
struct Depth {
    /// Open elements: `None` for a Markdown container, else the HTML name.
    open: Vec<Option<String>>,
    max: usize,
}

impl Depth {
    fn track(&mut self, event: &Event) {
        if self.max > MAX_DEPTH {
            return;
        }
        match event {
            Event::Start(_) => self.push(None),
            Event::End(_) => {
                if let Some(at) = self.open.iter().rposition(Option::is_none) {
                    self.open.truncate(at);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => self.html(html),
            _ => {}
        }
    }

    fn push(&mut self, name: Option<String>) {
        self.open.push(name);
        self.max = self.max.max(self.open.len());
    }

    /// Closes the innermost open `name`, if it is in scope.
    fn close(&mut self, name: &str) {
        const SCOPE: &[&str] = &[
            "applet", "caption", "html", "table", "marquee", "object", "template",
        ];
        for at in (0..self.open.len()).rev() {
            match self.open[at].as_deref() {
                Some(open) if open == name => {
                    self.open.truncate(at);
                    return;
                }
                Some(open) if SCOPE.contains(&open) => return,
                _ => {}
            }
        }
    }

    fn html(&mut self, html: &str) {
        const NOT_NESTING: &[&str] = &[
            "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option",
        ];
        let mut rest = html;
        while let Some(at) = rest.find('<') {
            if self.max > MAX_DEPTH {
                return;
            }
            rest = &rest[at + 1..];
            if let Some(comment) = rest.strip_prefix("!--") {
                rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
                continue;
            }
            let closing = rest.starts_with('/');
            let tag = rest.strip_prefix('/').unwrap_or(rest);
            let name_end = tag
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(tag.len());
            if name_end == 0 {
                continue;
            }
            let name = tag[..name_end].to_ascii_lowercase();
            if NOT_NESTING.contains(&name.as_str()) {
                continue;
            }
            if closing {
                self.close(&name);
            } else if !tag.split('>').next().is_some_and(|t| t.ends_with('/')) {
                self.push(Some(name));
            }
        }
    }
}

/// Whether a link or image address is relative or uses a harmless scheme.
fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    match cleaned.find([':', '/', '?', '#']) {
        Some(at) if cleaned.as_bytes()[at] == b':' => {
            let scheme = cleaned[..at].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

/// Sets each heading's level (see [`heading_levels`]) and prefixes the
/// footnote ids.
fn place<'e>(events: Vec<Event<'e>>, top: u8, id_prefix: &str) -> impl Iterator<Item = Event<'e>> {
    let mut levels = heading_levels(&events, top).into_iter();
    let mut current = HeadingLevel::H2;
    events.into_iter().map(move |event| match event {
        Event::Start(Tag::Heading {
            id, classes, attrs, ..
        }) => {
            current = levels.next().unwrap_or(current);
            Event::Start(Tag::Heading {
                level: current,
                id,
                classes,
                attrs,
            })
        }
        Event::End(TagEnd::Heading(_)) => Event::End(TagEnd::Heading(current)),
        Event::FootnoteReference(label) => Event::FootnoteReference(footnote_id(id_prefix, &label)),
        Event::Start(Tag::FootnoteDefinition(label)) => {
            Event::Start(Tag::FootnoteDefinition(footnote_id(id_prefix, &label)))
        }
        other => other,
    })
}

/// The level each heading of `events` takes: by nesting, starting at `top`,
/// one deeper at most than the heading it follows.
fn heading_levels(events: &[Event], top: u8) -> Vec<HeadingLevel> {
    let mut open: Vec<(HeadingLevel, u8)> = Vec::new();
    let mut out = Vec::new();
    for event in events {
        let Event::Start(Tag::Heading { level, .. }) = event else {
            continue;
        };
        while open.last().is_some_and(|(written, _)| written >= level) {
            open.pop();
        }
        let placed = open.last().map_or(top, |(_, placed)| placed + 1).min(6);
        open.push((*level, placed));
        out.push(match placed {
            0..=1 => HeadingLevel::H1,
            2 => HeadingLevel::H2,
            3 => HeadingLevel::H3,
            4 => HeadingLevel::H4,
            5 => HeadingLevel::H5,
            _ => HeadingLevel::H6,
        });
    }
    out
}

fn footnote_id(prefix: &str, label: &str) -> CowStr<'static> {
    let label = crate::slug::slugify(label);
    if prefix.is_empty() {
        CowStr::from(format!("fn-{label}"))
    } else {
        CowStr::from(format!("fn-{prefix}-{label}"))
    }
}

/// The plain text of a Markdown body, paragraph by paragraph (for summaries
/// and the language checks).
pub fn paragraphs(markdown: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    for event in Parser::new_ext(markdown, OPTIONS) {
        match event {
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell | Tag::Heading { .. }) => {
                depth += 1
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::Heading(_),
            ) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && !current.trim().is_empty() {
                    paragraphs.push(plain(std::mem::take(&mut current).trim()));
                }
                current.clear();
            }
            Event::Text(text) | Event::Code(text) => current.push_str(&text),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            _ => {}
        }
    }
    paragraphs
}

/// The first paragraph's plain text: the summary when none is written.
pub fn first_paragraph(markdown: &str) -> String {
    let mut teaser = FirstParagraph::default();
    for event in Parser::new_ext(markdown, OPTIONS) {
        if !teaser.read(&event) {
            break;
        }
    }
    teaser.finish()
}

/// Reads a body's events up to the end of its first paragraph with text.
#[derive(Default)]
struct FirstParagraph {
    text: String,
    inside: bool,
}

impl FirstParagraph {
    /// Takes in one event; false once the paragraph is complete.
    fn read(&mut self, event: &Event) -> bool {
        match event {
            Event::Start(Tag::Paragraph) => self.inside = true,
            Event::End(TagEnd::Paragraph) if !self.text.trim().is_empty() => return false,
            Event::Text(t) | Event::Code(t) if self.inside => self.text.push_str(t),
            Event::SoftBreak | Event::HardBreak if self.inside => self.text.push(' '),
            _ => {}
        }
        true
    }

    fn finish(self) -> String {
        plain(self.text.trim())
    }
}

/// Plain text without the characters an HTML parser (or a JSON-LD block in
/// a page) rejects: control characters other than whitespace, noncharacters.
fn plain(text: &str) -> String {
    text.chars()
        .filter(|&c| !tidy::is_parse_error_char(c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Markdown in every form the editors write, without raw HTML or
    /// footnote definitions (those always go through tidy).
    fn markdown_without_raw_html() -> Vec<String> {
        const FORMS: &[&str] = &[
            "# Kop\n\n## Lager\n\n#### Diep\n\nTekst.\n",
            "Tekst met *nadruk*, **sterk**, ***beide***, ~~weg~~ en `code`.\n",
            "- een\n- twee\n  - diep\n    1. genummerd\n\n     alinea in item\n",
            "1. a\n2. b\n\n10. c\n",
            "> Citaat\n>\n> # Kop in citaat\n> - lijst\n",
            "| a | b |\n|:--|--:|\n| 1 | *2* |\n| [l](https://x.nl) | ![f](f.png) |\n",
            "```rust\nlet a = 1 < 2;\n```\n\n    ingesprongen code\n",
            "[link](https://www.voorbeeld.nl/ \"titel\") en <https://x.nl/a?b=1&c=2> en <info@x.nl>\n",
            "[kwaad](javascript:alert(1)) en [leeg]() en ![](foto.png) en ![alt]() en ![alt](javascript:x)\n",
            "[ref][1] en [ook]\n\n[1]: https://x.nl/1\n[ook]: /pad/ \"t\"\n",
            "Regel met harde  \nbreuk en\\\nnog een.\n",
            "&amp; &copy; &#128512; &#0; &lt;b&gt; a < b > c & d \" ' \n",
            "Voetnoot zonder definitie[^x].\n",
            "***\n\n---\n\nSetext\n======\n\nOok\n----\n",
            "[**sterke** link `code`](https://x.nl) ![beeld *met* nadruk](a.jpg \"t\")\n",
            "- [ ] taak\n- [x] klaar\n",
            "Tekst\u{a0}met\u{2028}rare\u{200b}tekens, é, ß, 🙂 en \u{fffd}.\n",
            "* a\n\n      code in lijst\n* > citaat in lijst\n",
            "| kop |\n|---|\n| `a|b` |\n| \\| |\n",
            "Stuur\u{0}tekens\u{7f} \u{85} \u{fdd0} \u{ffff} [link\u{1}](https://x.nl/\u{1b})\n\n```\n\u{1b}[2J\n```\n",
        ];
        let mut texts: Vec<String> = FORMS.iter().map(|f| f.to_string()).collect();
        for a in FORMS {
            for b in FORMS {
                texts.push(format!("{a}\n{b}"));
                texts.push(format!("- {a}\n> {b}"));
            }
        }
        texts.extend(crate::check::testing::sample_texts());
        texts.retain(|markdown| {
            !Parser::new_ext(markdown, OPTIONS).any(|event| {
                matches!(
                    event,
                    Event::Html(_)
                        | Event::InlineHtml(_)
                        | Event::Start(Tag::FootnoteDefinition(_))
                )
            })
        });
        texts
    }

    #[test]
    fn tidy_gives_markdown_without_raw_html_back_as_it_is() {
        let texts = markdown_without_raw_html();
        assert!(texts.len() > 2_000, "{}", texts.len());
        let mut plain = 0;
        for markdown in &texts {
            for top in [1, 2, 3] {
                let Ok(html) = render_placed(markdown, top, "") else {
                    continue;
                };
                let tidied = tidy::tidy(&html, &HashSet::new(), top, is_safe_url);
                assert_eq!(tidied, html, "{markdown:?}");
                plain += usize::from(!tidy::holds_parse_error(&html));
            }
        }
        assert!(plain > 6_000, "{plain}");
    }

    #[test]
    fn removes_scripts_handlers_and_javascript_links() {
        let html = render(
            "<script>alert(1)</script>\n\n<img src=\"x.png\" onerror=\"alert(1)\">\n\n[klik](javascript:alert(1)) <iframe src=\"https://x\"></iframe><form><input></form>",
        );
        assert!(!html.contains("script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(
            !html.contains("iframe") && !html.contains("<form") && !html.contains("<input"),
            "{html}"
        );
        assert!(
            !html.contains("<img"),
            "an image without alt stays out: {html}"
        );
        let html = render("<img src=\"x.png\" alt=\"Kaart\" onerror=\"alert(1)\">");
        assert!(html.contains("<img src=\"x.png\" alt=\"Kaart\">"), "{html}");
    }

    #[test]
    fn unsafe_images_and_links_leave_no_invalid_markup() {
        for body in [
            "<img src=\"javascript:alert(1)\" alt=\"a\">",
            "<img src=x onerror=alert(1)>",
            "<img alt=\"a\">",
            "![a]()",
        ] {
            let html = render(body);
            assert!(!html.contains("<img"), "{body}: {html}");
        }
        let html = render("<a href=\"javascript:alert(1)\">klik</a> hier");
        assert_eq!(html, "<p>klik hier</p>\n");
    }

    #[test]
    fn a_nested_unsafe_image_link_leaves_no_stray_end_tag() {
        for body in [
            "[![a](javascript:x)](javascript:y)",
            "[![a](javascript:x)](/ok/)",
            "[![a](/x.png)](javascript:y)",
        ] {
            let html = render(body);
            assert_eq!(
                html.matches("<a").count(),
                html.matches("</a>").count(),
                "{body}: {html}"
            );
            assert!(!html.contains("javascript"), "{body}: {html}");
        }
        assert_eq!(render("[![a](javascript:x)](javascript:y)"), "<p>a</p>\n");
    }

    #[test]
    fn a_raw_id_never_duplicates_a_footnote_id() {
        let html = render("<p id=\"fn-1\">nep</p>\n\nTekst[^1]\n\n[^1]: Bron.\n");
        assert_eq!(html.matches("id=\"fn-1\"").count(), 1, "{html}");
        let html = render("<p id=\"main\">x</p> <span id=\"fn-9\">y</span>");
        assert!(!html.contains("id="), "{html}");
    }

    #[test]
    fn control_characters_in_a_body_do_not_reach_the_html() {
        for body in ["a\u{1}b\u{1b}[2J\u{7f}\u{fdd0}", "<b>a\u{1}b\u{1b}</b>"] {
            let text = first_paragraph(body);
            assert!(!text.chars().any(tidy::is_parse_error_char), "{text:?}");
            let html = render(body);
            assert!(
                !html.chars().any(|c| c.is_control() && c != '\n'),
                "{html:?}"
            );
        }
    }

    #[test]
    fn end_tags_that_close_nothing_do_not_lower_the_depth() {
        let body = "<div></x>".repeat(MAX_DEPTH + 1);
        assert!(render_checked(&body).is_err());
        let body = "<div></x></span></p>".repeat(MAX_DEPTH + 1);
        assert!(render_checked(&body).is_err());
        let closed = "<div></x></div>".repeat(10 * MAX_DEPTH);
        assert!(render_checked(&closed).is_ok());
    }

    #[test]
    fn a_megabyte_of_hostile_nesting_is_refused_quickly() {
        let body = "<div></x>".repeat(110_000);
        let start = std::time::Instant::now();
        assert!(render_checked(&body).is_err());
        assert!(
            start.elapsed() < std::time::Duration::from_secs(5),
            "{:?}",
            start.elapsed()
        );
    }

    #[test]
    fn drops_unsafe_addresses_in_markdown_links_and_images() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
        ] {
            let html = render(&format!("[klik]({url}) ![plaatje]({url})"));
            assert!(
                !html.contains("href") && !html.contains("src"),
                "{url}: {html}"
            );
            assert!(html.contains("klik"), "{html}");
        }
        let html = render(
            "[a](https://x.nl) [b](/pad/) [c](#kop) [d](mailto:a@b.nl) [e](tel:14020) [f](pagina.html)",
        );
        assert_eq!(html.matches("href=").count(), 6, "{html}");
    }

    #[test]
    fn refuses_bodies_nested_deeper_than_the_limit() {
        let fine = format!("{}x", "> ".repeat(MAX_DEPTH / 2));
        assert!(render_checked(&fine).is_ok());
        let quotes = format!("{}x", "> ".repeat(MAX_DEPTH + 1));
        assert!(render_checked(&quotes).is_err());
        let divs = format!("{}x", "<div>".repeat(MAX_DEPTH + 1));
        assert!(matches!(render_checked(&divs), Err(TooDeep(d)) if d > MAX_DEPTH));
        let flat = "<div>a</div>\n".repeat(10 * MAX_DEPTH) + &"<br><p>b".repeat(MAX_DEPTH);
        assert!(render_checked(&flat).is_ok());
        assert!(
            !render(&divs).contains("<div"),
            "the fallback is plain text"
        );
    }

    #[test]
    fn keeps_tables_strikethrough_and_working_footnotes() {
        let html = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~oud~~ nieuw[^1]\n\n[^1]: Bron.\n");
        assert!(
            html.contains("<table>") && html.contains("<del>oud</del>"),
            "{html}"
        );
        assert!(
            html.contains("href=\"#fn-1\"") && html.contains("id=\"fn-1\""),
            "{html}"
        );
    }

    #[test]
    fn demotes_headings_and_drops_raw_ids() {
        let html = render("# Kop\n\n<p id=\"main\">x</p>");
        assert!(html.contains("<h2>Kop</h2>"), "{html}");
        assert!(!html.contains("id=\"main\""), "{html}");
    }

    #[test]
    fn places_headings_without_skipping_levels() {
        let html = render("### Eerst\n\n##### Dieper\n\n## Terug\n\n#### Onder terug");
        assert!(
            html.contains("<h2>Eerst</h2>") && html.contains("<h3>Dieper</h3>"),
            "{html}"
        );
        assert!(
            html.contains("<h2>Terug</h2>") && html.contains("<h3>Onder terug</h3>"),
            "{html}"
        );
        let part = render_placed("# Kop\n\n## Sub\n\nTekst[^a]\n\n[^a]: Bron.", 4, "riool")
            .unwrap_or_default();
        assert!(
            part.contains("<h4>Kop</h4>") && part.contains("<h5>Sub</h5>"),
            "{part}"
        );
        assert!(part.contains("id=\"fn-riool-a\""), "{part}");
    }

    #[test]
    fn the_teaser_read_while_rendering_is_the_first_paragraph() {
        for body in [
            "## Kop\n\nEerste *zin* hier.\nNog wat.\n\nTweede.",
            "- lijst\n\n![foto van `de` straat](x.png) en [een link](javascript:x) erna",
            "<div>raw</div>\n\n\n> citaat\n\nTekst[^1] met `code`  \nregel\n\n[^1]: Bron.",
            "",
            "| a | b |\n|---|---|\n| c | d |\n",
        ] {
            let (html, teaser) = render_with_teaser(body, &mut |_, _| {}).unwrap();
            assert_eq!(teaser, first_paragraph(body), "{body}");
            assert_eq!(html, render(body), "{body}");
        }
    }

    #[test]
    fn takes_the_first_paragraph_as_plain_text() {
        assert_eq!(
            first_paragraph("## Kop\n\nEerste *zin* hier.\nNog wat.\n\nTweede."),
            "Eerste zin hier. Nog wat."
        );
        assert_eq!(
            paragraphs("Eerste *zin*\nhier.\n\n- een\n- twee")[0],
            "Eerste zin hier."
        );
    }
}
