//! Finds the link and image addresses in a Markdown body, with the line each
//! is on and, for images, the alt text: in Markdown and in raw HTML.

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

/// One address in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The address as written (what [`crate::render::markdown::Links`] is keyed by).
    pub dest: String,
    pub line: usize,
    pub image: bool,
    /// An image's alt text, trimmed (empty when there is none).
    pub alt: String,
    /// Written in raw HTML rather than Markdown.
    pub raw_html: bool,
}

/// Whether a body can hold an address at all: most hold none, and they
/// need no second parse.
fn may_have_references(markdown: &str) -> bool {
    markdown.contains("](") || markdown.contains("]:") || markdown.contains('<')
}

/// Every link and image address of a body that starts on `first_line`.
pub fn references(markdown: &str, first_line: usize) -> Vec<Reference> {
    if !may_have_references(markdown) {
        return Vec::new();
    }
    let lines = LineIndex::new(markdown, first_line);
    let mut found = Vec::new();
    let mut image: Option<Reference> = None;
    let parser = Parser::new_ext(markdown, super::super::render::markdown::OPTIONS);
    for (event, range) in parser.into_offset_iter() {
        if let Some(open) = &mut image {
            match event {
                Event::End(TagEnd::Image) => found.extend(image.take()),
                Event::Text(text) | Event::Code(text) => open.alt.push_str(&text),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if !matches!(link_type, LinkType::Email | LinkType::Autolink) => {
                found.push(Reference {
                    dest: dest_url.to_string(),
                    line: lines.at(range.start),
                    image: false,
                    alt: String::new(),
                    raw_html: false,
                });
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                image = Some(Reference {
                    dest: dest_url.to_string(),
                    line: lines.at(range.start),
                    image: true,
                    alt: String::new(),
                    raw_html: false,
                });
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for tag in raw_tags(&html) {
                    found.push(Reference {
                        line: lines.at(range.start + tag.offset),
                        ..tag.reference
                    });
                }
            }
            _ => {}
        }
    }
    for reference in &mut found {
        reference.alt = reference.alt.trim().to_string();
    }
    found
}

/// Line numbers of byte offsets.
struct LineIndex {
    starts: Vec<usize>,
    first_line: usize,
}

impl LineIndex {
    fn new(text: &str, first_line: usize) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        LineIndex { starts, first_line }
    }

    fn at(&self, offset: usize) -> usize {
        let index = self.starts.partition_point(|&start| start <= offset);
        self.first_line + index.saturating_sub(1)
    }
}

/// An address found in raw HTML, at a byte offset into that HTML.
struct RawTag {
    offset: usize,
    reference: Reference,
}

/// The `href` of `<a>` and the `src` and `alt` of `<img>` tags in raw HTML.
fn raw_tags(html: &str) -> Vec<RawTag> {
    let mut found = Vec::new();
    for (offset, _) in html.match_indices('<') {
        let rest = &html[offset + 1..];
        let name_end = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        let (image, wanted) = match name.as_str() {
            "img" => (true, "src"),
            "a" => (false, "href"),
            _ => continue,
        };
        let tag = &rest[name_end..rest.find('>').unwrap_or(rest.len())];
        let attributes = attributes(tag);
        let value = |key: &str| {
            attributes
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
        };
        let Some(dest) = value(wanted) else { continue };
        found.push(RawTag {
            offset,
            reference: Reference {
                dest,
                line: 0,
                image,
                alt: value("alt").unwrap_or_default(),
                raw_html: true,
            },
        });
    }
    found
}

/// The attributes of a tag (the text after its name), names in lower case,
/// values with the common character references decoded.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = tag;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        if name_end == 0 {
            return found;
        }
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let Some(after) = rest.strip_prefix('=') else {
            found.push((name, String::new()));
            continue;
        };
        rest = after.trim_start();
        let (value, next) = match rest.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let body = &rest[1..];
                let end = body.find(quote).unwrap_or(body.len());
                (&body[..end], &body[(end + 1).min(body.len())..])
            }
            _ => {
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                (&rest[..end], &rest[end..])
            }
        };
        found.push((name, decode(value)));
        rest = next;
    }
}

fn decode(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_markdown_and_raw_html_addresses_with_their_lines() {
        let body = "Tekst [avond](../energie/avond.md#aanmelden).\n\n![Ontwerp *plein*](ontwerp.jpg)\n\n<p>Zie <a href='brief.pdf'>brief</a></p>\n\n<img src=\"foto.png\">\n\nMail <info@voorbeeld.nl> of <https://voorbeeld.nl>.\n";
        let found = references(body, 10);
        let summary: Vec<_> = found
            .iter()
            .map(|r| (r.dest.as_str(), r.line, r.image, r.alt.as_str(), r.raw_html))
            .collect();
        assert_eq!(
            summary,
            [
                ("../energie/avond.md#aanmelden", 10, false, "", false),
                ("ontwerp.jpg", 12, true, "Ontwerp plein", false),
                ("brief.pdf", 14, false, "", true),
                ("foto.png", 16, true, "", true),
            ]
        );
    }

    #[test]
    fn reads_attributes_in_any_quoting() {
        let found = raw_tags("<IMG alt=\"Kaart &amp; plan\" SRC=kaart.png />");
        assert_eq!(found[0].reference.dest, "kaart.png");
        assert_eq!(found[0].reference.alt, "Kaart & plan");
        assert!(references("Geen links hier.", 1).is_empty());
    }
}
