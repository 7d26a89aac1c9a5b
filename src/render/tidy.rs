//! The last step of rendering a body: makes the sanitized HTML valid, not
//! only harmless. Its input is HTML written by a serializer (pulldown-cmark's
//! or ammonia's): every attribute value quoted, text escaped. It
//!
//! - unwraps an `<a>` without a safe `href` into its text,
//! - removes an `<img>` without a safe, non-empty `src` or without `alt`,
//! - keeps an `id` only when the body generated it (a footnote) and only
//!   its first use, so no id of the body clashes with another,
//! - drops end tags that close nothing, and closes what is left open,
//! - drops characters that are a parse error in HTML (control characters
//!   other than whitespace, noncharacters).
//!
//! It runs in one linear pass.

use std::collections::HashSet;

/// Elements without an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// A character that the HTML parser reports as an error in the input stream.
pub fn is_parse_error_char(c: char) -> bool {
    let n = u32::from(c);
    (c.is_control() && !matches!(c, '\t' | '\n' | '\u{c}' | '\r'))
        || (0xFDD0..=0xFDEF).contains(&n)
        || (n & 0xFFFE) == 0xFFFE
}

/// Valid HTML from serialized, sanitized body HTML. `ids` are the ids the
/// body generated itself (its footnotes); `safe_url` says whether an
/// address may stay in `href` or `src`.
pub fn tidy(html: &str, ids: &HashSet<String>, safe_url: impl Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(html.len());
    let mut open: Vec<(&str, bool)> = Vec::new();
    let mut seen_ids: HashSet<&str> = HashSet::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        push_text(&mut out, &rest[..at]);
        rest = &rest[at..];
        let Some((tag, after)) = Tag::parse(rest) else {
            // A `<` that starts no tag (the serializers escape it; be safe).
            out.push_str("&lt;");
            rest = &rest[1..];
            continue;
        };
        rest = after;
        match tag {
            Tag::End(name) => close(&mut out, &mut open, name),
            Tag::Other(raw) => out.push_str(raw),
            Tag::Start {
                name,
                attributes,
                self_closing,
            } => {
                let keep = match name {
                    "a" => attribute(&attributes, "href").is_some_and(&safe_url),
                    "img" => {
                        attribute(&attributes, "src")
                            .is_some_and(|src| !src.trim().is_empty() && safe_url(src))
                            && attribute(&attributes, "alt").is_some()
                    }
                    _ => true,
                };
                if keep {
                    write_start(&mut out, name, &attributes, ids, &mut seen_ids);
                    out.push_str(if self_closing { " />" } else { ">" });
                }
                if !VOID.contains(&name) {
                    open.push((name, keep));
                }
            }
        }
    }
    push_text(&mut out, rest);
    while let Some((name, kept)) = open.pop() {
        if kept {
            out.push_str(&format!("</{name}>"));
        }
    }
    out
}

/// Closes `name` and whatever is open inside it; an end tag that closes
/// nothing is dropped.
fn close(out: &mut String, open: &mut Vec<(&str, bool)>, name: &str) {
    let Some(at) = open.iter().rposition(|(open_name, _)| *open_name == name) else {
        return;
    };
    for (open_name, kept) in open.drain(at..).rev() {
        if kept {
            out.push_str("</");
            out.push_str(open_name);
            out.push('>');
        }
    }
}

fn push_text(out: &mut String, text: &str) {
    if text.chars().any(is_parse_error_char) {
        out.extend(text.chars().filter(|&c| !is_parse_error_char(c)));
    } else {
        out.push_str(text);
    }
}

fn write_start<'h>(
    out: &mut String,
    name: &str,
    attributes: &[(&'h str, Option<&'h str>)],
    ids: &HashSet<String>,
    seen_ids: &mut HashSet<&'h str>,
) {
    out.push('<');
    out.push_str(name);
    for &(key, value) in attributes {
        if key == "id" {
            let value = value.unwrap_or("");
            if !ids.contains(value) || !seen_ids.insert(value) {
                continue;
            }
        }
        out.push(' ');
        out.push_str(key);
        if let Some(value) = value {
            out.push_str("=\"");
            push_text(out, &value.replace('"', "&quot;"));
            out.push('"');
        }
    }
}

/// The raw value of attribute `key` (entities left as written).
fn attribute<'h>(attributes: &[(&'h str, Option<&'h str>)], key: &str) -> Option<&'h str> {
    attributes
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.unwrap_or(""))
}

