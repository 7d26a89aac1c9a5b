//! A QR code's rows and columns as numbers ([`Bits`]): `u64` for codes up
//! to 64 modules wide (every street address), `u128` up to 128.

use std::ops::{BitAnd, BitOr, BitOrAssign, BitXor, Not, Shl, Shr};
use std::sync::{Arc, Mutex};

use qrcode::Version;

use super::layout::Layout;

/// An unsigned number used as a row or column of modules, bit `i` the
/// `i`-th module: `u64` for codes up to 64 modules wide, `u128` up to 128.
pub(super) trait Word:
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
pub(super) type Layouts<W> = Mutex<Vec<(Version, Arc<Layout<W>>)>>;

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
pub(super) struct Bits<W> {
    pub(super) rows: Vec<W>,
    pub(super) columns: Vec<W>,
}

impl<W: Word> Bits<W> {
    /// The bits of a code `width` modules wide (at most `W::BITS`).
    pub(super) fn of(width: usize, dark: impl Fn(usize, usize) -> bool) -> Bits<W> {
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
    pub(super) fn empty(width: usize) -> Bits<W> {
        Bits {
            rows: vec![W::ZERO; width],
            columns: vec![W::ZERO; width],
        }
    }

    /// Makes module (x, y) dark.
    pub(super) fn set(&mut self, x: usize, y: usize) {
        self.rows[y] |= W::ONE << x;
        self.columns[x] |= W::ONE << y;
    }
}
