//! `event-clash`: two events of one wijk that overlap in time, or fall on
//! the same day (in the site's time zone) from different departments. A
//! resident who wants to go to both has to choose.
//!
//! An event without `end` is taken to last `event_minutes` (site.toml,
//! default two hours, like a usual evening meeting), as in the calendars. Events are sorted by start and each is compared
//! only with the events that start before its last day is over.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, ZonedDateTime as Zoned};

use crate::config::Language;
use crate::error::Diagnostic;
use crate::model::{Contribution, When, Wijk};
use crate::render::dates;

struct Event<'a> {
    c: &'a Contribution,
    start: Zoned,
    end: Zoned,
    first_day: Date,
    last_day: Date,
}

impl<'a> Event<'a> {
    fn new(c: &'a Contribution, zone: &TimeZone, minutes: i64) -> Option<Event<'a>> {
        let When::Event { start, end } = &c.when else {
            return None;
        };
        let start = start.with_time_zone(zone.clone());
        let end = match end {
            Some(end) if *end > start => end.with_time_zone(zone.clone()),
            _ => start.checked_add(SignedDuration::from_mins(minutes)).ok()?,
        };
        // An event ending at midnight does not fall on the next day.
        let last = end.checked_sub(SignedDuration::from_secs(1)).ok()?;
        Some(Event {
            c,
            first_day: start.date(),
            last_day: last.date().max(start.date()),
            start,
            end,
        })
    }
}

/// The wijk's event clashes: one finding per pair of events.
pub fn check(wijk: &Wijk, zone: &TimeZone, minutes: i64) -> Vec<Diagnostic> {
    let mut events: Vec<Event> = wijk
        .contributions
        .iter()
        .filter_map(|c| Event::new(c, zone, minutes))
        .collect();
    events.sort_by(|a, b| (&a.start, &a.c.source.file).cmp(&(&b.start, &b.c.source.file)));
    let mut diagnostics = Vec::new();
    for (n, a) in events.iter().enumerate() {
        for b in &events[n + 1..] {
            if b.first_day > a.last_day {
                break;
            }
            let overlap = b.start < a.end;
            if overlap || a.c.department != b.c.department {
                diagnostics.push(finding(a, b, overlap, minutes));
            }
        }
    }
    diagnostics
}

fn finding(a: &Event, b: &Event, overlap: bool, minutes: i64) -> Diagnostic {
    let day = b.first_day;
    let when = match (part_of_day(&a.start), part_of_day(&b.start)) {
        (p, q) if p == q && a.first_day == day => format!("op de {p} van {}", long_date(day)),
        _ => format!("op {}", long_date(day)),
    };
    let how = if overlap {
        "ze zijn (deels) tegelijk".to_string()
    } else {
        format!(
            "{} en {} vragen bewoners allebei om te komen",
            a.c.department, b.c.department
        )
    };
    let message = format!(
        "twee bijeenkomsten {when}: \"{}\" ({}, {}) en \"{}\" ({}, {}); {how}",
        a.c.title,
        a.c.department,
        hours(a, minutes),
        b.c.title,
        b.c.department,
        hours(b, minutes),
    );
    Diagnostic::warning("event-clash", &a.c.source.file, Some(a.c.line_of("start")), message)
        .note(format!(
            "zie ook: de andere bijeenkomst, in {} (regel {})",
            b.c.source.file,
            b.c.line_of("start")
        ))
        .note("tip: zet een van de twee op een andere dag, of houd ze samen als één bijeenkomst; bewoners die naar allebei willen, moeten nu kiezen")
}

fn part_of_day(time: &Zoned) -> &'static str {
    match time.hour() {
        0..12 => "ochtend",
        12..18 => "middag",
        _ => "avond",
    }
}

fn long_date(day: Date) -> String {
    dates::long_date(day, Language::Nl)
}

