//! The command line: the commands and their options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// One coherent website per wijk from the departments' Markdown.
#[derive(Debug, Parser)]
#[command(name = "wijkverhaal", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default: <root>/public).
    Build(BuildArgs),
}

#[derive(Debug, Args)]
pub struct RootArg {
    /// The site's folder, with site.toml and content/.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// Where to write the site (default: <root>/public).
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// The address the site is published at; overrides base_url in site.toml.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include contributions marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// Build only this wijk (repeatable); the overview page is left out
    /// unless every wijk is built.
    #[arg(long = "wijk", value_name = "SLUG")]
    pub wijken: Vec<String>,
    /// Build the site as it looks on this day (YYYY-MM-DD): what is "now"
    /// and what is "upcoming". Default: today.
    #[arg(long, value_name = "DATE")]
    pub today: Option<jiff::civil::Date>,
}
