//! Images: measured before rendering (for `width`, `height` and `srcset`),
//! and published as variants 480, 960 and 1600 px wide (never enlarged) in
//! their own format and as WebP, with the orientation applied and every
//! piece of metadata (EXIF, GPS) left out, since they are encoded anew.
//! Encoding is slow, so variants are kept in a cache folder by the hash of
//! the original's bytes: an unchanged image is never encoded twice.

use std::hash::Hasher;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use super::Attachment;
use crate::config::Config;
use crate::render::markdown::Picture;

/// The widths of the variants; an image narrower than one gets its own
/// width as the largest instead.
pub const WIDTHS: [u32; 3] = [480, 960, 1600];

/// Larger images are refused (`image-too-large`): a decompression bomb
/// would take the build's memory.
pub const MAX_SIDE: u32 = 12_000;
pub const MAX_PIXELS: u64 = 50_000_000;

/// Bumped when the variants or the cache's list change, so a cache of an
/// older version is not used. 3: the list names each variant's width and
/// format, not its address, so two files with the same bytes (a copy, a
/// renamed file) each get their own addresses.
const VERSION: u32 = 3;

/// JPEG and WebP quality: good for photos, a quarter of the original size.
const QUALITY: u8 = 80;

/// An image's size as residents see it: orientation applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

/// Why an image cannot be used: a code and a message.
pub type Problem = (&'static str, String);

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXELS * 8);
    limits
}

fn bad(file: &str, what: String) -> Problem {
    (
        "bad-image",
        format!("{file} is geen bruikbare afbeelding: {what}"),
    )
}

/// Sets the limits on an image reader and checks that its bytes are the
/// format its name says (a `.jpg` that is a PDF is refused, not guessed).
fn checked<'r, R: std::io::BufRead + std::io::Seek + 'r>(
    reader: ImageReader<R>,
    path: &Path,
    file: &str,
) -> Result<impl ImageDecoder + 'r, Problem> {
    let mut reader = reader
        .with_guessed_format()
        .map_err(|e| bad(file, crate::error::io_reason(&e)))?;
    let expected = ImageFormat::from_path(path).ok();
    match reader.format() {
        Some(found) if Some(found) == expected => {}
        Some(found) => {
            let what = found
                .extensions_str()
                .first()
                .copied()
                .unwrap_or("iets anders");
            return Err(bad(
                file,
                format!("de inhoud is {what}, maar de naam zegt iets anders"),
            ));
        }
        None => return Err(bad(file, "de inhoud is geen jpg, png, webp of gif".into())),
    }
    reader.limits(limits());
    reader.into_decoder().map_err(|e| problem(file, e))
}

fn problem(file: &str, error: image::ImageError) -> Problem {
    match error {
        image::ImageError::Limits(_) => too_large(file),
        other => (
            "bad-image",
            format!("{file} is geen bruikbare afbeelding (beschadigd of afgebroken): {other}"),
        ),
    }
}

fn too_large(file: &str) -> Problem {
    (
        "image-too-large",
        format!(
            "{file} is te groot: meer dan {MAX_SIDE} pixels per kant of {} megapixel",
            MAX_PIXELS / 1_000_000
        ),
    )
}

/// Measures an image without decoding its pixels.
pub fn probe(attachment: &Attachment) -> Result<Size, Problem> {
    let reader = ImageReader::open(&attachment.path)
        .map_err(|e| bad(&attachment.file, crate::error::io_reason(&e)))?;
    let mut decoder = checked(reader, &attachment.path, &attachment.file)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(too_large(&attachment.file));
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    Ok(oriented(width, height, orientation))
}

fn oriented(width: u32, height: u32, orientation: Orientation) -> Size {
    use Orientation::*;
    match orientation {
        Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH => Size {
            width: height,
            height: width,
        },
        _ => Size { width, height },
    }
}

/// The widths of an image's variants, smallest first.
pub fn widths(width: u32) -> Vec<u32> {
    let top = width.min(WIDTHS[WIDTHS.len() - 1]);
    WIDTHS
        .iter()
        .copied()
        .filter(|w| *w < top)
        .chain(std::iter::once(top))
        .collect()
}

/// Where a variant is published: the largest in the image's own format at
/// the attachment's own address, the others beside it.
pub fn variant_path(published: &str, width: u32, largest: bool, webp: bool) -> String {
    match (webp, largest) {
        (false, true) => published.to_string(),
        (false, false) => {
            let extension = published.rsplit('.').next().unwrap_or_default();
            format!("{published}.{width}w.{extension}")
        }
        (true, _) => format!("{published}.{width}w.webp"),
    }
}

