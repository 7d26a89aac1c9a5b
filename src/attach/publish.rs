//! Writes the attachments that a wijk's published pages use: images as
//! their variants (from the cache), SVGs and documents as they are.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Attachment, Kind, images};
use crate::error::{BuildError, Diagnostic};
use crate::model::Wijk;
use crate::output::Sink;

/// Where processed images are kept between builds, in the site's folder.
pub const CACHE: &str = ".wijkverhaal-cache/afbeeldingen";

/// The image cache of the site at `root`.
pub fn cache_of(root: &Path) -> PathBuf {
    root.join(CACHE)
}

/// Why an SVG may not be published, or `None` when it may.
pub fn svg_problem(attachment: &Attachment) -> Option<String> {
    match std::fs::read(&attachment.path) {
        Ok(bytes) => super::svg_danger(&String::from_utf8_lossy(&bytes)).map(|what| {
            format!(
                "de SVG bevat {what}, en die zou in de browser van een bewoner worden uitgevoerd"
            )
        }),
        Err(e) => Some(format!(
            "het bestand kan niet worden gelezen: {}",
            crate::error::io_reason(&e)
        )),
    }
}

/// The attachments of `wijk` that its rendered pages use: with `drafts`,
/// also those only drafts use; of contributions with a `publish` day, only
/// those published by `published_by` (`None`: all, as in the preview). So
/// the files of a scheduled contribution go online on its day, not before.
pub fn used(
    wijk: &Wijk,
    drafts: bool,
    published_by: Option<jiff::civil::Date>,
) -> impl Iterator<Item = &Attachment> {
    wijk.attachments.iter().filter(move |a| {
        wijk.used
            .get(&a.published)
            .is_some_and(|users| users.iter().any(|u| u.shown(drafts, published_by)))
    })
}

/// Writes the attachments of a wijk that its pages use (see [`used`]). An
/// image that cannot be decoded is an error naming its file; every such
/// error of the wijk is returned.
pub fn publish_wijk(
    wijk: &Wijk,
    drafts: bool,
    published_by: Option<jiff::civil::Date>,
    cache: &Path,
    sink: &dyn Sink,
) -> Result<Vec<Diagnostic>, BuildError> {
    let attachments: Vec<&Attachment> = used(wijk, drafts, published_by).collect();
    let results: Vec<Result<Vec<Diagnostic>, BuildError>> = attachments
        .par_iter()
        .map(|attachment| publish_one(attachment, cache, sink))
        .collect();
    let mut diagnostics = Vec::new();
    for result in results {
        diagnostics.extend(result?);
    }
    Ok(diagnostics)
}

fn publish_one(
    attachment: &Attachment,
    cache: &Path,
    sink: &dyn Sink,
) -> Result<Vec<Diagnostic>, BuildError> {
    match attachment.kind {
        Kind::Image => match images::variants(attachment, cache) {
            Ok(variants) => {
                for (published, file) in variants {
                    sink.put_cached(&published, &file)?;
                }
                Ok(Vec::new())
            }
            Err((code, message)) => Ok(vec![
                Diagnostic::error(code, &attachment.file, None, message).note(
                    "open het bestand in een fotoprogramma en sla het opnieuw op als jpg of png",
                ),
            ]),
        },
        Kind::Svg | Kind::Document { .. } => {
            sink.put_file(&attachment.published, &attachment.path)?;
            Ok(Vec::new())
        }
        Kind::Unsafe => Ok(Vec::new()),
    }
}
