use super::*;
use crate::config::Config;
use crate::content::{contribution, wijk};
use crate::geo::kaart;
use crate::merge::merge_wijk;
use crate::model::Wijk;

const INDEX: &str = "+++\nname = \"Proefwijk\"\nsummary = \"Een wijk.\"\nstreets = [\"Bloemstraat\", \"Lindelaan\", \"Beekweg\"]\n[contact]\nname = \"A\"\nemail = \"a@b.nl\"\n+++\nTekst.\n";

const KAART: &str = r#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"wijk": true}, "geometry": {"type": "Polygon", "coordinates": [[[5.38, 52.15], [5.40, 52.15], [5.40, 52.16], [5.38, 52.16], [5.38, 52.15]]]}},
  {"type": "Feature", "properties": {"street": "Bloemstraat"}, "geometry": {"type": "LineString", "coordinates": [[5.381, 52.152], [5.399, 52.153]]}},
  {"type": "Feature", "properties": {"street": "Lindelaan"}, "geometry": {"type": "LineString", "coordinates": [[5.39, 52.151], [5.391, 52.159]]}}
]}"#;

fn works(slug: &str, street: &str, start: &str, end: &str) -> crate::model::Contribution {
    let text = format!(
        "+++\ntitle = \"Werk {slug} & co\"\ndepartment = \"Openbare Ruimte\"\nkind = \"works\"\nstreets = [\"{street}\"]\nstart = {start}\nend = {end}\n+++\nTekst.\n"
    );
    let (c, diagnostics) =
        contribution::parse("content/p/x.md", slug, &text, &jiff::tz::TimeZone::UTC);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    c.unwrap()
}

fn wijk_with(kaart_text: &str) -> Wijk {
    let (wijk, diagnostics) = wijk::parse("content/p/_index.md", "proefwijk", INDEX);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let mut wijk = wijk.unwrap();
    let (geometry, diagnostics) =
        kaart::parse("content/p/kaart.geojson", kaart_text, &wijk.streets);
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
    wijk.geometry = geometry;
    wijk.contributions = vec![
        works("nu", "Bloemstraat", "2027-01-01", "2027-03-01"),
        works("straks", "Lindelaan", "2027-06-01", "2027-07-01"),
    ];
    wijk
}

fn config() -> Config {
    Config::parse("title = \"T\"\nbase_url = \"https://example.org\"").unwrap()
}

fn figure(wijk: &Wijk, focus: Focus) -> MapFigure {
    let config = config();
    let merged = merge_wijk(wijk, false, None);
    let views = Views::new(&config, wijk, jiff::civil::date(2027, 2, 1));
    WijkMap::new(&merged, &views)
        .unwrap()
        .figure(focus, "kaart")
}

#[test]
fn streets_with_works_are_links_by_state_with_title_and_desc() {
    let wijk = wijk_with(KAART);
    let map = figure(&wijk, Focus::Wijk);
    assert!(
        map.svg
            .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"")
    );
    assert!(
        map.svg
            .contains("<title id=\"kaart-titel\">Kaart van Proefwijk</title>")
    );
    assert!(
        map.svg
            .contains("Bloemstraat (werk nu bezig), Lindelaan (werk gepland)"),
        "{}",
        map.svg
    );
    assert!(map.svg.contains(
        "<a href=\"/proefwijk/straten/bloemstraat/\" aria-label=\"Bloemstraat: werk nu bezig\">"
    ));
    assert!(
        map.svg.contains("stroke-dasharray=\"14 7\""),
        "planned work is dashed"
    );
    assert!(!map.svg.contains("aria-current"));
    assert!(map.legend.contains("werk nu bezig") && map.legend.contains("werk gepland"));
    assert!(
        !map.legend.contains("werk klaar"),
        "only the states on the map"
    );
    assert!(
        map.text
            .contains("<a href=\"/proefwijk/nu/\">Werk nu &amp; co</a>"),
        "{}",
        map.text
    );
}

#[test]
fn a_street_page_emphasises_its_street_and_says_so_in_text() {
    let wijk = wijk_with(KAART);
    let map = figure(&wijk, Focus::Street("Bloemstraat"));
    assert!(
        map.svg.contains("stroke=\"#1c1c1c\" stroke-width=\"14\""),
        "a dark outline"
    );
    assert!(map.svg.contains("aria-current=\"page\""));
    assert!(map.svg.contains("Bloemstraat is dik omlijnd."));
    assert!(map.legend.contains("Deze straat"));
    assert!(
        map.text
            .starts_with("<div class=\"kaart-tekst\">\n<p>Op de kaart is Bloemstraat dik omlijnd.")
    );
    let quiet = figure(&wijk, Focus::Street("Beekweg"));
    assert!(quiet.text.contains("In Beekweg is geen werk gepland."));
    assert!(quiet.text.contains("Beekweg staat niet op de kaart."));
}

