//! Small readers for what a build wrote: HTML attributes and the text of
//! `<main>`, character references, and unfolded iCalendar lines and events.

#![allow(dead_code)]

/// Decodes the character references minijinja and pulldown-cmark write.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';').filter(|end| *end < 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            "middot" => Some('·'),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The values of every `name="..."` attribute in an HTML text, decoded.
pub fn attributes(html: &str, name: &str) -> Vec<String> {
    let needle = format!("{name}=\"");
    let mut values = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&needle) {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + needle.len()..];
        let end = rest.find('"').unwrap_or(rest.len());
        if before.is_some_and(char::is_whitespace) {
            values.push(unescape(&rest[..end]));
        }
        rest = &rest[end..];
    }
    values
}

/// The `<main>` region of a page, tags included.
pub fn main_region(html: &str) -> &str {
    let start = html.find("<main").expect("a <main> element");
    let end = html.rfind("</main>").expect("a </main> tag") + "</main>".len();
    &html[start..end]
}

/// What a reader sees in the `<main>` region: its text, one block per line,
/// with link targets in brackets so snapshots also guard the links.
pub fn main_text(html: &str) -> String {
    let region = main_region(html);
    let mut text = String::new();
    let mut rest = region;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
        let tag = &rest[open..close];
        let name: String = tag
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if tag.starts_with("<a ")
            && let Some(href) = attributes(tag, "href").first()
        {
            text.push_str(&format!("[{href}] "));
        }
        if tag.starts_with("<time ")
            && let Some(datetime) = attributes(tag, "datetime").first()
        {
            text.push_str(&format!("{{{datetime}}} "));
        }
        let block = [
            "p",
            "div",
            "li",
            "ul",
            "ol",
            "dl",
            "dt",
            "dd",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "section",
            "article",
            "aside",
            "table",
            "tr",
            "main",
            "nav",
            "br",
            "blockquote",
        ];
        if block.contains(&name.as_str()) {
            text.push('\n');
        } else if name == "td" || name == "th" {
            text.push_str(" | ");
        }
        rest = &rest[close..];
    }
    text.push_str(rest);
    unescape(&text)
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The unfolded content lines of an iCalendar text (RFC 5545, 3.1).
pub fn ics_lines(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The `VEVENT`s of an iCalendar text, each as its unfolded lines.
pub fn ics_events(ics: &str) -> Vec<Vec<String>> {
    let mut events = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for line in ics_lines(ics) {
        match line.as_str() {
            "BEGIN:VEVENT" => current = Some(Vec::new()),
            "END:VEVENT" => events.extend(current.take()),
            _ => {
                if let Some(event) = &mut current {
                    event.push(line);
                }
            }
        }
    }
    events
}

/// The value of property `name` (`DTSTART`, `DTEND;VALUE=DATE`, ...) of an event.
pub fn ics_value<'e>(event: &'e [String], name: &str) -> Option<&'e str> {
    event
        .iter()
        .find_map(|l| l.strip_prefix(name).and_then(|rest| rest.strip_prefix(':')))
}

/// The event in `ics` whose SUMMARY starts with `title`.
pub fn ics_event(ics: &str, title: &str) -> Vec<String> {
    ics_events(ics)
        .into_iter()
        .find(|e| ics_value(e, "SUMMARY").is_some_and(|s| s.starts_with(title)))
        .unwrap_or_else(|| panic!("no event `{title}` in:\n{ics}"))
}
