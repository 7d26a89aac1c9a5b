//! The Atom feed of a wijk's news and decisions (RFC 4287).

use super::xml_escape_into;

/// One entry of the feed.
#[derive(Debug, Clone)]
pub struct AtomEntry<'a> {
    pub id: String,
    pub title: &'a str,
    pub url: String,
    /// RFC 3339 date-time.
    pub updated: String,
    pub author: &'a str,
    pub summary: &'a str,
    /// HTML written before `content_html` in the entry's content (the list
    /// of updates), or empty.
    pub updates_html: &'a str,
    pub content_html: &'a str,
    pub category: &'a str,
}

/// The feed's own data.
#[derive(Debug, Clone)]
pub struct AtomFeed<'a> {
    pub title: String,
    pub subtitle: &'a str,
    pub self_url: String,
    pub page_url: String,
    pub updated: String,
    pub lang: &'a str,
}

/// The feed as text. Each value is escaped straight into the feed: the
/// content of an entry is a whole page of HTML.
pub fn feed(feed: &AtomFeed, entries: &[AtomEntry]) -> String {
    let size: usize = entries
        .iter()
        .map(|e| {
            400 + e.title.len() + e.summary.len() + e.updates_html.len() + e.content_html.len()
        })
        .sum();
    let mut out = String::with_capacity(1024 + size + size / 8);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
    out.push_str(feed.lang);
    out.push_str("\">\n");
    element(&mut out, "  <title>", &feed.title, "</title>\n");
    element(&mut out, "  <subtitle>", feed.subtitle, "</subtitle>\n");
    element(&mut out, "  <id>", &feed.self_url, "</id>\n");
    element(
        &mut out,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"",
        &feed.self_url,
        "\"/>\n",
    );
    element(
        &mut out,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"",
        &feed.page_url,
        "\"/>\n",
    );
    out.push_str("  <updated>");
    out.push_str(&feed.updated);
    out.push_str("</updated>\n");
    out.push_str("  <generator>wijkverhaal</generator>\n");
    for entry in entries {
        push_entry(&mut out, entry);
    }
    out.push_str("</feed>\n");
    out
}

fn push_entry(out: &mut String, entry: &AtomEntry) {
    out.push_str("  <entry>\n");
    element(out, "    <id>", &entry.id, "</id>\n");
    element(out, "    <title>", entry.title, "</title>\n");
    element(
        out,
        "    <link rel=\"alternate\" type=\"text/html\" href=\"",
        &entry.url,
        "\"/>\n",
    );
    out.push_str("    <updated>");
    out.push_str(&entry.updated);
    out.push_str("</updated>\n");
    element(
        out,
        "    <author><name>",
        entry.author,
        "</name></author>\n",
    );
    element(out, "    <category term=\"", entry.category, "\"/>\n");
    if !entry.summary.is_empty() {
        element(out, "    <summary>", entry.summary, "</summary>\n");
    }
    out.push_str("    <content type=\"html\">");
    xml_escape_into(out, entry.updates_html);
    xml_escape_into(out, entry.content_html);
    out.push_str("</content>\n");
    out.push_str("  </entry>\n");
}

/// `open`, the escaped `value`, `close`.
fn element(out: &mut String, open: &str, value: &str, close: &str) {
    out.push_str(open);
    xml_escape_into(out, value);
    out.push_str(close);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feeds::xml_escape;

    /// The feed as it was written before it escaped straight into the feed
    /// (one `format!` and one escaped copy per value).
    fn feed_by_format(feed: &AtomFeed, entries: &[AtomEntry]) -> String {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        out += &format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
            feed.lang
        );
        out += &format!("  <title>{}</title>\n", xml_escape(&feed.title));
        out += &format!("  <subtitle>{}</subtitle>\n", xml_escape(feed.subtitle));
        out += &format!("  <id>{}</id>\n", xml_escape(&feed.self_url));
        out += &format!(
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
            xml_escape(&feed.self_url)
        );
        out += &format!(
            "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml_escape(&feed.page_url)
        );
        out += &format!(
            "  <updated>{}</updated>\n  <generator>wijkverhaal</generator>\n",
            feed.updated
        );
        for e in entries {
            out += &format!("  <entry>\n    <id>{}</id>\n", xml_escape(&e.id));
            out += &format!("    <title>{}</title>\n", xml_escape(e.title));
            out += &format!(
                "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
                xml_escape(&e.url)
            );
            out += &format!("    <updated>{}</updated>\n", e.updated);
            out += &format!(
                "    <author><name>{}</name></author>\n",
                xml_escape(e.author)
            );
            out += &format!("    <category term=\"{}\"/>\n", xml_escape(e.category));
            if !e.summary.is_empty() {
                out += &format!("    <summary>{}</summary>\n", xml_escape(e.summary));
            }
            let content = format!("{}{}", e.updates_html, e.content_html);
            out += &format!(
                "    <content type=\"html\">{}</content>\n",
                xml_escape(&content)
            );
            out += "  </entry>\n";
        }
        out + "</feed>\n"
    }

    #[test]
    fn writes_the_feed_as_one_format_per_value_did() {
        let texts = [
            "",
            "Nieuws & <b>\"werk\"</b> aan 't plein\u{1}",
            "<p>Één <a href=\"/x?a=1&b=2\">link</a></p>\n<ul>\n<li>é</li></ul>",
            "𝄞 gewoon",
        ];
        let feed = AtomFeed {
            title: "Lindenhof - Gemeente <Voorbeeld>".into(),
            subtitle: texts[1],
            self_url: "https://x.nl/a&b/nieuws.xml".into(),
            page_url: "https://x.nl/'lindenhof'/".into(),
            updated: "2027-03-15T00:00:00+01:00".into(),
            lang: "nl",
        };
        let entries: Vec<AtomEntry> = (0..texts.len() * texts.len())
            .map(|i| {
                let (a, b) = (texts[i % texts.len()], texts[i / texts.len()]);
                AtomEntry {
                    id: format!("https://x.nl/{a}/"),
                    title: b,
                    url: format!("https://x.nl/{b}/"),
                    updated: "2027-03-01T00:00:00+01:00".into(),
                    author: a,
                    summary: b,
                    updates_html: a,
                    content_html: b,
                    category: "news",
                }
            })
            .collect();
        for count in [0, 1, entries.len()] {
            assert_eq!(
                super::feed(&feed, &entries[..count]),
                feed_by_format(&feed, &entries[..count])
            );
        }
    }
}
