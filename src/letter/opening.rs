//! The letter's opening: how many things happen in the street and when the
//! street opens, written from the merged data in plain Dutch (numbers up to
//! twelve in words, singular and plural right, dates written out).

use jiff::civil::Date;

use super::{Event, period};
use crate::config::Language;
use crate::render::dates;

/// One time the street opens: a project's works together, or one job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    pub start: Date,
    pub end: Date,
    /// Whether the works have started on the day of the letter.
    pub now: bool,
    /// The titles of the jobs done in this opening.
    pub what: Vec<String>,
}

/// The opening sentences of a street's letter.
pub fn opening(
    street: &str,
    things: usize,
    openings: &[Opening],
    events: &[Event],
    support: usize,
) -> String {
    let street = with_article(street);
    let mut sentences = Vec::new();
    if things > 0 {
        sentences.push(format!(
            "Er {} de komende tijd {} in {street}.",
            plural(things, "gebeurt", "gebeuren"),
            counted(things, "ding", "dingen"),
        ));
    }
    sentences.push(match openings {
        [] if things > 0 => "De straat gaat daarvoor niet open.".to_string(),
        [] => format!("{} gaat de komende tijd niet open.", capitalise(&street)),
        [one] if one.now => format!(
            "{} is nu open, nog tot en met {}, voor{}.",
            capitalise(&street),
            dates::date(one.end, Language::Nl),
            jobs(&one.what)
        ),
        [one] => format!(
            "{} gaat één keer open, {}, voor{}.",
            capitalise(&street),
            period(one.start, Some(one.end)),
            jobs(&one.what)
        ),
        few if few.len() <= 3 => format!(
            "{} gaat {} keer open: {}.",
            capitalise(&street),
            number(few.len()),
            few.iter()
                .map(|o| match o.now {
                    true => format!(
                        "nu, tot en met {}, voor{}",
                        dates::date(o.end, Language::Nl),
                        jobs(&o.what)
                    ),
                    false => format!("{} voor{}", period(o.start, Some(o.end)), jobs(&o.what)),
                })
                .collect::<Vec<_>>()
                .join("; ")
        ),
        many => {
            let start = many.iter().map(|o| o.start).min().unwrap_or(many[0].start);
            let end = many.iter().map(|o| o.end).max().unwrap_or(many[0].end);
            format!(
                "{} gaat {} keer open, {}. Hieronder leest u wanneer en waarvoor.",
                capitalise(&street),
                number(many.len()),
                period(start, Some(end))
                    .replacen("van ", "tussen ", 1)
                    .replacen(" tot en met ", " en ", 1)
            )
        }
    });
    if let Some(first) = events.first() {
        sentences.push(match events.len() {
            1 => format!("U bent welkom op een bijeenkomst: {}.", first.when),
            n => format!(
                "U bent welkom op {} bijeenkomsten. De eerste is op {}.",
                number(n),
                first.when
            ),
        });
    }
    if support > 0 {
        sentences.push(format!(
            "Er {} {} waarmee u hulp kunt krijgen.",
            plural(support, "is", "zijn"),
            counted(support, "regeling", "regelingen")
        ));
    }
    sentences.join(" ")
}

/// `: Riool`, or for several jobs ` twee klussen tegelijk: A en B`, to
/// follow "voor".
fn jobs(what: &[String]) -> String {
    match what {
        [one] => format!(": {one}"),
        many => format!(" {} klussen tegelijk: {}", number(many.len()), list(many)),
    }
}

/// `A, B en C`
pub fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} en {last}", rest.join(", ")),
    }
}

