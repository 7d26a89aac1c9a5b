//! `coupling-opportunity`: two `works` of different projects (or without
//! one) on a shared street, whose periods overlap or lie within
//! `coupling_window_days` of each other. The street would be opened twice;
//! done together it is opened once.
//!
//! Works are compared within a wijk ([`check`]) and, for a street in the
//! lists of two wijken, across wijken ([`across`]). A cancelled job opens
//! no street; a job an update extended counts with its new end.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use jiff::civil::Date;

use crate::config::Language;
use crate::error::Diagnostic;
use crate::model::{Contribution, Status, When, Wijk};
use crate::render::dates;
use crate::slug::slugify;

/// What the check needs of one `works` contribution, owned, so works of
/// different wijken can be compared after each wijk has been checked.
/// Without `end` a job lasts one day; an update's new end counts. A build
/// keeps these for every wijk to its end, so the wijk's own fields are
/// shared by its works.
#[derive(Debug, Clone)]
pub struct WorksRecord {
    /// The slug and the name of its wijk.
    pub wijk: Arc<str>,
    pub wijk_name: Arc<str>,
    /// The wijk's `_index.md`, for the advice on a project title.
    pub wijk_index: Arc<str>,
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
        let own = (
            Arc::from(wijk.slug.as_str()),
            Arc::from(wijk.name.as_str()),
            Arc::from(wijk.source.file.as_str()),
        );
        wijk.contributions
            .iter()
            .filter(|c| c.status != Some(Status::Geannuleerd))
            .filter_map(|c| WorksRecord::new(&own, c))
            .collect()
    }

    fn new(own: &(Arc<str>, Arc<str>, Arc<str>), c: &Contribution) -> Option<WorksRecord> {
        let When::Works { start, .. } = c.when else {
            return None;
        };
        Some(WorksRecord {
            wijk: own.0.clone(),
            wijk_name: own.1.clone(),
            wijk_index: own.2.clone(),
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

/// The wijk's coupling opportunities: one finding per street (see [`compare`]).
pub fn check(wijk: &Wijk, window_days: i64) -> Vec<Diagnostic> {
    compare(&WorksRecord::of(wijk), window_days, |_, _| true)
}

/// Coupling opportunities across wijken: a street in the lists of two
/// wijken (the same name) is one street, so works of different wijken in
/// it are compared too. `works` are the records of every wijk.
pub fn across(works: &[WorksRecord], window_days: i64) -> Vec<Diagnostic> {
    compare(works, window_days, |a, b| a.wijk != b.wijk)
}

/// The works of one finding and which of them pair up, as `check --format
/// json` prints it (`group`): `works` earliest start first, `pairs` as
/// indexes into `works` (earlier first).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Group {
    pub streets: Vec<String>,
    pub works: Vec<GroupedWork>,
    pub pairs: Vec<[u32; 2]>,
}

/// One work of a [`Group`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct GroupedWork {
    pub file: String,
    pub line: usize,
    pub title: String,
    pub department: String,
    pub wijk: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// `YYYY-MM-DD`; `end` is the last day (the start when there is no end).
    pub start: String,
    pub end: String,
}

/// One finding per street: the pairs of `works` (that `pair` accepts) on it
/// within the window. Streets with exactly the same pairs share a finding
/// (two works sharing two streets give one). Works are indexed by street and
/// sorted by start, so each street is swept once and only works within the
/// window are compared; a pair costs two indexes, and a finding's text grows
/// with its works, not with its pairs, so one big wijk stays linear.
fn compare(
    works: &[WorksRecord],
    window_days: i64,
    pair: impl Fn(&WorksRecord, &WorksRecord) -> bool,
) -> Vec<Diagnostic> {
    pairs_by_street(works, window_days, pair)
        .into_iter()
        .map(|(pairs, mut streets)| {
            streets.sort_unstable();
            match pairs[..] {
                [(a, b)] => finding(
                    &works[a as usize],
                    &works[b as usize],
                    &streets,
                    window_days,
                )
                .grouped(group(works, &pairs, &streets).0),
                _ => street_finding(works, &pairs, &streets, window_days),
            }
        })
        .collect()
}

/// The pairs (as indexes into `works`) of each finding, and its streets.
fn pairs_by_street(
    works: &[WorksRecord],
    window_days: i64,
    pair: impl Fn(&WorksRecord, &WorksRecord) -> bool,
) -> BTreeMap<Vec<(u32, u32)>, Vec<&str>> {
    let accept = |a: &WorksRecord, b: &WorksRecord| pair(a, b) && !coupled(a, b);
    let mut groups: BTreeMap<Vec<(u32, u32)>, Vec<&str>> = BTreeMap::new();
    for (street, ids) in by_street(works, |w| &w.streets) {
        let pairs = street_pairs(works, &ids, window_days, accept);
        if !pairs.is_empty() {
            groups.entry(pairs).or_default().push(street.as_str());
        }
    }
    groups
}

/// What the sweep over a street needs of a works: its first and last day.
pub(super) trait Period {
    fn period(&self) -> (Date, Date);
}

impl Period for WorksRecord {
    fn period(&self) -> (Date, Date) {
        (self.start, self.end)
    }
}

/// The works on each street (as indexes into `works`), earliest start first.
pub(super) fn by_street<'w, W: Period, S: std::hash::Hash + Eq>(
    works: &'w [W],
    streets: impl Fn(&'w W) -> &'w [S],
) -> HashMap<&'w S, Vec<u32>> {
    let mut by_street: HashMap<&S, Vec<u32>> = HashMap::new();
    for (index, w) in works.iter().enumerate() {
        for street in streets(w) {
            by_street.entry(street).or_default().push(index as u32);
        }
    }
    for ids in by_street.values_mut() {
        ids.sort_by_key(|&i| (works[i as usize].period().0, i));
        ids.dedup();
    }
    by_street
}

