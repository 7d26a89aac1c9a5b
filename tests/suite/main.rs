//! The integration suite: the real binary and the library over fixture sites.

#[path = "../support/html_check.rs"]
mod html_check;
mod read;
mod util;

mod atomic;
mod attachments;
mod base_url;
mod build;
mod check;
mod errors;
mod feeds;
mod five_days;
mod injection;
mod letters;
mod long_letters;
mod maps;
mod merge;
mod messages;
mod publishing;
mod render_once;
mod robustness;
mod sanitize;
mod scaffold;
mod scale;
mod serve;
mod site_errors;
mod snapshots;
mod split;
mod symlinks;
mod unchanged;
mod workflows;
