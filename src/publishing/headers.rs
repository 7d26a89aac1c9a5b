//! `/_headers` in the format of Netlify and Cloudflare Pages: the security
//! headers that fit a site without scripts or styles from elsewhere, and a
//! year of caching for the assets whose name holds a hash.
//!
//! Both hosts already revalidate pages on every request (`max-age=0,
//! must-revalidate` with an ETag), which is the short caching pages need;
//! a `Cache-Control` for `/*` would be joined with the assets' own on
//! Cloudflare, so the file names the hashed assets one by one instead.

use super::assets::Assets;
use crate::config::Config;
use crate::linesafe::line_value;

/// The path of the file in the output.
pub const PATH: &str = "_headers";

/// Only the site itself: no scripts, styles, fonts or frames from
/// elsewhere. `data:` images are the theme's inline icons.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

/// The security headers every response carries, as (name, value).
pub fn security_headers(config: &Config) -> Vec<(&'static str, &'static str)> {
    let mut headers = vec![
        ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ];
    if config.base_url.starts_with("https://") {
        headers.push(("Strict-Transport-Security", "max-age=31536000"));
    }
    headers
}

/// How long a hashed asset may be kept.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The file's text.
pub fn headers_file(config: &Config, assets: &Assets) -> String {
    let mut text = String::from(
        "# Made by wijkverhaal for Netlify and Cloudflare Pages. Pages are\n# revalidated on every request (the hosts' default); assets whose name\n# holds a hash of their content may be kept for a year.\n",
    );
    text.push_str(&line_value(&config.path("/*")));
    text.push('\n');
    for (name, value) in security_headers(config) {
        text.push_str(&format!("  {name}: {value}\n"));
    }
    for asset in assets.hashed() {
        text.push_str(&line_value(&config.path(&format!("/{}", asset.published))));
        text.push_str(&format!("\n  Cache-Control: {IMMUTABLE}\n"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::publishing::assets::Asset;

    #[test]
    fn names_every_hashed_asset_and_the_security_headers() {
        let config =
            Config::parse("title = \"G\"\nbase_url = \"https://example.org/wijken\"").unwrap();
        let assets = Assets {
            files: vec![
                Asset {
                    source: "assets/a.css".into(),
                    published: "assets/a.0badf00d.css".into(),
                    bytes: Vec::new(),
                },
                Asset {
                    source: "plain.css".into(),
                    published: "plain.css".into(),
                    bytes: Vec::new(),
                },
            ],
            tokens: None,
        };
        let text = headers_file(&config, &assets);
        assert!(text.contains("\n/wijken/*\n  Content-Security-Policy: default-src 'self';"));
        assert!(text.contains("  Strict-Transport-Security: max-age=31536000\n"));
        assert!(text.ends_with(
            "/wijken/assets/a.0badf00d.css\n  Cache-Control: public, max-age=31536000, immutable\n"
        ));
        assert!(!text.contains("plain.css"));
    }

    #[test]
    fn no_hsts_for_a_site_on_plain_http() {
        let config = Config::parse("title = \"G\"\nbase_url = \"http://localhost:8000\"").unwrap();
        assert!(!headers_file(&config, &Assets::default()).contains("Strict-Transport"));
    }
}
