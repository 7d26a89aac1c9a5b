//! Reads `content/<wijk>/kaart.geojson`: a GeoJSON FeatureCollection (RFC
//! 7946) whose features are the wijk's boundary (`properties.wijk = true`)
//! and its streets (`properties.street`), in WGS84 or, with a `crs` member
//! naming EPSG:28992, in RD New. Everything is converted to WGS84, thinned to
//! what a map can show, and checked: inside the Netherlands, named streets of
//! the wijk, no self-intersecting boundary.

use geo::{Coord, LineString, Polygon, Validation};
use geojson::{Feature, GeometryValue, Position};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::{StreetShape, WijkGeometry, rd};
use crate::content::ContentFile;
use crate::error::{Diagnostic, display_path};
use crate::model::Street;
use crate::sitefs;
use crate::slug::slugify;
use std::collections::HashMap;
use std::path::Path;

/// A larger file is refused rather than read: no wijk needs it.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;
/// Points closer together than this (in degrees, about 20 cm) are one point.
const MIN_STEP: f64 = 0.000_002;
/// A line or ring keeps at most this many points; a map cannot show more.
const MAX_POINTS: usize = 2_000;
/// The Netherlands with a margin, in WGS84: (west, south, east, north).
const NETHERLANDS: (f64, f64, f64, f64) = (3.0, 50.6, 7.4, 53.7);

const FEATURE_EXAMPLE: &str = "{\"type\": \"Feature\", \"properties\": {\"street\": \"Bloemstraat\"}, \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[5.3871, 52.1552], [5.3890, 52.1560]]}}";

/// The top of the file; features are read one by one to name the bad one.
#[derive(Deserialize)]
struct Collection<'a> {
    #[serde(rename = "type")]
    kind: Option<String>,
    crs: Option<serde_json::Value>,
    #[serde(borrow)]
    features: Option<Vec<&'a RawValue>>,
}

/// The coordinate system a file is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Crs {
    Wgs84,
    RdNew,
}

/// Reads the `kaart.geojson` beside a wijk's `_index.md`, if there is one,
/// through [`sitefs`](crate::sitefs): a link out of the site is refused.
pub fn load(
    root: &Path,
    index: &ContentFile,
    streets: &[Street],
) -> (Option<WijkGeometry>, Vec<Diagnostic>) {
    let Some(folder) = index.path().parent() else {
        return (None, Vec::new());
    };
    let path = folder.join(super::FILE);
    if std::fs::symlink_metadata(&path).is_err() {
        return (None, Vec::new());
    }
    let file = display_path(root, &path);
    let real = match sitefs::resolve(root, &path) {
        Ok(real) => real,
        Err(e) => return (None, vec![e.diagnostic(root, &path, "dit bestand")]),
    };
    let size = std::fs::metadata(&real).map_or(0, |m| m.len());
    if size > MAX_BYTES as u64 {
        let message = format!(
            "dit bestand is {} MB; een kaart van een wijk is hoogstens {} MB",
            size / 1_000_000,
            MAX_BYTES / 1_000_000
        );
        let hint = "vereenvoudig de lijnen in QGIS (Vector > Geometrie > Vereenvoudigen) en exporteer opnieuw";
        return (
            None,
            vec![Diagnostic::error("bad-geojson", file, None, message).note(hint)],
        );
    }
    let bytes = match sitefs::read(root, &path) {
        Ok(bytes) => bytes,
        Err(e) => return (None, vec![e.diagnostic(root, &path, "dit bestand")]),
    };
    match std::str::from_utf8(&bytes) {
        Ok(text) => parse(
            &file,
            text.strip_prefix('\u{feff}').unwrap_or(text),
            streets,
        ),
        Err(_) => {
            let message = "dit bestand is geen tekst in UTF-8, zoals GeoJSON moet zijn";
            let hint = "exporteer de laag opnieuw uit QGIS als GeoJSON (QGIS schrijft UTF-8)";
            (
                None,
                vec![Diagnostic::error("bad-geojson", file, None, message).note(hint)],
            )
        }
    }
}

