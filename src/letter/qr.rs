//! The QR code of a street's page, as SVG: residents scan the letter to
//! reach the page that stays up to date.
//!
//! The `qrcode` crate encodes the data and computes the error correction;
//! the modules are laid out, masked and scored here, and the SVG is written
//! here. The crate draws and scores each of the eight masks module by
//! module (about 0.1 ms a mask, which made the QR codes half of a site's
//! build); here a code up to 128 modules wide is a row and a column per
//! number ([`Bits`], a `u64` when the code is at most 64 modules wide, as
//! every street address is): what all codes of one version share (the
//! function patterns under each mask, where each data bit goes) is made once
//! per version ([`Layout`]), a code's data is set bit by bit on it, and the
//! masks are scored with the crate's penalty rules as shifts and bit counts.
//! Tests hold the result to the crate's own code. The SVG draws each row's
//! run of dark modules as one rectangle (a third of the crate's bytes).

use std::ops::{BitAnd, BitOr, BitOrAssign, BitXor, Not, Shl, Shr};
use std::sync::{Arc, Mutex};

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
        let (blocks, correction) =
            ec::construct_codewords(&data.into_bytes(), version, LEVEL).ok()?;
        let width = usize::try_from(version.width()).ok()?;
        let modules = if width <= 64 {
            Modules::Rows(best_masked::<u64>(version, &blocks, &correction))
        } else if width <= 128 {
            Modules::Rows(best_masked::<u128>(version, &blocks, &correction))
        } else {
            Modules::Colors(masked_by_crate(version, &blocks, &correction)?)
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

/// The code of `version` with the codewords drawn, under the mask with the
/// least penalty, as rows (see [`Modules::Rows`]).
///
/// The masks leave the function patterns as they are and invert a data
/// module where the mask says so, so a masked code is the masked code of no
/// data ([`Layout::masked`]) with the dark data modules inverted.
fn best_masked<W: Word>(version: Version, blocks: &[u8], correction: &[u8]) -> Vec<u128> {
    let layout = Layout::<W>::of(version);
    let data = layout.place(blocks, correction);
    let mut best: Option<(i64, &Bits<W>)> = None;
    for empty in &layout.masked {
        let bound = best.map_or(i64::MAX, |(score, _)| score);
        if let Some(score) = penalty_below(empty, &data, layout.width, bound) {
            best = Some((score, empty));
        }
    }
    let empty = best.map_or(&layout.masked[0], |(_, empty)| empty);
    empty
        .rows
        .iter()
        .zip(&data.rows)
        .map(|(e, d)| (*e ^ *d).wide())
        .collect()
}

/// The code of `version` with the codewords drawn, masked by the crate
/// under the mask with the least penalty, row by row: for codes over 128
/// modules wide.
fn masked_by_crate(version: Version, blocks: &[u8], correction: &[u8]) -> Option<Vec<Color>> {
    let width = version.width() as usize;
    let mut canvas = Canvas::new(version, LEVEL);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(blocks, correction);
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

/// An unsigned number used as a row or column of modules, bit `i` the
/// `i`-th module: `u64` for codes up to 64 modules wide, `u128` up to 128.
trait Word:
    Copy
    + Eq
    + BitAnd<Output = Self>
    + BitOr<Output = Self>
    + BitOrAssign
    + BitXor<Output = Self>
    + Not<Output = Self>
    + Shl<usize, Output = Self>
    + Shr<usize, Output = Self>
    + Send
    + Sync
    + 'static
{
    const ZERO: Self;
    const ONE: Self;
    const BITS: usize;
    /// The number of ones.
    fn ones(self) -> u32;
    /// The same bits as a `u128`.
    fn wide(self) -> u128;
    /// The layouts made so far, one per version (see [`Layout::of`]).
    fn layouts() -> &'static Layouts<Self>;
    /// The lowest `n` bits set.
    fn low(n: usize) -> Self {
        if n >= Self::BITS {
            !Self::ZERO
        } else {
            !(!Self::ZERO << n)
        }
    }
}

/// The layouts of the versions met so far, for codes in words of `W`.
type Layouts<W> = Mutex<Vec<(Version, Arc<Layout<W>>)>>;

macro_rules! word {
    ($type:ty) => {
        impl Word for $type {
            const ZERO: Self = 0;
            const ONE: Self = 1;
            const BITS: usize = <$type>::BITS as usize;
            fn ones(self) -> u32 {
                self.count_ones()
            }
            fn wide(self) -> u128 {
                u128::from(self)
            }
            fn layouts() -> &'static Layouts<Self> {
                static MADE: Layouts<$type> = Mutex::new(Vec::new());
                &MADE
            }
        }
    };
}
word!(u64);
word!(u128);

/// A code's modules as bits: bit `x` of `rows[y]` and bit `y` of
/// `columns[x]` are module (x, y), 1 for dark.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Bits<W> {
    rows: Vec<W>,
    columns: Vec<W>,
}

