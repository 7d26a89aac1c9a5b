//! Keeps a letter within two A4 pages. The letter is laid out in lines of
//! body text (10 pt, about 12.7 pt from line to line, at most
//! [`LINE_CHARS`] characters a line on the 168 mm wide column) the way both
//! the PDF (`letter.typ`) and the print page (`assets/brief.css`) set it:
//! block by block down two pages, where a block that may not be split (the
//! map, a meeting, a regulation, the contact block with its QR code, a
//! heading with what follows it) moves whole to the next page and leaves the
//! rest of its page empty. So HTML and PDF are shortened the same way without
//! laying them out twice, and a map or contact block pushed over the edge is
//! counted as the empty space it leaves.
//!
//! The page sizes ([`FIRST_PAGE`], [`PAGE`]) were measured in both
//! layouts: page 1 holds 33 lines below the letterhead, the address window
//! and the letter's title, page 2 holds 57 lines; [`MARGIN`] lines are kept
//! free at the end for a wider fallback font or a browser's rounding. On the
//! busiest fixture street (`tests/fixtures/busy`) and on a street with a map
//! and 0 to 14 extra jobs, the PDF and Chromium's print both stay within two
//! pages (`tests/browser/print.test.mjs` prints the busy street).
//!
//! When a letter is too long, it is shortened in this order until it fits,
//! and each step is named in [`Letter::condensed`] (`check` reports them as
//! `long-letter`): summaries to their first sentence; at most three
//! meetings; help and regulations without their explanation; at most three
//! parts per project; items without summary; then the latest items move to
//! the website ("Nog twee onderwerpen staan op de website."). The opening, the
//! dates, the latest updates and the contact point are never cut.

use super::opening::counted;
use super::{Event, Item, Letter, Support};
use crate::bytescan;

/// Characters of body text on one line, a word's length less than fits
/// (Open Sans at 10 pt on 168 mm fits about 100; the print page's Arial a
/// few more).
pub const LINE_CHARS: usize = 100;
/// Characters on one line of the contact block, beside the QR code.
const CONTACT_CHARS: usize = 70;

/// Lines of body text on page 1, below the 77 mm letterhead (which keeps
/// the envelope window free), the date, subject, address line and title.
pub const FIRST_PAGE: f32 = 34.0;
/// Lines of body text on page 2.
pub const PAGE: f32 = 57.0;
/// Lines kept free at the end of page 2.
pub const MARGIN: f32 = 2.0;

/// Lines a heading takes with its space above.
const HEADING: f32 = 2.2;
/// Lines the street map takes (at most 60 mm high, with space around it).
const MAP: f32 = 15.0;
/// Lines the QR code beside the contact details takes (30 mm).
const QR: f32 = 7.0;
/// Space above an item (below the one before it).
const ITEM_GAP: f32 = 0.6;
/// Space between paragraphs and between the entries of a list.
const GAP: f32 = 0.3;

/// How many lines `text` takes.
fn lines(text: &str) -> f32 {
    lines_of(&[text], LINE_CHARS)
}

/// How many lines the text written as `pieces` one after the other takes
/// on lines of `width` characters (measured without writing it: [`fits`]
/// runs many times for each letter).
fn lines_of(pieces: &[&str], width: usize) -> f32 {
    let chars: usize = pieces.iter().map(|piece| bytescan::chars(piece)).sum();
    chars.div_ceil(width) as f32
}

/// A piece of the letter in reading order: `keep` lines at its start must
/// stay on one page (all of them for a block that may not be split), the
/// rest may run on to the next page.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Block {
    lines: f32,
    keep: f32,
}

impl Block {
    fn whole(lines: f32) -> Block {
        Block { lines, keep: lines }
    }

    fn split(lines: f32) -> Block {
        Block {
            lines,
            keep: lines.min(1.0),
        }
    }

    /// This block with a heading before it that stays with its start.
    fn headed(self) -> Block {
        Block {
            lines: self.lines + HEADING,
            keep: self.keep + HEADING,
        }
    }
}

/// The letter's blocks, measured once, by part: dropping items, meetings
/// or help one by one (the last steps of [`fit`]) only leaves blocks out,
/// so the letter is not measured again for each one it drops (a street with
/// a hundred items would make that quadratic).
struct Measured {
    opening: Block,
    items: Vec<Block>,
    map: bool,
    events: Vec<Block>,
    support: Vec<Block>,
    glossary: Vec<Block>,
    contact: Block,
}

