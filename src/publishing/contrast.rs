//! `nl-contrast`: the WCAG 2.1 contrast of the colour pairs the default
//! theme draws text with, once a municipality's token file is in play.
//!
//! The theme's own stylesheet declares each pair's colours as custom
//! properties that read an NL Design System token with the theme's value
//! as fallback (`--header-ink: var(--utrecht-page-header-color, #154273)`).
//! This module resolves those declarations against the token file the way
//! a browser would, so the check can never drift from the stylesheet.

use std::collections::HashMap;

use crate::config::FILE;
use crate::error::Diagnostic;

/// The theme's stylesheet, whose declarations name the tokens.
const THEME_CSS: &str = include_str!("../../themes/default/static/assets/wijkverhaal.css");

/// A pair of the theme's colours: text on background, the least contrast
/// WCAG 2.1 AA asks, and where residents see it.
struct Pair {
    ink: &'static str,
    paper: &'static str,
    minimum: f64,
    what: &'static str,
}

const PAIRS: &[Pair] = &[
    Pair {
        ink: "--ink",
        paper: "--paper",
        minimum: 4.5,
        what: "tekst op de pagina",
    },
    Pair {
        ink: "--heading",
        paper: "--paper",
        minimum: 4.5,
        what: "koppen",
    },
    Pair {
        ink: "--link",
        paper: "--paper",
        minimum: 4.5,
        what: "links",
    },
    Pair {
        ink: "--link-visited",
        paper: "--paper",
        minimum: 4.5,
        what: "bezochte links",
    },
    Pair {
        ink: "--header-ink",
        paper: "--header-bg",
        minimum: 4.5,
        what: "de naam in de kop",
    },
    Pair {
        ink: "--nav-ink",
        paper: "--nav-bg",
        minimum: 4.5,
        what: "het menu van de wijk",
    },
    Pair {
        ink: "--button-ink",
        paper: "--button-bg",
        minimum: 4.5,
        what: "knoppen",
    },
    Pair {
        ink: "--footer-ink",
        paper: "--footer-bg",
        minimum: 4.5,
        what: "de voet van de pagina",
    },
    Pair {
        ink: "--focus-ink",
        paper: "--focus",
        minimum: 4.5,
        what: "een element met focus",
    },
    Pair {
        ink: "--focus-outline",
        paper: "--paper",
        minimum: 3.0,
        what: "de focusrand",
    },
];

/// The warnings for the pairs that fail with `tokens` (a token file's CSS);
/// `line` is the `tokens` line in `site.toml`.
pub fn check(tokens: &str, line: usize) -> Vec<Diagnostic> {
    let theme = declarations(THEME_CSS);
    let tokens = declarations(tokens);
    let mut found = Vec::new();
    for pair in PAIRS {
        let ink = theme
            .get(pair.ink)
            .and_then(|v| color(&resolve(v, &tokens, 0)));
        let paper = theme
            .get(pair.paper)
            .and_then(|v| color(&resolve(v, &tokens, 0)));
        let (Some(ink), Some(paper)) = (ink, paper) else {
            continue;
        };
        let ratio = contrast(ink, paper);
        if ratio + 1e-9 < pair.minimum {
            found.push(
                Diagnostic::warning(
                    "nl-contrast",
                    FILE,
                    Some(line),
                    format!(
                        "met de huisstijl is het contrast van {} te laag: {} op {} geeft {:.2}:1, WCAG 2.1 AA vraagt minstens {}:1",
                        pair.what,
                        hex(ink),
                        hex(paper),
                        (ratio * 100.0).floor() / 100.0,
                        pair.minimum
                    ),
                )
                .note(format!(
                    "de kleuren komen uit {} en {}; kies in het tokenbestand een donkerder of lichter paar",
                    tokens_named(&theme[pair.ink]),
                    tokens_named(&theme[pair.paper])
                )),
            );
        }
    }
    found
}

/// The custom properties a stylesheet declares (`--name: value`), the
/// last declaration of a name winning.
fn declarations(css: &str) -> HashMap<String, String> {
    let css = strip_comments(css);
    let mut found = HashMap::new();
    let mut rest = css.as_str();
    while let Some(at) = rest.find("--") {
        let before = rest[..at].trim_end().chars().last();
        rest = &rest[at..];
        let name_end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        let after = rest[name_end..].trim_start();
        let starts_declaration = matches!(before, None | Some('{' | ';'));
        if starts_declaration && let Some(value) = after.strip_prefix(':') {
            let end = value_end(value);
            found.insert(name.to_string(), value[..end].trim().to_string());
            rest = &value[end..];
        } else {
            rest = &rest[name_end.max(2)..];
        }
    }
    found
}

fn strip_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start + 2..]
            .find("*/")
            .map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    out.push_str(rest);
    out
}

/// Where a declaration's value ends: `;` or `}` outside parentheses.
fn value_end(value: &str) -> usize {
    let mut depth = 0usize;
    for (at, c) in value.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ';' | '}' if depth == 0 => return at,
            _ => {}
        }
    }
    value.len()
}

