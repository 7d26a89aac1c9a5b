//! The `<a>` and `<img>` tags in an editor's raw HTML: where each starts
//! and ends and what its attributes say. `links::refs` reads them to check
//! the addresses; `markdown` replaces the `<img>` of an attachment by its
//! `<picture>`. One reading, so both see the same tags.

/// One `<a>` or `<img>` start tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTag {
    /// Byte offsets of the `<` and just after the `>` (or the end of the text).
    pub start: usize,
    pub end: usize,
    /// `true` for `<img>`, `false` for `<a>`.
    pub image: bool,
    /// Names in lower case, values with the common character references decoded.
    pub attributes: Vec<(String, String)>,
}

impl RawTag {
    /// The value of attribute `name` (lower case).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The address: `src` of an image, `href` of a link.
    pub fn address(&self) -> Option<&str> {
        self.get(if self.image { "src" } else { "href" })
    }
}

/// Every `<a>` and `<img>` start tag in `html`, in order. A quoted value
/// may hold `>`; a tag without its `>` runs to the end of the text.
pub fn raw_tags(html: &str) -> Vec<RawTag> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = html[from..].find('<') {
        let start = from + at;
        let rest = &html[start + 1..];
        let name_end = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let image = match rest[..name_end].to_ascii_lowercase().as_str() {
            "img" => true,
            "a" => false,
            _ => {
                from = start + 1;
                continue;
            }
        };
        let after_name = start + 1 + name_end;
        let (attributes, end) = attributes(html, after_name);
        found.push(RawTag {
            start,
            end,
            image,
            attributes,
        });
        from = end.max(start + 1);
    }
    found
}

/// The attributes from `from` to the tag's `>`, and the offset after it.
fn attributes(html: &str, from: usize) -> (Vec<(String, String)>, usize) {
    let mut found = Vec::new();
    let mut at = from;
    loop {
        let rest = &html[at..];
        let skipped = rest.len()
            - rest
                .trim_start_matches(|c: char| c.is_whitespace() || c == '/')
                .len();
        at += skipped;
        let rest = &html[at..];
        if rest.is_empty() {
            return (found, at);
        }
        if rest.starts_with('>') {
            return (found, at + 1);
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/' || c == '>')
            .unwrap_or(rest.len());
        if name_end == 0 {
            // A stray `=`: skip it.
            at += 1;
            continue;
        }
        let name = rest[..name_end].to_ascii_lowercase();
        at += name_end;
        let spaces = html[at..].len() - html[at..].trim_start().len();
        let Some(after) = html[at + spaces..].strip_prefix('=') else {
            found.push((name, String::new()));
            continue;
        };
        at = at + spaces + 1;
        at += after.len() - after.trim_start().len();
        let rest = &html[at..];
        let (value, next) = match rest.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let body = &rest[1..];
                let end = body.find(quote).unwrap_or(body.len());
                (&body[..end], at + 1 + (end + 1).min(body.len()))
            }
            _ => {
                let end = rest
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .unwrap_or(rest.len());
                (&rest[..end], at + end)
            }
        };
        found.push((name, decode(value)));
        at = next;
    }
}

fn decode(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_attributes_in_any_quoting_and_where_the_tag_ends() {
        let html = "<p>Zie <IMG alt=\"Kaart &amp; plan > schets\" SRC=kaart.png /> en <a href='brief.pdf'>brief</a></p>";
        let tags = raw_tags(html);
        assert_eq!(tags.len(), 2);
        assert!(tags[0].image);
        assert_eq!(tags[0].address(), Some("kaart.png"));
        assert_eq!(tags[0].get("alt"), Some("Kaart & plan > schets"));
        assert_eq!(
            &html[tags[0].start..tags[0].end],
            "<IMG alt=\"Kaart &amp; plan > schets\" SRC=kaart.png />"
        );
        assert_eq!(tags[1].address(), Some("brief.pdf"));
        assert_eq!(&html[tags[1].start..tags[1].end], "<a href='brief.pdf'>");
    }

    #[test]
    fn a_tag_over_several_lines_and_an_unfinished_tag_are_read() {
        let tags =
            raw_tags("<img src=\"foto.jpg\"\n     alt=\"Het buurthuis\">\n<img src=x.png alt");
        assert_eq!(tags[0].get("alt"), Some("Het buurthuis"));
        assert_eq!(tags[1].address(), Some("x.png"));
        assert_eq!(tags[1].get("alt"), Some(""));
        assert!(raw_tags("<abbr title=x>a</abbr> <article>").is_empty());
    }
}
