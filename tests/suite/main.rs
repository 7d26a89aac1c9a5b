//! The integration suite: the real binary and the library over fixture sites.

mod util;

mod build;
mod scaffold;
mod serve;
