//! `coupling-opportunity`: two `works` of different projects (or without
//! one) on a shared street, whose periods overlap or lie within
//! `coupling_window_days` of each other. The street would be opened twice;
//! done together it is opened once.
//!
//! Works are indexed by street and sorted by start, so each street is swept
//! once and only works that start within the window are compared.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;

use crate::config::Language;
use crate::error::Diagnostic;
use crate::model::{Contribution, When, Wijk};
use crate::render::dates;
use crate::slug::slugify;

/// A `works` contribution with its period; without `end` it lasts one day.
struct Works<'a> {
    c: &'a Contribution,
    start: Date,
    end: Date,
}

/// How the periods of two works relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// They share this many days.
    Overlap(i64),
    /// The later starts this many days after the earlier ends.
    Gap(i64),
}

/// The days from `end` (last day of the earlier works) to `start` (first
/// day of the later): works ending on 1 June and starting on 2 June are one
/// day apart; works sharing a day overlap.
pub fn relation(first: (Date, Date), second: (Date, Date)) -> Relation {
    let gap = days(first.1, second.0);
    if gap > 0 {
        Relation::Gap(gap)
    } else {
        Relation::Overlap(days(second.0.max(first.0), second.1.min(first.1)) + 1)
    }
}

fn days(from: Date, to: Date) -> i64 {
    from.duration_until(to).as_secs() / 86_400
}

/// The wijk's coupling opportunities: one finding per pair of works.
pub fn check(wijk: &Wijk, window_days: i64) -> Vec<Diagnostic> {
    let works: Vec<Works> = wijk
        .contributions
        .iter()
        .filter_map(|c| match c.when {
            When::Works { start, end } => Some(Works {
                c,
                start,
                end: end.unwrap_or(start).max(start),
            }),
            _ => None,
        })
        .collect();
    let mut by_street: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, w) in works.iter().enumerate() {
        for street in &w.c.streets {
            by_street.entry(street).or_default().push(index);
        }
    }
    let mut pairs: BTreeMap<(usize, usize), Vec<&str>> = BTreeMap::new();
    for (street, mut ids) in by_street {
        ids.sort_by_key(|&i| (works[i].start, i));
        ids.dedup();
        for (n, &a) in ids.iter().enumerate() {
            for &b in &ids[n + 1..] {
                if days(works[a].end, works[b].start) > window_days {
                    break;
                }
                if !coupled(works[a].c, works[b].c) {
                    pairs.entry((a, b)).or_default().push(street);
                }
            }
        }
    }
    pairs
        .into_iter()
        .map(|((a, b), mut streets)| {
            streets.sort_unstable();
            finding(wijk, &works[a], &works[b], &streets, window_days)
        })
        .collect()
}

/// Works of one project are already planned together.
fn coupled(a: &Contribution, b: &Contribution) -> bool {
    a.project.is_some() && a.project == b.project
}

fn finding(wijk: &Wijk, a: &Works, b: &Works, streets: &[&str], window: i64) -> Diagnostic {
    let how = match relation((a.start, a.end), (b.start, b.end)) {
        Relation::Overlap(n) => format!("het werk loopt {} tegelijk", days_word(n)),
        Relation::Gap(n) => format!(
            "er zitten {} tussen (de grens is {}: coupling_window_days in site.toml)",
            days_word(n),
            days_word(window)
        ),
    };
    let period = |w: &Works| dates::period(w.start, Some(w.end), Language::Nl);
    let message = format!(
        "{} {} twee keer opengebroken: door {} ({}) en door {} ({}); {how}",
        join(streets),
        if streets.len() == 1 {
            "wordt"
        } else {
            "worden"
        },
        a.c.department,
        period(a),
        b.c.department,
        period(b),
    );
    Diagnostic::warning(
        "coupling-opportunity",
        &a.c.source.file,
        Some(a.c.line_of("streets")),
        message,
    )
    .note(format!(
        "zie ook: het andere werk, \"{}\", in {} (regel {})",
        b.c.title,
        b.c.source.file,
        b.c.line_of("streets"),
    ))
    .note(format!("tip: {}", advice(wijk, a, b, streets)))
}

