//! The penalty of a masked QR code, by the `qrcode` crate's rules (ISO/IEC
//! 18004, 7.8.3, as the crate counts them): the mask with the least
//! penalty is the code's. Counted on rows and columns as numbers
//! ([`penalty_below`]), and module by module for codes too wide for that
//! ([`penalty_by_modules`]).

use super::word::{Bits, Word};

/// The penalty of the code `empty ^ data` (`empty` one of
/// [`Layout::masked`](super::layout::Layout::masked)), or `None` when it is `bound` or more: the crate's
/// rules (ISO/IEC 18004, 7.8.3, as the crate counts them): runs of five or
/// more alike in a row or column, 2x2 blocks alike, finder-like patterns and
/// the balance of dark and light. Each row and column is one number: a
/// handful of shifts and bit counts a line, and no branches on the modules.
/// Every rule adds, so the count stops once it reaches `bound` (a mask
/// with an equal score would not be chosen: the first wins).
pub(super) fn penalty_below<W: Word>(
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
pub(super) fn balance(dark: usize, width: usize) -> i64 {
    let ratio = (dark * 200 / (width * width)) as i64;
    (ratio - 100).abs()
}

/// The rules of [`penalty_below`] for codes of any width, module by
/// module.
pub(super) fn penalty_by_modules(dark: &[bool], width: usize) -> i64 {
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
}
