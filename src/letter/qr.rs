//! The QR code of a street's page, as SVG: residents scan the letter to
//! reach the page that stays up to date.
//!
//! The `qrcode` crate encodes the data and lays out the modules; the mask
//! (the pattern laid over the data so a scanner reads it well) is chosen
//! here, and the SVG is written here. The crate scores the eight masks with
//! the standard's penalty rules at about 0.1 ms a mask, which made the QR
//! codes half of a site's build; [`penalty`] gives the same scores on a plain
//! grid some twenty times faster (a test holds it to the crate's choice), and
//! the SVG draws a row's run of dark modules as one rectangle (a third of the
//! crate's bytes).

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel, bits, ec};

/// The masks in the order the crate tries them (the first of equal scores wins).
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// The error correction level: up to 15 % of a crumpled letter's code may be lost.
const LEVEL: EcLevel = EcLevel::M;

/// Whether `url` fits in a QR code: the data encoding alone, without
/// drawing the code.
pub fn fits(url: &str) -> bool {
    bits::encode_auto(url.as_bytes(), LEVEL).is_ok()
}

/// The QR code of `url` as an SVG document without a fixed size (it fills
/// the box it is placed in), with a quiet zone of four modules, or `None`
/// when the URL is too long for a QR code. Each run of dark modules in a
/// row is one rectangle.
pub fn svg(url: &str) -> Option<String> {
    use std::fmt::Write;
    let (modules, width) = modules(url)?;
    let size = width + 2 * QUIET_ZONE;
    let mut image = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\"><rect x=\"0\" y=\"0\" width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\""
    );
    for (y, row) in modules.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            let run = row[x..].iter().take_while(|m| **m == Color::Dark).count();
            if run > 0 {
                let _ = write!(
                    image,
                    "M{} {}h{run}v1h-{run}z",
                    x + QUIET_ZONE,
                    y + QUIET_ZONE
                );
            }
            x += run.max(1);
        }
    }
    image.push_str("\"/></svg>");
    Some(image)
}

/// Light modules around the code, as the standard asks.
const QUIET_ZONE: usize = 4;

/// The modules of `url`'s QR code, row by row, and the code's width.
fn modules(url: &str) -> Option<(Vec<Color>, usize)> {
    let data = bits::encode_auto(url.as_bytes(), LEVEL).ok()?;
    let version = data.version();
    let (blocks, correction) = ec::construct_codewords(&data.into_bytes(), version, LEVEL).ok()?;
    let mut canvas = Canvas::new(version, LEVEL);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&blocks, &correction);
    let width = version.width() as usize;
    MASKS
        .iter()
        .map(|mask| {
            let mut masked = canvas.clone();
            masked.apply_mask(*mask);
            masked.into_colors()
        })
        .min_by_key(|modules| penalty(modules, width))
        .map(|modules| (modules, width))
}

/// The penalty of a masked code (ISO/IEC 18004, 7.8.3, as the crate counts
/// it): runs of five or more alike, 2x2 blocks alike, finder-like patterns
/// and the balance of dark and light.
fn penalty(modules: &[Color], width: usize) -> i64 {
    let dark = |x: usize, y: usize| modules[y * width + x] == Color::Dark;
    let row = |y: usize| -> Vec<bool> { (0..width).map(|x| dark(x, y)).collect() };
    let column = |x: usize| -> Vec<bool> { (0..width).map(|y| dark(x, y)).collect() };
    let mut score = 0;
    for line in (0..width).map(row).chain((0..width).map(column)) {
        score += runs(&line) + finder_like(&line);
    }
    for y in 0..width - 1 {
        for x in 0..width - 1 {
            let here = dark(x, y);
            if here == dark(x + 1, y) && here == dark(x, y + 1) && here == dark(x + 1, y + 1) {
                score += 3;
            }
        }
    }
    let dark_modules = modules.iter().filter(|m| **m == Color::Dark).count();
    let ratio = (dark_modules * 200 / modules.len()) as i64;
    score + (ratio - 100).abs()
}

