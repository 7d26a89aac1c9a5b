//! The QR code of a street's page, as SVG: residents scan the letter to
//! reach the page that stays up to date.
//!
//! The `qrcode` crate encodes the data and lays out the modules; the mask
//! (the pattern laid over the data so a scanner reads it well) is chosen
//! here, and the SVG is written here. The crate scores the eight masks with
//! the standard's penalty rules at about 0.1 ms a mask, which made the QR
//! codes half of a site's build; here the code is masked and scored as bits
//! ([`Bits`]: a row or column is one number), which gives the same mask (tests
//! hold it to the crate's choice), and the SVG draws a row's run of dark
//! modules as one rectangle (a third of the crate's bytes).

use qrcode::canvas::{Canvas, MaskPattern, Module};
use qrcode::{Color, EcLevel, Version, bits, ec};

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
    let (modules, width) = modules(url)?;
    let size = width + 2 * QUIET_ZONE;
    let mut image = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\"><rect x=\"0\" y=\"0\" width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\""
    );
    image.reserve(width * width);
    for (y, row) in modules.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            let run = row[x..].iter().take_while(|m| **m == Color::Dark).count();
            if run > 0 {
                // M{x} {y}h{run}v1h-{run}z
                image.push('M');
                push_number(&mut image, x + QUIET_ZONE);
                image.push(' ');
                push_number(&mut image, y + QUIET_ZONE);
                image.push('h');
                push_number(&mut image, run);
                image.push_str("v1h-");
                push_number(&mut image, run);
                image.push('z');
            }
            x += run.max(1);
        }
    }
    image.push_str("\"/></svg>");
    Some(image)
}

/// Appends `n` in decimal digits, with `itoa` rather than the formatting
/// machinery (a code writes some five hundred rectangles of four numbers).
fn push_number(out: &mut String, n: usize) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// Light modules around the code, as the standard asks.
const QUIET_ZONE: usize = 4;

/// The modules of `url`'s QR code, row by row, and the code's width.
///
/// The data is drawn once. A code up to 128 modules wide (every street
/// address) is then masked as bits: the masks leave the function patterns
/// as they are and invert a data module where the mask says so, so the
/// masked code is the masked code of no data (the function patterns, the
/// format information of that mask and the mask's own pattern; made once per
/// version, see [`masked_empty`]) with the dark data modules inverted.
/// Wider codes are masked by the crate, module by module.
fn modules(url: &str) -> Option<(Vec<Color>, usize)> {
    let data = bits::encode_auto(url.as_bytes(), LEVEL).ok()?;
    let version = data.version();
    let (blocks, correction) = ec::construct_codewords(&data.into_bytes(), version, LEVEL).ok()?;
    let mut canvas = Canvas::new(version, LEVEL);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&blocks, &correction);
    let width = version.width() as usize;
    if width > 128 {
        return MASKS
            .iter()
            .map(|mask| {
                let mut masked = canvas.clone();
                masked.apply_mask(*mask);
                masked.into_colors()
            })
            .min_by_key(|modules| {
                let dark: Vec<bool> = modules.iter().map(|m| *m == Color::Dark).collect();
                penalty_by_modules(&dark, width)
                    + balance(dark.iter().filter(|d| **d).count(), width)
            })
            .map(|modules| (modules, width));
    }
    let dark_data = Bits::of(width, |x, y| {
        canvas.get(x as i16, y as i16) == Module::Unmasked(Color::Dark)
    });
    let best = masked_empty(version, width)
        .iter()
        .map(|empty| empty.xor(&dark_data))
        .min_by_key(|code| code.penalty(width))?;
    let modules = (0..width * width)
        .map(|i| match best.rows[i / width] >> (i % width) & 1 {
            1 => Color::Dark,
            _ => Color::Light,
        })
        .collect();
    Some((modules, width))
}