/// Warns about each street of a `works` item that has no geometry while the
/// wijk has a map: the map would not show that work.
pub fn check_works(wijk: &crate::model::Wijk) -> Vec<Diagnostic> {
    let Some(geometry) = &wijk.geometry else {
        return Vec::new();
    };
    let mut diagnostics = Vec::new();
    let names: std::collections::HashSet<&str> =
        wijk.streets.iter().map(|s| s.name.as_str()).collect();
    for c in wijk.contributions.iter().filter(|c| c.kind() == "works") {
        // A street the wijk does not have is already an error of its own.
        let known = |s: &&String| names.contains(s.as_str());
        for street in c
            .streets
            .iter()
            .filter(known)
            .filter(|s| geometry.street(s).is_none())
        {
            let message = format!(
                "de straat {street} staat niet op de kaart van de wijk, dus dit werk ook niet"
            );
            let hint = format!(
                "teken {street} in QGIS en exporteer {} opnieuw, met de naam in het veld \"street\"",
                geometry.file
            );
            diagnostics.push(
                Diagnostic::warning(
                    "no-geometry",
                    &c.source.file,
                    Some(c.line_of("streets")),
                    message,
                )
                .note(hint),
            );
        }
    }
    diagnostics
}

/// Parses a wijk's `kaart.geojson`. `None` when the file has errors; the
/// diagnostics say which and what to write instead.
pub fn parse(
    file: &str,
    text: &str,
    streets: &[Street],
) -> (Option<WijkGeometry>, Vec<Diagnostic>) {
    let mut reader = Reader {
        file,
        streets,
        by_slug: streets
            .iter()
            .rev()
            .map(|s| (s.slug.as_str(), s.name.as_str()))
            .collect(),
        shapes: HashMap::new(),
        diagnostics: Vec::new(),
        geometry: WijkGeometry {
            file: file.to_string(),
            ..WijkGeometry::default()
        },
    };
    reader.read(text);
    let failed = reader.diagnostics.iter().any(Diagnostic::is_error);
    ((!failed).then_some(reader.geometry), reader.diagnostics)
}

struct Reader<'a> {
    file: &'a str,
    streets: &'a [Street],
    /// The wijk's streets by slug (the first of a slug wins).
    by_slug: HashMap<&'a str, &'a str>,
    /// Where each street read so far is in `geometry.streets`.
    shapes: HashMap<String, usize>,
    diagnostics: Vec<Diagnostic>,
    geometry: WijkGeometry,
}

