//! What every QR code of one version shares, made once per version: the
//! code without data under each mask, where each bit of the codewords goes,
//! and how the data is corrected. A code is then its data set bit by bit on
//! this.

use std::sync::Arc;

use qrcode::canvas::{Canvas, Module};
use qrcode::{Color, Version};

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

#[cfg(test)]
mod tests {
    use super::*;
    use qrcode::{bits, ec};

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