/// The `<picture>` of an image of `size`.
pub fn picture(attachment: &Attachment, size: Size, config: &Config) -> Picture {
    let widths = widths(size.width);
    let top = widths[widths.len() - 1];
    let url = |width: u32, webp: bool| {
        config.path(&format!(
            "/{}",
            variant_path(&attachment.published, width, width == top, webp)
        ))
    };
    let srcset = |webp: bool| {
        widths
            .iter()
            .map(|w| format!("{} {w}w", url(*w, webp)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Picture {
        src: url(top, false),
        srcset: srcset(false),
        webp_srcset: srcset(true),
        width: top,
        height: scaled_height(size, top),
    }
}

fn scaled_height(size: Size, width: u32) -> u32 {
    let height = (u64::from(size.height) * u64::from(width) + u64::from(size.width) / 2)
        / u64::from(size.width.max(1));
    u32::try_from(height).unwrap_or(u32::MAX).max(1)
}

/// The variants of an image as (published path, file in the cache),
/// encoded now unless the cache has them.
pub fn variants(attachment: &Attachment, cache: &Path) -> Result<Vec<(String, PathBuf)>, Problem> {
    let bytes = std::fs::read(&attachment.path).map_err(|e| {
        (
            "bad-image",
            format!(
                "{} kan niet worden gelezen: {}",
                attachment.file,
                crate::error::io_reason(&e)
            ),
        )
    })?;
    let folder = cache.join(format!(
        "{:016x}",
        content_hash(&bytes, &attachment.extension)
    ));
    let cached = std::fs::read_to_string(folder.join("klaar"))
        .ok()
        .and_then(|list| parse_list(&list));
    let list = match cached {
        Some(list) => list,
        None => encode_into(attachment, &bytes, &folder)?,
    };
    let top = list.iter().map(|v| v.width).max().unwrap_or_default();
    Ok(list
        .into_iter()
        .map(|v| {
            let published = variant_path(&attachment.published, v.width, v.width == top, v.webp);
            (published, folder.join(v.name))
        })
        .collect())
}

/// One encoded variant in the cache: its file name, width and format.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Cached {
    name: String,
    width: u32,
    webp: bool,
}

impl Cached {
    /// Its line in the cache's list (`klaar`).
    fn line(&self) -> String {
        format!("{} {} {}\n", self.name, self.width, u8::from(self.webp))
    }
}

/// The variants listed in a cache folder's `klaar`; `None` when the list
/// is empty or not of this version (then the image is encoded again).
fn parse_list(list: &str) -> Option<Vec<Cached>> {
    let parsed: Option<Vec<Cached>> = list
        .lines()
        .map(|line| {
            let mut parts = line.split(' ');
            let (name, width, webp) = (parts.next()?, parts.next()?, parts.next()?);
            Some(Cached {
                name: name.to_string(),
                width: width.parse().ok()?,
                webp: match webp {
                    "0" => false,
                    "1" => true,
                    _ => return None,
                },
            })
        })
        .collect();
    parsed.filter(|list| !list.is_empty())
}

/// Encodes every variant into `folder`, and last the list that marks it complete.
fn encode_into(
    attachment: &Attachment,
    bytes: &[u8],
    folder: &Path,
) -> Result<Vec<Cached>, Problem> {
    let file = &attachment.file;
    let reader = ImageReader::new(Cursor::new(bytes));
    let mut decoder = checked(reader, &attachment.path, file)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| problem(file, e))?;
    image.apply_orientation(orientation);
    let size = Size {
        width: image.width(),
        height: image.height(),
    };
    let widths = widths(size.width);
    let write_error = |e: std::io::Error| {
        (
            "bad-image",
            format!(
                "de verkleinde versies van {file} kunnen niet worden bewaard in {}: {}",
                folder.display(),
                crate::error::io_reason(&e)
            ),
        )
    };
    std::fs::create_dir_all(folder).map_err(write_error)?;
    let mut list = Vec::new();
    for width in &widths {
        let resized = if *width == size.width {
            image.clone()
        } else {
            image.resize_exact(
                *width,
                scaled_height(size, *width),
                image::imageops::FilterType::CatmullRom,
            )
        };
        for webp in [false, true] {
            let mut encoded = encode(&resized, &attachment.extension, webp)
                .map_err(|e| ("bad-image", format!("{file} kan niet worden omgezet: {e}")))?;
            // At its own size and upright, the original without its metadata
            // is often smaller, and never loses quality.
            if !webp
                && *width == size.width
                && orientation == Orientation::NoTransforms
                && let Some(stripped) = super::strip::without_metadata(&attachment.extension, bytes)
                && stripped.len() < encoded.len()
            {
                encoded = stripped;
            }
            let name = format!(
                "{width}.{}",
                if webp { "webp" } else { &attachment.extension }
            );
            write_atomically(&folder.join(&name), &encoded).map_err(write_error)?;
            list.push(Cached {
                name,
                width: *width,
                webp,
            });
        }
    }
    let text: String = list.iter().map(Cached::line).collect();
    write_atomically(&folder.join("klaar"), text.as_bytes()).map_err(write_error)?;
    Ok(list)
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temporary = path.with_extension(format!("tmp-{}", std::process::id()));
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, path)
}

