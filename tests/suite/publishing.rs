//! Publishing like a Dutch municipality (spec: publishing.md): the legal
//! pages, security.txt, Open Graph and OWMS metadata on every page, and the
//! errors of `site.toml`'s publishing settings.

use crate::util::{ACCESSIBILITY, SITE_TOML, TODAY, TestSite};

/// The `content` of `<meta {attr}="{name}" content="...">`, unescaped.
fn meta(html: &str, attr: &str, name: &str) -> Option<String> {
    let head = format!("<meta {attr}=\"{name}\" content=\"");
    let start = html.find(&head)? + head.len();
    let end = start + html[start..].find('"')?;
    Some(unescape(&html[start..end]))
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn between<'h>(html: &'h str, open: &str, close: &str) -> &'h str {
    let start = html.find(open).map_or(0, |at| at + open.len());
    let end = html[start..]
        .find(close)
        .map_or(html.len(), |at| start + at);
    &html[start..end]
}

#[test]
fn every_page_carries_open_graph_and_owms_metadata_with_the_right_values() {
    let site = TestSite::fixture("complete");
    site.build();
    let files = site.output_files();
    let pages: Vec<(&String, String)> = files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes.clone()).unwrap()))
        .collect();
    assert!(pages.len() > 30, "{} pages", pages.len());
    for (path, html) in &pages {
        let url = format!(
            "https://wijken.proefdorp.nl/{}",
            path.trim_end_matches("index.html")
        );
        let get = |attr: &str, name: &str| {
            meta(html, attr, name).unwrap_or_else(|| panic!("{path}: no {name}"))
        };
        assert_eq!(get("property", "og:url"), url, "{path}");
        assert_eq!(get("name", "DCTERMS.identifier"), url, "{path}");
        assert!(
            html.contains(&format!("<link rel=\"canonical\" href=\"{url}\">")),
            "{path}"
        );
        assert_eq!(get("property", "og:type"), "website");
        assert_eq!(get("property", "og:locale"), "nl_NL");
        assert_eq!(get("property", "og:site_name"), "Gemeente Proefdorp");
        assert_eq!(get("name", "DCTERMS.language"), "nl");
        assert_eq!(
            get("name", "DCTERMS.creator"),
            "Gemeente Proefdorp, team Wijken"
        );
        assert_eq!(get("name", "DCTERMS.modified"), TODAY);
        let title = get("property", "og:title");
        assert!(!title.is_empty(), "{path}");
        assert_eq!(get("name", "DCTERMS.title"), title, "{path}");
        let full_title = unescape(between(html, "<title>", "</title>"));
        assert!(
            full_title.starts_with(&format!("{title} - "))
                && full_title.ends_with("Gemeente Proefdorp"),
            "{path}: og:title {title:?} is not the page's own title {full_title:?}"
        );
        assert_eq!(
            get("property", "og:description"),
            get("name", "description"),
            "{path}"
        );
        assert!(!get("property", "og:description").is_empty(), "{path}");
        let footer = between(html, "<footer", "</footer>");
        assert!(footer.contains("href=\"/toegankelijkheid/\""), "{path}");
        assert!(footer.contains("href=\"/privacy/\""), "{path}");
    }
}

#[test]
fn the_accessibility_statement_and_privacy_page_say_it_in_plain_dutch() {
    let site = TestSite::fixture("complete");
    site.build();
    let statement = site.read("toegankelijkheid/index.html");
    let main = between(&statement, "<main", "</main>");
    for words in [
        "Gemeente Proefdorp, team Wijken wil dat iedereen",
        "EN 301 549",
        "WCAG 2.1 op niveau AA",
        "B: voldoet gedeeltelijk",
        "<time datetime=\"2026-06-01\">1 juni 2026</time>",
        "De balken bij een project zijn niet met een schermlezer te lezen.",
        "Een probleem melden",
        // Without a site-wide contact, each wijk's contact point.
        "href=\"/tuinwijk-oost/contact/\"",
    ] {
        assert!(main.contains(words), "{words:?} missing from {main}");
    }
    let privacy = site.read("privacy/index.html");
    let main = between(&privacy, "<main", "</main>");
    for words in [
        "Geen cookies",
        "Geen volgen",
        "Niets van andere websites",
        "Gemeente Proefdorp, team Wijken is verantwoordelijk",
    ] {
        assert!(main.contains(words), "{words:?} missing from {main}");
    }
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://wijken.proefdorp.nl/toegankelijkheid/</loc>"));
    assert!(sitemap.contains("<loc>https://wijken.proefdorp.nl/privacy/</loc>"));
}

