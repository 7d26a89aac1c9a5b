//! The words a resident reads in a contribution, as plain text blocks that
//! know their lines in the file: the title, the summary and each paragraph,
//! list item, heading or table cell of the body. Markdown syntax, link
//! targets, raw HTML and code blocks are left out, so the language checks
//! see sentences, not markup.
//!
//! The body's blocks ([`BodyText`]) are read from the events of the one
//! parse that renders the body ([`Reader`]), so no body is parsed twice.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::model::Contribution;

/// A run of plain text: a title, a summary, or one block of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block<'a> {
    pub text: &'a str,
    /// Whether the block is running prose (summary, paragraph, list item),
    /// not a title, heading or table cell.
    pub prose: bool,
    /// `(position in text, line in the file)` where each piece starts.
    pieces: &'a [(u32, u32)],
}

impl Block<'_> {
    /// The line of the file that position `at` of the text comes from.
    pub fn line_at(&self, at: usize) -> usize {
        let index = self
            .pieces
            .partition_point(|(start, _)| *start as usize <= at);
        self.pieces
            .get(index.saturating_sub(1))
            .map_or(1, |p| p.1 as usize)
    }
}

/// The blocks of a body, one after another in one string, with their lines:
/// plain data from the loader for the checks, kept as long as its wijk (so
/// in 32-bit numbers: a body is far below 4 GB).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyText {
    text: String,
    blocks: Vec<BlockEnd>,
    /// `(position in its block's text, line in the file)` of each piece.
    pieces: Vec<(u32, u32)>,
}

/// Where a block ends in [`BodyText::text`] and [`BodyText::pieces`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct BlockEnd {
    text: u32,
    pieces: u32,
    prose: bool,
}

impl BodyText {
    /// The blocks of a Markdown body whose first line is line `first_line`
    /// of its file, from a parse of its own (the loader reads them from the
    /// parse that renders the body instead, with a [`Reader`]).
    #[cfg(test)]
    pub fn parse(markdown: &str, first_line: usize) -> BodyText {
        let mut reader = Reader::new(markdown, first_line);
        let parser = pulldown_cmark::Parser::new_ext(markdown, crate::render::markdown::OPTIONS);
        for (event, range) in parser.into_offset_iter() {
            reader.read(&event, range);
        }
        reader.finish()
    }

    /// The blocks in order.
    pub fn blocks(&self) -> impl Iterator<Item = Block<'_>> {
        let mut text_start = 0;
        let mut pieces_start = 0;
        self.blocks.iter().map(move |end| {
            let (text_end, pieces_end) = (end.text as usize, end.pieces as usize);
            let block = Block {
                text: &self.text[text_start..text_end],
                prose: end.prose,
                pieces: &self.pieces[pieces_start..pieces_end],
            };
            (text_start, pieces_start) = (text_end, pieces_end);
            block
        })
    }
}

/// Calls `visit` with the title, the summary and each block of the body of
/// a contribution.
pub fn for_each_block(c: &Contribution, mut visit: impl FnMut(&Block)) {
    let title = [(0, number(c.line_of("title")))];
    visit(&Block {
        text: &c.title,
        prose: false,
        pieces: &title,
    });
    if let Some(summary) = &c.summary {
        let pieces = [(0, number(c.line_of("summary")))];
        visit(&Block {
            text: summary,
            prose: true,
            pieces: &pieces,
        });
    }
    for block in c.text.blocks() {
        visit(&block);
    }
}

/// Reads a body's [`BodyText`] from the events of its parse, given one by
/// one with their places in the Markdown.
pub struct Reader<'a> {
    lines: Lines<'a>,
    body: BodyText,
    /// Whether the current block is prose.
    prose: bool,
    in_code: bool,
    /// Where the current block starts in the text and in the pieces.
    text_start: usize,
    pieces_start: usize,
}