/// What the editors can do: agree on one planning and one project key.
fn advice(wijk: &Wijk, a: &Works, b: &Works, streets: &[&str]) -> String {
    let together = "plan het werk samen, zodat de straat één keer open gaat, en geef beide bestanden dezelfde projectsleutel";
    match (&a.c.project, &b.c.project) {
        (Some(key), None) => {
            format!("{together}: zet project = \"{key}\" in het andere bestand")
        }
        (None, Some(key)) => format!("{together}: zet project = \"{key}\" in dit bestand"),
        (Some(key), Some(_)) => {
            format!("{together}, bijvoorbeeld project = \"{key}\" in allebei")
        }
        (None, None) => {
            let key = format!("{}-{}", slugify(streets[0]), a.start.year());
            format!(
                "{together}, bijvoorbeeld project = \"{key}\" in allebei (en een titel ervoor onder [projects] in {})",
                wijk.source.file
            )
        }
    }
}

/// `1 dag`, `30 dagen`.
fn days_word(n: i64) -> String {
    if n == 1 {
        "1 dag".to_string()
    } else {
        format!("{n} dagen")
    }
}

fn join(streets: &[&str]) -> String {
    match streets {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} en {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn measures_the_gap_from_the_last_day_to_the_first() {
        let june = (date(2027, 6, 1), date(2027, 6, 30));
        assert_eq!(
            relation(june, (date(2027, 7, 1), date(2027, 7, 2))),
            Relation::Gap(1)
        );
        assert_eq!(
            relation(june, (date(2027, 6, 30), date(2027, 7, 2))),
            Relation::Overlap(1)
        );
        assert_eq!(
            relation(june, (date(2027, 6, 10), date(2027, 6, 12))),
            Relation::Overlap(3)
        );
        assert_eq!(
            relation(
                (date(2027, 4, 12), date(2027, 6, 25)),
                (date(2027, 9, 6), date(2028, 3, 31))
            ),
            Relation::Gap(73)
        );
    }

    #[test]
    fn names_streets_in_a_sentence() {
        assert_eq!(join(&["A"]), "A");
        assert_eq!(join(&["A", "B", "C"]), "A, B en C");
        assert_eq!(days_word(1), "1 dag");
        assert_eq!(days_word(2), "2 dagen");
    }
}

#[cfg(test)]
mod check_tests {
    use super::*;
    use crate::check::testing::wijk;

    fn works(street: &str, start: &str, end: &str, extra: &str) -> String {
        format!(
            "title = \"W\"\ndepartment = \"D\"\nkind = \"works\"\nstreets = [\"{street}\"]\nstart = {start}\n{end}\n{extra}"
        )
    }

    #[test]
    fn reports_a_gap_of_exactly_the_window_and_not_one_day_more() {
        let site = wijk(&[
            (
                "a",
                &works("Bloemstraat", "2027-01-01", "end = 2027-01-31", ""),
            ),
            ("b", &works("Bloemstraat", "2027-03-02", "", "")),
            (
                "c",
                &works("Lindelaan", "2027-01-01", "end = 2027-01-31", ""),
            ),
            ("d", &works("Lindelaan", "2027-03-03", "", "")),
        ]);
        let found = check(&site, 30);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].file, "content/proef/a.md");
        assert!(
            found[0]
                .message
                .contains("er zitten 30 dagen tussen (de grens is 30 dagen"),
            "{}",
            found[0].message
        );
        assert!(found[0].notes[0].contains("content/proef/b.md"));
        assert!(
            found[0].notes[1].starts_with("tip: plan het werk samen")
                && found[0].notes[1].contains("project = \"bloemstraat-2027\" in allebei"),
            "{:?}",
            found[0].notes
        );
    }

    #[test]
    fn works_of_one_project_are_coupled_already() {
        let project = "project = \"p\"";
        let site = wijk(&[
            ("a", &works("Bloemstraat", "2027-01-01", "", project)),
            ("b", &works("Bloemstraat", "2027-01-01", "", project)),
        ]);
        assert!(check(&site, 365).is_empty());
    }

    #[test]
    fn one_finding_per_pair_however_many_streets_they_share() {
        let both = "title = \"W\"\ndepartment = \"D\"\nkind = \"works\"\nstreets = [\"Bloemstraat\", \"Lindelaan\"]\nstart = 2027-01-01";
        let found = check(&wijk(&[("a", both), ("b", both)]), 0);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .starts_with("Bloemstraat en Lindelaan worden twee keer opengebroken")
        );
        assert!(found[0].message.contains("het werk loopt 1 dag tegelijk"));
    }
}