#[test]
fn without_a_statement_the_page_says_what_the_site_aims_for_and_check_warns() {
    let site = TestSite::new().file(
        "site.toml",
        &format!("{SITE_TOML}contact = \"mailto:info@proef.nl\"\n"),
    );
    site.build();
    let page = site.read("toegankelijkheid/index.html");
    assert!(page.contains("WCAG 2.1 op niveau AA"));
    assert!(page.contains("nog niet onderzocht"));
    assert!(page.contains("<a href=\"mailto:info@proef.nl\">info@proef.nl</a>"));
    let output = site
        .cmd("check")
        .args(["--format", "json"])
        .output()
        .unwrap();
    let found: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(found[0]["code"], "no-accessibility-statement", "{found}");
    assert_eq!(found[0]["file"], "site.toml");
    assert_eq!(found[0]["severity"], "warning");
}

const SECURITY: &str = "[security]\ncontact = \"mailto:security@proef.nl\"\nexpires = 2027-06-30\npreferred_languages = \"nl, en\"\n";

#[test]
fn security_txt_follows_rfc_9116_with_the_canonical_address() {
    let site = TestSite::new().file(
        "site.toml",
        &format!("{SITE_TOML}{ACCESSIBILITY}{SECURITY}"),
    );
    site.build_with(&["--base-url", "https://example.org/wijken/"]);
    assert_eq!(
        site.read(".well-known/security.txt"),
        "Contact: mailto:security@proef.nl\nExpires: 2027-06-30T21:59:59Z\nPreferred-Languages: nl, en\nCanonical: https://example.org/wijken/.well-known/security.txt\n"
    );
    let without = TestSite::new();
    without.build();
    assert!(!without.public().join(".well-known").exists());
}

#[test]
fn an_expired_security_txt_stops_the_build_and_one_about_to_expire_warns() {
    let site = TestSite::new().file(
        "site.toml",
        &format!("{SITE_TOML}{ACCESSIBILITY}{SECURITY}"),
    );
    let late = site
        .cmd("build")
        .args(["--today", "2027-07-01"])
        .output()
        .unwrap();
    assert_eq!(late.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&late.stderr);
    assert!(
        stderr.contains("site.toml:6: error[security-expired]: security.txt is verlopen"),
        "{stderr}"
    );
    assert!(
        stderr.contains("= zet een nieuwe datum, hoogstens een jaar vooruit: expires = 2028-07-01"),
        "{stderr}"
    );
    assert!(!site.public().exists(), "nothing written");
    let soon = site
        .cmd("build")
        .args(["--today", "2027-06-10"])
        .output()
        .unwrap();
    assert!(soon.status.success());
    let stderr = String::from_utf8_lossy(&soon.stderr);
    assert!(stderr.contains("1 waarschuwing"), "{stderr}");
}

#[test]
fn bad_publishing_settings_name_their_site_toml_line() {
    let site = TestSite::new().file(
        "site.toml",
        &format!(
            "{SITE_TOML}contact = \"www.proef.nl/contact\"\ntokens = \"/huisstijl/tokens.css\"\n[accessibility]\nstatus = \"AA\"\nevaluated = 2026-06-01\n[security]\ncontact = \"security@proef.nl\"\nexpires = 2027-06-30\n"
        ),
    );
    let failure = site.build_fails();
    failure.expect("site.toml", Some(3), "invalid-field", "mailto:");
    failure.expect(
        "site.toml",
        Some(4),
        "unreadable-tokens",
        "themes/default/static",
    );
    failure.expect("site.toml", Some(6), "invalid-field", "A, B, C, D of E");
    failure.expect(
        "site.toml",
        Some(9),
        "invalid-field",
        "contact = \"mailto:security@proef.nl\"",
    );

    let malformed = TestSite::new().file(
        "site.toml",
        &format!("{SITE_TOML}accessibility = \"B\"\n[security]\nexpires = 2027-06-30\n"),
    );
    let failure = malformed.build_fails();
    failure.expect("site.toml", Some(3), "invalid-field", "[accessibility]");
    failure.expect("site.toml", Some(4), "missing-field", "contact = \"mailto:");
}

