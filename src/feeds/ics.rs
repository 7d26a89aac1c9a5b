//! iCalendar (RFC 5545) writing: CRLF lines folded at 75 octets, escaped
//! text, times in UTC so they are right on both sides of a daylight-saving
//! change, all-day entries as `VALUE=DATE` with an exclusive end.

use jiff::Timestamp;
use jiff::civil::Date;

/// When a calendar entry starts or ends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum IcsTime {
    /// An all-day date.
    Date(Date),
    /// An instant, written in UTC.
    Instant(Timestamp),
}

/// One `VEVENT`.
#[derive(Debug, Clone)]
pub struct IcsEvent<'a> {
    pub uid: String,
    pub summary: &'a str,
    pub description: String,
    pub location: Option<&'a str>,
    pub url: String,
    pub start: IcsTime,
    /// For all-day entries: the last day (inclusive); the feed writes the day after.
    pub end: Option<IcsTime>,
    pub categories: &'a str,
}

/// A `VCALENDAR` being written.
#[derive(Debug)]
pub struct Calendar {
    out: String,
    stamp: String,
}

impl Calendar {
    /// Starts a calendar; `stamp` is the `DTSTAMP` of every event (taken from
    /// the content, so builds are reproducible).
    pub fn new(name: &str, stamp: Timestamp) -> Calendar {
        let mut calendar = Calendar {
            out: String::new(),
            stamp: utc(stamp),
        };
        calendar.line("BEGIN:VCALENDAR");
        calendar.line("VERSION:2.0");
        calendar.line("PRODID:-//wijkverhaal//wijkverhaal//NL");
        calendar.line("CALSCALE:GREGORIAN");
        calendar.line("METHOD:PUBLISH");
        calendar.line(&format!("X-WR-CALNAME:{}", escape(name)));
        calendar
    }

    pub fn event(&mut self, event: &IcsEvent) {
        self.line("BEGIN:VEVENT");
        self.line(&format!("UID:{}", event.uid));
        let stamp = format!("DTSTAMP:{}", self.stamp);
        self.line(&stamp);
        self.line(&time_property("DTSTART", event.start, false));
        if let Some(end) = event.end {
            self.line(&time_property("DTEND", end, true));
        } else if let IcsTime::Date(day) = event.start {
            self.line(&time_property("DTEND", IcsTime::Date(day), true));
        }
        self.line(&format!("SUMMARY:{}", escape(event.summary)));
        if let Some(location) = event.location {
            self.line(&format!("LOCATION:{}", escape(location)));
        }
        if !event.description.is_empty() {
            self.line(&format!("DESCRIPTION:{}", escape(&event.description)));
        }
        self.line(&format!("URL:{}", event.url));
        if !event.categories.is_empty() {
            self.line(&format!("CATEGORIES:{}", escape(event.categories)));
        }
        self.line("END:VEVENT");
    }

    pub fn finish(mut self) -> String {
        self.line("END:VCALENDAR");
        self.out
    }

    fn line(&mut self, line: &str) {
        fold_into(&mut self.out, line);
    }
}

fn time_property(name: &str, time: IcsTime, exclusive_end: bool) -> String {
    match time {
        IcsTime::Date(day) => {
            let day = if exclusive_end {
                day.tomorrow().unwrap_or(day)
            } else {
                day
            };
            format!("{name};VALUE=DATE:{}", day.strftime("%Y%m%d"))
        }
        IcsTime::Instant(instant) => format!("{name}:{}", utc(instant)),
    }
}

fn utc(instant: Timestamp) -> String {
    instant.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// Escapes a TEXT value (RFC 5545, 3.3.11).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` with CRLF, folded so no line is longer than 75 octets.
/// A line break or control character inside `line` is dropped: it would let a
/// value start a property or a component of its own.
fn fold_into(out: &mut String, line: &str) {
    let mut budget = 75;
    let mut used = 0;
    for c in crate::linesafe::line_value(line).chars() {
        let width = c.len_utf8();
        if used + width > budget {
            out.push_str("\r\n ");
            budget = 74;
            used = 0;
        }
        out.push(c);
        used += width;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_long_lines_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        fold_into(&mut out, &format!("SUMMARY:{}", "é".repeat(80)));
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "é".repeat(80)));
    }

    #[test]
    fn a_line_break_inside_a_line_never_starts_a_new_one() {
        let mut out = String::new();
        fold_into(&mut out, "URL:https://x.nl\r\nBEGIN:VEVENT\u{1b}");
        assert_eq!(out, "URL:https://x.nlBEGIN:VEVENT\r\n");
    }

    #[test]
    fn escapes_text_values() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn all_day_entries_end_the_day_after() {
        let mut calendar = Calendar::new("x", Timestamp::UNIX_EPOCH);
        calendar.event(&IcsEvent {
            uid: "u".into(),
            summary: "Werk",
            description: String::new(),
            location: None,
            url: "https://x/".into(),
            start: IcsTime::Date(jiff::civil::date(2027, 3, 1)),
            end: Some(IcsTime::Date(jiff::civil::date(2027, 3, 31))),
            categories: "",
        });
        let text = calendar.finish();
        assert!(text.contains("DTSTART;VALUE=DATE:20270301\r\n"));
        assert!(text.contains("DTEND;VALUE=DATE:20270401\r\n"));
        assert!(text.contains("DTSTAMP:19700101T000000Z\r\n"));
    }
}
