use super::*;

fn streets() -> Vec<Street> {
    ["Bloemstraat", "Lindelaan", "'s-Gravenweg"]
        .iter()
        .map(|name| Street {
            name: name.to_string(),
            slug: slugify(name),
            postcodes: Vec::new(),
        })
        .collect()
}

fn parse_text(text: &str) -> (Option<WijkGeometry>, Vec<Diagnostic>) {
    parse("content/w/kaart.geojson", text, &streets())
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<(&str, Option<usize>)> {
    diagnostics.iter().map(|d| (d.code, d.line)).collect()
}

const WGS84: &str = r#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"wijk": true},
   "geometry": {"type": "Polygon", "coordinates": [[[5.38, 52.15], [5.40, 52.15], [5.40, 52.16], [5.38, 52.16], [5.38, 52.15]]]}},
  {"type": "Feature", "properties": {"street": "bloemstraat"},
   "geometry": {"type": "LineString", "coordinates": [[5.385, 52.152], [5.395, 52.153]]}},
  {"type": "Feature", "properties": {"street": "Bloemstraat"},
   "geometry": {"type": "MultiLineString", "coordinates": [[[5.395, 52.153], [5.398, 52.158]]]}}
]}"#;

#[test]
fn reads_boundary_and_streets_in_wgs84_with_the_wijks_spelling() {
    let (geometry, diagnostics) = parse_text(WGS84);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let geometry = geometry.unwrap();
    assert_eq!(geometry.boundary.len(), 1);
    assert_eq!(geometry.streets.len(), 1);
    let bloem = geometry.street("Bloemstraat").unwrap();
    assert_eq!(bloem.lines.len(), 2);
}

#[test]
fn converts_rd_new_when_the_crs_says_so() {
    let text = r#"{"type": "FeatureCollection",
      "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
      "features": [{"type": "Feature", "properties": {"street": "Lindelaan"},
        "geometry": {"type": "LineString", "coordinates": [[155000, 463000], [155100, 463050]]}}]}"#;
    let (geometry, diagnostics) = parse_text(text);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let line = &geometry.unwrap().streets[0].lines[0];
    let first = line.0[0];
    assert!((first.x - 5.38721).abs() < 0.00001 && (first.y - 52.15517).abs() < 0.00001);
}

#[test]
fn rd_numbers_without_a_crs_are_bad_geometry_with_the_fix() {
    let text = r#"{"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"street": "Lindelaan"},
       "geometry": {"type": "LineString", "coordinates": [[155000, 463000], [155100, 463050]]}}]}"#;
    let (geometry, diagnostics) = parse_text(text);
    assert!(geometry.is_none());
    assert_eq!(codes(&diagnostics), [("bad-geometry", Some(2))]);
    assert!(
        diagnostics[0].notes[0].contains("EPSG::28992"),
        "{diagnostics:?}"
    );
}

#[test]
fn swapped_latitude_and_longitude_are_named() {
    let text = r#"{"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"street": "Lindelaan"},
       "geometry": {"type": "LineString", "coordinates": [[52.15, 5.38], [52.16, 5.39]]}}]}"#;
    let (_, diagnostics) = parse_text(text);
    assert_eq!(codes(&diagnostics), [("bad-geometry", Some(2))]);
    assert!(diagnostics[0].notes[0].contains("omgedraaid"));
}

#[test]
fn malformed_json_is_bad_geojson_with_its_line() {
    let (geometry, diagnostics) = parse_text(
        "{\"type\": \"FeatureCollection\",\n \"features\": [\n  {\"type\": \"Feature\",, }\n]}",
    );
    assert!(geometry.is_none());
    assert_eq!(codes(&diagnostics), [("bad-geojson", Some(3))]);
}

#[test]
fn nan_and_infinity_are_not_json() {
    for bad in ["NaN", "Infinity", "1e999"] {
        let text = format!(
            r#"{{"type": "FeatureCollection", "features": [{{"type": "Feature", "properties": {{"street": "Lindelaan"}}, "geometry": {{"type": "LineString", "coordinates": [[{bad}, 52.1], [5.3, 52.1]]}}}}]}}"#
        );
        let (geometry, diagnostics) = parse_text(&text);
        assert!(geometry.is_none(), "{bad}");
        assert_eq!(diagnostics[0].code, "bad-geojson", "{bad}: {diagnostics:?}");
    }
}

