//! The drawing of a wijk that every map of it shares: its geometry projected
//! onto the map's plane (a local equirectangular projection, exact enough at
//! the scale of a wijk), simplified until the drawing fits its byte budget,
//! written as SVG path data, with a place for each street's name.

use std::fmt::Write;

use geo::{Coord, LineString, Polygon, Simplify};

use crate::geo::{StreetShape, WijkGeometry};

/// The map's width in SVG units; its height follows the wijk's shape.
pub const WIDTH: f64 = 640.0;
const MIN_HEIGHT: f64 = 300.0;
const MAX_HEIGHT: f64 = 720.0;
const MARGIN: f64 = 18.0;
/// The first simplification tolerance, in SVG units (under a pixel).
const FIRST_TOLERANCE: f64 = 0.35;

/// The shared drawing of one wijk.
#[derive(Debug, Clone)]
pub struct Base {
    pub height: f64,
    /// Path data of the boundary (empty when the wijk has none).
    pub boundary: String,
    /// Streets in the order of the wijk's geometry.
    pub streets: Vec<DrawnStreet>,
}

/// One street as drawn.
#[derive(Debug, Clone)]
pub struct DrawnStreet {
    pub name: String,
    /// Path data of its lines (empty when it has only areas).
    pub lines: String,
    /// Path data of its areas.
    pub areas: String,
    pub label: Option<Label>,
}

/// Where a street's name goes: its centre and angle in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Label {
    pub x: f64,
    pub y: f64,
    pub angle: f64,
    /// The length along the street that the name may take.
    pub room: f64,
}

/// Projects lon/lat onto the map's plane.
struct Projection {
    west: f64,
    north: f64,
    /// SVG units per degree of longitude and of latitude.
    per_lon: f64,
    per_lat: f64,
    offset_x: f64,
    offset_y: f64,
}

impl Projection {
    fn fit(geometry: &WijkGeometry) -> (Projection, f64) {
        let (mut west, mut south, mut east, mut north) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for c in all_coords(geometry) {
            west = west.min(c.x);
            east = east.max(c.x);
            south = south.min(c.y);
            north = north.max(c.y);
        }
        if west > east {
            (west, south, east, north) = (0.0, 0.0, 0.0, 0.0);
        }
        let shrink = ((south + north) / 2.0).to_radians().cos();
        // A wijk of one point still gets a map some 200 m across.
        let span_x = ((east - west) * shrink).max(0.002);
        let span_y = (north - south).max(0.002);
        let inner = WIDTH - 2.0 * MARGIN;
        let height = (inner * span_y / span_x + 2.0 * MARGIN).clamp(MIN_HEIGHT, MAX_HEIGHT);
        let scale = (inner / span_x).min((height - 2.0 * MARGIN) / span_y);
        let projection = Projection {
            west,
            north,
            per_lon: scale * shrink,
            per_lat: scale,
            offset_x: (WIDTH - scale * (east - west) * shrink) / 2.0,
            offset_y: (height - scale * (north - south)) / 2.0,
        };
        (projection, height)
    }

    fn point(&self, c: Coord<f64>) -> Coord<f64> {
        Coord {
            x: self.offset_x + (c.x - self.west) * self.per_lon,
            y: self.offset_y + (self.north - c.y) * self.per_lat,
        }
    }

    fn line(&self, line: &LineString<f64>) -> LineString<f64> {
        line.0.iter().map(|c| self.point(*c)).collect()
    }

    fn polygon(&self, polygon: &Polygon<f64>) -> Polygon<f64> {
        Polygon::new(
            self.line(polygon.exterior()),
            polygon.interiors().iter().map(|r| self.line(r)).collect(),
        )
    }
}

fn all_coords(geometry: &WijkGeometry) -> impl Iterator<Item = Coord<f64>> + '_ {
    let polygons = geometry
        .boundary
        .iter()
        .chain(geometry.streets.iter().flat_map(|s| s.areas.iter()));
    let rings = polygons.flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()));
    let lines = geometry.streets.iter().flat_map(|s| s.lines.iter());
    rings.chain(lines).flat_map(|l| l.0.iter().copied())
}

/// The wijk projected onto the map's plane.
struct Projected {
    boundary: Vec<Polygon<f64>>,
    streets: Vec<StreetShape>,
}

impl Projected {
    fn simplify(&self, tolerance: f64) -> Projected {
        Projected {
            boundary: self
                .boundary
                .iter()
                .map(|p| p.simplify(tolerance))
                .collect(),
            streets: self
                .streets
                .iter()
                .map(|s| StreetShape {
                    name: s.name.clone(),
                    lines: s.lines.iter().map(|l| l.simplify(tolerance)).collect(),
                    areas: s.areas.iter().map(|p| p.simplify(tolerance)).collect(),
                })
                .collect(),
        }
    }

    /// Writes the path data and places the names.
    fn draw(&self, height: f64) -> Base {
        let mut boundary = String::new();
        for polygon in &self.boundary {
            push_polygon(&mut boundary, polygon);
        }
        let streets = self
            .streets
            .iter()
            .map(|s| {
                let mut drawn = DrawnStreet {
                    name: s.name.clone(),
                    lines: String::new(),
                    areas: String::new(),
                    label: label(&s.lines, &s.areas),
                };
                for line in &s.lines {
                    push_line(&mut drawn.lines, line, false);
                }
                for polygon in &s.areas {
                    push_polygon(&mut drawn.areas, polygon);
                }
                drawn
            })
            .collect();
        Base {
            height,
            boundary,
            streets,
        }
    }
}