/// A code's modules as bits: bit `x` of `rows[y]` and bit `y` of
/// `columns[x]` are module (x, y), 1 for dark.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Bits {
    rows: Vec<u128>,
    columns: Vec<u128>,
}

impl Bits {
    /// The bits of a code `width` modules wide (at most 128).
    fn of(width: usize, dark: impl Fn(usize, usize) -> bool) -> Bits {
        // Built from the last module back, a shift by one per module.
        let mut rows = vec![0u128; width];
        let mut columns = vec![0u128; width];
        for y in (0..width).rev() {
            for x in (0..width).rev() {
                let d = u128::from(dark(x, y));
                rows[y] = rows[y] << 1 | d;
                columns[x] = columns[x] << 1 | d;
            }
        }
        Bits { rows, columns }
    }

    fn xor(&self, other: &Bits) -> Bits {
        let xor = |a: &[u128], b: &[u128]| a.iter().zip(b).map(|(a, b)| a ^ b).collect();
        Bits {
            rows: xor(&self.rows, &other.rows),
            columns: xor(&self.columns, &other.columns),
        }
    }

    /// The penalty of the masked code (ISO/IEC 18004, 7.8.3, as the crate
    /// counts it): runs of five or more alike, 2x2 blocks alike,
    /// finder-like patterns and the balance of dark and light.
    fn penalty(&self, width: usize) -> i64 {
        let dark = self.rows.iter().map(|r| r.count_ones() as usize).sum();
        penalty_by_rows(&self.rows, &self.columns, width) + balance(dark, width)
    }
}

/// For each mask, in [`MASKS`] order, the code of `version` with no data
/// masked: made once per version and kept (a site's street addresses have a
/// few lengths).
fn masked_empty(version: Version, width: usize) -> std::sync::Arc<Vec<Bits>> {
    use std::sync::{Arc, Mutex};
    static MADE: Mutex<Vec<(Version, Arc<Vec<Bits>>)>> = Mutex::new(Vec::new());
    let mut made = MADE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, masked)) = made.iter().find(|(v, _)| *v == version) {
        return Arc::clone(masked);
    }
    let masked: Arc<Vec<Bits>> = Arc::new(
        MASKS
            .iter()
            .map(|mask| {
                let mut canvas = Canvas::new(version, LEVEL);
                canvas.draw_all_functional_patterns();
                canvas.apply_mask(*mask);
                Bits::of(width, |x, y| canvas.get(x as i16, y as i16).is_dark())
            })
            .collect(),
    );
    made.push((version, Arc::clone(&masked)));
    masked
}

/// The penalty for the share of dark modules: 10 points for each 5 % away
/// from half.
fn balance(dark: usize, width: usize) -> i64 {
    let ratio = (dark * 200 / (width * width)) as i64;
    (ratio - 100).abs()
}

/// The rules of [`Bits::penalty`] but the balance, with each row and
/// column as the bits of one number: a handful of shifts and bit counts a
/// row, and no branches on the modules.
fn penalty_by_rows(rows: &[u128], columns: &[u128], width: usize) -> i64 {
    let within = |n: usize| {
        if n >= 128 {
            u128::MAX
        } else {
            (1u128 << n) - 1
        }
    };
    let line = |bits: u128| -> i64 {
        // Bit x of `same`: modules x and x + 1 alike. A run of 5 + N alike
        // is 4 + N such bits in a row, worth 3 + N points: one point for
        // each place four of them start, and two more for each run.
        let same = !(bits ^ (bits >> 1)) & within(width - 1);
        let four = same & (same >> 1) & (same >> 2) & (same >> 3);
        let runs = four.count_ones() + 2 * (four & !(four << 1)).count_ones();
        // Dark-light-dark-dark-dark-light-dark starting at bit j, with the
        // four modules before (the edge is light) or after it all light.
        let light = !bits;
        let finder = bits
            & (light >> 1)
            & (bits >> 2)
            & (bits >> 3)
            & (bits >> 4)
            & (light >> 5)
            & (bits >> 6)
            & within(width.saturating_sub(6));
        let dark_before = (bits << 1) | (bits << 2) | (bits << 3) | (bits << 4);
        let dark_after = (bits >> 7) | (bits >> 8) | (bits >> 9) | (bits >> 10);
        let finders = (finder & !(dark_before & dark_after)).count_ones();
        i64::from(runs) + 40 * i64::from(finders)
    };
    let blocks: u32 = rows
        .windows(2)
        .map(|pair| {
            let (top, bottom) = (pair[0], pair[1]);
            let alike = !(top ^ (top >> 1)) & !(bottom ^ (bottom >> 1)) & !(top ^ bottom);
            (alike & within(width - 1)).count_ones()
        })
        .sum();
    rows.iter()
        .chain(columns)
        .map(|bits| line(*bits))
        .sum::<i64>()
        + 3 * i64::from(blocks)
}

