//! Postcodes, the municipality's street index, `kaart.geojson`, the maps on
//! the pages and `werk.geojson`, through the real binary.

use crate::util::{ACCESSIBILITY, SITE_TOML, TestSite, contribution};

const WIJK: &str = "content/tuinwijk-oost";

/// Tuinwijk-Oost with postcodes (mixed with a plain name).
const INDEX: &str = r#"+++
name = "Tuinwijk-Oost"
summary = "Samen maken we Tuinwijk-Oost aardgasvrij."
streets = [
  { name = "Bloemstraat", postcodes = ["1234ab", "1234 AC"] },
  "Lindelaan",
  { name = "'s-Gravenweg", postcodes = ["1235 AA"] },
]

[contact]
name = "Fatima el Amrani"
email = "tuinwijk-oost@proef.nl"
+++
Het verhaal van de wijk.
"#;

/// A second wijk sharing the border street 's-Gravenweg.
const OTHER: &str = r#"+++
name = "Beekdal"
summary = "Een wijk aan de beek."
streets = [{ name = "'s-Gravenweg", postcodes = ["1235 AB"] }, "Beekweg"]

[contact]
name = "Sanne Kuipers"
email = "beekdal@proef.nl"
+++
"#;

/// The geometry in RD New, as QGIS exports it.
const KAART_RD: &str = r#"{"type": "FeatureCollection", "name": "straten",
"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
"features": [
{"type": "Feature", "properties": {"wijk": true}, "geometry": {"type": "Polygon", "coordinates": [[[155000, 463000], [155600, 463000], [155600, 463500], [155000, 463500], [155000, 463000]]]}},
{"type": "Feature", "properties": {"street": "Bloemstraat"}, "geometry": {"type": "LineString", "coordinates": [[155020, 463200], [155300, 463210], [155580, 463190]]}},
{"type": "Feature", "properties": {"street": "Lindelaan"}, "geometry": {"type": "MultiLineString", "coordinates": [[[155300, 463020], [155305, 463480]]]}},
{"type": "Feature", "properties": {"street": "'s-Gravenweg"}, "geometry": {"type": "LineString", "coordinates": [[155000, 463050], [155600, 463090]]}}
]}
"#;

fn works(streets: &str, start: &str, end: &str) -> String {
    contribution(
        &format!(
            "title = \"Riool in de {streets}\"\ndepartment = \"Openbare Ruimte\"\nkind = \"works\"\nstreets = [\"{streets}\"]\nstart = {start}\nend = {end}"
        ),
        "Het riool gaat eruit.",
    )
}

fn site() -> TestSite {
    TestSite::empty()
        .file("site.toml", &format!("{SITE_TOML}{ACCESSIBILITY}"))
        .file(&format!("{WIJK}/_index.md"), INDEX)
        .file("content/beekdal/_index.md", OTHER)
        .file(&format!("{WIJK}/kaart.geojson"), KAART_RD)
        .file(&format!("{WIJK}/riool.md"), &works("Bloemstraat", "2027-01-01", "2027-03-01"))
        .file(&format!("{WIJK}/asfalt.md"), &works("Lindelaan", "2027-05-01", "2027-06-01"))
        .file(
            &format!("{WIJK}/avond.md"),
            &contribution(
                "title = \"Informatieavond\"\ndepartment = \"Energie\"\nkind = \"event\"\nstart = 2027-02-01T19:30:00\nlocation = \"Buurthuis\"\ncoordinates = [5.3875, 52.1560]",
                "Kom langs.",
            ),
        )
}

#[test]
fn postcodes_are_normalised_in_wijk_json() {
    let site = site();
    site.build();
    let json = site.json("tuinwijk-oost/wijk.json");
    assert_eq!(
        json["streets"][0]["postcodes"],
        serde_json::json!(["1234 AB", "1234 AC"])
    );
    assert!(
        json["streets"][1].get("postcodes").is_none(),
        "a plain name has none"
    );
}

#[test]
fn a_malformed_postcode_is_an_error_naming_the_street() {
    let index = INDEX
        .replace("\"1234 AC\"", "\"123 AC\"")
        .replace("\"1235 AA\"", "\"0123 AA\"");
    let failure = site()
        .file(&format!("{WIJK}/_index.md"), &index)
        .build_fails();
    failure.expect(
        &format!("{WIJK}/_index.md"),
        Some(4),
        "bad-postcode",
        "1234 AB",
    );
    assert!(
        failure.stderr.contains("\"123 AC\" bij Bloemstraat"),
        "{}",
        failure.stderr
    );
    assert!(
        failure.stderr.contains("\"0123 AA\" bij 's-Gravenweg"),
        "{}",
        failure.stderr
    );
    assert_eq!(failure.error_count(), 2);
}

