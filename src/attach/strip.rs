//! Metadata out of an image without encoding it again: the original at its
//! own size keeps its quality and its bytes, minus EXIF (with the GPS
//! position of a phone photo), XMP, IPTC, comments and text chunks. Only
//! parts known to be needed for the picture are kept; anything unreadable
//! gives `None`, and the caller encodes the image anew instead.

/// The image without its metadata, for JPEG and PNG.
pub fn without_metadata(extension: &str, bytes: &[u8]) -> Option<Vec<u8>> {
    match extension {
        "jpg" | "jpeg" => jpeg(bytes),
        "png" => png(bytes),
        _ => None,
    }
}

/// Keeps the JPEG segments a decoder needs (tables, frame, JFIF, an ICC
/// profile, Adobe's colour transform); drops every other APPn and comments.
fn jpeg(bytes: &[u8]) -> Option<Vec<u8>> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut out = vec![0xFF, 0xD8];
    let mut at = 2;
    loop {
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        if marker == 0xDA {
            out.extend_from_slice(&bytes[at..]);
            return Some(out);
        }
        let length = usize::from(u16::from_be_bytes([
            *bytes.get(at + 2)?,
            *bytes.get(at + 3)?,
        ]));
        let end = at + 2 + length;
        let segment = bytes.get(at..end)?;
        let keep = match marker {
            0xE2 => segment.get(4..16) == Some(b"ICC_PROFILE\0"),
            0xE0 | 0xEE => true,
            0xE1..=0xEF | 0xFE => false,
            _ => true,
        };
        if keep {
            out.extend_from_slice(segment);
        }
        at = end;
    }
}

/// The PNG chunks that say how the picture looks; text, EXIF and time go.
const PNG_KEPT: &[&[u8; 4]] = &[
    b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"pHYs", b"bKGD",
];

fn png(bytes: &[u8]) -> Option<Vec<u8>> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if !bytes.starts_with(SIGNATURE) {
        return None;
    }
    let mut out = SIGNATURE.to_vec();
    let mut at = SIGNATURE.len();
    while at < bytes.len() {
        let length = u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?) as usize;
        let kind: &[u8; 4] = bytes.get(at + 4..at + 8)?.try_into().ok()?;
        let end = at.checked_add(12)?.checked_add(length)?;
        let chunk = bytes.get(at..end)?;
        if kind[0].is_ascii_uppercase() || PNG_KEPT.contains(&kind) {
            out.extend_from_slice(chunk);
        }
        if kind == b"IEND" {
            return Some(out);
        }
        at = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_exif_out_of_a_jpeg_and_text_out_of_a_png() {
        let photo = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/images/gps-rotated.jpg"
        ))
        .unwrap();
        assert!(photo.windows(4).any(|w| w == b"Exif"));
        let stripped = without_metadata("jpg", &photo).unwrap();
        assert!(!stripped.windows(4).any(|w| w == b"Exif"));
        let (a, b) = (
            image::load_from_memory(&photo).unwrap(),
            image::load_from_memory(&stripped).unwrap(),
        );
        assert_eq!(
            a.to_rgb8().as_raw(),
            b.to_rgb8().as_raw(),
            "the same picture"
        );

        let mut png_bytes = std::io::Cursor::new(Vec::new());
        image::RgbImage::new(4, 4)
            .write_to(&mut png_bytes, image::ImageFormat::Png)
            .unwrap();
        let mut png_bytes = png_bytes.into_inner();
        // A tEXt chunk with a name in it, before IEND.
        let text = b"tEXtAuthor\0Jan Jansen";
        let mut chunk = ((text.len() - 4) as u32).to_be_bytes().to_vec();
        chunk.extend_from_slice(text);
        chunk.extend_from_slice(&[0, 0, 0, 0]);
        let iend = png_bytes.len() - 12;
        png_bytes.splice(iend..iend, chunk);
        let stripped = without_metadata("png", &png_bytes).unwrap();
        assert!(!stripped.windows(10).any(|w| w == b"Jan Jansen"));
        assert!(image::load_from_memory(&stripped).is_ok());
        assert_eq!(without_metadata("jpg", b"%PDF-1.4"), None);
        assert_eq!(without_metadata("png", &png_bytes[..30]), None);
    }
}
