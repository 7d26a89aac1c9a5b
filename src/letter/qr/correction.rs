//! The codewords of a QR code at level M: the data split into blocks, each
//! block's Reed-Solomon error correction, both interleaved, exactly as the
//! `qrcode` crate's `ec::construct_codewords` makes them. The crate divides
//! by the generator polynomial through logarithm tables and a remainder per
//! byte (a fifth of a code's cost); here what each leading byte adds is
//! looked up in a table made once per version, from the crate's own
//! division.

use qrcode::{EcLevel, Version, ec};

const _: () = assert!(
    matches!(super::LEVEL, EcLevel::M),
    "the table of blocks is level M's"
);

/// Per version (1 to 40) at level M: the data bytes and number of the
/// blocks of the first kind, of the second kind (one byte longer), and the
/// error correction bytes of each block (ISO/IEC 18004, table 9; the
/// crate's `DATA_BYTES_PER_BLOCK` and `EC_BYTES_PER_BLOCK`).
const BLOCKS: [(usize, usize, usize, usize, usize); 40] = [
    (16, 1, 0, 0, 10),
    (28, 1, 0, 0, 16),
    (44, 1, 0, 0, 26),
    (32, 2, 0, 0, 18),
    (43, 2, 0, 0, 24),
    (27, 4, 0, 0, 16),
    (31, 4, 0, 0, 18),
    (38, 2, 39, 2, 22),
    (36, 3, 37, 2, 22),
    (43, 4, 44, 1, 26),
    (50, 1, 51, 4, 30),
    (36, 6, 37, 2, 22),
    (37, 8, 38, 1, 22),
    (40, 4, 41, 5, 24),
    (41, 5, 42, 5, 24),
    (45, 7, 46, 3, 28),
    (46, 10, 47, 1, 28),
    (43, 9, 44, 4, 26),
    (44, 3, 45, 11, 26),
    (41, 3, 42, 13, 26),
    (42, 17, 0, 0, 26),
    (46, 17, 0, 0, 28),
    (47, 4, 48, 14, 28),
    (45, 6, 46, 14, 28),
    (47, 8, 48, 13, 28),
    (46, 19, 47, 4, 28),
    (45, 22, 46, 3, 28),
    (45, 3, 46, 23, 28),
    (45, 21, 46, 7, 28),
    (47, 19, 48, 10, 28),
    (46, 2, 47, 29, 28),
    (46, 10, 47, 23, 28),
    (46, 14, 47, 21, 28),
    (46, 14, 47, 23, 28),
    (47, 12, 48, 26, 28),
    (47, 6, 48, 34, 28),
    (46, 29, 47, 14, 28),
    (46, 13, 47, 32, 28),
    (47, 40, 48, 7, 28),
    (47, 18, 48, 31, 28),
];

/// How the data of one version is split into blocks and corrected, at
/// level M.
pub(super) struct Correction {
    /// The data bytes of each block, in order.
    blocks: Vec<usize>,
    /// The error correction bytes of each block.
    per_block: usize,
    /// Row `b` (`per_block` bytes): what a leading byte `b` adds to the
    /// bytes after it while the block is divided by the generator
    /// polynomial.
    products: Vec<u8>,
}

impl Correction {
    /// The blocks of `version`, or `None` for a Micro QR version.
    pub(super) fn of(version: Version) -> Option<Correction> {
        let Version::Normal(number @ 1..=40) = version else {
            return None;
        };
        let (size_1, count_1, size_2, count_2, per_block) = BLOCKS[number as usize - 1];
        // The remainder of b·x^n is what a leading b adds: the crate's
        // division of the one-byte block [b].
        let products = (0..=255u8)
            .flat_map(|b| ec::create_error_correction_code(&[b], per_block))
            .collect();
        Some(Correction {
            blocks: [vec![size_1; count_1], vec![size_2; count_2]].concat(),
            per_block,
            products,
        })
    }

    /// The codewords of `data` (the version's encoded data bytes): the
    /// blocks' data interleaved, then their error correction interleaved,
    /// as one list; `None` when `data` is not the version's length.
    pub(super) fn codewords(&self, data: &[u8]) -> Option<Vec<u8>> {
        if data.len() != self.blocks.iter().sum::<usize>() {
            return None;
        }
        let n = self.per_block;
        let mut blocks = Vec::with_capacity(self.blocks.len());
        let mut rest = data;
        for size in &self.blocks {
            let (block, after) = rest.split_at(*size);
            blocks.push(block);
            rest = after;
        }
        let mut codewords = Vec::with_capacity(data.len() + blocks.len() * n);
        let longest = self.blocks.iter().max().copied().unwrap_or(0);
        for i in 0..longest {
            codewords.extend(blocks.iter().filter_map(|block| block.get(i)));
        }
        let mut corrections = vec![0; blocks.len() * n];
        let mut division = Vec::new();
        for (block, correction) in blocks.iter().zip(corrections.chunks_mut(n)) {
            division.clear();
            division.extend_from_slice(block);
            division.resize(block.len() + n, 0);
            for i in 0..block.len() {
                let lead = usize::from(division[i]);
                if lead != 0 {
                    let products = &self.products[lead * n..][..n];
                    for (byte, product) in division[i + 1..][..n].iter_mut().zip(products) {
                        *byte ^= product;
                    }
                }
            }
            correction.copy_from_slice(&division[block.len()..]);
        }
        for i in 0..n {
            codewords.extend(corrections.chunks(n).map(|correction| correction[i]));
        }
        Some(codewords)
    }
}

#[cfg(test)]
mod tests {
    use super::super::LEVEL;
    use super::*;

    #[test]
    fn the_codewords_are_the_crates_in_every_version() {
        let mut seed = 15u64;
        for number in 1..=40 {
            let version = Version::Normal(number);
            let correction = Correction::of(version).unwrap();
            let length: usize = correction.blocks.iter().sum();
            for zeros in [0, 3, 8] {
                // Pseudo-random bytes, some of them zero (a leading zero
                // adds nothing).
                let data: Vec<u8> = (0..length)
                    .map(|_| {
                        seed = seed
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        if (seed >> 60) < zeros {
                            0
                        } else {
                            (seed >> 33) as u8
                        }
                    })
                    .collect();
                let (blocks, ec) = ec::construct_codewords(&data, version, LEVEL).unwrap();
                assert_eq!(
                    correction.codewords(&data).unwrap(),
                    [blocks, ec].concat(),
                    "version {number}"
                );
            }
            assert_eq!(correction.codewords(&vec![0; length + 1]), None);
        }
        assert!(Correction::of(Version::Micro(2)).is_none());
    }
}
