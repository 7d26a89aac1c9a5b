//! The QR code of a street's page, as SVG: residents scan the letter to
//! reach the page that stays up to date.
//!
//! The `qrcode` crate encodes the data; the rest is done here, to the
//! same result (tests hold every step to the crate's). The crate corrects,
//! draws and scores each of the eight masks module by module (about 0.1 ms
//! a mask, which once made the QR codes half of a site's build); here a code
//! up to 128 modules wide is a row and a column per number ([`Bits`], a
//! `u64` when the code is at most 64 modules wide, as every street address
//! is). What all codes of one version share is made once per version
//! ([`Layout`]: the code without data under each mask, where each bit of the
//! codewords goes, the error correction's table), a code's codewords are set
//! bit by bit on it, and the masks are scored with the crate's penalty rules
//! as shifts and bit counts ([`penalty`]). The SVG draws each row's run of
//! dark modules as one rectangle (a third of the crate's bytes).

mod correction;
mod layout;
mod penalty;
mod word;

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel, Version, bits, ec};

use layout::Layout;
use penalty::{balance, penalty_below, penalty_by_modules};
use word::{Bits, Word};

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

/// Light modules around the code, as the standard asks.
const QUIET_ZONE: usize = 4;

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
    let code = Code::of(url)?;
    let size = code.width + 2 * QUIET_ZONE;
    let mut image = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\"><rect x=\"0\" y=\"0\" width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\""
    )
    .into_bytes();
    // About a third of the modules start a run; a run takes 13 bytes or so.
    image.reserve(code.width * code.width * 5);
    code.for_each_run(|x, y, run| push_run(&mut image, x + QUIET_ZONE, y + QUIET_ZONE, run));
    image.extend_from_slice(b"\"/></svg>");
    String::from_utf8(image).ok()
}

/// Appends the rectangle of a run of `length` dark modules from (x, y):
/// `M{x} {y}h{length}v1h-{length}z` (a code has some four hundred runs).
/// Every number of a QR code is below 256 (it is 177 modules wide at
/// most), so the numbers are copied from a table into a small buffer on
/// the stack, which is appended whole and cut back to what was written.
fn push_run(out: &mut Vec<u8>, x: usize, y: usize, length: usize) {
    let (Some(x_digits), Some(y_digits), Some(length_digits)) =
        (DIGITS.get(x), DIGITS.get(y), DIGITS.get(length))
    else {
        out.extend_from_slice(format!("M{x} {y}h{length}v1h-{length}z").as_bytes());
        return;
    };
    let mut rect = Rect {
        bytes: [0; 32],
        len: 0,
    };
    rect.push(b"M");
    rect.number(x_digits);
    rect.push(b" ");
    rect.number(y_digits);
    rect.push(b"h");
    rect.number(length_digits);
    rect.push(b"v1h-");
    rect.number(length_digits);
    rect.push(b"z");
    out.extend_from_slice(&rect.bytes);
    out.truncate(out.len() - (rect.bytes.len() - rect.len));
}

/// The decimal digits of each number below 256, from the first, and how
/// many there are.
const DIGITS: [([u8; 3], usize); 256] = {
    let mut table = [([0; 3], 0); 256];
    let mut n = 0;
    while n < 256 {
        let (hundreds, tens, ones) = (
            b'0' + (n / 100) as u8,
            b'0' + (n / 10 % 10) as u8,
            b'0' + (n % 10) as u8,
        );
        table[n] = match n {
            0..10 => ([ones, 0, 0], 1),
            10..100 => ([tens, ones, 0], 2),
            _ => ([hundreds, tens, ones], 3),
        };
        n += 1;
    }
    table
};

/// A run's rectangle written on the stack (see [`push_run`]): 20 bytes at
/// most.
struct Rect {
    bytes: [u8; 32],
    len: usize,
}

impl Rect {
    fn push<const N: usize>(&mut self, bytes: &[u8; N]) {
        self.bytes[self.len..self.len + N].copy_from_slice(bytes);
        self.len += N;
    }

    /// Appends a number from [`DIGITS`]: three bytes, of which what lies
    /// past the number is written over next.
    fn number(&mut self, (digits, count): &([u8; 3], usize)) {
        self.push(digits);
        self.len -= 3 - count;
    }
}

/// A QR code, masked: its modules and its width.
struct Code {
    width: usize,
    modules: Modules,
}

/// The modules of a [`Code`].
enum Modules {
    /// Bit `x` of `rows[y]` is module (x, y), 1 for dark: a code up to 128
    /// modules wide (every street address).
    Rows(Vec<u128>),
    /// Row by row: a wider code, masked by the crate module by module.
    Colors(Vec<Color>),
}

impl Code {
    /// The QR code of `url`, or `None` when it is too long for one.
    fn of(url: &str) -> Option<Code> {
        let data = bits::encode_auto(url.as_bytes(), LEVEL).ok()?;
        let version = data.version();
        let data = data.into_bytes();
        let width = usize::try_from(version.width()).ok()?;
        let modules = if width <= 64 {
            Modules::Rows(best_masked::<u64>(version, &data)?)
        } else if width <= 128 {
            Modules::Rows(best_masked::<u128>(version, &data)?)
        } else {
            Modules::Colors(masked_by_crate(version, &data)?)
        };
        Some(Code { width, modules })
    }

