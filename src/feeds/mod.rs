//! Machine-readable outputs: iCalendar, Atom, the sitemap and `wijk.json`.

pub mod atom;
pub mod ics;
pub mod json;
pub mod sitemap;

/// Escapes text for XML content and attribute values, leaving out the
/// control characters XML does not allow.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    xml_escape_into(&mut out, text);
    out
}

/// Appends [`xml_escape`]`(text)` to `out`. Every byte it changes is ASCII,
/// so the text between two of them is copied a run at a time, found sixteen
/// bytes at a time: a feed escapes whole HTML pages this way.
pub fn xml_escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(text.len());
    let mut start = 0;
    while let Some(found) = crate::bytescan::first(&bytes[start..], changed_in_xml) {
        let at = start + found;
        out.push_str(&text[start..at]);
        out.push_str(match bytes[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&apos;",
            // A control character XML does not allow.
            _ => "",
        });
        start = at + 1;
    }
    out.push_str(&text[start..]);
}

/// Whether [`xml_escape`] changes the byte `b`: markup, or a control
/// character other than tab, line feed and carriage return.
fn changed_in_xml(b: u8) -> bool {
    matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'')
        || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
}

#[cfg(test)]
mod tests {
    use super::{xml_escape, xml_escape_into};

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

    /// Texts of every length up to three blocks, of markup, control
    /// characters, ASCII and characters of two to four bytes, in an order
    /// that moves each kind across the edges of the sixteen-byte blocks.
    fn mixed_texts() -> impl Iterator<Item = String> {
        let pieces = [
            "<", "a", "é", "&", "\u{1}", " ", "€", "\"", "\t", "'", "𝄞", ">", "\r",
        ];
        (0..48).flat_map(move |len| {
            (0..pieces.len()).map(move |seed| {
                (0..len)
                    .map(|i| pieces[(i * i + seed * 7 + i / 3) % pieces.len()])
                    .collect()
            })
        })
    }

    #[test]
    fn escaping_into_a_text_appends_what_the_rule_says() {
        for text in mixed_texts() {
            let mut out = String::from("<al> ");
            xml_escape_into(&mut out, &text);
            let by_rule: String = by_rule_of_each(&text).collect();
            assert_eq!(out, format!("<al> {by_rule}"), "{text:?}");
        }
    }
}
