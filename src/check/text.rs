//! The words a resident reads in a contribution, as plain text blocks that
//! know their lines in the file: the title, the summary and each paragraph,
//! list item, heading or table cell of the body. Markdown syntax, link
//! targets, raw HTML and code blocks are left out, so the language checks
//! see sentences, not markup.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::model::Contribution;

const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_FOOTNOTES);

/// A run of plain text: a title, a summary, or one block of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub text: String,
    /// Whether the block is running prose (summary, paragraph, list item),
    /// not a title, heading or table cell.
    pub prose: bool,
    /// `(position in text, line in the file)` where each piece starts.
    pieces: Vec<(usize, usize)>,
}

impl Block {
    fn new(prose: bool) -> Block {
        Block {
            text: String::new(),
            prose,
            pieces: Vec::new(),
        }
    }

    /// A block of one front-matter field on one line.
    fn field(text: &str, line: usize, prose: bool) -> Block {
        Block {
            text: text.to_string(),
            prose,
            pieces: vec![(0, line)],
        }
    }

    fn push(&mut self, text: &str, line: usize) {
        self.pieces.push((self.text.len(), line));
        self.text.push_str(text);
    }

    /// The line of the file that position `at` of the text comes from.
    pub fn line_at(&self, at: usize) -> usize {
        let index = self.pieces.partition_point(|(start, _)| *start <= at);
        self.pieces.get(index.saturating_sub(1)).map_or(1, |p| p.1)
    }
}

/// Calls `visit` with the title, the summary and each block of the body of
/// a contribution, reusing one buffer (this runs over every body of the
/// site).
pub fn for_each_block(c: &Contribution, mut visit: impl FnMut(&Block)) {
    visit(&Block::field(&c.title, c.line_of("title"), false));
    if let Some(summary) = &c.summary {
        visit(&Block::field(summary, c.line_of("summary"), true));
    }
    for_each_body_block(&c.body_markdown, c.source.body_line, visit);
}

/// Calls `visit` with each block of a Markdown body whose first line is
/// line `first_line` of its file.
pub fn for_each_body_block(markdown: &str, first_line: usize, mut visit: impl FnMut(&Block)) {
    let mut lines = Lines::new(markdown, first_line);
    let mut current = Block::new(true);
    let mut in_code = false;
    for (event, range) in Parser::new_ext(markdown, OPTIONS).into_offset_iter() {
        match event {
            Event::Start(tag) if is_block(&tag) => {
                finish(&mut current, &mut visit);
                in_code |= matches!(tag, Tag::CodeBlock(_));
                current.prose = !matches!(tag, Tag::Heading { .. } | Tag::TableCell);
            }
            Event::End(end) if is_block_end(end) => {
                finish(&mut current, &mut visit);
                in_code &= !matches!(end, TagEnd::CodeBlock);
                current.prose = true;
            }
            Event::Text(text) | Event::Code(text) if !in_code => {
                current.push(&text, lines.line_of(range));
            }
            Event::SoftBreak | Event::HardBreak => current.text.push(' '),
            _ => {}
        }
    }
    finish(&mut current, &mut visit);
}

fn finish(current: &mut Block, visit: &mut impl FnMut(&Block)) {
    if !current.text.trim().is_empty() {
        visit(current);
    }
    current.text.clear();
    current.pieces.clear();
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

    fn line_of(&mut self, range: Range<usize>) -> usize {
        self.line(range.start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body_blocks(markdown: &str, first_line: usize) -> Vec<Block> {
        let mut blocks = Vec::new();
        for_each_body_block(markdown, first_line, |b| blocks.push(b.clone()));
        blocks
    }

    fn texts(markdown: &str) -> Vec<(String, bool, usize)> {
        body_blocks(markdown, 10)
            .into_iter()
            .map(|b| (b.text.clone(), b.prose, b.line_at(0)))
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
        let blocks = body_blocks("Eerste regel\nen de tweede regel.", 4);
        assert_eq!(blocks.len(), 1);
        let at = blocks[0].text.find("tweede").unwrap();
        assert_eq!(blocks[0].line_at(at), 5);
        assert_eq!(blocks[0].line_at(0), 4);
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