/// Encodes an image anew (which leaves all metadata out).
fn encode(image: &DynamicImage, extension: &str, webp: bool) -> Result<Vec<u8>, String> {
    if webp || extension == "webp" {
        let rgba = image.to_rgba8();
        let encoder = webp::Encoder::from_rgba(rgba.as_raw(), rgba.width(), rgba.height());
        return Ok(encoder.encode(f32::from(QUALITY)).to_vec());
    }
    let mut out = Cursor::new(Vec::new());
    let result = match extension {
        "jpg" | "jpeg" => {
            let rgb = DynamicImage::ImageRgb8(image.to_rgb8());
            rgb.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
                &mut out, QUALITY,
            ))
        }
        "png" => image.write_with_encoder(image::codecs::png::PngEncoder::new_with_quality(
            &mut out,
            image::codecs::png::CompressionType::Best,
            image::codecs::png::FilterType::Adaptive,
        )),
        _ => DynamicImage::ImageRgba8(image.to_rgba8()).write_to(&mut out, ImageFormat::Gif),
    };
    result.map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

/// The cache key: the bytes, the kind of output, and the version of the variants.
fn content_hash(bytes: &[u8], extension: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(bytes);
    hasher.write(extension.as_bytes());
    hasher.write_u32(VERSION);
    hasher.write_u32(u32::from(QUALITY));
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_list_names_variants_not_addresses() {
        let list = [
            Cached {
                name: "480.jpg".into(),
                width: 480,
                webp: false,
            },
            Cached {
                name: "480.webp".into(),
                width: 480,
                webp: true,
            },
        ];
        let text: String = list.iter().map(Cached::line).collect();
        assert_eq!(parse_list(&text).as_deref(), Some(&list[..]));
        // A list of version 2 (name and address) is encoded again.
        assert_eq!(parse_list("480.jpg w/bijlagen/a.jpg.480w.jpg\n"), None);
        assert_eq!(parse_list(""), None);
    }

    #[test]
    fn variants_are_never_enlarged() {
        assert_eq!(widths(4000), [480, 960, 1600]);
        assert_eq!(widths(1200), [480, 960, 1200]);
        assert_eq!(widths(960), [480, 960]);
        assert_eq!(widths(300), [300]);
        assert_eq!(
            variant_path("w/bijlagen/a.jpg", 480, false, false),
            "w/bijlagen/a.jpg.480w.jpg"
        );
        assert_eq!(
            variant_path("w/bijlagen/a.jpg", 1600, true, false),
            "w/bijlagen/a.jpg"
        );
        assert_eq!(
            variant_path("w/bijlagen/a.jpg", 1600, true, true),
            "w/bijlagen/a.jpg.1600w.webp"
        );
        assert_eq!(
            scaled_height(
                Size {
                    width: 1600,
                    height: 1200
                },
                480
            ),
            360
        );
        assert_eq!(
            oriented(1600, 1200, Orientation::Rotate90),
            Size {
                width: 1200,
                height: 1600
            }
        );
    }

    fn jpeg() -> Vec<u8> {
        let image =
            image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 77]));
        let mut out = Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(image)
            .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
                &mut out, 80,
            ))
            .unwrap();
        out.into_inner()
    }

    /// A seeded mutation loop over the image path: truncated, flipped and
    /// spliced bytes, a PDF under a .jpg name. Never a panic; every error
    /// names the file. `FUZZ_ROUNDS=5000 FUZZ_SEED=7` runs a longer campaign.
    #[test]
    fn broken_images_are_errors_naming_the_file_never_a_panic() {
        let rounds: u64 = std::env::var("FUZZ_ROUNDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(150);
        let mut state: u64 = std::env::var("FUZZ_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(9);
        let mut next = move |bound: usize| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) as usize) % bound.max(1)
        };
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache");
        let original = jpeg();
        let mut cases: Vec<Vec<u8>> = vec![
            b"%PDF-1.4\n1 0 obj<<>>endobj".to_vec(),
            original[..original.len() / 2].to_vec(),
            Vec::new(),
        ];
        for _ in 0..rounds {
            let mut bytes = original.clone();
            match next(3) {
                0 => bytes.truncate(next(bytes.len())),
                1 => {
                    for _ in 0..=next(8) {
                        let at = next(bytes.len());
                        bytes[at] = next(256) as u8;
                    }
                }
                _ => {
                    let at = next(bytes.len());
                    let chunk: Vec<u8> = bytes[next(bytes.len())..]
                        .iter()
                        .take(next(64))
                        .copied()
                        .collect();
                    bytes.splice(at..at, chunk);
                }
            }
            cases.push(bytes);
        }
        for (n, bytes) in cases.iter().enumerate() {
            let path = dir.path().join(format!("foto-{n}.jpg"));
            std::fs::write(&path, bytes).unwrap();
            let file = format!("content/w/foto-{n}.jpg");
            let attachment = Attachment::new(
                "w",
                path.clone(),
                file.clone(),
                format!("w/foto-{n}.jpg"),
                &[&format!("foto-{n}.jpg")],
            );
            let outcome = std::panic::catch_unwind(|| {
                probe(&attachment).map(|_| ())?;
                variants(&attachment, &cache).map(|_| ())
            });
            match outcome {
                Ok(Ok(())) => {}
                Ok(Err((_, message))) => assert!(message.contains(&file), "case {n}: {message}"),
                Err(_) => panic!("case {n} panicked"),
            }
        }
    }
}