impl Reader<'_> {
    fn read(&mut self, text: &str) {
        if text.len() > MAX_BYTES {
            let message = format!(
                "dit bestand is {} MB; een kaart van een wijk is hoogstens {} MB",
                text.len() / 1_000_000,
                MAX_BYTES / 1_000_000
            );
            self.error(None, message, "vereenvoudig de lijnen in QGIS (Vector > Geometrie > Vereenvoudigen) en exporteer opnieuw");
            return;
        }
        let collection: Collection = match serde_json::from_str(text) {
            Ok(collection) => collection,
            Err(e) => {
                let message = format!("dit is geen geldige GeoJSON: {}", json_reason(&e));
                self.error(
                    Some(e.line()),
                    message,
                    "exporteer de laag opnieuw uit QGIS als GeoJSON, of controleer de haken en komma's op deze regel",
                );
                return;
            }
        };
        if collection.kind.as_deref() != Some("FeatureCollection") {
            let found = collection.kind.as_deref().unwrap_or("geen type");
            let message = format!(
                "het bestand moet een FeatureCollection zijn (een lijst van objecten), maar het is: {found}"
            );
            self.error(Some(1), message, "begin het bestand met {\"type\": \"FeatureCollection\", \"features\": [ ... ]}; QGIS schrijft dat zo bij Exporteren > Objecten opslaan als > GeoJSON");
            return;
        }
        let Some(crs) = self.crs(collection.crs.as_ref()) else {
            return;
        };
        let features = collection.features.unwrap_or_default();
        let mut line = 1;
        let mut counted = 0;
        for (index, raw) in features.iter().enumerate() {
            let offset = (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
            let offset = offset.min(text.len());
            line += text[counted.min(offset)..offset].matches('\n').count();
            counted = offset;
            self.feature(index, line, raw.get(), crs);
        }
        self.check_boundary();
    }

    /// The coordinate system the `crs` member names (none means WGS84).
    fn crs(&mut self, crs: Option<&serde_json::Value>) -> Option<Crs> {
        let Some(crs) = crs.filter(|c| !c.is_null()) else {
            return Some(Crs::Wgs84);
        };
        let name = crs
            .pointer("/properties/name")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("");
        let digits: String = name.rsplit([':', '/']).next().unwrap_or("").to_string();
        match digits.as_str() {
            "28992" => Some(Crs::RdNew),
            "4326" | "CRS84" | "4258" => Some(Crs::Wgs84),
            _ => {
                let message =
                    format!("het coördinatenstelsel (crs) \"{name}\" kan niet worden gelezen");
                self.error(Some(1), message, "exporteer in RD New (EPSG:28992) of in WGS84 (EPSG:4326); het crs-lid is dan \"urn:ogc:def:crs:EPSG::28992\" of laat het weg voor WGS84");
                None
            }
        }
    }

    fn feature(&mut self, index: usize, line: usize, text: &str, crs: Crs) {
        let which = format!("object {} in de lijst features", index + 1);
        let feature: Feature = match serde_json::from_str(text) {
            Ok(feature) => feature,
            Err(e) => {
                let message = format!("{which} is geen geldig GeoJSON-object: {}", json_reason(&e));
                let hint = format!("een object ziet er zo uit: {FEATURE_EXAMPLE}");
                self.error(Some(line + e.line().saturating_sub(1)), message, &hint);
                return;
            }
        };
        let properties = feature.properties.as_ref();
        let street = properties.and_then(|p| p.get("street"));
        let is_wijk =
            properties.and_then(|p| p.get("wijk")) == Some(&serde_json::Value::Bool(true));
        let target = match (street, is_wijk) {
            (_, true) => Target::Boundary,
            (Some(serde_json::Value::String(name)), false) => match self.street_name(name) {
                Some(name) => Target::Street(name),
                None => {
                    self.unknown_street(line, name);
                    return;
                }
            },
            _ => {
                let message = format!(
                    "{which} noemt geen straat (properties.street) en is ook niet de grens van de wijk (properties.wijk = true)"
                );
                self.error(Some(line), message, "geef elk object een eigenschap \"street\" met de naam van de straat zoals in _index.md, of \"wijk\": true voor de grens; in QGIS: noem het veld met de straatnaam \"street\"");
                return;
            }
        };
        let Some(geometry) = feature.geometry else {
            self.empty(line, &which, &target);
            return;
        };
        let shape = match convert(&geometry.value, crs) {
            Ok(shape) => shape,
            Err(Problem::Kind(kind)) => {
                let allowed = match target {
                    Target::Boundary => "Polygon of MultiPolygon",
                    Target::Street(_) => "LineString, MultiLineString, Polygon of MultiPolygon",
                };
                let message = format!("{which} is een {kind}; hier kan alleen {allowed}");
                self.error(
                    Some(line),
                    message,
                    "teken straten als lijnen of vlakken en de wijk als vlak",
                );
                return;
            }
            Err(Problem::Short) => {
                let message = format!("{which} heeft een punt met maar één getal");
                self.error(
                    Some(line),
                    message,
                    "een punt is [lengtegraad, breedtegraad] of, in RD, [x, y]: twee getallen",
                );
                return;
            }
            Err(Problem::Outside(x, y)) => {
                self.outside(line, &which, crs, (x, y));
                return;
            }
        };
        if shape.is_empty() {
            self.empty(line, &which, &target);
            return;
        }
        match target {
            Target::Boundary if !shape.lines.is_empty() => {
                let message = format!("{which} is de grens van de wijk, maar is een lijn");
                self.error(
                    Some(line),
                    message,
                    "teken de grens als vlak (Polygon of MultiPolygon)",
                );
            }
            Target::Boundary => self.geometry.boundary.extend(shape.areas),
            Target::Street(name) => match self.shapes.get(&name) {
                Some(&at) => {
                    let known = &mut self.geometry.streets[at];
                    known.lines.extend(shape.lines);
                    known.areas.extend(shape.areas);
                }
                None => {
                    self.shapes
                        .insert(name.clone(), self.geometry.streets.len());
                    self.geometry.streets.push(StreetShape {
                        name,
                        lines: shape.lines,
                        areas: shape.areas,
                    });
                }
            },
        }
    }

    /// The wijk's own spelling of a street named in the file.
    fn street_name(&self, name: &str) -> Option<String> {
        let slug = slugify(name);
        self.by_slug.get(slug.as_str()).map(|name| name.to_string())
    }

    fn unknown_street(&mut self, line: usize, name: &str) {
        let names = self.streets.iter().map(|s| s.name.as_str());
        let hint = match crate::content::fields::did_you_mean(name, names) {
            Some(best) => format!(
                "bedoelt u \"{best}\"? Schrijf de naam zoals in de lijst streets in _index.md"
            ),
            None => {
                "zet de straat in de lijst streets in _index.md, of haal het object uit de kaart"
                    .into()
            }
        };
        let message = format!(
            "de kaart noemt de straat \"{name}\", maar die hoort niet bij deze wijk; de kaart tekent hem niet"
        );
        self.diagnostics
            .push(Diagnostic::warning("unknown-street", self.file, Some(line), message).note(hint));
    }

    fn empty(&mut self, line: usize, which: &str, target: &Target) {
        let what = match target {
            Target::Boundary => "de grens van de wijk".to_string(),
            Target::Street(name) => name.clone(),
        };
        let message = format!("{which} ({what}) heeft geen coördinaten; de kaart laat het weg");
        self.diagnostics.push(
            Diagnostic::warning("no-geometry", self.file, Some(line), message)
                .note("teken het object in QGIS opnieuw, of haal het uit de kaart"),
        );
    }

    fn outside(&mut self, line: usize, which: &str, crs: Crs, (x, y): (f64, f64)) {
        let message =
            format!("{which} ligt niet in Nederland: het punt [{x}, {y}] komt buiten het land uit");
        let hint = if crs == Crs::Wgs84 && looks_like_rd(x, y) {
            "dit lijken RD-coördinaten (meters, zoals [155000, 463000]); zet bovenaan het bestand: \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::28992\"}}, of exporteer in QGIS met CRS EPSG:4326"
        } else if crs == Crs::Wgs84 && inside(y, x) {
            SWAPPED
        } else if crs == Crs::RdNew {
            "het bestand zegt RD New (EPSG:28992), maar dit zijn geen RD-coördinaten; haal het crs-lid weg als de coördinaten graden zijn, of exporteer opnieuw in EPSG:28992"
        } else {
            "controleer in QGIS het coördinatenstelsel van de laag en exporteer in RD New (EPSG:28992) of WGS84 (EPSG:4326)"
        };
        self.diagnostics
            .push(Diagnostic::error("bad-geometry", self.file, Some(line), message).note(hint));
    }

    /// A self-intersecting boundary is still drawn (the map fills it
    /// even-odd), but the editor hears about it.
    fn check_boundary(&mut self) {
        if self.geometry.boundary.iter().all(|p| p.is_valid()) {
            return;
        }
        let message = "de grens van de wijk snijdt zichzelf (of heeft gaten die over de rand lopen); de kaart tekent hem toch, maar hij klopt waarschijnlijk niet";
        self.diagnostics.push(
            Diagnostic::warning("self-intersection", self.file, None, message)
                .note("herstel de grens in QGIS: Vector > Geometrie-gereedschap > Geometrie controleren, of Geometrieën repareren"),
        );
    }

    fn error(&mut self, line: Option<usize>, message: String, hint: &str) {
        self.diagnostics
            .push(Diagnostic::error("bad-geojson", self.file, line, message).note(hint));
    }
}

