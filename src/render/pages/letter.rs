//! A street's letter as a page: on screen an ordinary page of the wijk, in
//! print the A4 letter (`brief.html` with `assets/brief.css`). Its pictures
//! (the QR code, the map) are SVG files beside the page, `qr.svg` and
//! `kaart.svg`, so the page itself holds no SVG markup.

use minijinja::Value;

use super::{Page, WijkFrame, fields, to_value};
use crate::error::BuildError;
use crate::letter::Letter;

/// Writes the letter's pictures beside its page at `rest` (`straten/x/brief/`)
/// and returns the page.
pub(super) fn page(ctx: &WijkFrame, rest: &str, letter: &Letter) -> Result<Page, BuildError> {
    let picture = |name: &str, svg: &Option<String>| -> Result<Value, BuildError> {
        let Some(svg) = svg else {
            return Ok(Value::from(()));
        };
        let path = format!("{}/{rest}{name}", ctx.merged.wijk.slug);
        ctx.sink.put(&path, svg.as_bytes())?;
        Ok(Value::from(ctx.views.url(&format!("{rest}{name}"))))
    };
    let pictures = letter.pictures(ctx.map.as_ref());
    let qr_url = picture("qr.svg", &pictures.qr_svg)?;
    let map_url = picture("kaart.svg", &pictures.map_svg)?;
    Ok(Page {
        template: "brief.html",
        current: "straten/",
        title: format!("Brief voor {}", letter.street_with_article),
        description: letter.opening.clone(),
        content: fields(&[
            ("letter", to_value(letter)),
            ("qr_url", qr_url),
            ("map_url", map_url),
        ]),
    })
}