    /// Calls `run(x, y, length)` for each run of dark modules in a row, row
    /// by row, from left to right.
    fn for_each_run(&self, mut run: impl FnMut(usize, usize, usize)) {
        match &self.modules {
            Modules::Rows(rows) => {
                for (y, row) in rows.iter().enumerate() {
                    let mut bits = *row;
                    while bits != 0 {
                        let x = bits.trailing_zeros();
                        let length = (bits >> x).trailing_ones();
                        run(x as usize, y, length as usize);
                        bits &= u128::MAX.checked_shl(x + length).unwrap_or(0);
                    }
                }
            }
            Modules::Colors(colors) => {
                for (y, row) in colors.chunks(self.width).enumerate() {
                    let mut x = 0;
                    while x < self.width {
                        let length = row[x..].iter().take_while(|m| **m == Color::Dark).count();
                        if length > 0 {
                            run(x, y, length);
                        }
                        x += length.max(1);
                    }
                }
            }
        }
    }
}

/// The code of `data` (encoded in `version`) under the mask with the least
/// penalty, as rows (see [`Modules::Rows`]).
///
/// The masks leave the function patterns as they are and invert a data
/// module where the mask says so, so a masked code is the masked code of no
/// data ([`Layout::masked`]) with the dark data modules inverted.
fn best_masked<W: Word>(version: Version, data: &[u8]) -> Option<Vec<u128>> {
    let layout = Layout::<W>::of(version)?;
    let data = layout.draw(data)?;
    let mut best: Option<(i64, &Bits<W>)> = None;
    for empty in &layout.masked {
        let bound = best.map_or(i64::MAX, |(score, _)| score);
        if let Some(score) = penalty_below(empty, &data, layout.width, bound) {
            best = Some((score, empty));
        }
    }
    let (_, empty) = best?;
    let rows = empty.rows.iter().zip(&data.rows);
    Some(rows.map(|(e, d)| (*e ^ *d).wide()).collect())
}

/// The code of `data` (encoded in `version`), drawn and masked by the crate
/// under the mask with the least penalty, row by row: for codes over 128
/// modules wide.
fn masked_by_crate(version: Version, data: &[u8]) -> Option<Vec<Color>> {
    let (blocks, correction) = ec::construct_codewords(data, version, LEVEL).ok()?;
    let width = version.width() as usize;
    let mut canvas = Canvas::new(version, LEVEL);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&blocks, &correction);
    MASKS
        .iter()
        .map(|mask| {
            let mut masked = canvas.clone();
            masked.apply_mask(*mask);
            masked.into_colors()
        })
        .min_by_key(|modules| {
            let dark: Vec<bool> = modules.iter().map(|m| *m == Color::Dark).collect();
            penalty_by_modules(&dark, width) + balance(dark.iter().filter(|d| **d).count(), width)
        })
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

    /// The modules of `url`'s code row by row, read from its bits (not
    /// from its runs), and its width.
    fn modules(url: &str) -> Option<(Vec<Color>, usize)> {
        let code = Code::of(url)?;
        let colors = match &code.modules {
            Modules::Rows(rows) => (0..code.width * code.width)
                .map(|i| match rows[i / code.width] >> (i % code.width) & 1 {
                    1 => Color::Dark,
                    _ => Color::Light,
                })
                .collect(),
            Modules::Colors(colors) => colors.clone(),
        };
        Some((colors, code.width))
    }

    /// A street address, and addresses whose codes are 65 to 128 and over
    /// 128 modules wide.
    fn urls_of_each_width() -> [String; 3] {
        [
            "https://wijken.proef.nl/tuinwijk-oost/straten/bloemstraat/".to_string(),
            "https://wijken.proef.nl/".to_string() + &"straat-".repeat(40),
            "https://wijken.proef.nl/".to_string() + &"straat-".repeat(220),
        ]
    }

    #[test]
    fn the_svg_draws_every_dark_module_and_nothing_else() {
        let mut widths = vec![];
        for url in urls_of_each_width() {
            let (modules, width) = modules(&url).unwrap();
            widths.push(width);
            let image = svg(&url).unwrap();
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
                    let at = (y - QUIET_ZONE) * width + x - QUIET_ZONE + dx;
                    assert_eq!(drawn[at], Color::Light, "drawn twice: {rect}");
                    drawn[at] = Color::Dark;
                }
            }
            assert!(drawn == modules, "{url}");
            let size = width + 8;
            assert!(
                image.contains(&format!("viewBox=\"0 0 {size} {size}\"")),
                "{image}"
            );
        }
        assert!(widths[0] <= 64 && (65..=128).contains(&widths[1]) && widths[2] > 128);
    }

    #[test]
    fn runs_reach_both_edges_of_a_row_128_wide() {
        let code = Code {
            width: 128,
            modules: Modules::Rows(vec![u128::MAX, 1, 1 << 127, 0b1011, 0, 3 << 126]),
        };
        let mut runs = vec![];
        code.for_each_run(|x, y, length| runs.push((x, y, length)));
        assert_eq!(
            runs,
            [
                (0, 0, 128),
                (0, 1, 1),
                (127, 2, 1),
                (0, 3, 2),
                (3, 3, 1),
                (126, 5, 2)
            ]
        );
    }

    #[test]
    fn runs_are_written_in_decimal_digits() {
        let numbers = [
            0,
            7,
            9,
            10,
            11,
            99,
            100,
            101,
            181,
            255,
            256,
            999,
            1000,
            4096,
            usize::MAX,
        ];
        for x in numbers {
            for length in numbers {
                let mut out = b"M0 0h1v1h-1z".to_vec();
                push_run(&mut out, x, 12, length);
                push_run(&mut out, 1, x, length);
                let expected = format!(
                    "M0 0h1v1h-1zM{x} 12h{length}v1h-{length}zM1 {x}h{length}v1h-{length}z"
                );
                assert_eq!(String::from_utf8(out).unwrap(), expected);
            }
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
        let long = (15..=27)
            .map(|version| "https://wijken.proef.nl/".to_string() + &"s".repeat(version * 25));
        for url in urls.chain(long) {
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
