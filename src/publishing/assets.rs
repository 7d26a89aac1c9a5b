//! Theme assets under a name that holds a hash of their content
//! (`assets/wijkverhaal.3f9a1c2e.css`), so hosts may cache them for a year:
//! a changed file gets a new name, and every page links the new one.

use std::path::Path;

use crate::config::Config;
use crate::error::{Diagnostic, display_path, io_reason};
use crate::sitefs::ReadError;

/// One published asset: where it is linked from, and its bytes.
#[derive(Debug, Clone)]
pub struct Asset {
    /// The path it has in the theme (`assets/wijkverhaal.css`).
    pub source: String,
    /// The path it is published at (`assets/wijkverhaal.3f9a1c2e.css`).
    pub published: String,
    pub bytes: Vec<u8>,
}

/// The theme's assets of one build, and the house-style token file.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    pub files: Vec<Asset>,
    /// The published path of the token file, when `tokens` is set.
    pub tokens: Option<String>,
}

impl Assets {
    /// The built-in assets (or the site's file of the same name in its
    /// theme's `static/`) and the token file. Names carry a hash unless
    /// `plain` (the preview, whose stylesheet reloads in place).
    pub fn collect(root: &Path, config: &Config, plain: bool) -> Result<Assets, Vec<Diagnostic>> {
        let static_dir = crate::render::templates::theme_dir(root, config).join("static");
        let mut files = Vec::new();
        let mut errors = Vec::new();
        for (source, built_in) in crate::render::templates::STATIC {
            let own = static_dir.join(source);
            let bytes = match crate::sitefs::read(root, &own) {
                Ok(bytes) => bytes,
                Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                    built_in.to_vec()
                }
                Err(ReadError::Io(e)) => {
                    errors.push(Diagnostic::error(
                        "unreadable-file",
                        display_path(root, &own),
                        None,
                        format!("dit bestand kan niet worden gelezen: {}", io_reason(&e)),
                    ));
                    continue;
                }
                Err(outside) => {
                    errors.push(outside.diagnostic(root, &own, "dit bestand"));
                    continue;
                }
            };
            files.push(Asset::new(source, bytes, plain));
        }
        let tokens = config.publishing.tokens.as_ref().map(|tokens| {
            let source = tokens.path.trim_start_matches('/');
            let asset = Asset::new(source, tokens.css.as_bytes().to_vec(), plain);
            let published = asset.published.clone();
            files.push(asset);
            published
        });
        match errors.is_empty() {
            true => Ok(Assets { files, tokens }),
            false => Err(errors),
        }
    }

    /// The published path of the asset at `source`, or `source` itself.
    pub fn published<'a>(&'a self, source: &'a str) -> &'a str {
        self.files
            .iter()
            .find(|a| a.source == source)
            .map_or(source, |a| a.published.as_str())
    }

    /// The assets whose name carries a hash.
    pub fn hashed(&self) -> impl Iterator<Item = &Asset> {
        self.files.iter().filter(|a| a.published != a.source)
    }
}

impl Asset {
    fn new(source: &str, bytes: Vec<u8>, plain: bool) -> Asset {
        let published = match plain {
            true => source.to_string(),
            false => hashed_name(source, &bytes),
        };
        Asset {
            source: source.to_string(),
            published,
            bytes,
        }
    }
}

/// `assets/x.css` with content `bytes` -> `assets/x.<8 hex digits>.css`.
pub fn hashed_name(source: &str, bytes: &[u8]) -> String {
    let hash = format!("{:016x}", fnv1a(bytes));
    let hash = &hash[..8];
    let (dir, name) = source.rsplit_once('/').unwrap_or(("", source));
    let name = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem}.{hash}.{ext}"),
        _ => format!("{name}.{hash}"),
    };
    match dir {
        "" => name,
        dir => format!("{dir}/{name}"),
    }
}

/// FNV-1a (64 bits): stable across Rust versions and platforms, which the
/// standard library's hasher does not promise; a name needs no more.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_changes_with_the_content_only() {
        let a = hashed_name("assets/wijkverhaal.css", b"body{}");
        assert!(
            a.starts_with("assets/wijkverhaal.") && a.ends_with(".css"),
            "{a}"
        );
        assert_eq!(a.len(), "assets/wijkverhaal.12345678.css".len());
        assert_eq!(a, hashed_name("assets/wijkverhaal.css", b"body{}"));
        assert_ne!(a, hashed_name("assets/wijkverhaal.css", b"body{ }"));
        assert_eq!(hashed_name("x", b"").len(), "x.12345678".len());
    }

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