/// The rules of [`penalty_by_rows`] for codes of any width, module by
/// module.
fn penalty_by_modules(dark: &[bool], width: usize) -> i64 {
    let at = |x: usize, y: usize| dark[y * width + x];
    let mut score = 0;
    for y in 0..width {
        score += line_penalty((0..width).map(|x| at(x, y)));
    }
    for x in 0..width {
        score += line_penalty((0..width).map(|y| at(x, y)));
    }
    for y in 0..width - 1 {
        let (row, next) = (
            &dark[y * width..][..width],
            &dark[(y + 1) * width..][..width],
        );
        for x in 0..width - 1 {
            let here = row[x];
            if here == row[x + 1] && here == next[x] && here == next[x + 1] {
                score += 3;
            }
        }
    }
    score
}

/// The penalty of one row or column: 3 + N points for each run of 5 + N
/// modules alike, and 40 points for each dark-light-dark-dark-dark-light-dark
/// with four light modules (or the edge) on one side at least (the three
/// real finder patterns count too, which is the same for every mask).
///
/// One pass: `window` holds the last 15 modules as bits (1 = dark, the
/// newest lowest), light beyond both edges; when module `i` comes in, a
/// pattern starting at `i - 10` sits in bits 10..4, the four modules before
/// it in bits 14..11 and the four after it in bits 3..0. The pattern starts
/// and ends dark, so it never matches the light beyond an edge.
fn line_penalty(line: impl Iterator<Item = bool>) -> i64 {
    const FINDER: u32 = 0b101_1101;
    let finder = |window: u32| {
        (window >> 4) & 0x7F == FINDER && ((window >> 11) & 0xF == 0 || window & 0xF == 0)
    };
    let (mut score, mut run, mut last, mut window) = (0, 0, None, 0u32);
    let runs_end = |run: i64| if run >= 5 { run - 2 } else { 0 };
    for module in line {
        if last == Some(module) {
            run += 1;
        } else {
            score += runs_end(run);
            (run, last) = (1, Some(module));
        }
        window = (window << 1 | u32::from(module)) & 0x7FFF;
        score += 40 * i64::from(finder(window));
    }
    score += runs_end(run);
    for _ in 0..4 {
        window = (window << 1) & 0x7FFF;
        score += 40 * i64::from(finder(window));
    }
    score
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
    fn numbers_are_written_in_decimal_digits() {
        for n in [0, 7, 10, 99, 100, 181, 4096, usize::MAX] {
            let mut out = String::from("x");
            push_number(&mut out, n);
            assert_eq!(out, format!("x{n}"));
        }
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

    /// The penalty of a line as the standard words it, module by module.
    fn plain_line_penalty(line: &[bool]) -> i64 {
        let mut score = 0;
        let mut run = 0;
        for (i, module) in line.iter().enumerate() {
            run = if i > 0 && *module == line[i - 1] {
                run + 1
            } else {
                1
            };
            if line.get(i + 1) != Some(module) && run >= 5 {
                score += run - 2;
            }
        }
        const FINDER: [bool; 7] = [true, false, true, true, true, false, true];
        let light = |range: std::ops::Range<usize>| range.filter_map(|k| line.get(k)).all(|d| !d);
        let finders = (0..line.len().saturating_sub(6))
            .filter(|&j| line[j..j + 7] == FINDER)
            .filter(|&j| light(j.saturating_sub(4)..j) || light(j + 7..j + 11))
            .count() as i64;
        score + 40 * finders
    }

    #[test]
    fn a_line_scores_as_the_standard_words_it() {
        let finder = [true, false, true, true, true, false, true];
        let mut lines: Vec<Vec<bool>> = vec![
            finder.to_vec(),
            [&[false; 4][..], &finder, &[true]].concat(),
            [&[true][..], &finder, &[false; 4]].concat(),
            [&[true][..], &finder, &[false, false, false, true]].concat(),
            [&[true; 9][..], &finder, &finder, &[false; 12]].concat(),
            vec![false; 41],
        ];
        // Pseudo-random lines of many widths, with long runs and patterns.
        let mut seed = 20261202u64;
        for width in 7..120 {
            let line = (0..width)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (seed >> 61) < 3
                })
                .collect();
            lines.push(line);
        }
        for line in lines {
            assert_eq!(
                line_penalty(line.iter().copied()),
                plain_line_penalty(&line),
                "{line:?}"
            );
        }
    }

    #[test]
    fn a_code_scores_the_same_by_rows_as_module_by_module() {
        let mut seed = 7u64;
        for width in (21..=128).step_by(3) {
            for dark_in_eight in [1, 3, 4, 6] {
                let dark: Vec<bool> = (0..width * width)
                    .map(|_| {
                        seed = seed
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        (seed >> 61) < dark_in_eight
                    })
                    .collect();
                let bits = Bits::of(width, |x, y| dark[y * width + x]);
                assert_eq!(
                    penalty_by_rows(&bits.rows, &bits.columns, width),
                    penalty_by_modules(&dark, width),
                    "width {width}"
                );
            }
        }
    }

    #[test]
    fn every_mask_as_bits_is_the_crates_masked_code() {
        // Versions 1 to 27 (21 to 125 modules wide).
        for len in [5, 40, 120, 300, 700, 1000] {
            let url = "https://wijken.proef.nl/".to_string() + &"s".repeat(len);
            let data = bits::encode_auto(url.as_bytes(), LEVEL).unwrap();
            let version = data.version();
            let (blocks, correction) =
                ec::construct_codewords(&data.into_bytes(), version, LEVEL).unwrap();
            let mut canvas = Canvas::new(version, LEVEL);
            canvas.draw_all_functional_patterns();
            canvas.draw_data(&blocks, &correction);
            let width = version.width() as usize;
            let dark_data = Bits::of(width, |x, y| {
                canvas.get(x as i16, y as i16) == Module::Unmasked(Color::Dark)
            });
            for (mask, empty) in MASKS.iter().zip(masked_empty(version, width).iter()) {
                let mut masked = canvas.clone();
                masked.apply_mask(*mask);
                let colors = masked.into_colors();
                let by_crate = Bits::of(width, |x, y| colors[y * width + x] == Color::Dark);
                assert!(empty.xor(&dark_data) == by_crate, "{len} {mask:?}");
            }
        }
    }

    #[test]
    fn a_code_over_128_modules_wide_gets_the_crates_mask_too() {
        let url = "https://wijken.proef.nl/".to_string() + &"straat-".repeat(220);
        let crate_code = QrCode::with_error_correction_level(url.as_bytes(), LEVEL).unwrap();
        let (modules, width) = modules(&url).unwrap();
        assert!(width > 128, "{width}");
        assert!(modules == crate_code.to_colors());
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