/// How many items, meetings and help a letter keeps of the ones it was
/// made with, and how many it moved to the website.
#[derive(Debug, Clone, Copy)]
struct Kept {
    items: usize,
    more_items: usize,
    events: usize,
    more_events: usize,
    support: usize,
    more_support: usize,
}

impl Kept {
    fn of(letter: &Letter) -> Kept {
        Kept {
            items: letter.items.len(),
            more_items: letter.more_items,
            events: letter.events.len(),
            more_events: letter.more_events,
            support: letter.support.len(),
            more_support: letter.more_support,
        }
    }

    /// Leaves out of `letter` what this does not keep.
    fn apply(&self, letter: &mut Letter) {
        letter.items.truncate(self.items);
        letter.more_items = self.more_items;
        letter.events.truncate(self.events);
        letter.more_events = self.more_events;
        letter.support.truncate(self.support);
        letter.more_support = self.more_support;
    }
}

impl Measured {
    fn of(letter: &Letter) -> Measured {
        Measured {
            opening: Block::split(lines(&letter.opening) + GAP),
            items: letter.items.iter().map(item_block).collect(),
            map: letter.has_map,
            events: letter.events.iter().map(event_block).collect(),
            support: letter.support.iter().map(support_block).collect(),
            glossary: letter
                .glossary
                .iter()
                .map(|term| Block::split(lines_of(&[&term.word, ": ", &term.meaning], LINE_CHARS)))
                .collect(),
            contact: contact_block(letter).headed(),
        }
    }

    /// Measures again what a step of [`STEPS`] changed in `letter`.
    fn update(&mut self, letter: &Letter, changed: Part) {
        match changed {
            Part::Items => self.items = letter.items.iter().map(item_block).collect(),
            Part::Events => self.events = letter.events.iter().map(event_block).collect(),
            Part::Support => self.support = letter.support.iter().map(support_block).collect(),
            Part::Summaries => {
                self.update(letter, Part::Items);
                self.update(letter, Part::Support);
            }
        }
    }

    /// The body of the letter as `kept` says, as blocks in the order both
    /// layouts print them.
    fn blocks(&self, kept: &Kept) -> Vec<Block> {
        let mut out = vec![self.opening];
        section(&mut out, &self.items[..kept.items]);
        out.extend(more_line(kept.more_items).map(Block::whole));
        if self.map {
            out.push(Block::whole(MAP));
        }
        section(&mut out, &self.events[..kept.events]);
        out.extend(more_line(kept.more_events).map(Block::whole));
        section(&mut out, &self.support[..kept.support]);
        out.extend(more_line(kept.more_support).map(Block::whole));
        section(&mut out, &self.glossary);
        out.push(self.contact);
        out
    }

    /// Whether the letter as `kept` says fits on two pages with [`MARGIN`]
    /// lines to spare.
    fn fits(&self, kept: &Kept) -> bool {
        flow(&self.blocks(kept)) <= 2.0 - MARGIN / PAGE
    }
}

/// Pushes a section's blocks, its heading kept with the first one.
fn section(out: &mut Vec<Block>, blocks: &[Block]) {
    if let [first, rest @ ..] = blocks {
        out.push(first.headed());
        out.extend_from_slice(rest);
    }
}

fn event_block(event: &Event) -> Block {
    Block::whole(
        lines(&event.title)
            + lines_of(&[&event.when, ", ", &event.location], LINE_CHARS)
            + event.signup.as_deref().map_or(0.0, lines)
            + GAP,
    )
}

fn support_block(support: &Support) -> Block {
    Block::whole(
        lines(&support.title)
            + lines(&support.summary)
            + support.deadline.as_deref().map_or(0.0, lines)
            + GAP,
    )
}

fn item_block(item: &Item) -> Block {
    // The title and the "Gepland: ..." line stay together.
    let head = lines(&item.title) + lines_of(&[item.state, " ", &item.when], LINE_CHARS);
    let mut total = head + lines(&item.summary);
    for part in &item.parts {
        total += lines_of(
            &[&part.department, ": ", &part.title, ", ", &part.when],
            LINE_CHARS,
        );
    }
    total += more_line(item.more_parts).unwrap_or(0.0);
    if let Some(update) = &item.update {
        total += lines_of(&[&update.date, ": ", &update.text], LINE_CHARS);
    }
    Block {
        lines: total + ITEM_GAP,
        keep: head + ITEM_GAP,
    }
}