/// The pairs of the works `ids` on one street (earliest start first) whose
/// periods lie within the window and that `accept` takes, sorted. Only
/// works within the window of each other are compared.
pub(super) fn street_pairs<W: Period>(
    works: &[W],
    ids: &[u32],
    window_days: i64,
    accept: impl Fn(&W, &W) -> bool,
) -> Vec<(u32, u32)> {
    let mut pairs = Vec::new();
    for (n, &a) in ids.iter().enumerate() {
        let first = &works[a as usize];
        for &b in &ids[n + 1..] {
            let second = &works[b as usize];
            if days(first.period().1, second.period().0) > window_days {
                break;
            }
            if accept(first, second) {
                pairs.push((a, b));
            }
        }
    }
    pairs.sort_unstable();
    pairs
}

/// The works of `pairs`, earliest start first, with the pairs as indexes
/// into them; and the works' indexes in `works`.
fn group(works: &[WorksRecord], pairs: &[(u32, u32)], streets: &[&str]) -> (Group, Vec<u32>) {
    let mut ids: Vec<u32> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
    ids.sort_by_key(|&i| (works[i as usize].start, i));
    ids.dedup();
    let position = |id: u32| ids.iter().position(|&i| i == id).unwrap_or(0) as u32;
    let mut by_position: Vec<[u32; 2]> = if ids.len() <= 64 {
        pairs
            .iter()
            .map(|&(a, b)| [position(a), position(b)])
            .collect()
    } else {
        let index: HashMap<u32, u32> = ids
            .iter()
            .enumerate()
            .map(|(n, &id)| (id, n as u32))
            .collect();
        pairs.iter().map(|&(a, b)| [index[&a], index[&b]]).collect()
    };
    by_position.sort_unstable();
    let group = Group {
        streets: streets.iter().map(|s| s.to_string()).collect(),
        works: ids
            .iter()
            .map(|&id| {
                let w = &works[id as usize];
                GroupedWork {
                    file: w.file.clone(),
                    line: w.line,
                    title: w.title.clone(),
                    department: w.department.clone(),
                    wijk: w.wijk.to_string(),
                    project: w.project.clone(),
                    start: w.start.to_string(),
                    end: w.end.to_string(),
                }
            })
            .collect(),
        pairs: by_position,
    };
    (group, ids)
}

