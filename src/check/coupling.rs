//! `coupling-opportunity`: two `works` of different projects (or without
//! one) on a shared street, whose periods overlap or lie within
//! `coupling_window_days` of each other. The street would be opened twice;
//! done together it is opened once.
//!
//! Works are indexed by street and sorted by start, so each street is swept
//! once and only works that start within the window are compared.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;

use crate::error::Diagnostic;
use crate::model::{Contribution, When, Wijk};
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
        Relation::Overlap(n) => format!("the periods overlap by {}", plural(n, "day")),
        Relation::Gap(n) => format!(
            "{} apart (coupling window: {})",
            plural(n, "day"),
            plural(window, "day")
        ),
    };
    let message = format!(
        "{} would be opened twice: by {} from {} to {} and by {} from {} to {}, {how}",
        join(streets),
        a.c.department,
        a.start,
        a.end,
        b.c.department,
        b.start,
        b.end
    );
    Diagnostic::warning(
        "coupling-opportunity",
        &a.c.source.file,
        Some(a.c.line_of("streets")),
        message,
    )
    .note(format!(
        "note: the other works: {}:{} (\"{}\")",
        b.c.source.file,
        b.c.line_of("streets"),
        b.c.title
    ))
    .note(format!("help: {}", advice(wijk, a, b, streets)))
}

/// What the editors can do: agree on one planning and one project key.
fn advice(wijk: &Wijk, a: &Works, b: &Works, streets: &[&str]) -> String {
    let together =
        "plan the work together so the street is opened once, and give both files the same key";
    match (&a.c.project, &b.c.project) {
        (Some(key), None) => format!("{together}: add `project = \"{key}\"` to the other file"),
        (None, Some(key)) => format!("{together}: add `project = \"{key}\"` to this file"),
        (Some(key), Some(_)) => format!("{together}, for example `project = \"{key}\"` in both"),
        (None, None) => {
            let key = format!("{}-{}", slugify(streets[0]), a.start.year());
            format!(
                "{together}, for example `project = \"{key}\"` in both (and a title for it under [projects] in {})",
                wijk.source.file
            )
        }
    }
}

fn plural(n: i64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn join(streets: &[&str]) -> String {
    match streets {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
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
        assert_eq!(join(&["A", "B", "C"]), "A, B and C");
        assert_eq!(plural(1, "day"), "1 day");
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
            found[0].message.contains("30 days apart"),
            "{}",
            found[0].message
        );
        assert!(found[0].notes[0].contains("content/proef/b.md"));
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
                .starts_with("Bloemstraat and Lindelaan would be opened twice")
        );
        assert!(found[0].message.contains("overlap by 1 day"));
    }
}