impl<'a> Reader<'a> {
    /// A reader of the events of `markdown`, whose first line is line
    /// `first_line` of its file.
    pub fn new(markdown: &'a str, first_line: usize) -> Reader<'a> {
        Reader {
            lines: Lines::new(markdown, first_line),
            // The text is about as long as the Markdown at most.
            body: BodyText {
                text: String::with_capacity(markdown.len()),
                ..BodyText::default()
            },
            prose: true,
            in_code: false,
            text_start: 0,
            pieces_start: 0,
        }
    }

    /// Takes the next event of the parse and where it is in the Markdown.
    pub fn read(&mut self, event: &Event, range: Range<usize>) {
        match event {
            Event::Start(tag) if is_block(tag) => {
                self.end_block();
                self.in_code |= matches!(tag, Tag::CodeBlock(_));
                self.prose = !matches!(tag, Tag::Heading { .. } | Tag::TableCell);
            }
            Event::End(end) if is_block_end(*end) => {
                self.end_block();
                self.in_code &= !matches!(end, TagEnd::CodeBlock);
                self.prose = true;
            }
            Event::Text(text) | Event::Code(text) if !self.in_code => {
                let at = number(self.body.text.len() - self.text_start);
                let line = number(self.lines.line(range.start));
                self.body.pieces.push((at, line));
                self.body.text.push_str(text);
            }
            Event::SoftBreak | Event::HardBreak => self.body.text.push(' '),
            _ => {}
        }
    }

    /// The blocks read, in no more memory than they take.
    pub fn finish(mut self) -> BodyText {
        self.end_block();
        self.body.text.shrink_to_fit();
        self.body.blocks.shrink_to_fit();
        self.body.pieces.shrink_to_fit();
        self.body
    }

    /// Ends the current block: kept when it has more than white space.
    fn end_block(&mut self) {
        let body = &mut self.body;
        if body.text[self.text_start..].trim().is_empty() {
            body.text.truncate(self.text_start);
            body.pieces.truncate(self.pieces_start);
            return;
        }
        body.blocks.push(BlockEnd {
            text: number(body.text.len()),
            pieces: number(body.pieces.len()),
            prose: self.prose,
        });
        self.text_start = body.text.len();
        self.pieces_start = body.pieces.len();
    }
}

/// A position or line as a 32-bit number; past 4 G (a Markdown file no one
/// writes) it stays at the largest, so positions go wrong but nothing fails.
fn number(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn is_block(tag: &Tag) -> bool {
    !matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_block_end(end: TagEnd) -> bool {
    !matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// Byte offsets to line numbers for one text, counting newlines from the
/// last offset asked for (offsets mostly come in order).
pub struct Lines<'a> {
    text: &'a str,
    first_line: usize,
    at: usize,
    line: usize,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str, first_line: usize) -> Lines<'a> {
        Lines {
            text,
            first_line,
            at: 0,
            line: first_line,
        }
    }

    /// The line of the file that byte `at` of the text is on.
    pub fn line(&mut self, at: usize) -> usize {
        let at = at.min(self.text.len());
        if at < self.at {
            self.at = 0;
            self.line = self.first_line;
        }
        let bytes = &self.text.as_bytes()[self.at..at];
        self.line += bytes.iter().filter(|&&b| b == b'\n').count();
        self.at = at;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(markdown: &str) -> Vec<(String, bool, usize)> {
        BodyText::parse(markdown, 10)
            .blocks()
            .map(|b| (b.text.to_string(), b.prose, b.line_at(0)))
            .collect()
    }

    #[test]
    fn splits_the_body_into_blocks_with_their_lines() {
        let blocks = texts(
            "Een *zin* met [een link](https://x.nl/a.b).\nTweede regel.\n\n## Kop\n\n- punt een\n- punt twee\n\n```\ncode. niet lezen\n```\n<div>html</div>\n",
        );
        assert_eq!(
            blocks,
            vec![
                ("Een zin met een link. Tweede regel.".to_string(), true, 10),
                ("Kop".to_string(), false, 13),
                ("punt een".to_string(), true, 15),
                ("punt twee".to_string(), true, 16),
            ]
        );
    }

    #[test]
    fn knows_the_line_of_every_piece() {
        let body = BodyText::parse("Eerste regel\nen de tweede regel.", 4);
        let blocks: Vec<Block> = body.blocks().collect();
        assert_eq!(blocks.len(), 1);
        let at = blocks[0].text.find("tweede").unwrap();
        assert_eq!(blocks[0].line_at(at), 5);
        assert_eq!(blocks[0].line_at(0), 4);
    }

    /// A block as owned data: text, prose, pieces.
    type Owned = (String, bool, Vec<(u32, u32)>);

    /// The blocks as the checks read them before the loader gave them: from
    /// a parse of their own, each block a string of its own. Kept to compare.
    fn blocks_read_apart(markdown: &str, first_line: usize) -> Vec<Owned> {
        let mut lines = Lines::new(markdown, first_line);
        let (mut blocks, mut text, mut pieces) = (Vec::new(), String::new(), Vec::new());
        let (mut prose, mut in_code) = (true, false);
        let mut finish = |text: &mut String, pieces: &mut Vec<(u32, u32)>, prose: bool| {
            if !text.trim().is_empty() {
                blocks.push((text.clone(), prose, pieces.clone()));
            }
            text.clear();
            pieces.clear();
        };
        let parser = pulldown_cmark::Parser::new_ext(markdown, crate::render::markdown::OPTIONS);
        for (event, range) in parser.into_offset_iter() {
            match event {
                Event::Start(tag) if is_block(&tag) => {
                    finish(&mut text, &mut pieces, prose);
                    in_code |= matches!(tag, Tag::CodeBlock(_));
                    prose = !matches!(tag, Tag::Heading { .. } | Tag::TableCell);
                }
                Event::End(end) if is_block_end(end) => {
                    finish(&mut text, &mut pieces, prose);
                    in_code &= !matches!(end, TagEnd::CodeBlock);
                    prose = true;
                }
                Event::Text(t) | Event::Code(t) if !in_code => {
                    pieces.push((text.len() as u32, lines.line(range.start) as u32));
                    text.push_str(&t);
                }
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            }
        }
        finish(&mut text, &mut pieces, prose);
        blocks
    }

    #[test]
    fn the_blocks_read_in_the_render_are_those_of_a_parse_of_their_own() {
        for markdown in crate::check::testing::sample_texts() {
            let mut diagnostics = Vec::new();
            let body = crate::content::render_body("x.md", &markdown, 7, &mut diagnostics).text;
            if !diagnostics.is_empty() {
                continue;
            }
            let blocks: Vec<Owned> = body
                .blocks()
                .map(|b| (b.text.to_string(), b.prose, b.pieces.to_vec()))
                .collect();
            assert_eq!(blocks, blocks_read_apart(&markdown, 7), "{markdown:?}");
        }
    }

    #[test]
    fn maps_offsets_to_lines() {
        let mut lines = Lines::new("a\nb\n\nc", 7);
        assert_eq!(lines.line(0), 7);
        assert_eq!(lines.line(2), 8);
        assert_eq!(lines.line(5), 10);
        assert_eq!(lines.line(1), 7, "going back counts again");
        assert_eq!(lines.line(99), 10);
    }
}
