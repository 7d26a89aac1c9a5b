//! Links between pages and to attachments: the stage after `validate` that
//! turns every address an editor wrote into the address residents get, or
//! into an error that says what to write instead. A relative `.md` path or
//! `@/wijk/file.md` becomes the page's URL, an attachment its address under
//! `bijlagen/`, an image a `<picture>`, a site-absolute path gets the base
//! URL's path. Attachments no page uses stay out of the output.

pub mod aliases;
pub mod external;
pub mod index;
pub mod refs;

use std::collections::BTreeMap;

use crate::attach::{Attachment, Kind, Use};
use crate::config::Config;
use crate::error::Diagnostic;
use crate::model::Wijk;
use crate::render::markdown::{Links, Rewrite};
pub use index::{SiteIndex, Target};
use refs::Reference;

/// Which of a wijk's attachments its pages use: by the address they are
/// published at, the pages that use it (a draft or not, their `publish`
/// day), so a build publishes it only when one of them is on the site.
pub type Used = BTreeMap<String, Vec<crate::attach::Use>>;

/// Resolves every address in the wijk's bodies, rewrites the bodies that
/// need it, records which attachments are used, and reports what is wrong.
pub fn link_wijk(wijk: &mut Wijk, index: &SiteIndex, config: &Config) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut used = Used::new();
    let mut linker = Linker {
        index,
        config,
        wijk_slug: &wijk.slug,
        diagnostics: &mut diagnostics,
        used: &mut used,
        user: Use::ALWAYS,
        probed: BTreeMap::new(),
        external: Vec::new(),
        foreign: Vec::new(),
        later: Vec::new(),
    };
    let drafts: BTreeMap<String, Use> = wijk
        .contributions
        .iter()
        .map(|c| {
            let page = Use {
                draft: c.draft,
                publish: c.publish,
            };
            (c.source.file.clone(), page)
        })
        .collect();
    let produced = index::Produced::of(wijk);
    let (links, html) = linker.body(
        &wijk.source.file,
        &wijk.body_markdown,
        refs::references(&wijk.body_markdown, wijk.source.body_line),
        &drafts,
        &produced,
    );
    if let Some(html) = html {
        wijk.body_html = html;
    }
    wijk.links = links;
    for c in &mut wijk.contributions {
        linker.user = Use {
            draft: c.draft,
            publish: c.publish,
        };
        if let Some(signup) = c.signup.as_ref().filter(|s| external::is_external(s)) {
            linker.external.push(external::ExternalLink {
                url: signup.clone(),
                file: c.source.file.clone(),
                line: c.line_of("signup"),
            });
        }
        let (links, html) = linker.body(
            &c.source.file,
            &c.body_markdown,
            std::mem::take(&mut c.references),
            &drafts,
            &produced,
        );
        if let Some(html) = html {
            c.body_html = html;
        }
        c.links = links;
    }
    wijk.external = std::mem::take(&mut linker.external);
    wijk.foreign_paths = std::mem::take(&mut linker.foreign);
    wijk.later_links = std::mem::take(&mut linker.later);
    wijk.attachments = index.attachments_of(&wijk.slug).cloned().collect();
    for attachment in &wijk.attachments {
        if !used.contains_key(&attachment.published) {
            diagnostics.push(unused(attachment));
        }
    }
    wijk.used = used;
    let (redirects, found) = aliases::of_wijk(wijk, index);
    wijk.redirects = redirects;
    diagnostics.extend(found);
    diagnostics
}

/// A site-absolute link to a street or project page of another wijk, which
/// only the build of every wijk can check ([`check_foreign`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignPath {
    /// Without the leading `/`, a folder ending in `/` (`w/straten/x/`).
    pub path: String,
    /// The path as written.
    pub written: String,
    pub file: String,
    pub line: usize,
}

