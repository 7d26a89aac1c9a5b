//! The QR code of a street's page, as SVG: residents scan the letter to
//! reach the page that stays up to date.
//!
//! The `qrcode` crate encodes the data and lays out the modules; the mask
//! (the pattern laid over the data so a scanner reads it well) is chosen
//! here, and the SVG is written here. The crate scores the eight masks with
//! the standard's penalty rules at about 0.1 ms a mask, which made the QR
//! codes half of a site's build; [`penalty`] gives the same scores with a
//! row of modules as the bits of one number (a test holds it to the crate's
//! choice), and the SVG draws a row's run of dark modules as one rectangle
//! (a third of the crate's bytes).

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
/// and the balance of dark and light. Codes up to 128 modules wide (every
/// street address) are scored a whole row at a time, wider ones module by
/// module.
fn penalty(modules: &[Color], width: usize) -> i64 {
    let dark: Vec<bool> = modules.iter().map(|m| *m == Color::Dark).collect();
    let score = match width <= 128 {
        true => penalty_by_rows(&dark, width),
        false => penalty_by_modules(&dark, width),
    };
    let ratio = (dark.iter().filter(|d| **d).count() * 200 / dark.len()) as i64;
    score + (ratio - 100).abs()
}

/// The rule-based part of [`penalty`] with each row and column as the bits
/// of one number (bit `x` of a row is module `x`, 1 = dark): a handful of
/// shifts and bit counts a row, and no branches on the modules.
fn penalty_by_rows(dark: &[bool], width: usize) -> i64 {
    // Built from the last module back, a shift by one per module.
    let mut rows = vec![0u128; width];
    let mut columns = vec![0u128; width];
    for (y, row) in dark.chunks(width).enumerate().rev() {
        for (x, d) in row.iter().enumerate().rev() {
            rows[y] = rows[y] << 1 | u128::from(*d);
            columns[x] = columns[x] << 1 | u128::from(*d);
        }
    }
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
        .chain(&columns)
        .map(|bits| line(*bits))
        .sum::<i64>()
        + 3 * i64::from(blocks)
}

/// [`penalty_by_rows`] for codes of any width, module by module.
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
                assert_eq!(
                    penalty_by_rows(&dark, width),
                    penalty_by_modules(&dark, width),
                    "width {width}"
                );
            }
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