impl<W: Word> Bits<W> {
    /// The bits of a code `width` modules wide (at most `W::BITS`).
    fn of(width: usize, dark: impl Fn(usize, usize) -> bool) -> Bits<W> {
        let mut bits = Bits::empty(width);
        for y in 0..width {
            for x in 0..width {
                if dark(x, y) {
                    bits.set(x, y);
                }
            }
        }
        bits
    }

    /// No module dark.
    fn empty(width: usize) -> Bits<W> {
        Bits {
            rows: vec![W::ZERO; width],
            columns: vec![W::ZERO; width],
        }
    }

    /// Makes module (x, y) dark.
    fn set(&mut self, x: usize, y: usize) {
        self.rows[y] |= W::ONE << x;
        self.columns[x] |= W::ONE << y;
    }
}

/// What every code of one version shares: the function patterns under each
/// mask, and where the codewords' bits go.
struct Layout<W> {
    width: usize,
    /// For each mask, in [`MASKS`] order, the code with no data masked (the
    /// function patterns, the format information of that mask and the
    /// mask's own pattern over the data modules).
    masked: Vec<Bits<W>>,
    /// The data modules (x, y) in the order the crate fills them with the
    /// codewords' bits, most significant bit first.
    path: Vec<(u8, u8)>,
}

impl<W: Word> Layout<W> {
    /// The layout of `version`: made once and kept (a site's street
    /// addresses have a few lengths, so a few versions).
    fn of(version: Version) -> Arc<Layout<W>> {
        let mut made = W::layouts().lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, layout)) = made.iter().find(|(v, _)| *v == version) {
            return Arc::clone(layout);
        }
        let layout = Arc::new(Layout::new(version));
        made.push((version, Arc::clone(&layout)));
        layout
    }

    fn new(version: Version) -> Layout<W> {
        let width = version.width() as usize;
        let mut canvas = Canvas::new(version, LEVEL);
        canvas.draw_all_functional_patterns();
        let masked = MASKS
            .iter()
            .map(|mask| {
                let mut masked = canvas.clone();
                masked.apply_mask(*mask);
                Bits::of(width, |x, y| masked.get(x as i16, y as i16).is_dark())
            })
            .collect();
        Layout {
            width,
            masked,
            path: data_path(&canvas, width),
        }
    }

    /// The data modules of a code with these codewords: bit `i` of the
    /// codewords (data then error correction, each byte from its most
    /// significant bit) dark at `path[i]` when it is 1.
    fn place(&self, blocks: &[u8], correction: &[u8]) -> Bits<W> {
        let mut bits = Bits::empty(self.width);
        let bytes = blocks.iter().chain(correction);
        for (byte, places) in bytes.zip(self.path.chunks(8)) {
            for (i, &(x, y)) in places.iter().enumerate() {
                if byte << i & 0x80 != 0 {
                    bits.set(usize::from(x), usize::from(y));
                }
            }
        }
        bits
    }
}

