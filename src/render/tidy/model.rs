//! The HTML content model that `tidy` keeps, for the elements a body can
//! hold after sanitizing (ammonia's list, pulldown-cmark's output and the
//! `<picture>`s placed after it): what an element may contain, where it may
//! stand, and what it must never hold.

/// What an element may contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// Any flow content (blocks and text).
    Flow,
    /// Phrasing content only (text and inline elements).
    Phrasing,
    /// What its parent may contain (`a`, `ins`, `del`, `map`).
    Transparent,
    /// `li` only (`ul`, `ol`, `menu`).
    List,
    /// Groups of `dt` then `dd`.
    Definitions,
    /// Table parts, rows or cells: no text, no other elements.
    Table,
    /// `source` and `img` (`picture`).
    Picture,
    /// Phrasing content and `rt`/`rp` (`ruby`).
    Ruby,
    /// A `summary` first, then flow content.
    Details,
    /// Flow content and a `figcaption` first or last.
    Figure,
}

/// Elements without an end tag.
pub fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

/// The element's modern name: obsolete elements become their kin,
/// `hgroup` (whose model few writers know) a `div`, a `bdo` without its
/// required direction a `bdi`, and a `time` a `span` (the sanitizer drops
/// `datetime`, and its text is rarely a machine-readable date).
pub fn modern(name: &str, has_dir: bool) -> &str {
    match name {
        "acronym" => "abbr",
        "strike" => "s",
        "tt" => "code",
        "center" | "hgroup" => "div",
        "bdo" if !has_dir => "bdi",
        "time" => "span",
        other => other,
    }
}

pub fn content(name: &str) -> Content {
    match name {
        "abbr" | "b" | "bdi" | "bdo" | "cite" | "code" | "data" | "dfn" | "em" | "i" | "kbd"
        | "mark" | "q" | "s" | "samp" | "small" | "span" | "strong" | "sub" | "sup" | "time"
        | "u" | "var" | "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "pre" | "summary"
        | "rt" | "rp" => Content::Phrasing,
        "a" | "ins" | "del" | "map" => Content::Transparent,
        "ul" | "ol" | "menu" => Content::List,
        "dl" => Content::Definitions,
        "table" | "thead" | "tbody" | "tfoot" | "tr" | "colgroup" => Content::Table,
        "picture" => Content::Picture,
        "ruby" => Content::Ruby,
        "details" => Content::Details,
        "figure" => Content::Figure,
        _ => Content::Flow,
    }
}

/// Phrasing content: may stand where text may.
pub fn is_phrasing(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "area"
            | "b"
            | "bdi"
            | "bdo"
            | "br"
            | "cite"
            | "code"
            | "data"
            | "del"
            | "dfn"
            | "em"
            | "i"
            | "img"
            | "ins"
            | "kbd"
            | "map"
            | "mark"
            | "picture"
            | "q"
            | "ruby"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "wbr"
    )
}

/// A phrasing element that is opened again inside a block that ended it,
/// as browsers do with formatting elements.
pub fn reopens(name: &str) -> bool {
    is_phrasing(name) && !matches!(name, "map" | "picture" | "ruby") && !is_void(name)
}

/// The elements that may hold `name`, when only some may.
pub fn required_parent(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
        "li" => &["ul", "ol", "menu"],
        "dt" | "dd" => &["dl"],
        "figcaption" => &["figure"],
        "summary" => &["details"],
        "rt" | "rp" => &["ruby"],
        "source" => &["picture"],
        "caption" | "colgroup" | "thead" | "tbody" | "tfoot" => &["table"],
        "tr" => &["table", "thead", "tbody", "tfoot"],
        "td" | "th" => &["tr"],
        "col" => &["colgroup", "table"],
        _ => return None,
    })
}

/// Whether `ancestor` must not hold `name` anywhere inside it.
pub fn forbids(ancestor: &str, name: &str) -> bool {
    let heading_or_section = matches!(
        name,
        "h1" | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "footer"
            | "article"
            | "aside"
            | "nav"
            | "section"
    );
    match ancestor {
        "a" => matches!(name, "a" | "details"),
        "dt" | "th" => heading_or_section,
        "caption" => name == "table",
        "header" | "footer" => matches!(name, "header" | "footer"),
        "dfn" => name == "dfn",
        _ => false,
    }
}

/// Whether attribute `key="value"` of element `name` is valid as it stands
/// (the sanitizer lets obsolete presentation attributes and any value
/// through); an invalid one is left out.
pub fn keeps_attribute(name: &str, key: &str, value: Option<&str>) -> bool {
    let value = value.unwrap_or("");
    let number = !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
    match key {
        // Obsolete presentation attributes.
        "align" | "char" | "charoff" | "size" => false,
        "summary" => name != "table",
        "width" | "height" => name == "img" && number,
        "span" | "colspan" | "rowspan" => number && value.bytes().any(|b| b != b'0'),
        "start" => number,
        // Refers to ids of header cells, which tidy leaves out.
        "headers" => false,
        // A date in a format the sanitizer does not check.
        "datetime" => false,
        "scope" => matches!(value, "row" | "col" | "rowgroup" | "colgroup"),
        "dir" => matches!(value, "ltr" | "rtl" | "auto"),
        "lang" | "hreflang" => is_language_tag(value),
        _ => true,
    }
}

/// A well-formed language tag (`nl`, `en-GB`, `zh-Hant-TW`), or empty.
fn is_language_tag(value: &str) -> bool {
    value.is_empty()
        || value.split('-').enumerate().all(|(at, part)| {
            (1..=8).contains(&part.len())
                && if at == 0 {
                    part.bytes().all(|b| b.is_ascii_alphabetic())
                } else {
                    part.bytes().all(|b| b.is_ascii_alphanumeric())
                }
        })
}
