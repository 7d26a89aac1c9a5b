//! `/<wijk>/werk.geojson`: the wijk's works and projects on the map as open
//! data (RFC 7946, WGS84). One feature per works item and per project, with
//! the geometry of its streets; events with `coordinates` are points. The
//! features are the timeline entries of `wijk.json`, with the same titles.

use geo::{LineString, Polygon};
use geojson::{Feature, FeatureCollection, Geometry, GeometryValue, Position};
use serde::Serialize;

use super::WijkGeometry;
use super::map::entry_state;
use crate::merge::{Entry, MergedWijk};
use crate::model::{Contribution, When};
use crate::render::dates;
use crate::render::views::Views;

/// The file's name inside the wijk's folder.
pub const FILE: &str = "werk.geojson";

/// The properties of one feature.
#[derive(Debug, Serialize)]
struct Properties<'a> {
    title: &'a str,
    url: String,
    kind: &'static str,
    /// `gepland`, `bezig`, `vertraagd`, `stilgelegd`, `klaar` or
    /// `geannuleerd` on the day of the build (works and projects only).
    state: Option<&'static str>,
    start: Option<String>,
    end: Option<String>,
    departments: Vec<&'a str>,
    project: Option<&'a str>,
    streets: Vec<&'a str>,
}

/// The wijk's `werk.geojson`, or `None` when it has no geometry.
pub fn werk_geojson(merged: &MergedWijk, views: &Views) -> Option<String> {
    let geometry = merged.wijk.geometry.as_ref()?;
    let mut features = Vec::new();
    for entry in &merged.timeline {
        let properties = match entry {
            Entry::Project(i) => {
                let p = &merged.projects[*i];
                Properties {
                    title: &p.title,
                    url: absolute(views, &format!("project/{}/", p.slug)),
                    kind: "project",
                    state: state(views, entry, merged),
                    start: p.start.map(|d| d.to_string()),
                    end: p.end.map(|d| d.to_string()),
                    departments: p.departments.clone(),
                    project: Some(p.key),
                    streets: p.streets.clone(),
                }
            }
            Entry::Item(c) if c.kind() == "works" => item(c, views, state(views, entry, merged)),
            Entry::Item(_) => continue,
        };
        let shape = streets_geometry(geometry, &properties.streets);
        features.push(feature(shape, &properties));
    }
    for c in &merged.events {
        if let Some((lon, lat)) = c.coordinates {
            let point = GeometryValue::Point {
                coordinates: position(lon, lat),
            };
            let properties = item(c, views, None);
            features.push(feature(Some(point), &properties));
        }
    }
    let collection = FeatureCollection::new(features);
    serde_json::to_string_pretty(&collection).ok()
}

fn item<'a>(c: &'a Contribution, views: &Views, state: Option<&'static str>) -> Properties<'a> {
    let (start, end) = match &c.when {
        When::Works { start, end } => (Some(start.to_string()), end.map(|d| d.to_string())),
        When::Event { start, end } => (Some(dates::iso(start)), end.as_ref().map(dates::iso)),
        _ => (c.start_date().map(|d| d.to_string()), None),
    };
    Properties {
        title: &c.title,
        url: absolute(views, &format!("{}/", c.slug)),
        kind: c.kind(),
        state,
        start,
        end,
        departments: vec![&c.department],
        project: c.project.as_deref(),
        streets: c.streets.iter().map(String::as_str).collect(),
    }
}

fn state(views: &Views, entry: &Entry, merged: &MergedWijk) -> Option<&'static str> {
    entry_state(entry, merged, views.today).map(|s| s.name())
}

/// `https://host/base/<wijk>/<rest>`.
fn absolute(views: &Views, rest: &str) -> String {
    views.config.url(&format!("/{}/{rest}", views.wijk.slug))
}

fn feature(geometry: Option<GeometryValue>, properties: &Properties) -> Feature {
    let properties = serde_json::to_value(properties)
        .ok()
        .and_then(|v| v.as_object().cloned());
    Feature {
        geometry: geometry.map(Geometry::new),
        properties,
        ..Feature::default()
    }
}

/// The streets' lines and areas as one geometry: a MultiLineString, a
/// MultiPolygon, both in a GeometryCollection, or none.
fn streets_geometry(geometry: &WijkGeometry, streets: &[&str]) -> Option<GeometryValue> {
    let shapes: Vec<_> = streets.iter().filter_map(|s| geometry.street(s)).collect();
    let lines: Vec<Vec<Position>> = shapes
        .iter()
        .flat_map(|s| s.lines.iter())
        .map(line)
        .collect();
    let areas: Vec<Vec<Vec<Position>>> = shapes
        .iter()
        .flat_map(|s| s.areas.iter())
        .map(polygon)
        .collect();
    match (lines.is_empty(), areas.is_empty()) {
        (true, true) => None,
        (false, true) => Some(GeometryValue::MultiLineString { coordinates: lines }),
        (true, false) => Some(GeometryValue::MultiPolygon { coordinates: areas }),
        (false, false) => Some(GeometryValue::GeometryCollection {
            geometries: vec![
                Geometry::new(GeometryValue::MultiLineString { coordinates: lines }),
                Geometry::new(GeometryValue::MultiPolygon { coordinates: areas }),
            ],
        }),
    }
}

fn line(line: &LineString<f64>) -> Vec<Position> {
    line.0.iter().map(|c| position(c.x, c.y)).collect()
}

/// A polygon with RFC 7946's winding: exterior counterclockwise, holes
/// clockwise.
fn polygon(polygon: &Polygon<f64>) -> Vec<Vec<Position>> {
    use geo::orient::{Direction, Orient};
    let oriented = polygon.orient(Direction::Default);
    std::iter::once(oriented.exterior())
        .chain(oriented.interiors())
        .map(line)
        .collect()
}

/// A position rounded to six decimals (about 10 cm), as RFC 7946 advises.
fn position(lon: f64, lat: f64) -> Position {
    let round = |v: f64| (v * 1e6).round() / 1e6;
    Position::from([round(lon), round(lat)])
}