/// The data modules of `canvas` (its function patterns drawn) in the order
/// the crate's `Canvas::draw_data` fills them, read from the crate itself:
/// drawn with codewords whose `i`-th bit is bit `b` of `i`, a module is dark
/// exactly when bit `b` of its place in the order is 1, so a handful of
/// drawings give every module its place.
fn data_path(canvas: &Canvas, width: usize) -> Vec<(u8, u8)> {
    let at = |x: usize, y: usize| canvas.get(x as i16, y as i16);
    let count = (0..width * width)
        .filter(|i| at(i % width, i / width) == Module::Empty)
        .count();
    let mut place = vec![0usize; width * width];
    let mut b = 0;
    while count >> b > 0 {
        let codewords: Vec<u8> = (0..count.div_ceil(8))
            .map(|byte| (0..8).fold(0u8, |acc, j| acc << 1 | ((byte * 8 + j) >> b & 1) as u8))
            .collect();
        let mut drawn = canvas.clone();
        drawn.draw_data(&codewords, &[]);
        for (i, place) in place.iter_mut().enumerate() {
            if drawn.get((i % width) as i16, (i / width) as i16) == Module::Unmasked(Color::Dark) {
                *place |= 1 << b;
            }
        }
        b += 1;
    }
    let mut path = vec![(0, 0); count];
    for i in 0..width * width {
        let (x, y) = (i % width, i / width);
        if at(x, y) == Module::Empty {
            path[place[i]] = (x as u8, y as u8);
        }
    }
    path
}

/// The penalty of the code `empty ^ data` (`empty` one of
/// [`Layout::masked`]), or `None` when it is `bound` or more: the crate's
/// rules (ISO/IEC 18004, 7.8.3, as the crate counts them): runs of five or
/// more alike in a row or column, 2x2 blocks alike, finder-like patterns and
/// the balance of dark and light. Each row and column is one number: a
/// handful of shifts and bit counts a line, and no branches on the modules.
/// Every rule adds, so the count stops once it reaches `bound` (a mask
/// with an equal score would not be chosen: the first wins).
fn penalty_below<W: Word>(
    empty: &Bits<W>,
    data: &Bits<W>,
    width: usize,
    bound: i64,
) -> Option<i64> {
    let pairs = W::low(width - 1);
    let starts = W::low(width.saturating_sub(6));
    let (mut score, mut dark, mut above) = (0, 0, None::<W>);
    for (e, d) in empty.rows.iter().zip(&data.rows) {
        let row = *e ^ *d;
        score += line_score(row, pairs, starts);
        dark += row.ones() as usize;
        if let Some(top) = above {
            // Bit x: modules x and x + 1 of this row and the one above alike.
            let alike = !(top ^ (top >> 1)) & !(row ^ (row >> 1)) & !(top ^ row);
            score += 3 * i64::from((alike & pairs).ones());
        }
        above = Some(row);
        if score >= bound {
            return None;
        }
    }
    for (e, d) in empty.columns.iter().zip(&data.columns) {
        score += line_score(*e ^ *d, pairs, starts);
        if score >= bound {
            return None;
        }
    }
    score += balance(dark, width);
    (score < bound).then_some(score)
}

/// The penalty of one row or column `bits`: 3 + N points for each run of
/// 5 + N modules alike, 40 for each finder-like pattern. `pairs` masks the
/// pairs of neighbouring modules (width - 1 bits), `starts` the places a
/// pattern of seven can start (width - 6 bits).
fn line_score<W: Word>(bits: W, pairs: W, starts: W) -> i64 {
    // Bit x of `same`: modules x and x + 1 alike. A run of 5 + N alike is
    // 4 + N such bits in a row, worth 3 + N points: one point for each place
    // four of them start, and two more for each run.
    let same = !(bits ^ (bits >> 1)) & pairs;
    let four = same & (same >> 1) & (same >> 2) & (same >> 3);
    let runs = four.ones() + 2 * (four & !(four << 1)).ones();
    // Dark-light-dark-dark-dark-light-dark starting at bit j, with the four
    // modules before (the edge is light) or after it all light. Rare, so
    // the modules around are looked at only when there is one.
    let light = !bits;
    let finder = bits
        & (light >> 1)
        & (bits >> 2)
        & (bits >> 3)
        & (bits >> 4)
        & (light >> 5)
        & (bits >> 6)
        & starts;
    if finder == W::ZERO {
        return i64::from(runs);
    }
    let dark_before = (bits << 1) | (bits << 2) | (bits << 3) | (bits << 4);
    let dark_after = (bits >> 7) | (bits >> 8) | (bits >> 9) | (bits >> 10);
    let finders = (finder & !(dark_before & dark_after)).ones();
    i64::from(runs) + 40 * i64::from(finders)
}

