//! The integration suite: the real binary and the library over fixture sites.

mod util;

mod atomic;
mod build;
mod check;
mod errors;
mod scaffold;
mod serve;