#[test]
fn the_street_index_lists_every_street_a_to_z_with_a_border_street_once() {
    let site = site();
    site.build();
    let index: serde_json::Value = site.json("straten/index.json");
    let names: Vec<&str> = index
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Beekweg", "Bloemstraat", "'s-Gravenweg", "Lindelaan"]
    );
    assert_eq!(
        index[2],
        serde_json::json!({"name": "'s-Gravenweg", "postcodes": ["1235 AA", "1235 AB"], "pages": [
            {"wijk": "Beekdal", "url": "/beekdal/straten/s-gravenweg/"},
            {"wijk": "Tuinwijk-Oost", "url": "/tuinwijk-oost/straten/s-gravenweg/"}]})
    );
    let page = site.read("straten/index.html");
    assert!(page.contains("<a href=\"#letter-g\">G</a>"));
    assert!(page.contains("<h2 id=\"letter-g\">G</h2>"));
    assert_eq!(
        page.matches("<span class=\"street-title\">&#39;s-Gravenweg</span>")
            .count(),
        1,
        "listed once"
    );
    assert!(page.contains("<a href=\"/beekdal/straten/s-gravenweg/\">Beekdal<span class=\"visually-hidden\">: &#39;s-Gravenweg</span></a>"));
    assert!(
        page.contains("1234 AB, 1234 AC"),
        "postcodes readable without the script"
    );
    assert!(
        page.contains("<form class=\"street-search\" role=\"search\" hidden"),
        "the search shows only with the script"
    );
    let home = site.read("index.html");
    assert!(home.contains("Zoek uw straat") && home.contains("action=\"/straten/\""));
    assert!(
        site.read("sitemap.xml")
            .contains("https://wijken.proef.nl/straten/")
    );
}

#[test]
fn maps_on_home_street_and_project_pages_stay_under_40_kb() {
    let site = site();
    site.build();
    for page in [
        "tuinwijk-oost/index.html",
        "tuinwijk-oost/straten/bloemstraat/index.html",
        "tuinwijk-oost/straten/lindelaan/index.html",
    ] {
        let html = site.read(page);
        let start = html
            .find("<svg xmlns")
            .unwrap_or_else(|| panic!("{page} has no map"));
        let end = html[start..].find("</svg>").unwrap() + start + 6;
        assert!(end - start < 40 * 1024, "{page}: {} bytes", end - start);
        assert!(html.contains("<title id=\"kaart-titel\">Kaart van Tuinwijk-Oost</title>"));
        assert!(
            html.contains("<div class=\"kaart-tekst\">"),
            "{page}: the map as text"
        );
    }
    let street = site.read("tuinwijk-oost/straten/bloemstraat/index.html");
    assert!(street.contains("aria-label=\"Bloemstraat: werk nu bezig\" aria-current=\"page\""));
    assert!(street.contains("aria-label=\"Lindelaan: werk gepland\""));
    assert!(street.contains("Op de kaart is Bloemstraat dik omlijnd."));
    // Beekdal has no kaart.geojson: no map, no werk.geojson.
    assert!(!site.read("beekdal/index.html").contains("<svg xmlns"));
    assert!(!site.public().join("beekdal/werk.geojson").exists());
    assert!(site.json("beekdal/wijk.json").get("geojson").is_none());
}

