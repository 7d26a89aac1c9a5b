//! Machine-readable outputs: iCalendar, Atom, the sitemap and `wijk.json`.

pub mod atom;
pub mod ics;
pub mod json;
pub mod sitemap;

/// Escapes text for XML content and attribute values, leaving out the
/// control characters XML does not allow. Every character it changes is
/// ASCII, so the text between them is copied a run at a time.
pub fn xml_escape(text: &str) -> String {
    let changed = |b: u8| {
        matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'')
            || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
    };
    if !crate::bytescan::any(text.as_bytes(), changed) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut start = 0;
    for (at, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&apos;",
            b'\t' | b'\n' | b'\r' => continue,
            b if b < 0x20 => "",
            _ => continue,
        };
        out.push_str(&text[start..at]);
        out.push_str(entity);
        start = at + 1;
    }
    out.push_str(&text[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::xml_escape;

    /// What the rule says each character of `text` becomes.
    fn by_rule_of_each(text: &str) -> impl Iterator<Item = String> + '_ {
        text.chars().map(|c| match c {
            '&' | '<' | '>' | '"' | '\'' => {
                let name = ["amp", "lt", "gt", "quot", "apos"]["&<>\"'".find(c).unwrap()];
                format!("&{name};")
            }
            '\t' | '\n' | '\r' => c.to_string(),
            c if c < ' ' => String::new(),
            c => c.to_string(),
        })
    }

    #[test]
    fn escapes_markup_and_leaves_out_control_characters_in_any_text() {
        let every: String = (0..0x3_0000u32).filter_map(char::from_u32).collect();
        let by_rule: String = by_rule_of_each(&every).collect();
        assert!(xml_escape(&every) == by_rule);
        // Each character alone in a text, which otherwise needs nothing.
        for (c, escaped) in every.chars().zip(by_rule_of_each(&every)) {
            let text = format!("Straat {c} één");
            assert_eq!(xml_escape(&text), format!("Straat {escaped} één"), "{c:?}");
        }
        assert_eq!(
            xml_escape("Één & <twee>\u{1}'drie'\t\"vier\""),
            "Één &amp; &lt;twee&gt;&apos;drie&apos;\t&quot;vier&quot;"
        );
    }
}
