//! `wijkverhaal letters`: a PDF letter per street with something current
//! or upcoming, `DIR/<wijk>/<street>.pdf`, from the same merged letter model
//! as the letter pages of the site. The pipeline is the build's (load →
//! validate → merge), then [`crate::letter`] and its PDF engine; the output
//! folder is written through a staging folder like the site's, so a failed
//! run changes nothing.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::build::{load_config, load_valid_wijk, today, unknown_wijken};
use crate::content::fields::did_you_mean;
use crate::error::{self, BuildError, Diagnostic};
use crate::geo::map::WijkMap;
use crate::letter::pdf::Engine;
use crate::letter::{Letter, Letters, Pictures};
use crate::links::SiteIndex;
use crate::model::Wijk;
use crate::output::{Sink, Staging};
use crate::render::views::Views;
use crate::{content, merge};

/// What `letters` is asked to do.
#[derive(Debug, Clone, Default)]
pub struct LettersOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    /// Only these wijken (by slug); empty means all.
    pub wijken: Vec<String>,
    /// Only these streets (by slug, in any selected wijk); empty means all.
    pub streets: Vec<String>,
    /// The day of the letters; defaults to today in the site's zone.
    pub today: Option<jiff::civil::Date>,
}

/// What a finished run reports.
#[derive(Debug, Default)]
pub struct LettersReport {
    /// The PDFs written, relative to the output folder, in order.
    pub written: Vec<String>,
    /// Streets without anything current or upcoming (`wijk/street`).
    pub skipped: Vec<String>,
    /// Letters that were shortened to fit, or still run over two pages.
    pub warnings: Vec<Diagnostic>,
    pub output: PathBuf,
}

/// Writes the PDF letters, or changes nothing and reports every error.
pub fn letters(options: &LettersOptions) -> Result<LettersReport, BuildError> {
    let root = &options.root;
    let config = load_config(root, None).map_err(BuildError::Input)?;
    let content::Discovery {
        files,
        attachments,
        mut diagnostics,
    } = content::discover_all(root);
    let index = SiteIndex::new(&files, &attachments);
    let groups = content::by_wijk(&files);
    let slugs: Vec<&str> = groups.iter().map(|g| g[0].wijk()).collect();
    unknown_wijken(&slugs, &options.wijken).map_err(BuildError::Input)?;
    let loaded: Vec<(Option<Wijk>, Vec<Diagnostic>)> = groups
        .par_iter()
        .filter(|g| options.wijken.is_empty() || options.wijken.iter().any(|w| w == g[0].wijk()))
        .map(|group| load_valid_wijk(root, group, &config, &index))
        .collect();
    let mut wijken = Vec::new();
    for (wijk, found) in loaded {
        diagnostics.extend(found);
        wijken.extend(wijk);
    }
    diagnostics.extend(unknown_streets(&wijken, &options.streets));
    if error::has_errors(&diagnostics) {
        diagnostics.retain(Diagnostic::is_error);
        error::sort(&mut diagnostics);
        return Err(BuildError::Input(diagnostics));
    }
    crate::output::check_output(root, &options.output).map_err(BuildError::Input)?;
    let engine = Engine::new().map_err(BuildError::Template)?;
    let today = today(&config, options.today);
    let staging = Staging::new(&options.output, &config.keep)?;
    let mut report = LettersReport {
        output: options.output.clone(),
        ..LettersReport::default()
    };
    for wijk in &mut wijken {
        wijk.drop_later_updates(today);
    }
    for wijk in &wijken {
        let merged = merge::merge_wijk(wijk, false, Some(today));
        let map = WijkMap::new(&merged, &Views::new(&config, wijk, today));
        let letters = Letters::new(&config, &merged, today);
        let selected: Vec<_> = merged
            .streets
            .iter()
            .filter(|s| options.streets.is_empty() || options.streets.contains(&s.street.slug))
            .collect();
        let made: Vec<Result<Made, BuildError>> = selected
            .par_iter()
            .map(|street| match letters.letter(street) {
                Some(letter) => {
                    write_pdf(&engine, &letter, &letter.pictures(map.as_ref()), &staging)
                }
                None => Ok(Made::Skipped(format!(
                    "{}/{}",
                    wijk.slug, street.street.slug
                ))),
            })
            .collect();
        engine.forget();
        for made in made {
            match made? {
                Made::Written(path, warnings) => {
                    report.written.push(path);
                    report.warnings.extend(warnings);
                }
                Made::Skipped(street) => report.skipped.push(street),
            }
        }
    }
    report.warnings.extend(staging.commit()?);
    Ok(report)
}

enum Made {
    Written(String, Vec<Diagnostic>),
    Skipped(String),
}

fn write_pdf(
    engine: &Engine,
    letter: &Letter,
    pictures: &Pictures,
    sink: &dyn Sink,
) -> Result<Made, BuildError> {
    let pdf = engine.pdf(letter, pictures).map_err(|e| {
        BuildError::Template(format!(
            "de brief voor {} (wijk {}) kan niet worden gemaakt (technisch: {e})",
            letter.street, letter.wijk_slug
        ))
    })?;
    let path = letter.pdf_path();
    sink.put(&path, &pdf.bytes)?;
    let mut warnings = Vec::new();
    if pdf.pages > 2 {
        warnings.push(Diagnostic::warning(
            "long-letter",
            "",
            None,
            format!(
                "de brief voor {} ({path}) is {} pagina's; hij hoort op 2 te passen",
                letter.street, pdf.pages
            ),
        ));
    }
    Ok(Made::Written(path, warnings))
}

/// An error for each `--street` that is a street of none of the wijken.
fn unknown_streets(wijken: &[Wijk], streets: &[String]) -> Vec<Diagnostic> {
    let known: Vec<&str> = wijken
        .iter()
        .flat_map(|w| w.streets.iter().map(|s| s.slug.as_str()))
        .collect();
    streets
        .iter()
        .filter(|slug| !known.contains(&slug.as_str()))
        .map(|slug| {
            let error = Diagnostic::error(
                "unknown-street",
                "",
                None,
                format!("--street {slug}: er is geen straat met deze naam"),
            );
            match did_you_mean(slug, known.iter().copied()) {
                Some(best) => error.note(format!("bedoelt u --street {best}?")),
                None => error.note(
                    "geef de straat zoals in het webadres van haar pagina: \
                     /<wijk>/straten/<straat>/ (bijvoorbeeld --street bloemstraat)",
                ),
            }
        })
        .collect()
}
