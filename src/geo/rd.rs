//! The Dutch national grid (Rijksdriehoeksstelsel, RD New, EPSG:28992) to
//! WGS84 longitude/latitude and back.
//!
//! The approximation polynomials of Schreutelkamp and Strang van Hees
//! ("Benaderingsformules voor de transformatie tussen RD- en
//! WGS84-kaartcoördinaten", 2001). Within the Netherlands they agree with the
//! official RDNAPTRANS™ transformation to well within a metre (the tests
//! check the RDNAPTRANS™ validation points), which is far finer than a map of
//! a wijk can show, and they need no correction grid.

/// The origin of the grid: the Onze Lieve Vrouwetoren in Amersfoort.
const X0: f64 = 155_000.0;
const Y0: f64 = 463_000.0;
const LAT0: f64 = 52.155_174_40;
const LON0: f64 = 5.387_206_21;

/// Latitude terms `(p, q, K)`: K × dX^p × dY^q, in arc seconds.
const K: [(i32, i32, f64); 11] = [
    (0, 1, 3235.65389),
    (2, 0, -32.58297),
    (0, 2, -0.24750),
    (2, 1, -0.84978),
    (0, 3, -0.06550),
    (2, 2, -0.01709),
    (1, 0, -0.00738),
    (4, 0, 0.00530),
    (2, 3, -0.00039),
    (4, 1, 0.00033),
    (1, 1, -0.00012),
];

/// Longitude terms `(p, q, L)`: L × dX^p × dY^q, in arc seconds.
const L: [(i32, i32, f64); 12] = [
    (1, 0, 5260.52916),
    (1, 1, 105.94684),
    (1, 2, 2.45656),
    (3, 0, -0.81885),
    (1, 3, 0.05594),
    (3, 1, -0.05607),
    (0, 1, 0.01199),
    (3, 2, -0.00256),
    (1, 4, 0.00128),
    (0, 2, 0.00022),
    (2, 0, -0.00022),
    (5, 0, 0.00026),
];

/// RD x terms `(p, q, R)`: R × dLat^p × dLon^q, in metres.
const R: [(i32, i32, f64); 9] = [
    (0, 1, 190_094.945),
    (1, 1, -11_832.228),
    (2, 1, -114.221),
    (0, 3, -32.391),
    (1, 0, -0.705),
    (3, 1, -2.340),
    (1, 3, -0.608),
    (0, 2, -0.008),
    (2, 3, 0.148),
];

/// RD y terms `(p, q, S)`: S × dLat^p × dLon^q, in metres.
const S: [(i32, i32, f64); 10] = [
    (1, 0, 309_056.544),
    (0, 2, 3638.893),
    (2, 0, 73.077),
    (1, 2, -157.984),
    (3, 0, 59.788),
    (0, 1, 0.433),
    (2, 2, -6.439),
    (1, 1, -0.032),
    (0, 4, 0.092),
    (1, 4, -0.054),
];

fn series(terms: &[(i32, i32, f64)], a: f64, b: f64) -> f64 {
    terms
        .iter()
        .map(|&(p, q, c)| c * a.powi(p) * b.powi(q))
        .sum()
}

/// RD New `(x, y)` in metres to WGS84 `(lon, lat)` in degrees.
pub fn rd_to_wgs84(x: f64, y: f64) -> (f64, f64) {
    let (dx, dy) = ((x - X0) * 1e-5, (y - Y0) * 1e-5);
    let lat = LAT0 + series(&K, dx, dy) / 3600.0;
    let lon = LON0 + series(&L, dx, dy) / 3600.0;
    (lon, lat)
}

/// WGS84 `(lon, lat)` in degrees to RD New `(x, y)` in metres.
pub fn wgs84_to_rd(lon: f64, lat: f64) -> (f64, f64) {
    let (dlat, dlon) = (0.36 * (lat - LAT0), 0.36 * (lon - LON0));
    (X0 + series(&R, dlat, dlon), Y0 + series(&S, dlat, dlon))
}

/// The distance in metres between two nearby WGS84 points (equirectangular;
/// exact enough over a few kilometres).
pub fn metres_between(a: (f64, f64), b: (f64, f64)) -> f64 {
    const EARTH: f64 = 6_371_008.8;
    let lat = ((a.1 + b.1) / 2.0).to_radians();
    let dx = (b.0 - a.0).to_radians() * lat.cos() * EARTH;
    let dy = (b.1 - a.1).to_radians() * EARTH;
    dx.hypot(dy)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The RDNAPTRANS™ 2018 validation points inside the Netherlands:
    /// name, RD x, RD y, latitude, longitude (ETRS89, which equals WGS84 at
    /// the scale of a street map).
    const REFERENCE: [(&str, f64, f64, f64, f64); 6] = [
        (
            "Texel",
            117_380.12,
            575_040.34,
            53.160_753_042,
            4.824_761_912,
        ),
        (
            "Noord-Groningen",
            247_380.56,
            604_580.78,
            53.419_482_050,
            6.776_726_674,
        ),
        (
            "Amersfoort",
            155_000.0,
            463_000.0,
            52.155_172_897,
            5.387_203_657,
        ),
        (
            "Zeeuws-Vlaanderen",
            16_460.91,
            377_380.23,
            51.368_607_152,
            3.397_588_595,
        ),
        (
            "Zuid-Limburg",
            182_260.45,
            311_480.67,
            50.792_584_916,
            5.773_795_548,
        ),
        (
            "Maasvlakte",
            64_640.89,
            440_700.01,
            51.947_393_898,
            4.072_887_101,
        ),
    ];

    #[test]
    fn amersfoort_origin_is_52_15517_n_5_38721_e() {
        let (lon, lat) = rd_to_wgs84(155_000.0, 463_000.0);
        assert!((lat - 52.15517).abs() < 0.000_01, "{lat}");
        assert!((lon - 5.38721).abs() < 0.000_01, "{lon}");
    }

    #[test]
    fn rd_to_wgs84_within_a_metre_of_rdnaptrans() {
        for (name, x, y, lat, lon) in REFERENCE {
            let got = rd_to_wgs84(x, y);
            let off = metres_between(got, (lon, lat));
            assert!(off < 1.0, "{name}: {off:.3} m off ({got:?})");
        }
    }

    #[test]
    fn wgs84_to_rd_within_a_metre_of_rdnaptrans() {
        for (name, x, y, lat, lon) in REFERENCE {
            let (gx, gy) = wgs84_to_rd(lon, lat);
            let off = (gx - x).hypot(gy - y);
            assert!(off < 1.0, "{name}: {off:.3} m off ({gx:.2}, {gy:.2})");
        }
    }

    #[test]
    fn there_and_back_again_within_a_metre() {
        for x in (20_000..=270_000).step_by(25_000) {
            for y in (310_000..=610_000).step_by(25_000) {
                let (lon, lat) = rd_to_wgs84(f64::from(x), f64::from(y));
                let (bx, by) = wgs84_to_rd(lon, lat);
                let off = (bx - f64::from(x)).hypot(by - f64::from(y));
                assert!(off < 1.0, "{x},{y}: {off:.3} m");
            }
        }
    }
}
