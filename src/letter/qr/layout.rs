//! What every QR code of one version shares, made once per version: the
//! code without data under each mask, where each bit of the codewords goes,
//! and how the data is corrected. A code is then its data set bit by bit on
//! this.

use std::sync::Arc;

use qrcode::Version;
use qrcode::canvas::{Canvas, Module};

use super::correction::Correction;
use super::word::{Bits, Word};
use super::{LEVEL, MASKS};

/// What every code of one version shares: the function patterns under each
/// mask, and where the codewords' bits go.
pub(super) struct Layout<W> {
    pub(super) width: usize,
    /// For each mask, in [`MASKS`] order, the code with no data masked (the
    /// function patterns, the format information of that mask and the
    /// mask's own pattern over the data modules).
    pub(super) masked: Vec<Bits<W>>,
    /// The data modules (x, y) in the order the crate fills them with the
    /// codewords' bits, most significant bit first.
    path: Vec<(u8, u8)>,
    correction: Correction,
}

impl<W: Word> Layout<W> {
    /// The layout of `version`: made once and kept (a site's street
    /// addresses have a few lengths, so a few versions). `None` for a
    /// Micro QR version.
    pub(super) fn of(version: Version) -> Option<Arc<Layout<W>>> {
        let mut made = W::layouts().lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, layout)) = made.iter().find(|(v, _)| *v == version) {
            return Some(Arc::clone(layout));
        }
        let layout = Arc::new(Layout::new(version)?);
        made.push((version, Arc::clone(&layout)));
        Some(layout)
    }

    fn new(version: Version) -> Option<Layout<W>> {
        let correction = Correction::of(version)?;
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
        Some(Layout {
            width,
            masked,
            path: data_path(&canvas, width),
            correction,
        })
    }

    /// The dark data modules of the code of `data` (the version's encoded
    /// data bytes), unmasked; `None` when `data` is not the version's
    /// length.
    pub(super) fn draw(&self, data: &[u8]) -> Option<Bits<W>> {
        Some(self.place(&self.correction.codewords(data)?))
    }

    /// The data modules of a code with these codewords: bit `i` of the
    /// codewords (each byte from its most significant bit) dark at
    /// `path[i]` when it is 1.
    fn place(&self, codewords: &[u8]) -> Bits<W> {
        let mut bits = Bits::empty(self.width);
        for (byte, places) in codewords.iter().zip(self.path.chunks(8)) {
            // The ones of the byte only, from its most significant bit.
            let mut ones = u32::from(*byte) << 24;
            while ones != 0 {
                let i = ones.leading_zeros() as usize;
                if let Some(&(x, y)) = places.get(i) {
                    bits.set(usize::from(x), usize::from(y));
                }
                ones &= !(1 << 31 >> i);
            }
        }
        bits
    }
}

/// The data modules of `canvas` (its function patterns drawn) in the order
/// the crate's `Canvas::draw_data` fills them (ISO/IEC 18004, 7.7.3): two
/// columns at a time from the right, up and down in turn, the right module
/// of a pair before the left, skipping the function patterns and the
/// vertical timing pattern's column.
fn data_path(canvas: &Canvas, width: usize) -> Vec<(u8, u8)> {
    let mut path = Vec::with_capacity(width * width);
    let (mut right, mut upward) = (width - 1, true);
    loop {
        for step in 0..width {
            let y = if upward { width - 1 - step } else { step };
            for x in [right, right - 1] {
                if canvas.get(x as i16, y as i16) == Module::Empty {
                    path.push((x as u8, y as u8));
                }
            }
        }
        if right < 3 {
            return path;
        }
        upward = !upward;
        right = if right == 8 { 5 } else { right - 2 };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use qrcode::{Color, bits, ec};

    /// Each of `url`'s masked codes as bits of `W` is the crate's.
    fn masks_as_the_crate<W: Word>(url: &str) {
        let data = bits::encode_auto(url.as_bytes(), LEVEL).unwrap();
        let version = data.version();
        let data = data.into_bytes();
        let (blocks, correction) = ec::construct_codewords(&data, version, LEVEL).unwrap();
        let mut canvas = Canvas::new(version, LEVEL);
        canvas.draw_all_functional_patterns();
        canvas.draw_data(&blocks, &correction);
        let width = version.width() as usize;
        let layout = Layout::<W>::of(version).unwrap();
        let placed = layout.draw(&data).unwrap();
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
    fn the_codewords_go_where_the_crate_draws_them_in_every_version() {
        let mut seed = 3u64;
        for number in 1..=40 {
            let version = Version::Normal(number);
            let width = version.width() as usize;
            let mut canvas = Canvas::new(version, LEVEL);
            canvas.draw_all_functional_patterns();
            let path = data_path(&canvas, width);
            let codewords: Vec<u8> = (0..path.len().div_ceil(8))
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (seed >> 33) as u8
                })
                .collect();
            canvas.draw_data(&codewords, &[]);
            for (i, (x, y)) in path.iter().enumerate() {
                let color = match codewords[i / 8] << (i % 8) & 0x80 {
                    0 => Color::Light,
                    _ => Color::Dark,
                };
                let module = canvas.get(i16::from(*x), i16::from(*y));
                assert_eq!(module, Module::Unmasked(color), "version {number}, bit {i}");
            }
            // The crate draws no other module.
            let drawn = (0..width * width)
                .filter(|i| {
                    matches!(
                        canvas.get((i % width) as i16, (i / width) as i16),
                        Module::Unmasked(_)
                    )
                })
                .count();
            assert_eq!(drawn, path.len(), "version {number}");
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
}
