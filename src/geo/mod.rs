//! Geometry of a wijk and the maps drawn from it, with no tile server.
//!
//! [`kaart`] reads `content/<wijk>/kaart.geojson` (WGS84 or RD New, see
//! [`rd`]) into a [`WijkGeometry`] in WGS84; [`map`] draws the inline SVG maps
//! of the pages and the letters; [`werk`] writes `werk.geojson`.

pub mod kaart;
pub mod map;
pub mod rd;
pub mod werk;

use std::collections::HashMap;
use std::sync::OnceLock;

use geo::{LineString, Polygon};

/// The file a wijk's geometry is read from, inside its folder.
pub const FILE: &str = "kaart.geojson";

/// A wijk's geometry in WGS84 longitude/latitude.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WijkGeometry {
    /// The file it came from, relative to the site root.
    pub file: String,
    /// The wijk's boundary (empty when the file has none).
    pub boundary: Vec<Polygon<f64>>,
    /// Streets with geometry, by the street's name as the wijk writes it.
    pub streets: Vec<StreetShape>,
    /// Where each street is in `streets`, made at the first look-up (a wijk
    /// of thousands of streets looks each one up on every page).
    pub index: OnceLock<HashMap<String, usize>>,
}

/// The geometry of one street: centre lines, areas, or both.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StreetShape {
    pub name: String,
    pub lines: Vec<LineString<f64>>,
    pub areas: Vec<Polygon<f64>>,
}

impl WijkGeometry {
    /// The shape of the street called `name`, if it has one.
    pub fn street(&self, name: &str) -> Option<&StreetShape> {
        let index = self.index.get_or_init(|| {
            let mut index = HashMap::with_capacity(self.streets.len());
            for (at, street) in self.streets.iter().enumerate() {
                index.entry(street.name.clone()).or_insert(at);
            }
            index
        });
        index.get(name).map(|&at| &self.streets[at])
    }
}

impl StreetShape {
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty() && self.areas.is_empty()
    }
}