/// What a feature is drawn as.
enum Target {
    Boundary,
    Street(String),
}

/// Why a geometry cannot be used.
enum Problem {
    /// A geometry type a map cannot use here (`Point`, ...).
    Kind(&'static str),
    /// A position with fewer than two numbers.
    Short,
    /// A position (as written) outside the Netherlands after conversion.
    Outside(f64, f64),
}

/// Converts a GeoJSON geometry to WGS84 lines and areas, thinned.
fn convert(value: &GeometryValue, crs: Crs) -> Result<StreetShape, Problem> {
    let mut shape = StreetShape::default();
    match value {
        GeometryValue::LineString { coordinates } => {
            shape.lines.extend(line(coordinates, crs)?);
        }
        GeometryValue::MultiLineString { coordinates } => {
            for part in coordinates {
                shape.lines.extend(line(part, crs)?);
            }
        }
        GeometryValue::Polygon { coordinates } => shape.areas.extend(polygon(coordinates, crs)?),
        GeometryValue::MultiPolygon { coordinates } => {
            for part in coordinates {
                shape.areas.extend(polygon(part, crs)?);
            }
        }
        other => return Err(Problem::Kind(other.type_name())),
    }
    Ok(shape)
}

fn line(positions: &[Position], crs: Crs) -> Result<Option<LineString<f64>>, Problem> {
    let coords = thin(positions, crs)?;
    Ok((coords.len() >= 2).then(|| LineString::new(coords)))
}

fn polygon(rings: &[Vec<Position>], crs: Crs) -> Result<Option<Polygon<f64>>, Problem> {
    let mut rings = rings.iter();
    let Some(exterior) = rings.next() else {
        return Ok(None);
    };
    let exterior = thin(exterior, crs)?;
    if exterior.len() < 3 {
        return Ok(None);
    }
    let mut holes = Vec::new();
    for ring in rings {
        let ring = thin(ring, crs)?;
        if ring.len() >= 3 {
            holes.push(LineString::new(ring));
        }
    }
    Ok(Some(Polygon::new(LineString::new(exterior), holes)))
}

/// Converts positions to WGS84, drops points closer than [`MIN_STEP`] to the
/// one before, and keeps at most [`MAX_POINTS`] evenly spread: linear time,
/// however many points a GIS export holds.
fn thin(positions: &[Position], crs: Crs) -> Result<Vec<Coord<f64>>, Problem> {
    let mut coords: Vec<Coord<f64>> = Vec::with_capacity(positions.len().min(MAX_POINTS * 4));
    for position in positions {
        let &[x, y, ..] = position.as_slice() else {
            return Err(Problem::Short);
        };
        let (lon, lat) = match crs {
            Crs::Wgs84 => (x, y),
            Crs::RdNew => rd::rd_to_wgs84(x, y),
        };
        if !lon.is_finite() || !lat.is_finite() || !inside(lon, lat) {
            return Err(Problem::Outside(x, y));
        }
        let close = coords
            .last()
            .is_some_and(|c| (c.x - lon).abs() < MIN_STEP && (c.y - lat).abs() < MIN_STEP);
        if !close {
            coords.push(Coord { x: lon, y: lat });
        }
    }
    if coords.len() > MAX_POINTS {
        let step = coords.len().div_ceil(MAX_POINTS);
        let last = coords[coords.len() - 1];
        coords = coords.into_iter().step_by(step).collect();
        if coords.last() != Some(&last) {
            coords.push(last);
        }
    }
    Ok(coords)
}

const SWAPPED: &str = "lengte- en breedtegraad staan omgedraaid: eerst komt de lengtegraad (in Nederland ongeveer 3 tot 7), dan de breedtegraad (ongeveer 51 tot 53)";

/// Checks one WGS84 point (an event's `coordinates`); the error says how to mend it.
pub fn check_point(lon: f64, lat: f64) -> Result<(), &'static str> {
    if lon.is_finite() && lat.is_finite() && inside(lon, lat) {
        Ok(())
    } else if inside(lat, lon) {
        Err(SWAPPED)
    } else if looks_like_rd(lon, lat) {
        Err(
            "dit lijken RD-coördinaten (meters); schrijf de plek in graden (WGS84), zoals een kaartsite die laat zien",
        )
    } else {
        Err("schrijf de plek als [lengtegraad, breedtegraad] in graden (WGS84)")
    }
}

fn inside(lon: f64, lat: f64) -> bool {
    let (west, south, east, north) = NETHERLANDS;
    (west..=east).contains(&lon) && (south..=north).contains(&lat)
}

/// Numbers that look like RD metres rather than degrees.
fn looks_like_rd(x: f64, y: f64) -> bool {
    (-7_000.0..=300_000.0).contains(&x) && (289_000.0..=629_000.0).contains(&y)
}

/// A JSON parser's complaint in Dutch, with its own words as detail.
fn json_reason(e: &serde_json::Error) -> String {
    let what = match e.classify() {
        serde_json::error::Category::Syntax => "de haken, komma's of aanhalingstekens kloppen niet",
        serde_json::error::Category::Eof => "het bestand houdt midden in op",
        serde_json::error::Category::Data => "een onderdeel heeft niet de vorm die GeoJSON vraagt",
        serde_json::error::Category::Io => "het bestand kan niet worden gelezen",
    };
    format!("{what} (technisch: {e})")
}

#[cfg(test)]
#[path = "kaart_tests.rs"]
mod tests;
