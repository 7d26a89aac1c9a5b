//! Finds a kind of byte in text sixteen bytes at a time: each block of
//! sixteen is tested with one comparison per byte and no early exit, so the
//! compiler tests them side by side, and only a block that holds one is
//! searched byte by byte. Most text has none of the bytes a scanner wants
//! (markup to escape, a digit, a control character, a non-ASCII letter).

/// The position of the first of `bytes` that is `wanted`.
pub fn first(bytes: &[u8], wanted: impl Fn(u8) -> bool) -> Option<usize> {
    let mut at = 0;
    for block in bytes.chunks(16) {
        if block.iter().fold(false, |seen, &b| seen | wanted(b)) {
            return block.iter().position(|&b| wanted(b)).map(|p| at + p);
        }
        at += block.len();
    }
    None
}

/// Whether any of `bytes` is `wanted`.
pub fn any(bytes: &[u8], wanted: impl Fn(u8) -> bool) -> bool {
    first(bytes, wanted).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_wanted_byte_at_every_place_of_a_block() {
        for len in [0, 1, 15, 16, 17, 31, 32, 33, 100] {
            let plain = vec![b'a'; len];
            assert_eq!(first(&plain, |b| b == b'<'), None);
            for at in 0..len {
                let mut text = plain.clone();
                text[at] = b'<';
                if at + 3 < len {
                    text[at + 3] = b'<';
                }
                assert_eq!(first(&text, |b| b == b'<'), Some(at), "{len} {at}");
                assert!(any(&text, |b| b == b'<'));
            }
        }
    }
}