/// The finding of a street where more than two works pair up: at the
/// `streets` line of the works that start first, naming every other works
/// in a note (so its length grows with the works, not with the pairs).
fn street_finding(
    works: &[WorksRecord],
    pairs: &[(u32, u32)],
    streets: &[&str],
    window: i64,
) -> Diagnostic {
    let (group, ids) = group(works, pairs, streets);
    let record = |n: usize| &works[ids[n] as usize];
    let first = record(0);
    let message = format!(
        "{} {} keer opengebroken: door {} ({}) en door {} andere werken (hieronder); {} keer liggen twee van die werken {} of minder uit elkaar (coupling_window_days in site.toml)",
        streets_are(streets),
        group.works.len(),
        first.department,
        period(first),
        group.works.len() - 1,
        group.pairs.len(),
        days_word(window),
    );
    let mut diagnostic = Diagnostic::warning(
        "coupling-opportunity",
        &first.file,
        Some(first.line),
        message,
    );
    for n in 1..group.works.len() {
        let w = record(n);
        let other_wijk = if w.wijk == first.wijk {
            String::new()
        } else {
            format!(" in de wijk {}", w.wijk_name)
        };
        diagnostic = diagnostic.note(format!(
            "zie ook: \"{}\", door {}{other_wijk} ({}), in {} (regel {})",
            w.title,
            w.department,
            period(w),
            w.file,
            w.line
        ));
    }
    let across = group.works.iter().any(|w| *w.wijk != *first.wijk);
    let key = group.works.iter().find_map(|w| w.project.clone());
    let tip = if across {
        format!(
            "de straat ligt in twee wijken: spreek met de andere wijk af wie het werk plant, zodat de straat één keer open gaat (en geef de bestanden dezelfde projectsleutel, zoals project = \"{}-{}\")",
            slugify(streets[0]),
            first.start.year()
        )
    } else {
        let together = "plan het werk samen, zodat de straat één keer open gaat, en geef de bestanden dezelfde projectsleutel";
        match key {
            Some(key) => format!("{together}, bijvoorbeeld project = \"{key}\" in alle bestanden"),
            None => format!(
                "{together}, bijvoorbeeld project = \"{}-{}\" in alle bestanden (en een titel ervoor onder [projects] in {})",
                slugify(streets[0]),
                first.start.year(),
                first.wijk_index
            ),
        }
    };
    diagnostic
        .note(format!(
            "tip: {tip}; welke werken precies binnen de grens liggen, staat in wijkverhaal check --format json (group.pairs)"
        ))
        .grouped(group)
}