/// Replaces each `var(--name, fallback)` with the token's value, or the
/// fallback when the token file does not set it.
fn resolve(value: &str, tokens: &HashMap<String, String>, depth: usize) -> String {
    let Some(start) = value.find("var(") else {
        return value.trim().to_string();
    };
    if depth > 16 {
        return String::new();
    }
    let inner_start = start + 4;
    let close = inner_start + value_close(&value[inner_start..]);
    let inner = &value[inner_start..close];
    let (name, fallback) = match split_top_comma(inner) {
        Some(at) => (inner[..at].trim(), Some(&inner[at + 1..])),
        None => (inner.trim(), None),
    };
    let replacement = match (tokens.get(name), fallback) {
        (Some(set), _) => resolve(set, tokens, depth + 1),
        (None, Some(fallback)) => resolve(fallback, tokens, depth + 1),
        (None, None) => String::new(),
    };
    let rest = value.get(close + 1..).unwrap_or("");
    format!(
        "{}{replacement}{}",
        &value[..start],
        resolve(rest, tokens, depth + 1)
    )
    .trim()
    .to_string()
}

/// The index of the `)` closing a function whose arguments start the text.
fn value_close(text: &str) -> usize {
    let mut depth = 0usize;
    for (at, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return at,
            ')' => depth -= 1,
            _ => {}
        }
    }
    text.len()
}

fn split_top_comma(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (at, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => return Some(at),
            _ => {}
        }
    }
    None
}

/// The token names a theme declaration reads, for the note.
fn tokens_named(value: &str) -> String {
    let names: Vec<&str> = value
        .split("var(")
        .skip(1)
        .filter_map(|part| part.split([',', ')']).next())
        .map(str::trim)
        .collect();
    names.join(" / ")
}

type Rgb = [u8; 3];

/// An opaque colour: `#rgb`, `#rrggbb`, `rgb(r, g, b)` or a basic name.
fn color(value: &str) -> Option<Rgb> {
    let value = value.trim().to_ascii_lowercase();
    if let Some(hex) = value.strip_prefix('#') {
        let digits: Vec<u8> = hex
            .chars()
            .map(|c| c.to_digit(16).map(|d| d as u8))
            .collect::<Option<_>>()?;
        return match digits.len() {
            3 => Some([digits[0] * 17, digits[1] * 17, digits[2] * 17]),
            6 => Some([
                digits[0] * 16 + digits[1],
                digits[2] * 16 + digits[3],
                digits[4] * 16 + digits[5],
            ]),
            8 if hex.ends_with("ff") => color(&format!("#{}", &hex[..6])),
            _ => None,
        };
    }
    if let Some(args) = value
        .strip_prefix("rgb(")
        .or_else(|| value.strip_prefix("rgba("))
        .and_then(|rest| rest.strip_suffix(')'))
    {
        let parts: Vec<&str> = args
            .split([',', ' ', '/'])
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() == 4 && parts[3].trim() != "1" && parts[3].trim() != "100%" {
            return None;
        }
        let channel = |p: &str| {
            p.trim()
                .parse::<f64>()
                .ok()
                .map(|n| n.clamp(0.0, 255.0).round() as u8)
        };
        return Some([
            channel(parts.first()?)?,
            channel(parts.get(1)?)?,
            channel(parts.get(2)?)?,
        ]);
    }
    match value.as_str() {
        "white" => Some([255, 255, 255]),
        "black" => Some([0, 0, 0]),
        _ => None,
    }
}

fn hex(rgb: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2])
}

/// The relative luminance of WCAG 2.1.
fn luminance(rgb: Rgb) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])
}

/// The contrast ratio of WCAG 2.1, from 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_wcag_reference_values() {
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
        assert!((contrast([0x77, 0x77, 0x77], [255, 255, 255]) - 4.48).abs() < 0.01);
    }

    #[test]
    fn the_theme_without_tokens_passes_every_pair() {
        assert!(check("", 3).is_empty());
        let theme = declarations(THEME_CSS);
        for pair in PAIRS {
            for name in [pair.ink, pair.paper] {
                let value = resolve(&theme[name], &HashMap::new(), 0);
                assert!(color(&value).is_some(), "{name}: {value}");
                assert!(theme[name].contains("var(--"), "{name} reads no token");
            }
        }
    }

    #[test]
    fn a_pale_house_colour_fails_with_the_pair_named() {
        let tokens = ":root {\n  --utrecht-button-primary-action-background-color: rgb(120, 170, 220);\n  /* --utrecht-link-color: #fff; */\n  --nl-link-color: var(--gemeente-blauw, #000);\n}";
        let found = check(tokens, 4);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].code, found[0].line), ("nl-contrast", Some(4)));
        assert!(found[0].message.contains("knoppen"), "{}", found[0].message);
        assert!(found[0].message.contains("#78aadc"), "{}", found[0].message);
        assert!(found[0].notes[0].contains("--utrecht-button-primary-action-background-color"));
    }

    #[test]
    fn resolves_nested_fallbacks_and_tokens_that_read_tokens() {
        let tokens = declarations(".x{--a: var(--b); --b:#123456}");
        assert_eq!(resolve("var(--nl-x, var(--a, red))", &tokens, 0), "#123456");
        assert_eq!(
            resolve("var(--nope, var(--none, #fff))", &tokens, 0),
            "#fff"
        );
        assert_eq!(color("rgb(1 2 3)"), Some([1, 2, 3]));
        assert_eq!(color("rgba(1, 2, 3, 0.5)"), None);
    }
}