#[test]
fn a_bad_feature_is_named_by_its_place_and_line() {
    let text = "{\"type\": \"FeatureCollection\", \"features\": [\n{\"type\": \"Feature\", \"properties\": {\"street\": \"Lindelaan\"}, \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[5.3, 52.1], [5.31, 52.1]]}},\n{\"type\": \"Feature\", \"properties\": {\"street\": \"Lindelaan\"}, \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[5.3], [5.31, 52.1]]}}\n]}";
    let (_, diagnostics) = parse_text(text);
    assert_eq!(codes(&diagnostics), [("bad-geojson", Some(3))]);
    assert!(
        diagnostics[0].message.contains("object 2"),
        "{diagnostics:?}"
    );
}

#[test]
fn not_a_feature_collection_and_unknown_crs_are_bad_geojson() {
    let point = r#"{"type": "Point", "coordinates": [5.3, 52.1]}"#;
    assert_eq!(codes(&parse_text(point).1), [("bad-geojson", Some(1))]);
    let crs = r#"{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:3857"}}, "features": []}"#;
    assert_eq!(codes(&parse_text(crs).1), [("bad-geojson", Some(1))]);
}

#[test]
fn unknown_streets_and_empty_geometries_are_warnings() {
    let text = r#"{"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"street": "Bloemstrat"}, "geometry": {"type": "LineString", "coordinates": [[5.3, 52.1], [5.31, 52.1]]}},
      {"type": "Feature", "properties": {"street": "Lindelaan"}, "geometry": null},
      {"type": "Feature", "properties": {"street": "Lindelaan"}, "geometry": {"type": "LineString", "coordinates": []}},
      {"type": "Feature", "properties": {"wijk": true}, "geometry": {"type": "MultiPolygon", "coordinates": []}}
    ]}"#;
    let (geometry, diagnostics) = parse_text(text);
    assert_eq!(
        codes(&diagnostics),
        [
            ("unknown-street", Some(2)),
            ("no-geometry", Some(3)),
            ("no-geometry", Some(4)),
            ("no-geometry", Some(5))
        ]
    );
    assert!(diagnostics[0].notes[0].contains("Bloemstraat"));
    assert!(geometry.unwrap().streets.is_empty());
}

#[test]
fn a_point_for_a_street_and_a_feature_without_street_are_errors() {
    let text = r#"{"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"street": "Lindelaan"}, "geometry": {"type": "Point", "coordinates": [5.3, 52.1]}},
      {"type": "Feature", "properties": {"naam": "Lindelaan"}, "geometry": {"type": "LineString", "coordinates": [[5.3, 52.1], [5.31, 52.1]]}}
    ]}"#;
    let (_, diagnostics) = parse_text(text);
    assert_eq!(
        codes(&diagnostics),
        [("bad-geojson", Some(2)), ("bad-geojson", Some(3))]
    );
}

#[test]
fn a_self_intersecting_boundary_is_drawn_with_a_warning() {
    let text = r#"{"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"wijk": true},
       "geometry": {"type": "Polygon", "coordinates": [[[5.38, 52.15], [5.40, 52.16], [5.40, 52.15], [5.38, 52.16], [5.38, 52.15]]]}}]}"#;
    let (geometry, diagnostics) = parse_text(text);
    assert_eq!(codes(&diagnostics), [("self-intersection", None)]);
    assert_eq!(geometry.unwrap().boundary.len(), 1);
}

#[test]
fn a_million_point_street_is_thinned_quickly() {
    let mut text = String::from(
        r#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"street": "Lindelaan"}, "geometry": {"type": "LineString", "coordinates": ["#,
    );
    for i in 0..1_000_000 {
        if i > 0 {
            text.push(',');
        }
        let wiggle = if i % 2 == 0 { 0.0 } else { 0.0001 };
        text.push_str(&format!(
            "[{:.7},{:.7}]",
            5.3 + i as f64 * 0.000_000_05,
            52.1 + wiggle
        ));
    }
    text.push_str("]}}]}");
    let started = std::time::Instant::now();
    let (geometry, diagnostics) = parse_text(&text);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let points = geometry.unwrap().streets[0].lines[0].0.len();
    assert!(points <= MAX_POINTS + 1, "{points}");
    assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
}
