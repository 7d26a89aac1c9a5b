//! Keeps a letter within two A4 pages. The length is estimated in lines of
//! body text from the letter's words and the layout both the PDF and the
//! print page use (about 90 characters a line at 10 pt on 168 mm, 90 lines on
//! two pages after the letterhead, the address window and the contact
//! block, with room to spare for a browser's fallback font), so HTML and PDF
//! are shortened the same way without laying them out twice. The numbers were
//! measured on the busiest fixture street (`tests/fixtures/busy`): at 90/90
//! its PDF ends about seven lines above the bottom of page 2, and at 95/105 it
//! runs onto a third page.
//!
//! When a letter is too long, it is shortened in this order until it fits,
//! and each step is named in [`Letter::condensed`] (`check` reports them as
//! `long-letter`): summaries to their first sentence; at most three
//! meetings; help and regulations without their explanation; at most three
//! parts per project; items without summary; then the latest items move to
//! the website ("Nog twee onderwerpen staan op de website."). The opening, the
//! dates, the latest updates and the contact point are never cut.

use super::opening::counted;
use super::{Item, Letter};

/// Characters of body text on one line.
pub const LINE_CHARS: usize = 90;

/// Lines of body text two pages hold below the letterhead, the address
/// window and the letter's heading, and above the contact block. The suite
/// (PDF) and the browser gate (Chromium's print) check that the busy
/// fixture's letter, shortened to this length, stays within two pages.
pub const BUDGET: f32 = 90.0;

/// Lines a heading takes with its space above.
const HEADING: f32 = 2.2;
/// Lines the street map takes (at most 60 mm high, with space around it).
const MAP: f32 = 15.0;
/// Space between the entries of a list.
const GAP: f32 = 0.6;

/// How many lines `text` takes.
fn lines(text: &str) -> f32 {
    if text.is_empty() {
        0.0
    } else {
        text.chars().count().div_ceil(LINE_CHARS) as f32
    }
}

/// The estimated length of the letter's body, in lines.
pub fn estimate(letter: &Letter) -> f32 {
    let mut total = lines(&letter.opening) + GAP;
    if !letter.items.is_empty() {
        total += HEADING;
    }
    for item in &letter.items {
        total += item_lines(item);
    }
    total += more_line(letter.more_items);
    if letter.map_svg.is_some() {
        total += MAP;
    }
    if !letter.events.is_empty() {
        total += HEADING;
    }
    for event in &letter.events {
        total += lines(&event.title)
            + lines(&format!("{}, {}", event.when, event.location))
            + event.signup.as_deref().map_or(0.0, lines)
            + GAP;
    }
    total += more_line(letter.more_events);
    if !letter.support.is_empty() {
        total += HEADING;
    }
    for support in &letter.support {
        total += lines(&support.title)
            + lines(&support.summary)
            + support.deadline.as_deref().map_or(0.0, lines)
            + GAP;
    }
    total += more_line(letter.more_support);
    if !letter.glossary.is_empty() {
        total += HEADING;
        for term in &letter.glossary {
            total += lines(&format!("{}: {}", term.word, term.meaning));
        }
    }
    total
}

fn item_lines(item: &Item) -> f32 {
    let mut total = lines(&item.title) + lines(&format!("{} {}", item.state, item.when));
    total += lines(&item.summary);
    for part in &item.parts {
        total += lines(&format!(
            "{}: {}, {}",
            part.department, part.title, part.when
        ));
    }
    total += more_line(item.more_parts);
    if let Some(update) = &item.update {
        total += lines(&format!("{}: {}", update.date, update.text));
    }
    total + GAP
}

fn more_line(more: usize) -> f32 {
    // One line for "Nog ... op de website.".
    if more > 0 { 1.0 } else { 0.0 }
}

/// A step that shortens the letter, with what it did in words.
type Step = fn(&mut Letter) -> bool;

const STEPS: [(Step, &str); 5] = [
    (first_sentences, "samenvattingen ingekort tot de eerste zin"),
    (three_events, "alleen de eerste drie bijeenkomsten"),
    (
        support_titles,
        "hulp en regelingen zonder uitleg, alleen titel en datum",
    ),
    (
        three_parts,
        "van elk project alleen de eerste drie onderdelen",
    ),
    (no_summaries, "onderwerpen zonder samenvatting"),
];

/// Shortens `letter` until its estimate fits the budget, recording each
/// step in `condensed`.
pub fn fit(letter: &mut Letter) {
    for (step, what) in STEPS {
        if estimate(letter) <= BUDGET {
            return notes(letter);
        }
        if step(letter) {
            letter.condensed.push(what.to_string());
        }
    }
    let before = letter.items.len();
    while estimate(letter) > BUDGET && letter.items.len() > 1 {
        letter.items.pop();
        letter.more_items += 1;
    }
    while estimate(letter) > BUDGET && letter.events.len() > 1 {
        letter.events.pop();
        letter.more_events += 1;
    }
    while estimate(letter) > BUDGET && !letter.support.is_empty() {
        letter.support.pop();
        letter.more_support += 1;
    }
    if letter.items.len() < before {
        letter.condensed.push(format!(
            "{} van de {} onderwerpen staan alleen op de website",
            before - letter.items.len(),
            before
        ));
    }
    notes(letter);
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
    text.char_indices()
        .find(|&(at, c)| matches!(c, '.' | '!' | '?') && text[at + c.len_utf8()..].starts_with(' '))
        .map_or(text, |(at, c)| &text[..at + c.len_utf8()])
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
            qr_svg: None,
            map_svg: None,
            condensed: Vec::new(),
        }
    }

    #[test]
    fn a_letter_that_fits_is_left_alone() {
        let mut letter = busy_letter(2);
        fit(&mut letter);
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
        fit(&mut letter);
        assert!(estimate(&letter) <= BUDGET);
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
    fn lines_round_up() {
        assert_eq!(lines(""), 0.0);
        assert_eq!(lines("a"), 1.0);
        assert_eq!(lines(&"a".repeat(LINE_CHARS + 1)), 2.0);
    }
}
