//! How many `coupling-opportunity` findings across wijken there are, as
//! `build` counts them (it shows no warnings; `check` makes them with
//! [`super::coupling::across`]). A build keeps a works of every wijk to its
//! end for this, so each is a small key of numbers, not its texts: its
//! wijk, its days, its project and its streets, with the names numbered
//! site-wide by [`Names`]. The findings are counted one street at a time,
//! so a large site never holds every pair of works at once.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

use jiff::civil::Date;

use super::coupling::{Period, by_street, street_pairs};
use crate::model::{Status, When, Wijk};

/// What the count needs of one `works` contribution (cancelled ones open
/// no street): names are numbers from one [`Names`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorksKey {
    wijk: u32,
    start: Date,
    end: Date,
    /// [`NO_PROJECT`] without one.
    project: u32,
    streets: Box<[u32]>,
}

const NO_PROJECT: u32 = u32::MAX;

impl Period for WorksKey {
    fn period(&self) -> (Date, Date) {
        (self.start, self.end)
    }
}

/// A number for each name (a wijk's slug, a street, a project key), the
/// same in every wijk of a build, so equal names are equal numbers. Shared
/// by the wijken built in parallel; each takes the lock once.
#[derive(Debug, Default)]
pub struct Names(Mutex<HashMap<Box<str>, u32>>);

impl Names {
    /// The keys of the wijk's works, with the periods the check compares
    /// (an update's new end counts; a job without one lasts a day).
    pub fn keys_of(&self, wijk: &Wijk) -> Vec<WorksKey> {
        let mut names = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let mut number = |name: &str| match names.get(name) {
            Some(&n) => n,
            None => {
                let n = names.len() as u32;
                names.insert(name.into(), n);
                n
            }
        };
        let own = number(&wijk.slug);
        wijk.contributions
            .iter()
            .filter(|c| c.status != Some(Status::Geannuleerd))
            .filter_map(|c| {
                let When::Works { start, .. } = c.when else {
                    return None;
                };
                Some(WorksKey {
                    wijk: own,
                    start,
                    end: c.end_date().unwrap_or(start).max(start),
                    project: c.project.as_deref().map_or(NO_PROJECT, &mut number),
                    streets: c.streets.iter().map(|s| number(s)).collect(),
                })
            })
            .collect()
    }
}

/// How many findings [`super::coupling::across`] makes of the same works:
/// one for each distinct set of pairs (of works of different wijken and
/// projects, within `window_days`) that a street has. Each street's pairs
/// are made, compared by a hash with those of the streets counted before,
/// and dropped; a street whose hash matches is compared in full (its
/// pairs made again), so the count is exact.
pub fn count_across(works: &[WorksKey], window_days: i64) -> usize {
    let accept = |a: &WorksKey, b: &WorksKey| {
        a.wijk != b.wijk && (a.project == NO_PROJECT || a.project != b.project)
    };
    let streets = by_street(works, |w| &w.streets);
    let pairs_of = |street: &u32| street_pairs(works, &streets[street], window_days, accept);
    let mut counted: HashMap<u64, Vec<u32>> = HashMap::new();
    let mut count = 0;
    for street in streets.keys() {
        let pairs = pairs_of(street);
        if pairs.is_empty() {
            continue;
        }
        let mut hasher = std::hash::DefaultHasher::new();
        pairs.hash(&mut hasher);
        let same_hash = counted.entry(hasher.finish()).or_default();
        if !same_hash.iter().any(|other| pairs_of(other) == pairs) {
            same_hash.push(**street);
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::coupling::{WorksRecord, across};
    use crate::check::testing::wijk;

    fn works(street: &str, start: &str, extra: &str) -> String {
        format!(
            "title = \"W\"\ndepartment = \"D\"\nkind = \"works\"\nstreets = [{street}]\nstart = {start}\n{extra}"
        )
    }

    /// The works, and the same works as `moved` makes them.
    fn moved<T: Clone>(records: &[T], moved: impl Fn(&T) -> T) -> Vec<T> {
        let mut all = records.to_vec();
        all.extend(records.iter().map(moved));
        all
    }

    #[test]
    fn counting_the_findings_across_wijken_gives_as_many_as_making_them() {
        let site = wijk(&[
            ("a", &works("\"Bloemstraat\"", "2027-01-01", "")),
            ("b", &works("\"Bloemstraat\"", "2027-01-20", "")),
            ("c", &works("\"Lindelaan\"", "2027-05-01", "")),
            // Two streets with the same pairs are one finding.
            ("d", &works("\"Kade\", \"Dijk\"", "2027-09-01", "")),
            ("e", &works("\"Plein\"", "2027-11-01", "project = \"p\"")),
            (
                "f",
                &works("\"Hof\"", "2027-12-01", "status = \"geannuleerd\""),
            ),
        ]);
        let later = |start: Date| start.saturating_add(jiff::Span::new().days(3));
        let records = moved(&WorksRecord::of(&site), |w| WorksRecord {
            wijk: "ander".into(),
            start: later(w.start),
            ..w.clone()
        });
        let keys = moved(&Names::default().keys_of(&site), |w| WorksKey {
            wijk: u32::MAX - 1,
            start: later(w.start),
            ..w.clone()
        });
        assert_eq!(keys.len(), records.len(), "the cancelled works left out");
        for window in [0, 2, 30, 365] {
            let made = across(&records, window);
            assert_eq!(count_across(&keys, window), made.len(), "{window}");
        }
        assert_eq!(across(&records, 30).len(), 3);
        assert_eq!(count_across(&keys[..keys.len() / 2], 30), 0, "one wijk");
    }

    #[test]
    fn works_of_one_project_in_two_wijken_are_coupled_already() {
        let site = wijk(&[(
            "a",
            &works("\"Bloemstraat\"", "2027-01-01", "project = \"p\""),
        )]);
        let names = Names::default();
        let mut keys = names.keys_of(&site);
        keys.push(WorksKey {
            wijk: u32::MAX - 1,
            ..keys[0].clone()
        });
        assert_eq!(count_across(&keys, 30), 0);
        keys[1].project = NO_PROJECT;
        assert_eq!(count_across(&keys, 30), 1);
    }

    #[test]
    fn equal_names_are_equal_numbers_in_every_wijk() {
        let names = Names::default();
        let a = names.keys_of(&wijk(&[("a", &works("\"Bloemstraat\"", "2027-01-01", ""))]));
        let b = names.keys_of(&wijk(&[(
            "b",
            &works("\"Lindelaan\", \"Bloemstraat\"", "2027-01-01", ""),
        )]));
        assert_eq!(b[0].streets[1], a[0].streets[0]);
        assert_ne!(b[0].streets[0], a[0].streets[0]);
        assert_eq!(a[0].wijk, b[0].wijk, "the test wijken share a slug");
    }
}