/// One tag of serialized HTML.
enum Tag<'h> {
    Start {
        name: &'h str,
        attributes: Vec<(&'h str, Option<&'h str>)>,
        /// Written as `<br />`.
        self_closing: bool,
    },
    End(&'h str),
    /// A comment or doctype, passed on as written.
    Other(&'h str),
}

impl<'h> Tag<'h> {
    /// The tag at the start of `text` (which starts with `<`) and the text after it.
    fn parse(text: &'h str) -> Option<(Tag<'h>, &'h str)> {
        let body = &text[1..];
        if let Some(comment) = body.strip_prefix("!--") {
            let end = "<!--".len() + comment.find("-->")? + "-->".len();
            return Some((Tag::Other(&text[..end]), &text[end..]));
        }
        if let Some(end_tag) = body.strip_prefix('/') {
            let len = name_len(end_tag);
            let close = end_tag.find('>')?;
            if len == 0 {
                return None;
            }
            return Some((Tag::End(&end_tag[..len]), &end_tag[close + 1..]));
        }
        let len = name_len(body);
        if len == 0 {
            return None;
        }
        let name = &body[..len];
        let mut rest = &body[len..];
        let mut attributes = Vec::new();
        loop {
            rest = rest.trim_start_matches([' ', '\t', '\n', '\r', '\u{c}']);
            if let Some(after) = rest.strip_prefix("/>") {
                let self_closing = true;
                return Some((
                    Tag::Start {
                        name,
                        attributes,
                        self_closing,
                    },
                    after,
                ));
            }
            if let Some(after) = rest.strip_prefix('>') {
                let self_closing = false;
                return Some((
                    Tag::Start {
                        name,
                        attributes,
                        self_closing,
                    },
                    after,
                ));
            }
            let key_len = rest
                .find(|c: char| c.is_whitespace() || matches!(c, '=' | '>' | '/'))
                .unwrap_or(rest.len());
            if key_len == 0 {
                return None;
            }
            let key = &rest[..key_len];
            rest = &rest[key_len..];
            match rest.strip_prefix('=') {
                Some(value) => {
                    let (value, after) = match value.strip_prefix('"') {
                        Some(quoted) => {
                            let close = quoted.find('"')?;
                            (&quoted[..close], &quoted[close + 1..])
                        }
                        None => {
                            let end = value
                                .find(|c: char| c.is_whitespace() || c == '>')
                                .unwrap_or(value.len());
                            (&value[..end], &value[end..])
                        }
                    };
                    attributes.push((key, Some(value)));
                    rest = after;
                }
                None => attributes.push((key, None)),
            }
        }
    }
}

fn name_len(text: &str) -> usize {
    text.find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(html: &str) -> String {
        let ids: HashSet<String> = ["fn-1".to_string()].into();
        tidy(html, &ids, |url| !url.starts_with("javascript:"))
    }

    #[test]
    fn a_link_without_a_safe_href_becomes_its_text() {
        assert_eq!(
            run("<p><a rel=\"noopener\">klik</a> hier</p>"),
            "<p>klik hier</p>"
        );
        assert_eq!(run("<a href=\"javascript:x\"><b>b</b></a>"), "<b>b</b>");
        assert_eq!(run("<a href=\"/x/\">x</a>"), "<a href=\"/x/\">x</a>");
    }

    #[test]
    fn an_image_without_safe_src_or_alt_is_removed() {
        assert_eq!(run("<p><img src=\"x.png\">a</p>"), "<p>a</p>");
        assert_eq!(run("<img alt=\"a\">"), "");
        assert_eq!(run("<img src=\"\" alt=\"a\">"), "");
        assert_eq!(run("<img src=\"javascript:x\" alt=\"a\">"), "");
        assert_eq!(
            run("<img src=\"x.png\" alt=\"Kaart\" />"),
            "<img src=\"x.png\" alt=\"Kaart\" />"
        );
    }

    #[test]
    fn keeps_only_generated_ids_once() {
        assert_eq!(
            run("<p id=\"fn-1\">a</p><div id=\"fn-1\">b</div><h2 id=\"main\">c</h2>"),
            "<p id=\"fn-1\">a</p><div>b</div><h2>c</h2>"
        );
    }

    #[test]
    fn drops_stray_end_tags_and_closes_what_is_open() {
        assert_eq!(run("<p>a</a></p></div>"), "<p>a</p>");
        assert_eq!(
            run("<ul><li><em>a</li></ul>"),
            "<ul><li><em>a</em></li></ul>"
        );
        assert_eq!(run("<blockquote><p>a"), "<blockquote><p>a</p></blockquote>");
    }

    #[test]
    fn drops_characters_that_are_parse_errors() {
        assert_eq!(
            run("<p title=\"a\u{1}\">b\u{1b}c\u{7f}\u{fdd0}d\u{ffff}</p>"),
            "<p title=\"a\">bcd</p>"
        );
        assert_eq!(run("a\tb\nc"), "a\tb\nc");
    }

    #[test]
    fn keeps_entities_and_attribute_text_as_written() {
        let html = "<p title=\"a &amp; &quot;b&quot; > c\">x &lt; y &amp; z</p><!-- c -->";
        assert_eq!(run(html), html);
    }
}
