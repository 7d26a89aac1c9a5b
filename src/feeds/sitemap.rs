//! `sitemap.xml` and `robots.txt`.

use super::xml_escape_into;

/// How many addresses one sitemap may list (sitemaps.org: 50,000).
pub const MOST_URLS: usize = 50_000;

/// A sitemap of full URLs.
pub fn sitemap(urls: &[String]) -> String {
    locations("urlset", "url", urls)
}

/// A sitemap index: the full URLs of other sitemaps.
pub fn sitemap_index(sitemaps: &[String]) -> String {
    locations("sitemapindex", "sitemap", sitemaps)
}

/// `<root>` with one `<item><loc>` per URL, in the sitemaps.org namespace.
fn locations(root: &str, item: &str, urls: &[String]) -> String {
    let size: usize = urls.iter().map(|u| u.len() + 2 * item.len() + 20).sum();
    let mut out = String::with_capacity(200 + size);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<");
    out.push_str(root);
    out.push_str(" xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for url in urls {
        out.push_str("  <");
        out.push_str(item);
        out.push_str("><loc>");
        xml_escape_into(&mut out, url);
        out.push_str("</loc></");
        out.push_str(item);
        out.push_str(">\n");
    }
    out.push_str("</");
    out.push_str(root);
    out.push_str(">\n");
    out
}

/// `robots.txt` pointing at the sitemap.
pub fn robots(sitemap_url: &str) -> String {
    let sitemap_url = crate::linesafe::line_value(sitemap_url);
    format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feeds::xml_escape;

    #[test]
    fn lists_each_address_as_one_format_per_address_did() {
        let urls: Vec<String> = [
            "https://x.nl/",
            "https://x.nl/a&b/<c>/",
            "https://x.nl/'é'/\"𝄞\"",
        ]
        .map(String::from)
        .to_vec();
        for (root, item) in [("urlset", "url"), ("sitemapindex", "sitemap")] {
            let mut by_format = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{root} xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            );
            for url in &urls {
                by_format += &format!("  <{item}><loc>{}</loc></{item}>\n", xml_escape(url));
            }
            by_format += &format!("</{root}>\n");
            assert_eq!(locations(root, item, &urls), by_format);
        }
        assert_eq!(sitemap(&urls), locations("urlset", "url", &urls));
    }
}
