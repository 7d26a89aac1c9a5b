//! The editorial checks: warnings that do not stop `build` but show the
//! editors where their plans touch. The generator sees every department's
//! plans side by side, so it can say where work could be coupled and where
//! residents would get a confusing story. One module per finding, each
//! reading the validated model:
//!
//! - [`coupling`]: `coupling-opportunity`, a street opened twice;
//! - [`clash`]: `event-clash`, two events at once or on one day;
//! - [`contact`]: `second-contact`, a contact that is not the wijk's own;
//! - [`language`]: `jargon` and `long-sentence`, for readers at B1 level;
//! - [`stale`]: `stale`, works that should have ended without a word;
//! - [`placeholder`]: `placeholder` (an error), example text of `new` left
//!   in a published contribution;
//! - [`long_letter`]: `long-letter`, a street's letter over two pages;
//! - [`scheduled_link`]: `scheduled-link`, a link to a page that comes
//!   online later than the page that links to it.

pub mod clash;
pub mod contact;
pub mod coupling;
pub mod coupling_count;
pub mod jargon;
pub mod language;
pub mod long_letter;
pub mod phone;
pub mod placeholder;
pub mod scheduled_link;
pub mod stale;
mod summary;

use jiff::tz::TimeZone;
use rayon::prelude::*;

use crate::config::Config;
use crate::error::{self, Diagnostic};
use crate::model::{Site, Wijk};

pub use summary::{CODES, WijkSummary};

/// Every warning of a loaded site, sorted by file and line. Wijken are
/// checked in parallel.
pub fn run(site: &Site, today: jiff::civil::Date) -> Vec<Diagnostic> {
    let checker = Checker::new(&site.config, today);
    let mut diagnostics: Vec<Diagnostic> = site
        .wijken
        .par_iter()
        .flat_map_iter(|wijk| checker.check_wijk(wijk))
        .collect();
    let works: Vec<coupling::WorksRecord> = site
        .wijken
        .iter()
        .flat_map(coupling::WorksRecord::of)
        .collect();
    diagnostics.extend(checker.check_across(&works));
    error::sort(&mut diagnostics);
    diagnostics
}

/// The checks with the site's settings, built once (the jargon automaton)
/// and shared by every wijk.
pub struct Checker {
    /// The settings, for the letters (`long-letter`).
    config: Config,
    window_days: i64,
    event_minutes: i64,
    /// The day "now" is for (`stale`, `long-letter`).
    today: jiff::civil::Date,
    timezone: TimeZone,
    rules: language::Rules,
}

impl Checker {
    pub fn new(config: &Config, today: jiff::civil::Date) -> Checker {
        Checker {
            config: config.clone(),
            today,
            window_days: config.coupling_window_days,
            event_minutes: config.event_minutes,
            timezone: config.timezone.clone(),
            rules: language::Rules {
                jargon: jargon::Jargon::new(&config.check.jargon),
                max_words: config.check.long_sentence_words,
            },
        }
    }

    /// The warnings of one wijk, in no particular order.
    pub fn check_wijk(&self, wijk: &Wijk) -> Vec<Diagnostic> {
        let mut diagnostics = self.check_wijk_but_letters(wijk);
        diagnostics.extend(self.long_letters(wijk));
        diagnostics
    }

    /// The `long-letter` warnings of one wijk (see [`long_letter`]).
    pub fn long_letters(&self, wijk: &Wijk) -> Vec<Diagnostic> {
        long_letter::check(&self.config, wijk, self.today)
    }

    /// [`Checker::check_wijk`] without `long-letter`: `build` counts those
    /// from the letters it renders ([`long_letter::count`]).
    pub fn check_wijk_but_letters(&self, wijk: &Wijk) -> Vec<Diagnostic> {
        let mut diagnostics = coupling::check(wijk, self.window_days);
        diagnostics.extend(clash::check(wijk, &self.timezone, self.event_minutes));
        diagnostics.extend(stale::check(wijk, self.today));
        diagnostics.extend(scheduled_link::check(wijk, self.today));
        let own = contact::Own::new(wijk);
        let glossary_words = self.rules.jargon.glossary_words(wijk.glossary.keys());
        let per_contribution: Vec<Diagnostic> = wijk
            .contributions
            .par_iter()
            .flat_map_iter(|c| {
                let mut found = contact::check(wijk, &own, c);
                found.extend(placeholder::check(c));
                found.extend(language::check(&self.rules, wijk, &glossary_words, c));
                found
            })
            .collect();
        diagnostics.extend(per_contribution);
        diagnostics
    }

    /// Coupling opportunities between wijken, from every wijk's works.
    pub fn check_across(&self, works: &[coupling::WorksRecord]) -> Vec<Diagnostic> {
        coupling::across(works, self.window_days)
    }

    /// How many findings [`Checker::check_across`] gives (all warnings).
    pub fn count_across(&self, works: &[coupling_count::WorksKey]) -> usize {
        coupling_count::count_across(works, self.window_days)
    }
}

