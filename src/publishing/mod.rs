//! What a Dutch government site needs beside its pages, and what static
//! hosts expect (see `publishing.md` in the spec):
//!
//! - [`assets`]: theme files published under a content hash;
//! - [`security_txt`]: `/.well-known/security.txt` (RFC 9116);
//! - [`headers`]: `/_headers` for Netlify and Cloudflare Pages;
//! - [`compress`]: `build --compress`, `.gz` and `.br` beside text files;
//! - [`checks`]: `no-accessibility-statement`, `security-expired` and
//!   `nl-contrast`, the site-wide findings of `site.toml`;
//! - [`contrast`]: WCAG contrast of the house-style token pairs.

pub mod assets;
pub mod checks;
pub mod compress;
pub mod contrast;
pub mod headers;
pub mod security_txt;