impl Base {
    /// Draws the wijk so that its path data stays within `budget` bytes:
    /// each try simplifies twice as hard as the one before.
    pub fn new(geometry: &WijkGeometry, budget: usize) -> Base {
        let (projection, height) = Projection::fit(geometry);
        let projected = Projected {
            boundary: geometry
                .boundary
                .iter()
                .map(|p| projection.polygon(p))
                .collect(),
            streets: geometry
                .streets
                .iter()
                .map(|s| StreetShape {
                    name: s.name.clone(),
                    lines: s.lines.iter().map(|l| projection.line(l)).collect(),
                    areas: s.areas.iter().map(|p| projection.polygon(p)).collect(),
                })
                .collect(),
        };
        // Each try simplifies the last one's result twice as hard: cheap,
        // however many points the file had.
        let mut current = projected;
        let mut tolerance = FIRST_TOLERANCE;
        loop {
            current = current.simplify(tolerance);
            let base = current.draw(height);
            if base.bytes() <= budget || tolerance > WIDTH {
                return base;
            }
            tolerance *= 2.0;
        }
    }

    /// The bytes of path data.
    pub fn bytes(&self) -> usize {
        self.boundary.len()
            + self
                .streets
                .iter()
                .map(|s| s.lines.len() + s.areas.len())
                .sum::<usize>()
    }
}

/// The name goes on the street's longest straight stretch, or in the middle
/// of its largest area.
fn label(lines: &[LineString<f64>], areas: &[Polygon<f64>]) -> Option<Label> {
    let longest = lines
        .iter()
        .flat_map(|l| l.lines())
        .map(|segment| (segment.dx().hypot(segment.dy()), segment))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((room, segment)) = longest {
        let mut angle = segment.dy().atan2(segment.dx()).to_degrees();
        if angle > 90.0 {
            angle -= 180.0;
        } else if angle <= -90.0 {
            angle += 180.0;
        }
        let middle = (segment.start + segment.end) / 2.0;
        return Some(Label {
            x: middle.x,
            y: middle.y,
            angle,
            room,
        });
    }
    let ring = areas.first()?.exterior();
    let (mut min, mut max) = (
        Coord {
            x: f64::MAX,
            y: f64::MAX,
        },
        Coord {
            x: f64::MIN,
            y: f64::MIN,
        },
    );
    for c in &ring.0 {
        min = Coord {
            x: min.x.min(c.x),
            y: min.y.min(c.y),
        };
        max = Coord {
            x: max.x.max(c.x),
            y: max.y.max(c.y),
        };
    }
    (min.x <= max.x).then(|| Label {
        x: (min.x + max.x) / 2.0,
        y: (min.y + max.y) / 2.0,
        angle: 0.0,
        room: max.x - min.x,
    })
}

fn push_polygon(d: &mut String, polygon: &Polygon<f64>) {
    push_line(d, polygon.exterior(), true);
    for ring in polygon.interiors() {
        push_line(d, ring, true);
    }
}

/// Appends `M x y L x y x y ...` (and `Z` for a ring), at a tenth of a unit.
fn push_line(d: &mut String, line: &LineString<f64>, closed: bool) {
    let mut points = line.0.iter();
    if closed && line.0.len() > 1 {
        points = line.0[..line.0.len() - 1].iter();
    }
    for (i, c) in points.enumerate() {
        d.push(match i {
            0 => 'M',
            1 => 'L',
            _ => ' ',
        });
        push_number(d, c.x);
        d.push(' ');
        push_number(d, c.y);
    }
    if closed && !line.0.is_empty() {
        d.push('Z');
    }
}

/// A number rounded to a tenth, without a trailing `.0`.
pub fn push_number(d: &mut String, value: f64) {
    let tenths = (value * 10.0).round() as i64;
    let (whole, tenth) = (tenths / 10, (tenths % 10).abs());
    if tenths < 0 && whole == 0 {
        d.push('-');
    }
    let _ = write!(d, "{whole}");
    if tenth != 0 {
        let _ = write!(d, ".{tenth}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn street(name: &str, points: &[(f64, f64)]) -> StreetShape {
        StreetShape {
            name: name.into(),
            lines: vec![points.iter().map(|&(x, y)| Coord { x, y }).collect()],
            areas: Vec::new(),
        }
    }

    #[test]
    fn numbers_are_written_short() {
        let mut d = String::new();
        for value in [1.0, 1.04, 1.25, -0.3, -2.0, 640.0] {
            push_number(&mut d, value);
            d.push(',');
        }
        assert_eq!(d, "1,1,1.3,-0.3,-2,640,");
    }

    #[test]
    fn a_wijk_fills_the_width_and_north_is_up() {
        let geometry = WijkGeometry {
            streets: vec![street("A", &[(5.38, 52.15), (5.40, 52.16)])],
            ..WijkGeometry::default()
        };
        let base = Base::new(&geometry, 40_000);
        assert_eq!(base.streets[0].lines, "M18 510.2L622 18");
        assert_eq!(base.height.round(), 528.0);
        let label = base.streets[0].label.unwrap();
        assert!(label.angle < 0.0 && label.angle > -90.0, "{label:?}");
    }

    #[test]
    fn simplifies_until_the_budget_is_met() {
        let wiggle: Vec<(f64, f64)> = (0..500)
            .map(|i| {
                (
                    5.38 + f64::from(i) * 0.00001,
                    52.15 + f64::from(i % 2) * 0.0002,
                )
            })
            .collect();
        let geometry = WijkGeometry {
            streets: (0..40).map(|i| street(&format!("S{i}"), &wiggle)).collect(),
            ..WijkGeometry::default()
        };
        let base = Base::new(&geometry, 20_000);
        assert!(base.bytes() <= 20_000, "{}", base.bytes());
    }
}
