//! `sitemap.xml` and `robots.txt`.

use super::xml_escape;

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
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{root} xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    );
    for url in urls {
        out.push_str(&format!(
            "  <{item}><loc>{}</loc></{item}>\n",
            xml_escape(url)
        ));
    }
    out.push_str(&format!("</{root}>\n"));
    out
}

/// `robots.txt` pointing at the sitemap.
pub fn robots(sitemap_url: &str) -> String {
    let sitemap_url = crate::linesafe::line_value(sitemap_url);
    format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n")
}
