//! Values that reach line-based formats (iCalendar, `robots.txt`,
//! `_headers`, `_redirects`, `security.txt`) and the terminal. In those
//! formats a line break starts a new record: a CR or LF inside a value lets
//! whoever wrote the value add lines of their own (a second `VEVENT`, an
//! extra `Disallow`, a header). Other control characters (ESC, U+0001) are
//! never meant either, and on a terminal ESC starts an escape sequence.
//!
//! - [`check_line`]: validate a value before use (the first bad character).
//! - [`line_value`]: defence in depth when writing: drops every such character.
//! - [`visible`]: text for the terminal, control characters shown as `\u{1b}`.
//! - [`is_stray_control`]: the characters that are an error in any text
//!   an editor writes (control characters other than tab and line breaks).

use std::borrow::Cow;

/// A character that must never be part of one line of a line-based format:
/// every control character (CR, LF, TAB, ESC, DEL, C1) and the Unicode line
/// and paragraph separators.
pub fn breaks_line(c: char) -> bool {
    c.is_control() || c == '\u{2028}' || c == '\u{2029}'
}

/// A control character that has no place in text an editor writes: every
/// one except tab, line feed and carriage return.
pub fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// `Ok` when `value` can be written as (part of) one line; else the first
/// character that would break it.
pub fn check_line(value: &str) -> Result<(), char> {
    match value.chars().find(|&c| breaks_line(c)) {
        Some(c) => Err(c),
        None => Ok(()),
    }
}

/// `value` without any character that would break the line (borrowed when
/// there is none, which is the common case).
pub fn line_value(value: &str) -> Cow<'_, str> {
    if check_line(value).is_ok() {
        Cow::Borrowed(value)
    } else {
        Cow::Owned(value.chars().filter(|&c| !breaks_line(c)).collect())
    }
}

/// At most `max` characters of `text`, with `…` where it was cut: a
/// fragment of content quoted in a message stays readable.
pub fn excerpt(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((at, _)) => Cow::Owned(format!("{}…", &text[..at])),
    }
}

/// `message` with every fragment between double quotes cut to `max`
/// characters ([`excerpt`]).
pub fn cut_quotes(message: &str, max: usize) -> Cow<'_, str> {
    let parts: Vec<&str> = message.split('"').collect();
    if parts.len() < 3
        || parts
            .iter()
            .skip(1)
            .step_by(2)
            .all(|p| p.chars().nth(max).is_none())
    {
        return Cow::Borrowed(message);
    }
    let mut out = String::with_capacity(message.len().min(4 * max * parts.len()));
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push('"');
        }
        // Odd parts are inside quotes (when the closing quote exists).
        if i % 2 == 1 && i + 1 < parts.len() {
            out.push_str(&excerpt(part, max));
        } else {
            out.push_str(part);
        }
    }
    Cow::Owned(out)
}

/// How a character is named in a message: `U+001B`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// One line of text for a terminal: control characters (line breaks too;
/// not tab) written out as `\u{1b}`, so content cannot move the cursor,
/// clear the screen, change the terminal's title or fake a line of its own.
pub fn visible(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\t';
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_and_control_characters_break_a_line() {
        assert_eq!(check_line("https://wijken.voorbeeld.nl/a"), Ok(()));
        assert_eq!(check_line("https://x.nl\r\nBEGIN:VEVENT"), Err('\r'));
        assert_eq!(check_line("a\u{1b}[2J"), Err('\u{1b}'));
        assert_eq!(check_line("a\u{2028}b"), Err('\u{2028}'));
        assert_eq!(check_line("a\u{85}b"), Err('\u{85}'));
        assert_eq!(check_line("é ü 's-Gravenweg"), Ok(()));
    }

    #[test]
    fn line_value_drops_only_what_breaks_the_line() {
        assert!(matches!(line_value("gewoon"), Cow::Borrowed("gewoon")));
        assert_eq!(line_value("a\r\nDisallow: /\tb"), "aDisallow: /b");
    }

    #[test]
    fn stray_controls_leave_tab_and_line_breaks_alone() {
        assert!(is_stray_control('\u{1}'));
        assert!(is_stray_control('\u{1b}'));
        assert!(is_stray_control('\u{7f}'));
        assert!(is_stray_control('\u{9b}'));
        assert!(!is_stray_control('\n'));
        assert!(!is_stray_control('\t'));
        assert!(!is_stray_control('é'));
    }

    #[test]
    fn quoted_fragments_are_cut_to_a_readable_length() {
        let word = "a".repeat(3_000_000);
        let message = format!("deze zin heeft 30 woorden: \"{word} ...\" en \"kort\"");
        let cut = cut_quotes(&message, 80);
        assert!(cut.len() < 300, "{}", cut.len());
        assert!(cut.contains(&format!("\"{}…\"", "a".repeat(80))));
        assert!(cut.ends_with("en \"kort\""));
        assert!(matches!(
            cut_quotes("\"kort\" en \"ook\"", 80),
            Cow::Borrowed(_)
        ));
        assert_eq!(excerpt("één twee", 3), "één…");
    }

    #[test]
    fn visible_writes_out_escape_sequences() {
        assert_eq!(visible("titel\u{1b}[2J\u{1b}c"), "titel\\u{1b}[2J\\u{1b}c");
        assert_eq!(visible("a\r\nb"), "a\\u{d}\\u{a}b");
        assert!(matches!(visible("gewoon\t"), Cow::Borrowed(_)));
        assert_eq!(code_point('\u{1b}'), "U+001B");
    }
}