/// Builds wijken from file texts for the checks' unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use crate::content::{contribution, wijk};
    use crate::model::Wijk;

    /// Pieces of text the scanners treat specially (numbers in every form,
    /// addresses, jargon in every case and spelling, sentence ends, Markdown,
    /// non-ASCII), for [`sample_texts`].
    const PIECES: &[&str] = &[
        "Bel ",
        "06-12345678",
        "020 123 4567",
        "(020) 123 45 67",
        "+31 6 1234 5678",
        "+31 (0)20 123 4567",
        "0031 20 123 4567",
        "0800-1234",
        "0900 123 4567",
        "14 020",
        "140999",
        "+32 2 123 45 67",
        "tel:+31201234567",
        "2027-01-19",
        "19.30-21.30",
        "8.00",
        "€ 1.500,00",
        "12/03/2027",
        "1234 AB",
        "14 000",
        "https://x.nl/0201234567",
        "?id=0612345678",
        "abc0612345678",
        "0612345678abc",
        "0612345678@sms.nl",
        "info@energie.nl",
        "Wijk@Proef.nl",
        "a@b",
        "@x",
        " ",
        " ",
        " ",
        "\n",
        "\n\n",
        "\u{a0}",
        "\t",
        "-",
        ".",
        ". ",
        "/",
        "(",
        ")",
        "+",
        "@",
        ",",
        "'",
        "\"",
        "*",
        "_",
        "!",
        "?",
        "”",
        "’",
        "é",
        "Één ",
        "Ĳssel",
        "Σ",
        "ΟΔΟΣ",
        "K\u{212A}",
        "WUP",
        "wup",
        "WUP's",
        "RES",
        "resultaat",
        "TVW",
        "transitievisie warmte",
        "Transitievisie-Warmte",
        "transitievisie",
        "warmtetransitie",
        "xtransitievisie warmtetransitie",
        "netcongesties",
        "Netcongestie",
        "stroomnetcongestie",
        "aardgasvrij ready",
        "aardgasvrij-ready",
        "nul-op-de-meter",
        "NOM",
        "integrale aanpak",
        "omgevingstafel",
        "Omgevingstafels",
        "warmtenet",
        "participatietrajecten",
        "een",
        "twee",
        "drie",
        "zin",
        "woorden",
        "de",
        "het",
        "## ",
        "# ",
        "- ",
        "1. ",
        "> ",
        "| a | b |\n|---|---|\n| c | d |\n",
        "```\ncode. niet 020 123 4567\n```\n",
        "    ingesprongen code\n",
        "`code`",
        "[link](https://x.nl/a.b)",
        "![beeld](foto.jpg)",
        "<div>html</div>\n",
        "<b>",
        "</b>",
        "[^1]",
        "[^1]: voetnoot\n",
        "~~weg~~",
        "**vet**",
        "*schuin*",
        "\\",
        "&amp;",
        "0",
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "9",
    ];

    /// Texts for comparing a scanner with a simpler one that does the same:
    /// every Markdown file of the test fixtures and of the example site,
    /// and 3,000 texts put together from [`PIECES`] at random (always the
    /// same ones).
    pub fn sample_texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        let mut folders = vec![root.join("tests/fixtures"), root.join("content")];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).expect("a test folder").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "md") {
                    texts.extend(std::fs::read_to_string(&path).ok());
                }
            }
        }
        assert!(texts.len() > 100, "the fixtures and the example are read");
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below as u64) as usize
        };
        for _ in 0..3_000 {
            let pieces = 1 + next(60);
            texts.push((0..pieces).map(|_| PIECES[next(PIECES.len())]).collect());
        }
        texts
    }

    pub const INDEX: &str = "+++\nname = \"Proefwijk\"\nsummary = \"S.\"\nstreets = [\"Bloemstraat\", \"Lindelaan\"]\n[contact]\nname = \"Fatima\"\nphone = \"14 020\"\nemail = \"wijk@proef.nl\"\n[glossary]\nwarmtenet = \"Buizen.\"\n+++\nVerhaal.\n";

    /// A wijk from `INDEX` with contributions `(file stem, front matter)`.
    pub fn wijk(contributions: &[(&str, &str)]) -> Wijk {
        let with_body: Vec<(&str, &str, &str)> = contributions
            .iter()
            .map(|(stem, front_matter)| (*stem, *front_matter, "Tekst."))
            .collect();
        wijk_with(&with_body)
    }

    /// A wijk from `INDEX` with contributions `(file stem, front matter,
    /// body)`; the body starts on line `front matter lines + 3`.
    pub fn wijk_with(contributions: &[(&str, &str, &str)]) -> Wijk {
        let (wijk, errors) = wijk::parse("content/proef/_index.md", "proef", INDEX);
        assert!(errors.is_empty(), "{errors:?}");
        let mut wijk = wijk.expect("the test index parses");
        let zone = jiff::tz::TimeZone::get("Europe/Amsterdam").expect("zone");
        for (stem, front_matter, body) in contributions {
            let file = format!("content/proef/{stem}.md");
            let text = format!("+++\n{front_matter}\n+++\n{body}\n");
            let (c, errors) = contribution::parse(&file, stem, &text, &zone);
            assert!(errors.is_empty(), "{errors:?}");
            wijk.contributions
                .push(c.expect("the test contribution parses"));
        }
        wijk
    }
}