/// `één`, `twee`, ... `twaalf`, then digits.
pub fn number(n: usize) -> String {
    const WORDS: [&str; 13] = [
        "nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
        "elf", "twaalf",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

/// `één ding`, `drie dingen`
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", number(n), plural(n, one, many))
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A street name with its article, as a sentence uses it: `de Bloemstraat`,
/// `het Kerkplein`, and no extra article for names that carry one (`Het
/// Want`, `'t Hoogt`) or begin with `'s-`, which reads without one.
pub fn with_article(street: &str) -> String {
    let lower = street.to_lowercase();
    let carries = ["de ", "het ", "'t ", "’t ", "den "]
        .iter()
        .any(|a| lower.starts_with(a));
    if carries {
        return street.to_string();
    }
    const NEUTER: [&str; 9] = [
        "plein",
        "plantsoen",
        "erf",
        "pad",
        "veld",
        "park",
        "eiland",
        "hof",
        "water",
    ];
    let last = lower.rsplit([' ', '-']).next().unwrap_or(&lower);
    if NEUTER.iter().any(|end| last.ends_with(end)) {
        format!("het {street}")
    } else {
        format!("de {street}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date as d;

    fn opening_of(what: &[&str], start: Date, end: Date, now: bool) -> Opening {
        Opening {
            start,
            end,
            now,
            what: what.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn event(when: &str) -> Event {
        Event {
            title: "Avond".into(),
            when: when.into(),
            location: "Buurthuis".into(),
            signup: None,
        }
    }

    #[test]
    fn one_opening_for_three_jobs_in_plain_dutch() {
        let openings = [opening_of(
            &["Warmtenet", "Nieuw riool", "Bomen"],
            d(2027, 4, 1),
            d(2027, 11, 30),
            false,
        )];
        assert_eq!(
            opening("Bloemstraat", 1, &openings, &[], 0),
            "Er gebeurt de komende tijd één ding in de Bloemstraat. De Bloemstraat gaat één keer \
             open, van 1 april tot en met 30 november 2027, voor drie klussen tegelijk: \
             Warmtenet, Nieuw riool en Bomen."
        );
    }

    #[test]
    fn plural_counts_openings_events_and_support() {
        let openings = [
            opening_of(&["Riool"], d(2026, 10, 1), d(2027, 2, 28), true),
            opening_of(&["Glasvezel"], d(2027, 9, 1), d(2027, 9, 30), false),
        ];
        let events = [
            event("zondag 28 maart 2027, 19.30 uur"),
            event("dinsdag 6 april 2027, 20.00 uur"),
        ];
        assert_eq!(
            opening("Kerkplein", 3, &openings, &events, 2),
            "Er gebeuren de komende tijd drie dingen in het Kerkplein. Het Kerkplein gaat twee \
             keer open: nu, tot en met 28 februari 2027, voor: Riool; van 1 tot en met 30 september \
             2027 voor: Glasvezel. U bent welkom op twee \
             bijeenkomsten. De eerste is op zondag 28 maart 2027, 19.30 uur. Er zijn twee \
             regelingen waarmee u hulp kunt krijgen."
        );
    }

    #[test]
    fn many_openings_are_summed_up() {
        let openings: Vec<Opening> = (1..=5)
            .map(|m| opening_of(&["Werk"], d(2027, m, 1), d(2027, m + 1, 15), false))
            .collect();
        assert_eq!(
            opening("Marktstraat", 5, &openings, &[], 0),
            "Er gebeuren de komende tijd vijf dingen in de Marktstraat. De Marktstraat gaat vijf \
             keer open, tussen 1 januari en 15 juni 2027. Hieronder leest u wanneer en waarvoor."
        );
    }

    #[test]
    fn no_works_one_event_one_regulation() {
        let events = [event("zondag 28 maart 2027, 19.30 uur")];
        assert_eq!(
            opening("'s-Gravenweg", 1, &[], &events, 1),
            "Er gebeurt de komende tijd één ding in de 's-Gravenweg. De straat gaat daarvoor \
             niet open. U bent welkom op een bijeenkomst: zondag 28 maart 2027, 19.30 uur. Er \
             is één regeling waarmee u hulp kunt krijgen."
        );
    }

    #[test]
    fn numbers_and_articles() {
        assert_eq!(number(1), "één");
        assert_eq!(number(12), "twaalf");
        assert_eq!(number(13), "13");
        assert_eq!(counted(1, "ding", "dingen"), "één ding");
        assert_eq!(with_article("Het Want"), "Het Want");
        assert_eq!(with_article("Stationspark"), "het Stationspark");
        assert_eq!(with_article("Lindelaan"), "de Lindelaan");
        assert_eq!(list(&["A".into(), "B".into(), "C".into()]), "A, B en C");
    }
}