/// The penalty for the share of dark modules: 10 points for each 5 % away
/// from half.
fn balance(dark: usize, width: usize) -> i64 {
    let ratio = (dark * 200 / (width * width)) as i64;
    (ratio - 100).abs()
}

/// The rules of [`penalty_below`] for codes of any width, module by
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

    /// `penalty_below` in words of `W` agrees with the module-by-module
    /// count, and stops at its bound.
    fn scores_as_by_modules<W: Word>(dark: &[bool], width: usize) {
        let bits = Bits::<W>::of(width, |x, y| dark[y * width + x]);
        let by_modules =
            penalty_by_modules(dark, width) + balance(dark.iter().filter(|d| **d).count(), width);
        // The code is either operand: the other is all light.
        let none = Bits::<W>::empty(width);
        assert_eq!(
            penalty_below(&none, &bits, width, i64::MAX),
            Some(by_modules)
        );
        assert_eq!(
            penalty_below(&bits, &none, width, i64::MAX),
            Some(by_modules)
        );
        assert_eq!(
            penalty_below(&none, &bits, width, by_modules + 1),
            Some(by_modules)
        );
        assert_eq!(penalty_below(&none, &bits, width, by_modules), None);
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
                if width <= 64 {
                    scores_as_by_modules::<u64>(&dark, width);
                }
                scores_as_by_modules::<u128>(&dark, width);
            }
        }
    }

    /// Each of `url`'s masked codes as bits of `W` is the crate's.
    fn masks_as_the_crate<W: Word>(url: &str) {
        let data = bits::encode_auto(url.as_bytes(), LEVEL).unwrap();
        let version = data.version();
        let (blocks, correction) =
            ec::construct_codewords(&data.into_bytes(), version, LEVEL).unwrap();
        let mut canvas = Canvas::new(version, LEVEL);
        canvas.draw_all_functional_patterns();
        canvas.draw_data(&blocks, &correction);
        let width = version.width() as usize;
        let layout = Layout::<W>::of(version);
        let placed = layout.place(&blocks, &correction);
        let dark_data = Bits::<W>::of(width, |x, y| {
            canvas.get(x as i16, y as i16) == Module::Unmasked(Color::Dark)
        });
        assert!(placed == dark_data, "{url}");
        for (mask, empty) in MASKS.iter().zip(&layout.masked) {
            let mut masked = canvas.clone();
            masked.apply_mask(*mask);
            let colors = masked.into_colors();
            let by_crate = Bits::<W>::of(width, |x, y| colors[y * width + x] == Color::Dark);
            let rows: Vec<W> = empty
                .rows
                .iter()
                .zip(&placed.rows)
                .map(|(e, d)| *e ^ *d)
                .collect();
            let columns: Vec<W> = empty
                .columns
                .iter()
                .zip(&placed.columns)
                .map(|(e, d)| *e ^ *d)
                .collect();
            assert!(Bits { rows, columns } == by_crate, "{url} {mask:?}");
        }
    }

    #[test]
    fn every_mask_as_bits_is_the_crates_masked_code() {
        // Versions 1 to 27 (21 to 125 modules wide).
        for len in [5, 40, 120, 200, 300, 700, 1000] {
            let url = "https://wijken.proef.nl/".to_string() + &"s".repeat(len);
            let width = bits::encode_auto(url.as_bytes(), LEVEL)
                .unwrap()
                .version()
                .width();
            if width <= 64 {
                masks_as_the_crate::<u64>(&url);
            }
            masks_as_the_crate::<u128>(&url);
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
