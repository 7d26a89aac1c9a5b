//! PDF letters, laid out by Typst used as a library: the letter model goes
//! in as JSON, `letter.typ` lays it out on A4, and `typst-pdf` writes a
//! tagged PDF/UA-1 file (structure, reading order, alt text, language,
//! title) with the subset of the embedded Open Sans glyphs it uses.
//!
//! [`Engine`] holds what every letter shares (the standard library, the
//! fonts, the template) and is made once per run; each letter is compiled in
//! its own small [`typst::World`] that serves the template and its data.

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::layout::PagedDocument;
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use serde::Serialize;

use super::{Letter, Pictures};

/// The fonts every PDF embeds (a subset of): Open Sans, Apache-2.0.
const FONTS: [&[u8]; 2] = [
    include_bytes!("../../assets/fonts/OpenSans-Regular.ttf"),
    include_bytes!("../../assets/fonts/OpenSans-Bold.ttf"),
];

/// The layout of a letter.
const TEMPLATE: &str = include_str!("letter.typ");

/// What every PDF letter of a run shares.
pub struct Engine {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
    data: FileId,
    standards: PdfStandards,
}

/// A finished PDF letter.
#[derive(Debug)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

impl Engine {
    pub fn new() -> Result<Engine, String> {
        let fonts: Vec<Font> = FONTS
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        let main = FileId::new(None, VirtualPath::new("letter.typ"));
        Ok(Engine {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            main: Source::new(main, TEMPLATE.to_string()),
            data: FileId::new(None, VirtualPath::new("letter.json")),
            standards: PdfStandards::new(&[PdfStandard::Ua_1]).map_err(|e| e.to_string())?,
        })
    }

    /// Lets Typst forget what it memoised for letters already made. Call it
    /// between batches of letters: Typst keeps every layout it did for
    /// reuse, and a run of 2,000 letters without it peaked at 2.1 GB.
    pub fn forget(&self) {
        typst::comemo::evict(1);
    }

    /// Lays out `letter` with its `pictures` and writes it as a tagged
    /// PDF/UA-1 file.
    pub fn pdf(&self, letter: &Letter, pictures: &Pictures) -> Result<Pdf, String> {
        let data = serde_json::to_vec(&Data { letter, pictures }).map_err(|e| e.to_string())?;
        let world = LetterWorld {
            engine: self,
            data: Bytes::new(data),
        };
        let document: PagedDocument = typst::compile(&world)
            .output
            .map_err(|errors| messages(&errors))?;
        let ident = letter.pdf_path();
        let options = PdfOptions {
            ident: Smart::Custom(&ident),
            standards: self.standards.clone(),
            ..PdfOptions::default()
        };
        let bytes = typst_pdf::pdf(&document, &options).map_err(|errors| messages(&errors))?;
        Ok(Pdf {
            bytes,
            pages: document.pages.len(),
        })
    }
}

/// What `letter.typ` reads as `l`: the letter with its pictures beside
/// its fields (`l.qr_svg`, `l.map_svg`).
#[derive(Serialize)]
struct Data<'a> {
    #[serde(flatten)]
    letter: &'a Letter,
    #[serde(flatten)]
    pictures: &'a Pictures,
}

fn messages(errors: &[typst::diag::SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| e.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// One letter's world: the template and the letter's data, nothing else
/// (no files, no packages, no clock: a letter is the same on every run).
struct LetterWorld<'a> {
    engine: &'a Engine,
    data: Bytes,
}

impl World for LetterWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.engine.book
    }

    fn main(&self) -> FileId {
        self.engine.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.engine.main.id() {
            Ok(self.engine.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.engine.data {
            Ok(self.data.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.engine.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        None
    }
}