fn period(w: &WorksRecord) -> String {
    dates::period(w.start, Some(w.end), Language::Nl)
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
    let other_wijk = if a.wijk == b.wijk {
        String::new()
    } else {
        format!(" in de wijk {}", b.wijk_name)
    };
    let message = format!(
        "{} twee keer opengebroken: door {} ({}) en door {}{other_wijk} ({}); {how}",
        streets_are(streets),
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

/// The streets as a sentence's subject: `A wordt`, `A en B worden`.
fn streets_are(streets: &[&str]) -> String {
    let verb = if streets.len() == 1 {
        "wordt"
    } else {
        "worden"
    };
    format!("{} {verb}", join(streets))
}

pub(super) fn join(streets: &[&str]) -> String {
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

#[cfg(test)]
mod grouping_tests {
    use super::*;
    use crate::check::testing::wijk;

    fn works(start: &str, extra: &str) -> String {
        format!(
            "title = \"W {start}\"\ndepartment = \"D\"\nkind = \"works\"\nstreets = [\"Bloemstraat\"]\nstart = {start}\n{extra}"
        )
    }

    #[test]
    fn a_street_with_many_works_gives_one_finding_naming_each_and_listing_the_pairs() {
        let files: Vec<(String, String)> = ["2027-01-01", "2027-02-01", "2027-03-01", "2029-06-01"]
            .iter()
            .enumerate()
            .map(|(n, start)| (format!("w{n}"), works(start, "")))
            .collect();
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let found = check(&wijk(&files), 60);
        assert_eq!(found.len(), 1, "{found:#?}");
        let finding = &found[0];
        assert_eq!(finding.file, "content/proef/w0.md");
        assert!(
            finding.message.starts_with(
                "Bloemstraat wordt 3 keer opengebroken: door D (1 januari 2027) en door 2 andere werken (hieronder); 3 keer liggen twee van die werken 60 dagen of minder uit elkaar"
            ),
            "{}",
            finding.message
        );
        assert_eq!(finding.notes.len(), 3, "{:?}", finding.notes);
        assert!(finding.notes[0].contains("content/proef/w1.md"));
        assert!(finding.notes[1].contains("content/proef/w2.md"));
        assert!(finding.notes[2].starts_with("tip: plan het werk samen"));
        assert!(finding.notes[2].contains("project = \"bloemstraat-2027\" in alle bestanden"));
        let group = finding.group.as_ref().expect("a grouped finding");
        assert_eq!(group.streets, ["Bloemstraat"]);
        let files: Vec<&str> = group.works.iter().map(|w| w.file.as_str()).collect();
        assert_eq!(
            files,
            [
                "content/proef/w0.md",
                "content/proef/w1.md",
                "content/proef/w2.md"
            ]
        );
        // w0-w1 and w1-w2 are 31 and 28 days apart; w0 ends 59 days before w2.
        assert_eq!(group.pairs, [[0, 1], [0, 2], [1, 2]]);
        assert_eq!(group.works[0].start, "2027-01-01");
    }

    #[test]
    fn a_project_key_of_one_of_the_works_is_the_advice() {
        let a = works("2027-01-01", "project = \"riool\"");
        let b = works("2027-01-02", "");
        let c = works("2027-01-03", "");
        let found = check(&wijk(&[("a", &a), ("b", &b), ("c", &c)]), 30);
        assert_eq!(found.len(), 1, "{found:#?}");
        let tip = found[0].notes.last().expect("a tip");
        assert!(
            tip.contains("project = \"riool\" in alle bestanden"),
            "{tip}"
        );
    }

    #[test]
    fn the_text_grows_with_the_works_and_the_json_holds_every_pair() {
        let files: Vec<(String, String)> = (0..300)
            .map(|n| (format!("w{n:03}"), works("2027-01-01", "")))
            .collect();
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let found = check(&wijk(&files), 365);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].notes.len(), 300, "299 other works and a tip");
        let group = found[0].group.as_ref().expect("a grouped finding");
        assert_eq!(group.pairs.len(), 300 * 299 / 2);
        let json: serde_json::Value =
            serde_json::from_str(&crate::report::json(&found)).expect("json");
        assert_eq!(
            json[0]["group"]["works"].as_array().map(Vec::len),
            Some(300)
        );
        assert_eq!(json[0]["group"]["pairs"][0], serde_json::json!([0, 1]));
    }

    #[test]
    fn a_single_pair_keeps_its_sentence_and_gets_its_group_in_json() {
        let a = works("2027-01-01", "");
        let b = works("2027-01-05", "");
        let found = check(&wijk(&[("a", &a), ("b", &b)]), 30);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .starts_with("Bloemstraat wordt twee keer opengebroken: door D")
        );
        let group = found[0].group.as_ref().expect("its group");
        assert_eq!(group.pairs, [[0, 1]]);
        assert_eq!(group.works.len(), 2);
    }
}
