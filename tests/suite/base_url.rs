//! A base URL with a path (`https://example.org/wijken/`), from `site.toml`
//! or `--base-url`, is honoured in every link of every page, in the feeds,
//! the sitemap, `robots.txt` and `wijk.json`.

use serde_json::Value;

use crate::read::{attributes, ics_lines};
use crate::util::TestSite;

const HOST: &str = "https://example.org";
const PREFIX: &str = "/wijken/";

/// Checks one address the generator wrote: site-absolute paths and full
/// addresses on the site's own host must lie under the prefix.
fn check(file: &str, address: &str) -> bool {
    if let Some(path) = address.strip_prefix(HOST) {
        assert!(path.starts_with(PREFIX), "{file}: {address}");
        return true;
    }
    if address.starts_with('/') && !address.starts_with("//") {
        assert!(address.starts_with(PREFIX), "{file}: {address}");
        return true;
    }
    false
}

fn assert_everything_under_the_prefix(site: &TestSite) {
    let mut checked = 0;
    for (path, bytes) in site.output_files() {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let addresses: Vec<String> = if path.ends_with(".html") {
            ["href", "src", "action", "content"]
                .iter()
                .flat_map(|a| attributes(&text, a))
                .chain(json_ld_urls(&text))
                .collect()
        } else if path.ends_with(".xml") {
            attributes(&text, "href")
                .into_iter()
                .chain(elements(&text, "loc"))
                .chain(elements(&text, "id"))
                .collect()
        } else if path.ends_with(".ics") {
            ics_lines(&text)
                .into_iter()
                .filter_map(|l| l.strip_prefix("URL:").map(str::to_string))
                .collect()
        } else if path.ends_with(".json") {
            let mut urls = Vec::new();
            json_strings(&serde_json::from_str(&text).expect("JSON"), &mut urls);
            urls
        } else if path == "robots.txt" {
            text.lines()
                .filter_map(|l| l.strip_prefix("Sitemap: ").map(str::to_string))
                .collect()
        } else {
            Vec::new()
        };
        for address in addresses {
            if check(&path, &address) {
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "only {checked} addresses checked");
}

fn elements(xml: &str, name: &str) -> Vec<String> {
    xml.split(&format!("<{name}>"))
        .skip(1)
        .map(|rest| {
            rest.split(&format!("</{name}>"))
                .next()
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

fn json_ld_urls(html: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for block in html.split("<script type=\"application/ld+json\">").skip(1) {
        let text = block.split("</script>").next().unwrap_or("");
        json_strings(&serde_json::from_str(text).expect("JSON-LD"), &mut urls);
    }
    urls
}

/// Every string value in a JSON document whose key names an address.
fn json_strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                match value {
                    Value::String(s) if key == "url" || key == "ics" => out.push(s.clone()),
                    other => json_strings(other, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| json_strings(v, out)),
        _ => {}
    }
}

#[test]
fn a_base_url_with_a_path_in_site_toml_prefixes_every_address() {
    let site = TestSite::fixture("complete").file(
        "site.toml",
        "title = \"Gemeente Proefdorp\"\nbase_url = \"https://example.org/wijken/\"\n",
    );
    site.build();
    assert_everything_under_the_prefix(&site);
    let data = site.json("tuinwijk-oost/wijk.json");
    assert_eq!(data["url"], "/wijken/tuinwijk-oost/");
    assert_eq!(
        data["streets"][0]["url"],
        "/wijken/tuinwijk-oost/straten/bloemstraat/"
    );
    assert!(
        site.read("robots.txt")
            .contains("Sitemap: https://example.org/wijken/sitemap.xml")
    );
    assert!(
        site.read("sitemap.xml")
            .contains("<loc>https://example.org/wijken/tuinwijk-oost/</loc>")
    );
}

#[test]
fn the_base_url_option_overrides_site_toml_everywhere() {
    let site = TestSite::fixture("complete");
    site.build_with(&["--base-url", "https://example.org/wijken"]);
    assert_everything_under_the_prefix(&site);
    let all: String = site
        .output_files()
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert!(
        !all.contains("wijken.proefdorp.nl"),
        "the old base URL is gone"
    );
}

#[test]
fn a_base_url_on_its_own_host_has_no_prefix() {
    let site = TestSite::fixture("complete");
    site.build_with(&["--base-url", "https://wijken.proefdorp.nl/"]);
    let data = site.json("tuinwijk-oost/wijk.json");
    assert_eq!(data["url"], "/tuinwijk-oost/");
    assert!(!site.read("sitemap.xml").contains("proefdorp.nl//"));
}
