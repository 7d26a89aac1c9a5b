//! The QR code of a street's page, drawn as SVG with the `qrcode` crate:
//! residents scan the letter to reach the page that stays up to date.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// Whether `url` fits in a QR code: the data encoding alone, without
/// drawing the code.
pub fn fits(url: &str) -> bool {
    qrcode::bits::encode_auto(url.as_bytes(), EcLevel::M).is_ok()
}

/// The QR code of `url` as an SVG document without a fixed size (it fills
/// the box it is placed in), with a quiet zone, or `None` when the URL is
/// too long for a QR code.
pub fn svg(url: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    let image = code
        .render::<svg::Color>()
        .module_dimensions(1, 1)
        .quiet_zone(true)
        .build();
    // An inline SVG needs no XML declaration; the box sets its size.
    let image = image.strip_prefix(r#"<?xml version="1.0" standalone="yes"?>"#)?;
    let (head, rest) = image.split_once(" width=")?;
    let (_, rest) = rest.split_once(" viewBox=")?;
    Some(format!("{head} viewBox={rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
