//! `event-clash`: two events of one wijk that overlap in time, or fall on
//! the same day (in the site's time zone) from different departments. A
//! resident who wants to go to both has to choose.
//!
//! An event without `end` is taken to last [`ASSUMED_HOURS`] hours, like a
//! usual evening meeting. Events are sorted by start and each is compared
//! only with the events that start before its last day is over.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, ZonedDateTime as Zoned};

use crate::config::Language;
use crate::error::Diagnostic;
use crate::model::{Contribution, When, Wijk};
use crate::render::dates;

/// How long an event without `end` is taken to last.
pub const ASSUMED_HOURS: i64 = 2;

struct Event<'a> {
    c: &'a Contribution,
    start: Zoned,
    end: Zoned,
    first_day: Date,
    last_day: Date,
}

impl<'a> Event<'a> {
    fn new(c: &'a Contribution, zone: &TimeZone) -> Option<Event<'a>> {
        let When::Event { start, end } = &c.when else {
            return None;
        };
        let start = start.with_time_zone(zone.clone());
        let end = match end {
            Some(end) if *end > start => end.with_time_zone(zone.clone()),
            _ => start
                .checked_add(SignedDuration::from_hours(ASSUMED_HOURS))
                .ok()?,
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
pub fn check(wijk: &Wijk, zone: &TimeZone) -> Vec<Diagnostic> {
    let mut events: Vec<Event> = wijk
        .contributions
        .iter()
        .filter_map(|c| Event::new(c, zone))
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
                diagnostics.push(finding(a, b, overlap));
            }
        }
    }
    diagnostics
}

fn finding(a: &Event, b: &Event, overlap: bool) -> Diagnostic {
    let day = b.first_day;
    let when = match (part_of_day(&a.start), part_of_day(&b.start)) {
        (p, q) if p == q && a.first_day == day => format!("on the {p} of {}", long_date(day)),
        _ => format!("on {}", long_date(day)),
    };
    let how = if overlap {
        "they overlap in time".to_string()
    } else {
        format!(
            "{} and {} both ask residents to come",
            a.c.department, b.c.department
        )
    };
    let message = format!(
        "two events {when}: \"{}\" ({}, {}) and \"{}\" ({}, {}); {how}",
        a.c.title,
        a.c.department,
        hours(a),
        b.c.title,
        b.c.department,
        hours(b),
    );
    Diagnostic::warning("event-clash", &a.c.source.file, Some(a.c.line_of("start")), message)
        .note(format!(
            "note: the other event: {}:{}",
            b.c.source.file,
            b.c.line_of("start")
        ))
        .note("help: move one of them to another day, or hold them together as one meeting; residents who want to go to both now have to choose")
}

fn part_of_day(time: &Zoned) -> &'static str {
    match time.hour() {
        0..12 => "morning",
        12..18 => "afternoon",
        _ => "evening",
    }
}

fn long_date(day: Date) -> String {
    dates::long_date(day, Language::En)
}

/// `19:00-21:00`, or with the date when the event spans several days.
fn hours(e: &Event) -> String {
    let time = |t: &Zoned| format!("{:02}:{:02}", t.hour(), t.minute());
    let assumed = match &e.c.when {
        When::Event { end: None, .. } => format!(" (no end given, taken as {ASSUMED_HOURS} hours)"),
        _ => String::new(),
    };
    if e.first_day == e.last_day {
        format!("{}-{}{assumed}", time(&e.start), time(&e.end))
    } else {
        format!(
            "{} {}-{} {}{assumed}",
            e.first_day,
            time(&e.start),
            e.last_day,
            time(&e.end)
        )
    }
}