/// The contact block: one sentence, the contact's lines, the website's
/// address; at least as high as the QR code beside it; never split.
fn contact_block(letter: &Letter) -> Block {
    let contact = &letter.contact;
    let line = |pieces: &[&str]| lines_of(pieces, CONTACT_CHARS);
    let role = contact.role.as_deref().unwrap_or_default();
    let person = line(&[&contact.name, ", ", role])
        + [&contact.phone, &contact.email, &contact.visit]
            .iter()
            .map(|text| text.as_deref().map_or(0.0, |text| line(&[text])))
            .sum::<f32>();
    let url = line(&[
        "Alles over uw straat, altijd bijgewerkt: ",
        &letter.street_url,
    ]);
    let text = 1.0 + person + url + 2.0 * GAP;
    Block::whole(if letter.has_qr { text.max(QR) } else { text })
}

fn more_line(more: usize) -> Option<f32> {
    // One line for "Nog ... op de website.".
    (more > 0).then_some(1.0)
}

/// How far down the pages the letter runs: 1.5 is halfway down page 2.
/// A block that may not be split and does not fit in what is left of a page
/// starts the next page.
pub fn pages(letter: &Letter) -> f32 {
    flow(&Measured::of(letter).blocks(&Kept::of(letter)))
}

fn flow(blocks: &[Block]) -> f32 {
    let height = |page: usize| if page == 0 { FIRST_PAGE } else { PAGE };
    let (mut page, mut used) = (0, 0.0);
    for block in blocks {
        if used > 0.0 && used + block.keep > height(page) {
            page += 1;
            used = 0.0;
        }
        used += block.lines;
        while used > height(page) && block.keep < block.lines {
            used -= height(page);
            page += 1;
        }
    }
    page as f32 + used / height(page)
}

/// Whether the letter fits on two pages with [`MARGIN`] lines to spare.
pub fn fits(letter: &Letter) -> bool {
    Measured::of(letter).fits(&Kept::of(letter))
}

/// A step that shortens the letter: `true` when it changed anything.
type Step = fn(&mut Letter) -> bool;

/// The parts of a letter a step of [`STEPS`] changes, measured again after
/// it (the rest of the letter stays as measured).
#[derive(Debug, Clone, Copy)]
enum Part {
    Items,
    Events,
    Support,
    /// The summaries of items and of help.
    Summaries,
}

/// The steps in order, each with what it did in words and what it changes.
const STEPS: [(Step, &str, Part); 5] = [
    (
        first_sentences,
        "samenvattingen ingekort tot de eerste zin",
        Part::Summaries,
    ),
    (
        three_events,
        "alleen de eerste drie bijeenkomsten",
        Part::Events,
    ),
    (
        support_titles,
        "hulp en regelingen zonder uitleg, alleen titel en datum",
        Part::Support,
    ),
    (
        three_parts,
        "van elk project alleen de eerste drie onderdelen",
        Part::Items,
    ),
    (no_summaries, "onderwerpen zonder samenvatting", Part::Items),
];

/// Shortens `letter` until it fits on two pages, recording each
/// step in `condensed`. Returns whether it had to: `false` when the letter
/// fits as written (and is left as it is).
pub fn fit(letter: &mut Letter) -> bool {
    let mut measured = Measured::of(letter);
    if measured.fits(&Kept::of(letter)) {
        notes(letter);
        return false;
    }
    for (step, what, changes) in STEPS {
        if step(letter) {
            letter.condensed.push(what.to_string());
            measured.update(letter, changes);
        }
        if measured.fits(&Kept::of(letter)) {
            notes(letter);
            return true;
        }
    }
    let before = letter.items.len();
    let mut kept = Kept::of(letter);
    while !measured.fits(&kept) && kept.items > 1 {
        kept.items -= 1;
        kept.more_items += 1;
    }
    while !measured.fits(&kept) && kept.events > 1 {
        kept.events -= 1;
        kept.more_events += 1;
    }
    while !measured.fits(&kept) && kept.support > 0 {
        kept.support -= 1;
        kept.more_support += 1;
    }
    kept.apply(letter);
    if letter.items.len() < before {
        letter.condensed.push(format!(
            "{} van de {} onderwerpen staan alleen op de website",
            before - letter.items.len(),
            before
        ));
    }
    notes(letter);
    true
}

