//! `coupling-opportunity`: two `works` of different projects (or without
//! one) on a shared street, whose periods overlap or lie within
//! `coupling_window_days` of each other. The street would be opened twice;
//! done together it is opened once.
//!
//! Works are compared within a wijk ([`check`]) and, for a street in the
//! lists of two wijken, across wijken ([`across`]). A cancelled job opens
//! no street; a job an update extended counts with its new end.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;

use crate::config::Language;
use crate::error::Diagnostic;
use crate::model::{Contribution, Status, When, Wijk};
use crate::render::dates;
use crate::slug::slugify;

/// What the check needs of one `works` contribution, owned, so works of
/// different wijken can be compared after each wijk has been checked.
/// Without `end` a job lasts one day; an update's new end counts.
#[derive(Debug, Clone)]
pub struct WorksRecord {
    /// The slug and the name of its wijk.
    pub wijk: String,
    pub wijk_name: String,
    /// The wijk's `_index.md`, for the advice on a project title.
    pub wijk_index: String,
    pub file: String,
    pub line: usize,
    pub title: String,
    pub department: String,
    pub project: Option<String>,
    pub streets: Vec<String>,
    pub start: Date,
    pub end: Date,
}

impl WorksRecord {
    /// The wijk's works that will open a street (cancelled ones will not).
    pub fn of(wijk: &Wijk) -> Vec<WorksRecord> {
        wijk.contributions
            .iter()
            .filter(|c| c.status != Some(Status::Geannuleerd))
            .filter_map(|c| WorksRecord::new(wijk, c))
            .collect()
    }

    fn new(wijk: &Wijk, c: &Contribution) -> Option<WorksRecord> {
        let When::Works { start, .. } = c.when else {
            return None;
        };
        Some(WorksRecord {
            wijk: wijk.slug.clone(),
            wijk_name: wijk.name.clone(),
            wijk_index: wijk.source.file.clone(),
            file: c.source.file.clone(),
            line: c.line_of("streets"),
            title: c.title.clone(),
            department: c.department.clone(),
            project: c.project.clone(),
            streets: c.streets.clone(),
            start,
            end: c.end_date().unwrap_or(start).max(start),
        })
    }
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
    compare(&WorksRecord::of(wijk), window_days, |_, _| true)
}

/// Coupling opportunities across wijken: a street in the lists of two
/// wijken (the same name) is one street, so works of different wijken in
/// it are compared too. `works` are the records of every wijk.
pub fn across(works: &[WorksRecord], window_days: i64) -> Vec<Diagnostic> {
    compare(works, window_days, |a, b| a.wijk != b.wijk)
}

/// One finding per pair of `works` (that `pair` accepts) sharing a street
/// within the window. Works are indexed by street and sorted by start, so
/// each street is swept once and only works within the window are compared.
fn compare(
    works: &[WorksRecord],
    window_days: i64,
    pair: impl Fn(&WorksRecord, &WorksRecord) -> bool,
) -> Vec<Diagnostic> {
    let mut by_street: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, w) in works.iter().enumerate() {
        for street in &w.streets {
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
                if pair(&works[a], &works[b]) && !coupled(&works[a], &works[b]) {
                    pairs.entry((a, b)).or_default().push(street);
                }
            }
        }
    }
    pairs
        .into_iter()
        .map(|((a, b), mut streets)| {
            streets.sort_unstable();
            finding(&works[a], &works[b], &streets, window_days)
        })
        .collect()
}

/// Works of one project are already planned together.
fn coupled(a: &WorksRecord, b: &WorksRecord) -> bool {
    a.project.is_some() && a.project == b.project
}

fn finding(a: &WorksRecord, b: &WorksRecord, streets: &[&str], window: i64) -> Diagnostic {
    let how = match relation((a.start, a.end), (b.start, b.end)) {
        Relation::Overlap(n) => format!("het werk loopt {} tegelijk", days_word(n)),
        Relation::Gap(n) => format!(
            "er zitten {} tussen (de grens is {}: coupling_window_days in site.toml)",
            days_word(n),
            days_word(window)
        ),
    };
    let period = |w: &WorksRecord| dates::period(w.start, Some(w.end), Language::Nl);
    let other_wijk = if a.wijk == b.wijk {
        String::new()
    } else {
        format!(" in de wijk {}", b.wijk_name)
    };
    let message = format!(
        "{} {} twee keer opengebroken: door {} ({}) en door {}{other_wijk} ({}); {how}",
        join(streets),
        if streets.len() == 1 {
            "wordt"
        } else {
            "worden"
        },
        a.department,
        period(a),
        b.department,
        period(b),
    );
    Diagnostic::warning("coupling-opportunity", &a.file, Some(a.line), message)
        .note(format!(
            "zie ook: het andere werk, \"{}\", in {} (regel {})",
            b.title, b.file, b.line,
        ))
        .note(format!("tip: {}", advice(a, b, streets)))
}

/// What the editors can do: agree on one planning and one project key.
fn advice(a: &WorksRecord, b: &WorksRecord, streets: &[&str]) -> String {
    let together = "plan het werk samen, zodat de straat één keer open gaat, en geef beide bestanden dezelfde projectsleutel";
    if a.wijk != b.wijk {
        return format!(
            "de straat ligt in twee wijken: spreek met de andere wijk af wie het werk plant, zodat de straat één keer open gaat (en geef beide bestanden dezelfde projectsleutel, zoals project = \"{}-{}\")",
            slugify(streets[0]),
            a.start.year()
        );
    }
    match (&a.project, &b.project) {
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
                a.wijk_index
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
