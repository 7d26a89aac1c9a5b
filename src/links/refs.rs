//! Finds the link and image addresses in a Markdown body, with the line each
//! is on and, for images, the alt text: in Markdown and in raw HTML.

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use crate::render::raw_tags::raw_tags;

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
    let mut reader = Reader::new(markdown, first_line);
    if reader.lines.is_some() {
        let parser = Parser::new_ext(markdown, super::super::render::markdown::OPTIONS);
        for (event, range) in parser.into_offset_iter() {
            reader.read(&event, range);
        }
    }
    reader.finish()
}

/// Reads the addresses of a body from the events of a parse of it, so the
/// parse that renders the body can find them too ([`references`] is the
/// same with a parse of its own).
pub struct Reader {
    /// `None` for a body that cannot hold an address (its events are skipped).
    lines: Option<LineIndex>,
    found: Vec<Reference>,
    image: Option<Reference>,
    block: HtmlBlock,
}

impl Reader {
    pub fn new(markdown: &str, first_line: usize) -> Reader {
        Reader {
            lines: may_have_references(markdown).then(|| LineIndex::new(markdown, first_line)),
            found: Vec::new(),
            image: None,
            block: HtmlBlock::default(),
        }
    }

    /// One event of the parse, with its place in the body.
    pub fn read(&mut self, event: &Event, range: std::ops::Range<usize>) {
        let Some(lines) = &self.lines else {
            return;
        };
        if let Event::Html(html) = event {
            self.block.push(html, range.start);
            return;
        }
        if !self.block.starts.is_empty() {
            self.found.extend(self.block.take(lines));
        }
        if let Some(open) = &mut self.image {
            match event {
                Event::End(TagEnd::Image) => self.found.extend(self.image.take()),
                Event::Text(text) | Event::Code(text) => open.alt.push_str(text),
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if !matches!(link_type, LinkType::Email | LinkType::Autolink) => {
                self.found.push(Reference {
                    dest: dest_url.to_string(),
                    line: lines.at(range.start),
                    image: false,
                    alt: String::new(),
                    raw_html: false,
                });
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                self.image = Some(Reference {
                    dest: dest_url.to_string(),
                    line: lines.at(range.start),
                    image: true,
                    alt: String::new(),
                    raw_html: false,
                });
            }
            Event::InlineHtml(html) => {
                self.found.extend(raw_references(html, |offset| {
                    lines.at(range.start + offset)
                }));
            }
            _ => {}
        }
    }

    /// The addresses read, in the order of the body.
    pub fn finish(mut self) -> Vec<Reference> {
        if let Some(lines) = &self.lines {
            self.found.extend(self.block.take(lines));
        }
        for reference in &mut self.found {
            reference.alt = reference.alt.trim().to_string();
        }
        self.found
    }
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

/// The block HTML read so far: its lines joined (pulldown-cmark gives a
/// block line by line, and a tag may span lines), and where each line
/// starts in the joined text and in the body.
#[derive(Default)]
struct HtmlBlock {
    text: String,
    /// (offset in `text`, offset in the body), one per line.
    starts: Vec<(usize, usize)>,
}

impl HtmlBlock {
    fn push(&mut self, html: &str, body_offset: usize) {
        self.starts.push((self.text.len(), body_offset));
        self.text.push_str(html);
    }

    /// The references of the block's tags; empties the block.
    fn take(&mut self, lines: &LineIndex) -> Vec<Reference> {
        let found = raw_references(&self.text, |offset| {
            let index = self.starts.partition_point(|(start, _)| *start <= offset);
            let (text_start, body_start) = self.starts[index.saturating_sub(1)];
            lines.at(body_start + offset - text_start)
        });
        *self = HtmlBlock::default();
        found
    }
}

/// The addresses of the `<a>` and `<img>` tags in raw HTML, `line_of`
/// giving the line of a byte offset into it.
fn raw_references(html: &str, line_of: impl Fn(usize) -> usize) -> Vec<Reference> {
    raw_tags(html)
        .into_iter()
        .filter_map(|tag| {
            Some(Reference {
                dest: tag.address()?.to_string(),
                line: line_of(tag.start),
                image: tag.image,
                alt: tag.get("alt").unwrap_or_default().to_string(),
                raw_html: true,
            })
        })
        .collect()
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
    fn the_render_parse_finds_the_same_addresses_as_a_parse_of_their_own() {
        let bodies = [
            "Tekst [avond](../energie/avond.md#aanmelden).\n\n![Ontwerp *plein*](ontwerp.jpg)\n\n<p>Zie <a href='brief.pdf'>brief</a></p>\n",
            "<figure>\n<img src=\"foto.jpg\"\n     alt=\"Het buurthuis\">\n</figure>\n\n> <img src=kaart.png\n> alt=\"Kaart\">\n",
            "[ref]: plan.pdf\n\nZie [het plan][ref] en ![](leeg.png) of <b><a href=x.md>x</a></b>.\n",
            "- lijst met [link](a.md)\n  - dieper ![`code` alt](b.png)\n",
            "Geen links hier.",
        ];
        for body in bodies {
            let mut diagnostics = Vec::new();
            let rendered = crate::content::render_body("x.md", body, 5, &mut diagnostics);
            assert_eq!(rendered.references, references(body, 5), "{body}");
        }
    }

    #[test]
    fn a_tag_over_several_lines_of_a_block_keeps_its_alt_and_line() {
        let body = "Tekst.\n\n<figure>\n<img src=\"foto.jpg\"\n     alt=\"Het buurthuis\">\n</figure>\n\n> <img src=kaart.png\n> alt=\"Kaart\">\n";
        let found = references(body, 7);
        let summary: Vec<_> = found
            .iter()
            .map(|r| (r.dest.as_str(), r.line, r.alt.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                ("foto.jpg", 10, "Het buurthuis"),
                ("kaart.png", 14, "Kaart")
            ]
        );
        assert!(references("Geen links hier.", 1).is_empty());
    }
}
