//! The Atom feed of a wijk's news and decisions (RFC 4287).

use super::xml_escape;

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

pub fn feed(feed: &AtomFeed, entries: &[AtomEntry]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        feed.lang
    ));
    out.push_str(&format!("  <title>{}</title>\n", xml_escape(&feed.title)));
    out.push_str(&format!(
        "  <subtitle>{}</subtitle>\n",
        xml_escape(feed.subtitle)
    ));
    out.push_str(&format!("  <id>{}</id>\n", xml_escape(&feed.self_url)));
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_escape(&feed.self_url)
    ));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(&feed.page_url)
    ));
    out.push_str(&format!("  <updated>{}</updated>\n", feed.updated));
    out.push_str("  <generator>wijkverhaal</generator>\n");
    for entry in entries {
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <id>{}</id>\n", xml_escape(&entry.id)));
        out.push_str(&format!("    <title>{}</title>\n", xml_escape(entry.title)));
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml_escape(&entry.url)
        ));
        out.push_str(&format!("    <updated>{}</updated>\n", entry.updated));
        out.push_str(&format!(
            "    <author><name>{}</name></author>\n",
            xml_escape(entry.author)
        ));
        out.push_str(&format!(
            "    <category term=\"{}\"/>\n",
            xml_escape(entry.category)
        ));
        if !entry.summary.is_empty() {
            out.push_str(&format!(
                "    <summary>{}</summary>\n",
                xml_escape(entry.summary)
            ));
        }
        out.push_str(&format!(
            "    <content type=\"html\">{}</content>\n",
            xml_escape(entry.content_html)
        ));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}