#[test]
fn werk_geojson_has_one_feature_per_works_item_and_matches_wijk_json() {
    let site = site();
    site.build();
    let wijk = site.json("tuinwijk-oost/wijk.json");
    assert_eq!(wijk["geojson"], "/tuinwijk-oost/werk.geojson");
    assert!(
        site.read("tuinwijk-oost/index.html")
            .contains("href=\"/tuinwijk-oost/werk.geojson\"")
    );
    let werk = site.json("tuinwijk-oost/werk.geojson");
    assert_eq!(werk["type"], "FeatureCollection");
    let features = werk["features"].as_array().unwrap();
    let works: Vec<&serde_json::Value> = wijk["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "works" || e["kind"] == "project")
        .collect();
    assert_eq!(
        features.len(),
        works.len() + 1,
        "works plus the event with coordinates"
    );
    for entry in works {
        let feature = features
            .iter()
            .find(|f| f["properties"]["title"] == entry["title"])
            .expect("a feature per works item");
        assert_eq!(
            feature["properties"]["url"],
            format!("https://wijken.proef.nl{}", entry["url"].as_str().unwrap())
        );
        assert_eq!(feature["properties"]["start"], entry["start"]);
        assert_eq!(feature["properties"]["streets"], entry["streets"]);
        assert_eq!(feature["geometry"]["type"], "MultiLineString");
        let first = &feature["geometry"]["coordinates"][0][0];
        let (lon, lat) = (first[0].as_f64().unwrap(), first[1].as_f64().unwrap());
        assert!(
            (5.38..5.40).contains(&lon) && (52.15..52.16).contains(&lat),
            "WGS84: {first}"
        );
    }
    let event = features
        .iter()
        .find(|f| f["properties"]["kind"] == "event")
        .unwrap();
    assert_eq!(
        event["geometry"],
        serde_json::json!({"type": "Point", "coordinates": [5.3875, 52.156]})
    );
    assert_eq!(
        wijk["events"][0]["coordinates"],
        serde_json::json!([5.3875, 52.156])
    );
}

#[test]
fn rd_numbers_without_crs_are_bad_geometry_and_nothing_is_written() {
    let kaart = KAART_RD.replace("\"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::28992\"}},\n", "");
    let failure = site()
        .file(&format!("{WIJK}/kaart.geojson"), &kaart)
        .build_fails();
    failure.expect(
        &format!("{WIJK}/kaart.geojson"),
        Some(3),
        "bad-geometry",
        "EPSG::28992",
    );
}

#[test]
fn malformed_geojson_is_bad_geojson_with_the_line() {
    let kaart = KAART_RD.replace("[155020, 463200], [155300", "[155020, 463200] [155300");
    let failure = site()
        .file(&format!("{WIJK}/kaart.geojson"), &kaart)
        .build_fails();
    failure.expect(
        &format!("{WIJK}/kaart.geojson"),
        Some(5),
        "bad-geojson",
        "QGIS",
    );
}

#[test]
fn an_unknown_street_on_the_map_and_works_off_the_map_are_warnings() {
    let kaart = KAART_RD.replace("\"street\": \"Lindelaan\"", "\"street\": \"Lindenlaan\"");
    let site = site().file(&format!("{WIJK}/kaart.geojson"), &kaart);
    let output = site
        .cmd("check")
        .args(["--format", "json"])
        .output()
        .unwrap();
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let codes: Vec<(String, String, u64)> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| ["unknown-street", "no-geometry"].contains(&f["code"].as_str().unwrap()))
        .map(|f| {
            (
                f["code"].as_str().unwrap().into(),
                f["file"].as_str().unwrap().into(),
                f["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            ("no-geometry".to_string(), format!("{WIJK}/asfalt.md"), 5),
            (
                "unknown-street".to_string(),
                format!("{WIJK}/kaart.geojson"),
                6
            ),
        ]
    );
    site.build();
}

#[test]
fn coordinates_outside_the_netherlands_or_on_other_kinds_are_errors() {
    let failure = site()
        .file(
            &format!("{WIJK}/avond.md"),
            &contribution(
                "title = \"Avond\"\ndepartment = \"Energie\"\nkind = \"event\"\nstart = 2027-02-01T19:30:00\nlocation = \"Buurthuis\"\ncoordinates = [52.156, 5.3875]",
                "x",
            ),
        )
        .file(&format!("{WIJK}/nieuws.md"), &contribution("title = \"N\"\ndepartment = \"D\"\nkind = \"news\"\ndate = 2027-01-01\ncoordinates = [5.3, 52.1]", "x"))
        .build_fails();
    failure.expect(
        &format!("{WIJK}/avond.md"),
        Some(7),
        "bad-geometry",
        "omgedraaid",
    );
    failure.expect(
        &format!("{WIJK}/nieuws.md"),
        Some(6),
        "invalid-field",
        "haal de regel weg",
    );
}

#[test]
fn a_wijk_slug_may_not_take_the_street_index() {
    let failure = site()
        .file("content/straten/_index.md", OTHER)
        .build_fails();
    failure.expect("content/straten", None, "reserved-slug", "kleine letters");
}