/// `19.00-21.00 uur`, or with the dates when the event spans several days.
fn hours(e: &Event, minutes: i64) -> String {
    let time = |t: &Zoned| dates::time(t, Language::Nl);
    let assumed = match &e.c.when {
        When::Event { end: None, .. } => format!(
            " (zonder eindtijd, gerekend als {}: event_minutes in site.toml)",
            dates::duration(minutes)
        ),
        _ => String::new(),
    };
    if e.first_day == e.last_day {
        format!("{}-{} uur{assumed}", time(&e.start), time(&e.end))
    } else {
        format!(
            "{} {} uur tot {} {} uur{assumed}",
            dates::date(e.first_day, Language::Nl),
            time(&e.start),
            dates::date(e.last_day, Language::Nl),
            time(&e.end)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::wijk;

    fn event(department: &str, start: &str, end: Option<&str>) -> String {
        let end = end.map(|e| format!("end = {e}")).unwrap_or_default();
        format!(
            "title = \"E\"\ndepartment = \"{department}\"\nkind = \"event\"\nlocation = \"Buurthuis\"\nstart = {start}\n{end}"
        )
    }

    fn clashes(events: &[(&str, String)]) -> Vec<Diagnostic> {
        let contributions: Vec<(&str, &str)> =
            events.iter().map(|(s, e)| (*s, e.as_str())).collect();
        let zone = TimeZone::get("Europe/Amsterdam").unwrap();
        check(&wijk(&contributions), &zone, 120)
    }

    #[test]
    fn overlap_in_time_is_a_clash_even_within_one_department() {
        let found = clashes(&[
            (
                "a",
                event(
                    "Energie",
                    "2027-03-10T19:30:00",
                    Some("2027-03-10T21:00:00"),
                ),
            ),
            ("b", event("Energie", "2027-03-10T20:30:00", None)),
        ]);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .contains("twee bijeenkomsten op de avond van woensdag 10 maart 2027: ")
        );
        assert!(found[0].message.contains("ze zijn (deels) tegelijk"));
        assert!(found[0].message.contains(
            "20.30-22.30 uur (zonder eindtijd, gerekend als 2 uur: event_minutes in site.toml)"
        ));
        assert_eq!(
            found[0].notes[0],
            "zie ook: de andere bijeenkomst, in content/proef/b.md (regel 6)"
        );
        assert!(found[0].notes[1].starts_with("tip: zet een van de twee op een andere dag"));
    }

    #[test]
    fn one_day_is_a_clash_between_departments_only() {
        let found = clashes(&[
            (
                "a",
                event("Groen", "2027-03-11T10:00:00", Some("2027-03-11T11:00:00")),
            ),
            ("b", event("Sociaal", "2027-03-11T19:30:00", None)),
            (
                "c",
                event("Groen", "2027-03-12T10:00:00", Some("2027-03-12T11:00:00")),
            ),
            ("d", event("Groen", "2027-03-12T19:30:00", None)),
        ]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].file, "content/proef/a.md");
        assert!(found[0].message.contains("op donderdag 11 maart 2027"));
        assert!(
            found[0]
                .message
                .contains("Groen en Sociaal vragen bewoners allebei om te komen")
        );
    }

    #[test]
    fn days_are_days_in_the_sites_time_zone() {
        // 23:00 and 00:30 local are both on 14 March in UTC, not here.
        let found = clashes(&[
            (
                "a",
                event("Groen", "2027-03-14T22:00:00", Some("2027-03-14T23:00:00")),
            ),
            (
                "b",
                event(
                    "Sociaal",
                    "2027-03-15T00:30:00",
                    Some("2027-03-15T01:00:00"),
                ),
            ),
            (
                "c",
                event(
                    "Energie",
                    "2027-03-20T21:00:00",
                    Some("2027-03-21T00:00:00"),
                ),
            ),
            ("d", event("Sociaal", "2027-03-21T09:00:00", None)),
        ]);
        assert!(found.is_empty(), "{found:#?}");
    }
}
