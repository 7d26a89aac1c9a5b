//! wijkverhaal: one coherent website per wijk from the Markdown
//! contributions of many municipal departments.
//!
//! The pipeline, one module per stage: [`content`] loads, [`validate`]
//! checks, [`links`] resolves links and attachments, [`merge`] merges per wijk, [`render`] renders, [`output`] writes;
//! [`build`] strings them together. [`check`] is the editorial stage beside
//! them: warnings about where the departments' plans touch; [`publishing`]
//! holds what a government site and its host need beside the pages.

pub mod attach;
pub mod build;
pub mod bytescan;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod error;
pub mod feeds;
pub mod geo;
pub mod letter;
pub mod letters;
pub mod linesafe;
pub mod links;
pub mod merge;
pub mod model;
pub mod output;
pub mod publishing;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod serve;
pub mod sitefs;
pub mod slug;
pub mod validate;
