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

/// The blocks of a body as plain data from the loader for the checks: each
/// piece of text as where it stands in the body's Markdown (most text is
/// written there as it reads), so a body's blocks take a few hundred bytes
/// while its wijk is loaded; [`BodyText::for_each`] puts a block's text
/// together when it is read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyText {
    pieces: Vec<Piece>,
    blocks: Vec<BlockEnd>,
    /// The text of the pieces that differ from their Markdown (an entity,
    /// an escaped character, a code span over two lines).
    extra: String,
}

/// A piece of a block's text, in 32-bit numbers (a Markdown file over 4 GB
/// is not a contribution).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    from: From,
    start: u32,
    len: u32,
    /// The line of the file the piece starts on.
    line: u32,
}

/// Where a piece's text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum From {
    Markdown,
    Extra,
    /// A line break, read as one space.
    Space,
}

/// Where a block's pieces end, and whether it is prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct BlockEnd {
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

    /// Calls `visit` with each block in order; `markdown` is the body these
    /// blocks were read from. Each block's text is put together in one
    /// buffer, used again for the next.
    pub fn for_each(&self, markdown: &str, mut visit: impl FnMut(&Block)) {
        let mut text = String::new();
        let mut lines: Vec<(u32, u32)> = Vec::new();
        let mut start = 0;
        for end in &self.blocks {
            text.clear();
            lines.clear();
            for piece in &self.pieces[start..end.pieces as usize] {
                let range = piece.start as usize..(piece.start + piece.len) as usize;
                match piece.from {
                    From::Markdown => text.push_str(&markdown[range]),
                    From::Extra => text.push_str(&self.extra[range]),
                    From::Space => {
                        text.push(' ');
                        continue;
                    }
                }
                lines.push((number(text.len() - piece.len as usize), piece.line));
            }
            start = end.pieces as usize;
            visit(&Block {
                text: &text,
                prose: end.prose,
                pieces: &lines,
            });
        }
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
    c.text.for_each(&c.body_markdown, visit);
}

/// Reads a body's [`BodyText`] from the events of its parse, given one by
/// one with their places in the Markdown.
pub struct Reader<'a> {
    markdown: &'a str,
    lines: Lines<'a>,
    body: BodyText,
    /// Whether the current block is prose, and has only white space so far.
    prose: bool,
    blank: bool,
    in_code: bool,
    /// Where the current block starts in the pieces and in the extra text.
    pieces_start: usize,
    extra_start: usize,
}

impl<'a> Reader<'a> {
    /// A reader of the events of `markdown`, whose first line is line
    /// `first_line` of its file.
    pub fn new(markdown: &'a str, first_line: usize) -> Reader<'a> {
        Reader {
            markdown,
            lines: Lines::new(markdown, first_line),
            body: BodyText::default(),
            prose: true,
            blank: true,
            in_code: false,
            pieces_start: 0,
            extra_start: 0,
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
                let line = number(self.lines.line(range.start));
                self.push(text, line);
            }
            Event::SoftBreak | Event::HardBreak => self.body.pieces.push(Piece {
                from: From::Space,
                start: 0,
                len: 1,
                line: 0,
            }),
            _ => {}
        }
    }

    /// Adds a piece of text: where it stands in the Markdown when it is a
    /// part of it (the parser hands out most text as such), else a copy.
    fn push(&mut self, text: &str, line: u32) {
        self.blank &= text.trim().is_empty();
        // A part of the Markdown: its address is inside the Markdown's.
        let at = (text.as_ptr() as usize).checked_sub(self.markdown.as_ptr() as usize);
        let inside = at.filter(|at| at + text.len() <= self.markdown.len());
        let (from, start) = match inside {
            Some(at) => (From::Markdown, at),
            None => {
                self.body.extra.push_str(text);
                (From::Extra, self.body.extra.len() - text.len())
            }
        };
        self.body.pieces.push(Piece {
            from,
            start: number(start),
            len: number(text.len()),
            line,
        });
    }

    /// The blocks read, in no more memory than they take.
    pub fn finish(mut self) -> BodyText {
        self.end_block();
        self.body.pieces.shrink_to_fit();
        self.body.blocks.shrink_to_fit();
        self.body.extra.shrink_to_fit();
        self.body
    }

    /// Ends the current block: kept when it has more than white space.
    fn end_block(&mut self) {
        let body = &mut self.body;
        if self.blank {
            body.pieces.truncate(self.pieces_start);
            body.extra.truncate(self.extra_start);
        } else {
            body.blocks.push(BlockEnd {
                pieces: number(body.pieces.len()),
                prose: self.prose,
            });
        }
        self.blank = true;
        self.pieces_start = body.pieces.len();
        self.extra_start = body.extra.len();
    }
}

/// A position, length or line as a 32-bit number; past 4 G (a Markdown file
/// no one writes) it stays at the largest, so positions go wrong but
/// nothing fails.
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

    /// The blocks of `markdown` with their lines, as owned data.
    fn owned(markdown: &str, body: &BodyText) -> Vec<Owned> {
        let mut blocks = Vec::new();
        body.for_each(markdown, |b| {
            blocks.push((b.text.to_string(), b.prose, b.pieces.to_vec()));
        });
        blocks
    }

    fn texts(markdown: &str) -> Vec<(String, bool, u32)> {
        owned(markdown, &BodyText::parse(markdown, 10))
            .into_iter()
            .map(|(text, prose, pieces)| (text, prose, pieces[0].1))
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
        let markdown = "Eerste regel\nen de &amp; `tweede`\nregel.";
        let mut lines = Vec::new();
        BodyText::parse(markdown, 4).for_each(markdown, |block| {
            assert_eq!(block.text, "Eerste regel en de & tweede regel.");
            let at = |word| block.text.find(word).unwrap();
            lines = [0, at("en"), at("&"), at("tweede"), at("regel.")]
                .map(|at| block.line_at(at))
                .to_vec();
        });
        assert_eq!(lines, [4, 5, 5, 5, 6]);
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
            assert_eq!(
                owned(&markdown, &body),
                blocks_read_apart(&markdown, 7),
                "{markdown:?}"
            );
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