#[test]
fn an_unreadable_token_file_is_an_error_on_the_tokens_line() {
    let site = TestSite::new()
        .file(
            "site.toml",
            &format!("{SITE_TOML}tokens = \"/huisstijl/tokens.css\"\n{ACCESSIBILITY}"),
        )
        .file(
            "themes/default/static/huisstijl/tokens.css/oops.txt",
            "a folder, not a file",
        );
    site.build_fails().expect(
        "site.toml",
        Some(3),
        "unreadable-tokens",
        "themes/default/static",
    );
}

#[test]
fn wijken_may_not_take_the_reserved_root_paths() {
    let site = TestSite::new()
        .file(
            "content/toegankelijkheid/_index.md",
            crate::util::WIJK_INDEX,
        )
        .file("content/privacy/_index.md", crate::util::WIJK_INDEX);
    let failure = site.build_fails();
    failure.expect(
        "content/toegankelijkheid",
        None,
        "reserved-slug",
        "kleine letters",
    );
    failure.expect("content/privacy", None, "reserved-slug", "kleine letters");
}

#[test]
fn compress_writes_gz_and_br_that_decompress_to_the_file_beside_them() {
    use std::io::Read;
    let site = TestSite::fixture("complete");
    site.build_with(&["--compress"]);
    let files = site.output_files();
    let mut compressed = 0;
    for (path, bytes) in &files {
        if path.ends_with(".gz") || path.ends_with(".br") {
            continue;
        }
        let text = [
            ".html", ".css", ".js", ".xml", ".json", ".geojson", ".ics", ".txt", ".svg",
        ]
        .iter()
        .any(|ext| path.ends_with(ext));
        let expected = text && bytes.len() > 1024;
        let (gz, br) = (
            files.get(&format!("{path}.gz")),
            files.get(&format!("{path}.br")),
        );
        assert_eq!(gz.is_some(), expected, "{path}: .gz");
        assert_eq!(br.is_some(), expected, "{path}: .br");
        if let (Some(gz), Some(br)) = (gz, br) {
            let mut back = Vec::new();
            flate2::read::GzDecoder::new(&gz[..])
                .read_to_end(&mut back)
                .unwrap();
            assert!(back == *bytes, "{path}.gz decompresses to other bytes");
            let mut back = Vec::new();
            brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
            assert!(back == *bytes, "{path}.br decompresses to other bytes");
            assert!(br.len() < bytes.len() && gz.len() < bytes.len(), "{path}");
            compressed += 1;
        }
    }
    assert!(compressed > 30, "{compressed} files compressed");
    assert!(!files.contains_key("_headers.gz"));
    // Without the flag, no companions.
    let plain = TestSite::fixture("complete");
    plain.build();
    assert!(
        plain
            .output_files()
            .keys()
            .all(|p| !p.ends_with(".gz") && !p.ends_with(".br"))
    );
}

/// The stylesheet every page links, and the published files under assets/.
fn stylesheet_of(site: &TestSite) -> (String, Vec<String>) {
    let html = site.read("index.html");
    let href = between(&html, "<link rel=\"stylesheet\" href=\"", "\"").to_string();
    let assets = site
        .output_files()
        .into_keys()
        .filter(|p| p.starts_with("assets/"))
        .collect();
    (href, assets)
}