/// `unknown-path` for each link into another wijk's street or project
/// pages that no wijk in `produced` writes. A link into a wijk that is not
/// in `produced` (a build of some wijken, `--wijk`) is not judged.
pub fn check_foreign(paths: &[ForeignPath], produced: &[index::Folders]) -> Vec<Diagnostic> {
    let by_wijk: BTreeMap<&str, &index::Folders> = produced.iter().map(|p| (p.wijk(), p)).collect();
    paths
        .iter()
        .filter(|f| {
            let wijk = f.path.split('/').next().unwrap_or_default();
            by_wijk.get(wijk).is_some_and(|p| !p.writes(&f.path))
        })
        .map(|f| unknown_path(&f.file, f.line, &f.written))
        .collect()
}

fn unknown_path(file: &str, line: usize, path: &str) -> Diagnostic {
    Diagnostic::warning(
        "unknown-path",
        file,
        Some(line),
        format!("het adres {path} bestaat niet op deze site"),
    )
    .note(
        "verwijs naar een pagina met zijn Markdown-bestand, zoals [informatieavond](@/lindenhof/energie/informatieavond.md); is het een andere site op hetzelfde domein, schrijf dan het hele adres met https://",
    )
}

fn unused(attachment: &Attachment) -> Diagnostic {
    let message = "dit bestand wordt op geen enkele pagina gebruikt en komt dus niet op de site";
    let hint = "verwijs ernaar vanuit een bijdrage, zoals [Tekening](tekening.pdf) of ![Wat er te zien is](foto.jpg); of haal het weg als het niet online hoort";
    Diagnostic::warning("unused-file", &attachment.file, None, message).note(hint)
}

/// A link from a page to a page that comes online on a later day than the
/// linking page (its `publish`): until that day residents find the link
/// broken. `check` reports it as `scheduled-link` while the day is to come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaterLink {
    pub file: String,
    pub line: usize,
    /// The linked Markdown file (`content/lindenhof/energie/avond.md`).
    pub target: String,
    /// The day the linked page comes online.
    pub publish: jiff::civil::Date,
}

/// What resolving the addresses of one wijk needs.
struct Linker<'l> {
    index: &'l SiteIndex<'l>,
    config: &'l Config,
    wijk_slug: &'l str,
    diagnostics: &'l mut Vec<Diagnostic>,
    used: &'l mut Used,
    /// The page whose body is being linked: a draft or not, its `publish` day.
    user: Use,
    /// Images measured so far: by address, the picture or why it failed.
    probed: BTreeMap<String, Result<Rewrite, (&'static str, String)>>,
    /// The external addresses found, for `check --links`.
    external: Vec<external::ExternalLink>,
    /// Links into other wijken's street and project pages, checked later.
    foreign: Vec<ForeignPath>,
    /// Links to pages that come online later than the linking page.
    later: Vec<LaterLink>,
}

