//! The sanitizer: whatever a body holds, no script, event handler,
//! `javascript:` address, iframe, form or other active content reaches any
//! output — pages, project pages, the wijk page or the Atom feed.

use crate::read::unescape;
use crate::util::TestSite;

/// One start tag: its name and its attributes (names lower case, values decoded).
struct Tag {
    name: String,
    attributes: Vec<(String, String)>,
}

/// The start tags of an HTML text (as the serializers write it: quoted values).
fn tags(html: &str) -> Vec<Tag> {
    let mut tags = Vec::new();
    for (at, _) in html.match_indices('<') {
        let rest = &html[at + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let inside = &rest[..end];
        let name: String = inside
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        tags.push(Tag {
            name,
            attributes: attributes_of(inside),
        });
    }
    tags
}

fn attributes_of(tag: &str) -> Vec<(String, String)> {
    let mut attributes = Vec::new();
    let mut rest = tag.split_once(char::is_whitespace).map_or("", |(_, r)| r);
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].trim().to_ascii_lowercase();
        let after = &rest[eq + 1..];
        let (value, next) = match after.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let close = after[1..].find(quote).map_or(after.len(), |c| c + 1);
                (&after[1..close], after.get(close + 1..).unwrap_or(""))
            }
            _ => after.split_once(char::is_whitespace).unwrap_or((after, "")),
        };
        attributes.push((
            name.rsplit(' ').next().unwrap_or("").to_string(),
            unescape(value),
        ));
        rest = next;
    }
    attributes
}

/// What is wrong with the markup of `html`, if anything.
/// Classes of the `<svg>` elements the default theme draws itself.
const THEME_SVG_CLASSES: &[&str] = &["bar-track", "bar-svg"];

fn active_content(html: &str) -> Vec<String> {
    const FORBIDDEN: &[&str] = &[
        "script", "iframe", "frame", "form", "input", "button", "textarea", "select", "object",
        "embed", "applet", "style", "base", "svg", "math",
    ];
    let mut found = Vec::new();
    for tag in tags(html) {
        let json_ld = tag.name == "script"
            && tag
                .attributes
                .iter()
                .any(|(n, v)| n == "type" && v == "application/ld+json");
        // The theme's own drawings (a project's schedule bars); the
        // sanitizer never lets an <svg> from a body through.
        let theme_svg = tag.name == "svg"
            && tag
                .attributes
                .iter()
                .any(|(n, v)| n == "class" && THEME_SVG_CLASSES.contains(&v.as_str()));
        if FORBIDDEN.contains(&tag.name.as_str()) && !json_ld && !theme_svg {
            found.push(format!("<{}>", tag.name));
        }
        if tag.name == "meta" && tag.attributes.iter().any(|(n, _)| n == "http-equiv") {
            found.push("<meta http-equiv>".into());
        }
        for (name, value) in &tag.attributes {
            let squeezed: String = value
                .chars()
                .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if name.starts_with("on") {
                found.push(format!("<{} {name}>", tag.name));
            }
            if squeezed.contains("javascript:") || squeezed.contains("vbscript:") {
                found.push(format!("<{} {name}=\"{value}\">", tag.name));
            }
            if ["href", "src", "action"].contains(&name.as_str()) && squeezed.starts_with("data:") {
                found.push(format!("<{} {name}=data:>", tag.name));
            }
        }
    }
    found
}

/// The page without the theme's own controls: the street search (a form
/// and its script), which no contribution can bring in.
fn without_theme_controls(html: &str) -> String {
    let mut html = html.to_string();
    if let Some(start) = html
        .find("/assets/straten.")
        .and_then(|at| html[..at].rfind("<script src=\""))
    {
        let end = html[start..]
            .find("</script>")
            .map_or(html.len(), |e| start + e + "</script>".len());
        html.replace_range(start..end, "");
    }
    for (open, close) in [
        ("<section class=\"find-street\"", "</section>"),
        ("<form class=\"street-search\"", "</form>"),
    ] {
        if let Some(start) = html.find(open) {
            let end = html[start..]
                .find(close)
                .map_or(html.len(), |e| start + e + close.len());
            html.replace_range(start..end, "");
        }
    }
    html
}

#[test]
fn the_checker_itself_finds_active_content() {
    let bad = "<p onclick=\"x\">a</p><a href=\"java&#x09;script:x\">b</a><script>x</script><iframe src=\"a\">";
    assert_eq!(active_content(bad).len(), 4, "{:?}", active_content(bad));
    let good = "<script type=\"application/ld+json\">{}</script><a href=\"https://x.nl/\">javascript: is text</a>";
    assert!(
        active_content(good).is_empty(),
        "{:?}",
        active_content(good)
    );
}

#[test]
fn no_active_content_reaches_any_page() {
    let site = TestSite::fixture("hostile");
    site.build();
    let mut pages = 0;
    for (path, bytes) in site.output_files() {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).expect("UTF-8");
        let found = active_content(&without_theme_controls(&html));
        assert!(found.is_empty(), "{path}: {found:?}");
        pages += 1;
    }
    assert!(pages > 10);
    // The payload was really there: the harmless parts of it survive.
    for page in [
        "lindenhof/index.html",
        "lindenhof/news/index.html",
        "lindenhof/project/proef/index.html",
        "lindenhof/support/index.html",
    ] {
        let html = site.read(page);
        assert!(html.contains("Gewone tekst."), "{page}");
        assert!(
            html.contains("<a href=\"https://www.proefdorp.nl/\""),
            "{page}: a good link is kept"
        );
        // The raw <img> of an attachment becomes its <picture>, handlers gone.
        assert!(
            html.contains(
                "<img src=\"/lindenhof/bijlagen/foto.png\" srcset=\"/lindenhof/bijlagen/foto.png "
            ),
            "{page}"
        );
        assert!(
            html.contains(" alt=\"Foto van de straat\" loading=\"lazy\"></picture>"),
            "{page}"
        );
    }
}

#[test]
fn no_active_content_reaches_the_atom_feed() {
    let site = TestSite::fixture("hostile");
    site.build();
    let feed = site.read("lindenhof/nieuws.xml");
    let contents: Vec<String> = feed
        .split("<content type=\"html\">")
        .skip(1)
        .map(|rest| unescape(rest.split("</content>").next().unwrap_or("")))
        .collect();
    assert_eq!(contents.len(), 2, "news and decision");
    for html in &contents {
        assert!(html.contains("Gewone tekst."), "{html}");
        let found = active_content(html);
        assert!(found.is_empty(), "{found:?} in {html}");
    }
    assert!(active_content(&feed).is_empty());
}

#[test]
fn markdown_links_to_scripts_keep_their_text_and_lose_their_address() {
    let site = TestSite::fixture("hostile");
    site.build();
    let html = site.read("lindenhof/works/index.html");
    for text in ["markdown-link", "ref-link", "html-link", "spatie"] {
        assert!(html.contains(text), "{text} gone");
    }
    assert!(!html.to_ascii_lowercase().contains("href=\"javascript"));
}

#[test]
fn every_page_of_the_hostile_fixture_is_valid_html() {
    let site = TestSite::fixture("hostile");
    site.build();
    let mut pages = 0;
    for (path, bytes) in site.output_files() {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).expect("UTF-8");
        let problems = crate::html_check::problems(&html);
        assert!(problems.is_empty(), "{path}: {problems:?}");
        for bad in ["<img src=\"foto.png\">", "<a>", "<a rel=", "<img>"] {
            assert!(!html.contains(bad), "{path}: {bad}");
        }
        pages += 1;
    }
    assert!(pages > 10);
}