#[test]
fn theme_assets_carry_a_hash_of_their_content_and_headers_cache_them_for_a_year() {
    let site = TestSite::fixture("complete");
    site.build();
    let (href, assets) = stylesheet_of(&site);
    let name = href
        .trim_start_matches("/assets/wijkverhaal.")
        .trim_end_matches(".css");
    assert!(
        name.len() == 8 && name.chars().all(|c| c.is_ascii_hexdigit()),
        "{href}"
    );
    let script = between(&site.read("straten/index.html"), "<script src=\"", "\"").to_string();
    assert!(
        script.starts_with("/assets/straten.") && script.ends_with(".js") && script.len() == 27,
        "{script}"
    );
    let letters = between(
        &site.read("tuinwijk-oost/straten/bloemstraat/brief/index.html"),
        "<link rel=\"stylesheet\" href=\"/assets/brief.",
        "\"",
    )
    .to_string();
    assert!(
        letters.len() == 12 && letters.ends_with(".css"),
        "{letters}"
    );
    assert_eq!(
        assets,
        [
            format!("assets/brief.{letters}"),
            script.trim_start_matches('/').to_string(),
            href.trim_start_matches('/').to_string()
        ]
    );
    let css = site.read(href.trim_start_matches('/'));
    assert!(css.contains("--utrecht-page-header-background-color"));
    for (path, bytes) in site.output_files() {
        if path.ends_with(".html") {
            let html = String::from_utf8(bytes).unwrap();
            assert!(html.contains(&format!("href=\"{href}\"")), "{path}");
        }
    }
    let headers = site.read("_headers");
    assert!(
        headers.contains(&format!(
            "\n{href}\n  Cache-Control: public, max-age=31536000, immutable\n"
        )),
        "{headers}"
    );
    for header in [
        "  Content-Security-Policy: default-src 'self'; img-src 'self' data:;",
        "  Strict-Transport-Security: max-age=31536000\n",
        "  X-Content-Type-Options: nosniff\n",
        "  Referrer-Policy: strict-origin-when-cross-origin\n",
    ] {
        assert!(headers.contains(header), "{header} missing from {headers}");
    }

    // The site's own copy of the stylesheet takes its place, under its own hash.
    let own = TestSite::fixture("complete").file(
        "themes/default/static/assets/wijkverhaal.css",
        "body { color: #000; }\n",
    );
    own.build();
    let (own_href, _) = stylesheet_of(&own);
    assert_ne!(own_href, href);
    assert_eq!(
        own.read(own_href.trim_start_matches('/')),
        "body { color: #000; }\n"
    );
}

#[test]
fn a_token_file_is_linked_hashed_before_the_theme_and_checked_for_contrast() {
    let tokens = ":root {\n  --utrecht-page-header-background-color: #ffffff;\n  --utrecht-button-primary-action-background-color: #7fb2e5;\n}\n";
    let site = TestSite::new()
        .file(
            "site.toml",
            &format!("{SITE_TOML}tokens = \"/huisstijl/tokens.css\"\n{ACCESSIBILITY}"),
        )
        .file("themes/default/static/huisstijl/tokens.css", tokens);
    site.build_with(&["--base-url", "https://example.org/wijken/"]);
    let html = site.read("tuinwijk-oost/index.html");
    let links: Vec<&str> = html
        .match_indices("<link rel=\"stylesheet\" href=\"")
        .map(|(at, head)| between(&html[at + head.len()..], "", "\""))
        .collect();
    assert_eq!(links.len(), 2, "{links:?}");
    assert!(links[0].starts_with("/wijken/huisstijl/tokens.") && links[0].ends_with(".css"));
    assert!(links[1].starts_with("/wijken/assets/wijkverhaal."));
    assert_eq!(site.read(links[0].trim_start_matches("/wijken/")), tokens);
    assert_eq!(
        site.read("huisstijl/tokens.css"),
        tokens,
        "the file itself is copied as it is"
    );

    let output = site
        .cmd("check")
        .args(["--format", "json"])
        .output()
        .unwrap();
    let found: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let contrast: Vec<&serde_json::Value> = found
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "nl-contrast")
        .collect();
    assert_eq!(contrast.len(), 1, "{found}");
    assert_eq!(contrast[0]["line"], 3);
    let message = contrast[0]["message"].as_str().unwrap();
    assert!(
        message.contains("knoppen") && message.contains("#7fb2e5"),
        "{message}"
    );
}