/// 3 + N points for each run of 5 + N modules alike.
fn runs(line: &[bool]) -> i64 {
    let mut score = 0;
    let mut run = 0;
    for (i, module) in line.iter().enumerate() {
        if i > 0 && *module == line[i - 1] {
            run += 1;
        } else {
            run = 1;
        }
        let ends = line.get(i + 1) != Some(module);
        if ends && run >= 5 {
            score += run - 2;
        }
    }
    score
}

/// 40 points for each dark-light-dark-dark-dark-light-dark with four light
/// modules (or the edge) on one side at least; the three real finder
/// patterns count too, which is the same for every mask.
fn finder_like(line: &[bool]) -> i64 {
    const FINDER: [bool; 7] = [true, false, true, true, true, false, true];
    let light = |range: std::ops::Range<usize>| range.filter_map(|k| line.get(k)).all(|d| !d);
    (0..line.len().saturating_sub(6))
        .filter(|&j| line[j..j + 7] == FINDER)
        .filter(|&j| light(j.saturating_sub(4)..j) || light(j + 7..j + 11))
        .count() as i64
        * 40
}

#[cfg(test)]
mod tests {
    use super::*;
    use qrcode::QrCode;

    #[test]
    fn draws_a_scalable_svg() {
        let image = svg("https://wijken.proef.nl/tuinwijk-oost/straten/bloemstraat/").unwrap();
        assert!(image.starts_with(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 "
        ));
        let root = &image[..image.find('>').unwrap()];
        assert!(!root.contains("width="), "{root}");
        assert!(image.ends_with("\"/></svg>"));
    }

    #[test]
    fn the_svg_draws_every_dark_module_and_nothing_else() {
        let url = "https://wijken.proef.nl/tuinwijk-oost/straten/bloemstraat/";
        let (modules, width) = modules(url).unwrap();
        let image = svg(url).unwrap();
        let path = image
            .split(" d=\"")
            .nth(1)
            .unwrap()
            .trim_end_matches("\"/></svg>");
        let mut drawn = vec![Color::Light; width * width];
        for rect in path.split('z').filter(|r| !r.is_empty()) {
            // M{x} {y}h{run}v1h-{run}
            let numbers: Vec<usize> = rect
                .split(|c: char| !c.is_ascii_digit())
                .filter(|n| !n.is_empty())
                .map(|n| n.parse().unwrap())
                .collect();
            let [x, y, run, 1, back] = numbers[..] else {
                panic!("{rect}");
            };
            assert_eq!(run, back, "{rect}");
            for dx in 0..run {
                drawn[(y - QUIET_ZONE) * width + x - QUIET_ZONE + dx] = Color::Dark;
            }
        }
        assert!(drawn == modules);
        let size = width + 8;
        assert!(
            image.contains(&format!("viewBox=\"0 0 {size} {size}\"")),
            "{image}"
        );
    }

    #[test]
    fn a_url_too_long_for_a_code_has_none() {
        assert_eq!(svg(&"x".repeat(5000)), None);
        assert!(!fits(&"x".repeat(5000)));
    }

    #[test]
    fn fits_agrees_with_drawing_at_the_limit() {
        // Version 40 at level M holds 2,331 bytes.
        for len in [1, 100, 2331, 2332, 2400] {
            let url = "x".repeat(len);
            assert_eq!(fits(&url), svg(&url).is_some(), "{len}");
        }
    }

    #[test]
    fn chooses_the_mask_the_crate_chooses() {
        // Street addresses of many lengths (versions 2 to 14) and shapes.
        let urls = (0..400).map(|i| {
            let street = "abcdefghijklmnopqrstuvwxyz-".repeat(1 + i % 11);
            format!(
                "https://wijken.gemeente{i}.nl/wijk-{}/straten/{}/",
                i % 37,
                &street[..1 + (i * 7) % street.len()]
            )
        });
        for url in urls {
            let crate_code = QrCode::with_error_correction_level(url.as_bytes(), LEVEL).unwrap();
            let (modules, width) = modules(&url).unwrap();
            assert_eq!(width, crate_code.width(), "{url}");
            assert!(
                modules == crate_code.to_colors(),
                "another mask than the crate's for {url}"
            );
        }
    }
}
