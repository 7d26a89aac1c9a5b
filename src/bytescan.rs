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

/// The number of characters of `text`, counted sixteen bytes at a time: the
/// bytes that do not continue a character (`str::chars().count()` counts
/// a short text byte by byte, and most of a letter's texts are short).
pub fn chars(text: &str) -> usize {
    let starts = |block: &[u8]| {
        block
            .iter()
            .map(|&b| usize::from((b as i8) >= -64))
            .sum::<usize>()
    };
    text.as_bytes().chunks(16).map(starts).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_as_chars_does() {
        let texts = [
            "",
            "a",
            "é",
            "Nog één bijeenkomst 🏠 staat op de website.",
            "€€€€€€€€€€€€€€€€€",
        ];
        for text in texts {
            for len in 0..=40 {
                let text = text.repeat(len);
                assert_eq!(chars(&text), text.chars().count(), "{text}");
                let mixed = format!("{}x{text}ë", "a".repeat(len % 17));
                assert_eq!(chars(&mixed), mixed.chars().count(), "{mixed}");
            }
        }
    }

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