#[test]
fn a_huge_wijk_stays_under_40_kb() {
    let mut features = vec![];
    let mut names = vec![];
    for s in 0..300 {
        names.push(format!("\"Straat {s}\""));
        let points: Vec<String> = (0..200)
            .map(|i| {
                format!(
                    "[{:.6}, {:.6}]",
                    5.38 + f64::from(i) * 0.00005,
                    52.15 + f64::from(s) * 0.00002 + f64::from(i % 3) * 0.00001
                )
            })
            .collect();
        features.push(format!(
            "{{\"type\": \"Feature\", \"properties\": {{\"street\": \"Straat {s}\"}}, \"geometry\": {{\"type\": \"LineString\", \"coordinates\": [{}]}}}}",
            points.join(",")
        ));
    }
    let index = INDEX.replace(
        "[\"Bloemstraat\", \"Lindelaan\", \"Beekweg\"]",
        &format!("[\"Bloemstraat\", \"Lindelaan\", {}]", names.join(",")),
    );
    let (wijk, _) = wijk::parse("content/p/_index.md", "proefwijk", &index);
    let mut wijk = wijk.unwrap();
    let text = format!(
        "{{\"type\": \"FeatureCollection\", \"features\": [{}]}}",
        features.join(",\n")
    );
    wijk.geometry = kaart::parse("content/p/kaart.geojson", &text, &wijk.streets).0;
    let map = figure(&wijk, Focus::Street("Straat 7"));
    assert!(map.svg.len() <= MAX_BYTES, "{} bytes", map.svg.len());
}

#[test]
fn the_map_for_a_letter_is_the_street_pages_map() {
    let wijk = wijk_with(KAART);
    let config = config();
    let merged = merge_wijk(&wijk, false, None);
    let views = Views::new(&config, &wijk, jiff::civil::date(2027, 2, 1));
    let letter = street_map(&merged, &views, &wijk.streets[0]).unwrap();
    assert_eq!(letter, figure(&wijk, Focus::Street("Bloemstraat")));
    assert!(letter.html().starts_with("<figure class=\"kaart\">"));
}

/// A wijk of `n` streets, each drawn, and one works item on all of them.
fn wide_wijk(n: usize) -> Wijk {
    let names: Vec<String> = (1..=n).map(|i| format!("Straat {i}")).collect();
    let index = format!(
        "+++\nname = \"Proefwijk\"\nsummary = \"Een wijk.\"\nstreets = {names:?}\n[contact]\nname = \"A\"\nemail = \"a@b.nl\"\n+++\nTekst.\n"
    );
    let (wijk, diagnostics) = wijk::parse("content/p/_index.md", "proefwijk", &index);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let mut wijk = wijk.unwrap();
    let features: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let y = 52.15 + i as f64 * 0.0005;
            format!(
                r#"{{"type": "Feature", "properties": {{"street": "{name}"}}, "geometry": {{"type": "LineString", "coordinates": [[5.38, {y}], [5.40, {y}]]}}}}"#
            )
        })
        .collect();
    let kaart = format!(
        r#"{{"type": "FeatureCollection", "features": [{}]}}"#,
        features.join(",\n")
    );
    let (geometry, diagnostics) = kaart::parse("content/p/kaart.geojson", &kaart, &wijk.streets);
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
    wijk.geometry = geometry;
    let text = format!(
        "+++\ntitle = \"Overal\"\ndepartment = \"Openbare Ruimte\"\nkind = \"works\"\nstreets = {names:?}\nstart = 2027-01-01\nend = 2027-03-01\n+++\nTekst.\n"
    );
    let (c, diagnostics) = contribution::parse(
        "content/p/overal.md",
        "overal",
        &text,
        &jiff::tz::TimeZone::UTC,
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    wijk.contributions = vec![c.unwrap()];
    wijk
}

#[test]
fn a_works_item_colours_every_street_it_names_not_only_those_a_list_shows() {
    let wijk = wide_wijk(14);
    let map = figure(&wijk, Focus::Wijk);
    for i in 1..=14 {
        assert!(
            map.svg
                .contains(&format!("aria-label=\"Straat {i}: werk nu bezig\"")),
            "Straat {i}: {}",
            map.svg
        );
        assert!(
            map.text.contains(&format!(">Straat {i}</a>")),
            "{}",
            map.text
        );
    }
    let street = figure(&wijk, Focus::Street("Straat 14"));
    assert!(
        !street.text.contains("geen werk gepland"),
        "{}",
        street.text
    );
}

#[test]
fn a_street_map_names_a_few_other_busy_streets_and_links_to_all() {
    let wijk = wide_wijk(14);
    let map = figure(&wijk, Focus::Street("Straat 12"));
    let named = map.text.matches("<li><a href=").count();
    assert_eq!(named, super::svg::NAMED, "{}", map.text);
    assert!(
        map.text.contains(">Straat 12</a>"),
        "the street itself first"
    );
    assert!(
        map.text.contains(
            "<p>Er is ook werk in 4 andere straten: <a href=\"/proefwijk/straten/\">alle straten met werk</a>.</p>"
        ),
        "{}",
        map.text
    );
    assert!(map.svg.contains("en in 4 andere straten."), "{}", map.svg);
    // The wijk's own map names them all.
    assert!(!figure(&wijk, Focus::Wijk).text.contains("Er is ook werk"));
}

#[test]
fn an_oversized_map_leaves_out_the_links_of_busy_streets_before_growing() {
    let wijk = wide_wijk(1_200);
    let map = figure(&wijk, Focus::Street("Straat 3"));
    assert!(!map.svg.contains("<a href="), "the links go");
    assert!(
        map.svg.matches("<path").count() >= 1_200,
        "every street is still drawn"
    );
    assert!(map.text.contains("Er is ook werk in 1190 andere straten"));
}