impl Linker<'_> {
    /// The rewrites of one body with the addresses `references`, and its
    /// HTML again when any address changed.
    fn body(
        &mut self,
        file: &str,
        markdown: &str,
        references: Vec<refs::Reference>,
        drafts: &BTreeMap<String, Use>,
        produced: &index::Produced,
    ) -> (Links, Option<String>) {
        let mut links = Links::new();
        for reference in references {
            let rewrite = self.reference(file, &reference, drafts, produced);
            if let Some(rewrite) = rewrite {
                let changes = match &rewrite {
                    Rewrite::Url(url) => *url != reference.dest,
                    _ => true,
                };
                // One address used as an image and as a link: the image
                // keeps its picture (a link takes its largest variant).
                let picture = matches!(links.get(&reference.dest), Some(Rewrite::Image(_)));
                if changes && !picture {
                    links.insert(reference.dest.clone(), rewrite);
                }
            }
        }
        if links.is_empty() {
            return (links, None);
        }
        let html = crate::render::markdown::render_linked(markdown, 2, "", &links).ok();
        (links, html)
    }

    /// What one address becomes, reporting what is wrong with it.
    fn reference(
        &mut self,
        file: &str,
        reference: &Reference,
        drafts: &BTreeMap<String, Use>,
        produced: &index::Produced,
    ) -> Option<Rewrite> {
        if reference.image && reference.alt.is_empty() {
            self.missing_alt(file, reference);
        }
        match self.index.resolve(file, &reference.dest) {
            Target::Keep => {
                if external::is_external(&reference.dest) {
                    self.external.push(external::ExternalLink {
                        url: reference.dest.clone(),
                        file: file.to_string(),
                        line: reference.line,
                    });
                }
                None
            }
            Target::Page { page, fragment } => {
                let target = match drafts.get(page.file()) {
                    Some(target) => *target,
                    None if page.wijk() != self.wijk_slug => index::file_use(page.path()),
                    None => Use::ALWAYS,
                };
                if let Some(publish) = target.publish.filter(|day| {
                    !target.draft
                        && !self.user.draft
                        && self.user.publish.is_none_or(|own| own < *day)
                }) {
                    self.later.push(LaterLink {
                        file: file.to_string(),
                        line: reference.line,
                        target: page.file().to_string(),
                        publish,
                    });
                }
                if target.draft && !self.user.draft {
                    self.diagnostics.push(
                        Diagnostic::error(
                            "broken-link",
                            file,
                            Some(reference.line),
                            format!(
                                "de link naar {} gaat naar een concept (draft = true): die pagina staat nog niet op de site",
                                page.file()
                            ),
                        )
                        .note("haal de link weg tot de pagina gepubliceerd is, of publiceer die pagina (haal draft = true weg)"),
                    );
                }
                let url = self.config.path(&page.url());
                Some(Rewrite::Url(format!("{url}{fragment}")))
            }
            Target::Attachment(attachment) => self.attachment(file, reference, attachment),
            Target::SitePath { path, rest } => {
                match produced.knows(self.index, &path) {
                    index::Known::No => {
                        self.diagnostics
                            .push(unknown_path(file, reference.line, &path));
                        return None;
                    }
                    index::Known::Later(normalized) => self.foreign.push(ForeignPath {
                        path: normalized,
                        written: path.clone(),
                        file: file.to_string(),
                        line: reference.line,
                    }),
                    index::Known::Yes => {}
                }
                Some(Rewrite::Url(format!(
                    "{}{path}{rest}",
                    self.config.base_path
                )))
            }
            Target::Missing { key, page } => {
                self.missing(file, reference, &key, page);
                None
            }
        }
    }

    /// An attachment: used, checked for its kind, rewritten to its address.
    fn attachment(
        &mut self,
        file: &str,
        reference: &Reference,
        attachment: &Attachment,
    ) -> Option<Rewrite> {
        let users = self.used.entry(attachment.published.clone()).or_default();
        if !users.contains(&self.user) {
            users.push(self.user);
        }
        let line = Some(reference.line);
        if attachment.size > crate::attach::LARGE {
            self.diagnostics.push(
                Diagnostic::warning(
                    "large-file",
                    file,
                    line,
                    format!(
                        "{} is groot ({}): op een telefoon duurt het lang om te laden",
                        attachment.file,
                        crate::attach::dutch_size(attachment.size)
                    ),
                )
                .note("maak het bestand kleiner (een pdf: opslaan als 'kleinste bestandsgrootte'; een foto: minder pixels)"),
            );
        }
        let url = self.config.path(&format!("/{}", attachment.published));
        match attachment.kind {
            Kind::Unsafe => {
                self.unsafe_file(
                    file,
                    reference,
                    attachment,
                    "dit soort bestand kan een browser laten uitvoeren wat erin staat",
                );
                None
            }
            Kind::Svg => match crate::attach::publish::svg_problem(attachment) {
                Some(problem) => {
                    self.unsafe_file(file, reference, attachment, &problem);
                    None
                }
                None => Some(Rewrite::Url(url)),
            },
            Kind::Document { office } => {
                if office {
                    self.diagnostics.push(
                        Diagnostic::warning(
                            "office-file",
                            file,
                            line,
                            format!("{} is een Office-bestand: niet iedereen kan dat openen, en het bevat vaak verborgen gegevens (namen, eerdere versies)", attachment.file),
                        )
                        .note("sla het op als pdf en verwijs naar de pdf, of schrijf de inhoud als pagina"),
                    );
                }
                if reference.image {
                    return Some(Rewrite::Url(url));
                }
                Some(Rewrite::Document {
                    url,
                    suffix: crate::attach::document_suffix(attachment),
                })
            }
            Kind::Image => self.image(file, reference, attachment),
        }
    }

    /// An image: measured once, then written as a `<picture>` (Markdown and
    /// raw HTML `<img>`) or a link pointed at its largest variant.
    fn image(
        &mut self,
        file: &str,
        reference: &Reference,
        attachment: &Attachment,
    ) -> Option<Rewrite> {
        let config = self.config;
        let probed = self
            .probed
            .entry(attachment.published.clone())
            .or_insert_with(|| {
                crate::attach::images::probe(attachment).map(|size| {
                    Rewrite::Image(crate::attach::images::picture(attachment, size, config))
                })
            })
            .clone();
        match probed {
            Ok(Rewrite::Image(picture)) if !reference.image => Some(Rewrite::Url(picture.src)),
            Ok(rewrite) => Some(rewrite),
            Err((code, message)) => {
                self.diagnostics.push(
                    Diagnostic::error(code, &attachment.file, None, message).note(
                        match code {
                            "image-too-large" => "verklein de afbeelding tot hoogstens 12.000 pixels per kant en 50 megapixel; voor de site is 1600 pixels breed genoeg",
                            _ => "open het bestand in een fotoprogramma en sla het opnieuw op als jpg of png; of haal de verwijzing weg",
                        },
                    ).note(format!("gebruikt in {file}:{}", reference.line)),
                );
                None
            }
        }
    }

    fn unsafe_file(
        &mut self,
        file: &str,
        reference: &Reference,
        attachment: &Attachment,
        why: &str,
    ) {
        self.diagnostics.push(
            Diagnostic::error(
                "unsafe-file",
                file,
                Some(reference.line),
                format!("{} kan niet op de site: {why}", attachment.file),
            )
            .note("publiceer een pdf, een afbeelding (jpg, png) of schrijf de inhoud als pagina"),
        );
    }

    fn missing_alt(&mut self, file: &str, reference: &Reference) {
        let hint = if reference.raw_html {
            format!(
                "zeg in alt wat er op de afbeelding te zien is: <img src=\"{}\" alt=\"Ontwerp van het nieuwe plein\">",
                reference.dest
            )
        } else {
            format!(
                "zet tussen de haken wat er op de afbeelding te zien is: ![Ontwerp van het nieuwe plein]({})",
                reference.dest
            )
        };
        self.diagnostics.push(
            Diagnostic::error(
                "missing-alt",
                file,
                Some(reference.line),
                format!("de afbeelding {} heeft geen beschrijving (alt-tekst): wie niet kan zien, weet dan niet wat erop staat", reference.dest),
            )
            .note(hint),
        );
    }

    fn missing(&mut self, file: &str, reference: &Reference, key: &str, page: bool) {
        let shown = format!("{}/{key}", crate::content::FOLDER);
        let (code, message) = if page {
            (
                "broken-link",
                format!(
                    "de link {} gaat naar een pagina die niet bestaat ({shown})",
                    reference.dest
                ),
            )
        } else {
            (
                "missing-file",
                format!("het bestand {} bestaat niet ({shown})", reference.dest),
            )
        };
        let hint = match self.index.did_you_mean(key, page) {
            Some(best) => format!("bedoelt u {best}?"),
            None if page => "verwijs naar het Markdown-bestand van de pagina, vanaf dit bestand (../energie/avond.md) of vanaf content/ (@/lindenhof/energie/avond.md)".to_string(),
            None => "zet het bestand in de map van de wijk en schrijf de naam precies zoals hij daar staat, vanaf dit bestand".to_string(),
        };
        self.diagnostics
            .push(Diagnostic::error(code, file, Some(reference.line), message).note(hint));
    }
}