/// The sentences that say what moved to the website.
fn notes(letter: &mut Letter) {
    letter.more_items_note = on_website(letter.more_items, "onderwerp", "onderwerpen");
    letter.more_events_note = on_website(letter.more_events, "bijeenkomst", "bijeenkomsten");
    letter.more_support_note = on_website(letter.more_support, "regeling", "regelingen");
    for item in &mut letter.items {
        item.more_parts_note = (item.more_parts > 0).then(|| {
            format!(
                "En nog {}: zie de website.",
                counted(item.more_parts, "onderdeel", "onderdelen")
            )
        });
    }
}

/// `Nog één bijeenkomst staat op de website.`
fn on_website(n: usize, one: &str, many: &str) -> Option<String> {
    (n > 0).then(|| {
        let verb = if n == 1 { "staat" } else { "staan" };
        format!("Nog {} {verb} op de website.", counted(n, one, many))
    })
}

/// The first sentence of `text` (up to and with its first `.`, `!` or `?`
/// followed by a space).
fn first_sentence(text: &str) -> &str {
    // Looked for byte by byte: the marks and the space are ASCII, and no
    // byte of another character is.
    let bytes = text.as_bytes();
    (0..bytes.len())
        .find(|&at| matches!(bytes[at], b'.' | b'!' | b'?') && bytes.get(at + 1) == Some(&b' '))
        .map_or(text, |at| &text[..=at])
}

fn first_sentences(letter: &mut Letter) -> bool {
    let mut changed = false;
    let mut cut = |text: &mut String| {
        let first = first_sentence(text);
        if first.len() < text.len() {
            *text = first.to_string();
            changed = true;
        }
    };
    letter.items.iter_mut().for_each(|i| cut(&mut i.summary));
    letter.support.iter_mut().for_each(|s| cut(&mut s.summary));
    changed
}

fn three_events(letter: &mut Letter) -> bool {
    let more = letter.events.len().saturating_sub(3);
    letter.events.truncate(3);
    letter.more_events += more;
    more > 0
}

fn support_titles(letter: &mut Letter) -> bool {
    let changed = letter.support.iter().any(|s| !s.summary.is_empty());
    letter.support.iter_mut().for_each(|s| s.summary.clear());
    changed
}

fn three_parts(letter: &mut Letter) -> bool {
    let mut changed = false;
    for item in &mut letter.items {
        let more = item.parts.len().saturating_sub(3);
        item.parts.truncate(3);
        item.more_parts += more;
        changed |= more > 0;
    }
    changed
}

