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
        calendar.text("X-WR-CALNAME:", name);
        calendar
    }

    pub fn event(&mut self, event: &IcsEvent) {
        self.line("BEGIN:VEVENT");
        self.property("UID:", &event.uid);
        let stamp = std::mem::take(&mut self.stamp);
        self.property("DTSTAMP:", &stamp);
        self.stamp = stamp;
        self.time("DTSTART", event.start, false);
        if let Some(end) = event.end {
            self.time("DTEND", end, true);
        } else if let IcsTime::Date(day) = event.start {
            self.time("DTEND", IcsTime::Date(day), true);
        }
        self.text("SUMMARY:", event.summary);
        if let Some(location) = event.location {
            self.text("LOCATION:", location);
        }
        if !event.description.is_empty() {
            self.text("DESCRIPTION:", &event.description);
        }
        self.property("URL:", &event.url);
        if !event.categories.is_empty() {
            self.text("CATEGORIES:", event.categories);
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

    /// `name` (with its colon) and `value` as they are, as one line.
    fn property(&mut self, name: &str, value: &str) {
        let mut line = String::with_capacity(name.len() + value.len());
        line.push_str(name);
        line.push_str(value);
        self.line(&line);
    }

    /// `name` (with its colon) and the TEXT `value`, escaped, as one line.
    fn text(&mut self, name: &str, value: &str) {
        let mut line = String::with_capacity(name.len() + value.len() + 8);
        line.push_str(name);
        escape_into(&mut line, value);
        self.line(&line);
    }

    fn time(&mut self, name: &str, time: IcsTime, exclusive_end: bool) {
        let line = time_property(name, time, exclusive_end);
        self.line(&line);
    }
}

fn time_property(name: &str, time: IcsTime, exclusive_end: bool) -> String {
    let mut line = String::with_capacity(name.len() + 20);
    line.push_str(name);
    match time {
        IcsTime::Date(day) => {
            let day = if exclusive_end {
                day.tomorrow().unwrap_or(day)
            } else {
                day
            };
            line.push_str(";VALUE=DATE:");
            push_date(&mut line, day);
        }
        IcsTime::Instant(instant) => {
            line.push(':');
            push_utc(&mut line, instant);
        }
    }
    line
}

fn utc(instant: Timestamp) -> String {
    let mut out = String::with_capacity(16);
    push_utc(&mut out, instant);
    out
}

/// `20270301T183000Z`: the instant in UTC, as `%Y%m%dT%H%M%SZ`.
fn push_utc(out: &mut String, instant: Timestamp) {
    let time = jiff::tz::Offset::UTC.to_datetime(instant);
    push_date(out, time.date());
    out.push('T');
    for part in [time.hour(), time.minute(), time.second()] {
        push_number(out, i32::from(part), 2);
    }
    out.push('Z');
}

/// `20270301`: the day as `%Y%m%d`.
fn push_date(out: &mut String, day: Date) {
    push_number(out, i32::from(day.year()), 4);
    push_number(out, i32::from(day.month()), 2);
    push_number(out, i32::from(day.day()), 2);
}

/// `n` in decimal digits, with leading zeros up to `width` (as strftime's
/// `%Y`, `%m`, `%d`, `%H`, `%M`, `%S` write it; a year before 0 keeps its sign).
fn push_number(out: &mut String, n: i32, width: usize) {
    if n < 0 {
        out.push('-');
    }
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(n.unsigned_abs());
    for _ in digits.len()..width {
        out.push('0');
    }
    out.push_str(digits);
}

/// Escapes a TEXT value (RFC 5545, 3.3.11).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// Appends [`escape`]`(text)` to `out`: runs of ordinary characters are
/// copied as they are, found sixteen bytes at a time.
fn escape_into(out: &mut String, text: &str) {
    // Every character escaped or dropped starts with one of these bytes (a
    // C1 control character with 0xc2); each is ASCII or starts a character.
    let may_escape = |b: u8| matches!(b, b'\\' | b';' | b',' | 0x7f | 0xc2) || b < 0x20;
    let bytes = text.as_bytes();
    let (mut run, mut at) = (0, 0);
    while let Some(found) = crate::bytescan::first(&bytes[at..], may_escape) {
        at += found;
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        let escaped = match c {
            '\\' => "\\\\",
            ';' => "\\;",
            ',' => "\\,",
            '\n' => "\\n",
            c if c.is_control() => "",
            _ => {
                at += c.len_utf8();
                continue;
            }
        };
        out.push_str(&text[run..at]);
        out.push_str(escaped);
        at += c.len_utf8();
        run = at;
    }
    out.push_str(&text[run..]);
}

/// Appends `line` with CRLF, folded so no line is longer than 75 octets.
/// A line break or control character inside `line` is dropped: it would let a
/// value start a property or a component of its own.
fn fold_into(out: &mut String, line: &str) {
    // Printable ASCII, the common case, has nothing to drop.
    let line = if line.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        std::borrow::Cow::Borrowed(line)
    } else {
        crate::linesafe::line_value(line)
    };
    let mut rest: &str = &line;
    let mut budget = 75;
    while rest.len() > budget {
        // The last character that fits ends the line: a character is never split.
        let mut cut = budget;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        budget = 74;
    }
    out.push_str(rest);
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
    fn times_are_written_as_strftime_writes_them() {
        let mut day = jiff::civil::date(1, 1, 1);
        while day.year() < 9999 {
            let mut out = String::new();
            push_date(&mut out, day);
            assert_eq!(out, day.strftime("%Y%m%d").to_string());
            day = day.checked_add(jiff::Span::new().days(97)).unwrap();
        }
        for seconds in (-2_000_000_000i64..4_000_000_000).step_by(7_777_777) {
            let instant = Timestamp::from_second(seconds).unwrap();
            assert_eq!(
                utc(instant),
                instant.strftime("%Y%m%dT%H%M%SZ").to_string(),
                "{instant}"
            );
        }
    }

    #[test]
    fn folds_ascii_and_other_text_alike() {
        for line in [
            "x".repeat(74),
            "x".repeat(75),
            "x".repeat(76),
            "y".repeat(75 + 74),
            "z".repeat(75 + 74 + 1),
            format!("{}é{}", "a".repeat(73), "b".repeat(200)),
        ] {
            let mut fast = String::new();
            fold_into(&mut fast, &line);
            // The same line with a character the fast path does not take
            // (dropped when written) goes the careful way.
            let mut careful = String::new();
            fold_into(&mut careful, &format!("{line}\u{1}"));
            assert_eq!(fast, careful, "{} octets", line.len());
            for part in fast.split("\r\n").filter(|l| !l.is_empty()) {
                assert!(part.len() <= 75);
            }
        }
    }

    #[test]
    fn folds_where_adding_character_by_character_would() {
        let by_characters = |line: &str| {
            let mut out = String::new();
            let (mut budget, mut used) = (75, 0);
            for c in crate::linesafe::line_value(line).chars() {
                if used + c.len_utf8() > budget {
                    out.push_str("\r\n ");
                    (budget, used) = (74, 0);
                }
                out.push(c);
                used += c.len_utf8();
            }
            out + "\r\n"
        };
        for wide in ["é", "€", "🙂", "\u{85}", "\n"] {
            for before in 0..160 {
                let line = format!("{}{wide}{}", "a".repeat(before), "ü".repeat(before % 90));
                let mut out = String::new();
                fold_into(&mut out, &line);
                assert_eq!(out, by_characters(&line), "{line:?}");
            }
        }
    }

    #[test]
    fn escapes_as_going_character_by_character_would() {
        let by_characters = |text: &str| {
            let mut out = String::new();
            for c in text.chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    ';' => out.push_str("\\;"),
                    ',' => out.push_str("\\,"),
                    '\n' => out.push_str("\\n"),
                    c if c.is_control() => {}
                    c => out.push(c),
                }
            }
            out
        };
        let every: String = (0..0x800u32).filter_map(char::from_u32).collect();
        for at in 0..40 {
            let text = format!("{}{every}{}", "a".repeat(at), "é,".repeat(at));
            assert_eq!(escape(&text), by_characters(&text));
        }
    }

    #[test]
    fn escapes_text_values() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(escape("é\u{1}ü\r,\u{85}ß"), "éü\\,ß");
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