fn no_summaries(letter: &mut Letter) -> bool {
    let changed = letter.items.iter().any(|i| !i.summary.is_empty());
    letter.items.iter_mut().for_each(|i| i.summary.clear());
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentence_keeps_abbreviation_free_text_whole() {
        assert_eq!(first_sentence("Eén zin. Nog een."), "Eén zin.");
        assert_eq!(first_sentence("Geen punt"), "Geen punt");
        assert_eq!(first_sentence("Versie 1.2 komt."), "Versie 1.2 komt.");
    }

    #[test]
    fn first_sentence_by_bytes_is_first_sentence_by_characters() {
        let by_characters = |text: &'static str| {
            text.char_indices()
                .find(|&(at, c)| {
                    matches!(c, '.' | '!' | '?') && text[at + c.len_utf8()..].starts_with(' ')
                })
                .map_or(text, |(at, c)| &text[..at + c.len_utf8()])
        };
        let texts = [
            "",
            ".",
            ". ",
            "a. b",
            "Waarom? Daarom.",
            "Één zin! Twee.",
            "€. €",
            "Zó.\u{a0}Nee. Ja.",
            "Een punt aan het eind.",
            "Vraag?Geen spatie. Wel.",
            "…? 🏠! x",
            "1.2.3 4. 5",
        ];
        for text in texts {
            assert_eq!(first_sentence(text), by_characters(text), "{text}");
        }
    }

    fn busy_letter(items: usize) -> Letter {
        let summary = "Wij werken van huis tot huis. U kunt uw huis altijd in en uit. ".repeat(3);
        let item = |n: usize| Item {
            kind: "project",
            title: format!("Werk {n} in de Marktstraat"),
            when: "van 1 maart tot en met 28 juni 2027".into(),
            state: "Gepland",
            summary: summary.clone(),
            parts: (1..=5)
                .map(|p| super::super::Part {
                    department: "Groen".into(),
                    title: format!("Deel {p}"),
                    when: "van 1 maart tot en met 28 april 2027".into(),
                })
                .collect(),
            more_parts: 0,
            more_parts_note: None,
            update: Some(super::super::Update {
                date: "1 januari 2027".into(),
                text: "Het werk begint later.".into(),
            }),
        };
        Letter {
            municipality: "Gemeente Proefdorp".into(),
            wijk: "Drukke Buurt".into(),
            wijk_slug: "drukke-buurt".into(),
            street: "Marktstraat".into(),
            street_with_article: "de Marktstraat".into(),
            street_slug: "marktstraat".into(),
            date: "15 januari 2027".into(),
            address: "Aan de bewoners en gebruikers van de Marktstraat".into(),
            title: "Wat er gebeurt in de Marktstraat".into(),
            opening: "Er gebeuren de komende tijd veel dingen in de Marktstraat.".into(),
            items: (1..=items).map(item).collect(),
            more_items: 0,
            more_items_note: None,
            events: Vec::new(),
            more_events: 0,
            more_events_note: None,
            support: Vec::new(),
            more_support: 0,
            more_support_note: None,
            glossary: Vec::new(),
            contact: crate::model::Contact::default(),
            street_url: "https://wijken.proefdorp.nl/drukke-buurt/straten/marktstraat/".into(),
            has_qr: false,
            has_map: false,
            condensed: Vec::new(),
        }
    }

    #[test]
    fn a_letter_that_fits_is_left_alone() {
        let mut letter = busy_letter(2);
        assert!(!fit(&mut letter));
        assert!(letter.condensed.is_empty());
        assert_eq!(
            letter.items[0].summary.len(),
            busy_letter(1).items[0].summary.len()
        );
        assert_eq!(letter.more_items_note, None);
    }

    #[test]
    fn the_latest_items_move_to_the_website_last_and_updates_stay() {
        let mut letter = busy_letter(30);
        assert!(fit(&mut letter));
        assert!(fits(&letter));
        let kept = letter.items.len();
        assert!(kept < 30 && kept > 5, "{kept}");
        assert_eq!(letter.more_items, 30 - kept);
        assert_eq!(
            letter.items.last().unwrap().title,
            format!("Werk {kept} in de Marktstraat")
        );
        assert!(
            letter
                .items
                .iter()
                .all(|i| i.summary.is_empty() && i.update.is_some())
        );
        assert!(letter.items.iter().all(|i| i.parts.len() == 3));
        assert_eq!(
            letter.items[0].more_parts_note.as_deref(),
            Some("En nog twee onderdelen: zie de website.")
        );
        assert_eq!(
            letter.more_items_note,
            Some(format!(
                "Nog {} onderwerpen staan op de website.",
                super::super::opening::number(30 - kept)
            ))
        );
        assert_eq!(
            letter.condensed,
            [
                "samenvattingen ingekort tot de eerste zin",
                "van elk project alleen de eerste drie onderdelen",
                "onderwerpen zonder samenvatting",
                &format!(
                    "{} van de 30 onderwerpen staan alleen op de website",
                    30 - kept
                ),
            ]
        );
    }

    #[test]
    fn a_block_that_may_not_be_split_moves_whole_to_the_next_page() {
        // Page 1 holds FIRST_PAGE lines: 30 lines of text leave 4, too few
        // for the 15-line map, which starts page 2; the 4 lines stay empty.
        let text = Block::split(30.0);
        assert_eq!(flow(&[text, Block::whole(MAP)]), 1.0 + MAP / PAGE);
        // Text that may be split runs on: 40 lines end 6 lines into page 2.
        assert_eq!(flow(&[text, Block::split(10.0)]), 1.0 + 6.0 / PAGE);
        // A heading stays with the start of what follows it.
        let headed = Block::split(10.0).headed();
        assert_eq!(headed.keep, HEADING + 1.0);
        assert_eq!(
            flow(&[Block::split(33.0), headed]),
            1.0 + (10.0 + HEADING) / PAGE
        );
    }

    #[test]
    fn the_contact_block_is_as_high_as_its_qr_code_at_least() {
        let mut letter = busy_letter(1);
        letter.contact.name = "Noor Bakker".into();
        let without = contact_block(&letter).lines;
        assert!(without < QR, "{without}");
        letter.has_qr = true;
        assert_eq!(contact_block(&letter), Block::whole(QR));
    }

    #[test]
    fn lines_round_up() {
        assert_eq!(lines(""), 0.0);
        assert_eq!(lines("a"), 1.0);
        assert_eq!(lines(&"a".repeat(LINE_CHARS + 1)), 2.0);
    }
}
