//! The command line: the commands and their options.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    /// Check the site without building it: every error of `build`, plus
    /// warnings about where the departments' plans touch (coupling chances,
    /// event clashes, second contacts, jargon, long sentences).
    Check(CheckArgs),
    /// Preview the site while you write: serves it with drafts on
    /// http://127.0.0.1:1111/, rebuilds on every save and reloads open tabs.
    Serve(ServeArgs),
    /// Make a new site in DIR: site.toml, one wijk and one contribution of
    /// each kind, ready for `serve`. Never overwrites a file.
    Init(InitArgs),
    /// Write a new contribution (a draft) with the fields its kind needs,
    /// and print its path. Never overwrites a file.
    New(NewArgs),
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
    #[arg(long = "wijk", value_name = "SLUG", conflicts_with = "overview_only")]
    pub wijken: Vec<String>,
    /// Build only the root of a split build: the overview of all wijken,
    /// 404.html, robots.txt and a sitemap index of every wijk's sitemap.xml.
    /// Reads only the wijken's _index.md files.
    #[arg(long)]
    pub overview_only: bool,
    /// Build the site as it looks on this day (YYYY-MM-DD): what is "now"
    /// and what is "upcoming". Default: today.
    #[arg(long, value_name = "DATE")]
    pub today: Option<jiff::civil::Date>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// The address to listen on. Anything but 127.0.0.1 (or ::1) makes the
    /// preview, drafts included, visible to others on the network.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
    pub bind: IpAddr,
    /// The port to listen on; 0 picks a free one (the address is printed).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Show the site as it looks on this day (YYYY-MM-DD). Default: today.
    #[arg(long, value_name = "DATE")]
    pub today: Option<jiff::civil::Date>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder for the new site (created if needed).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// The wijk, by its folder name under content/ (e.g. lindenhof).
    #[arg(long, value_name = "SLUG")]
    pub wijk: String,
    /// What the contribution is.
    #[arg(long, value_enum)]
    pub kind: crate::scaffold::Kind,
    /// Who writes it; also the sub-folder (default: Gemeente).
    #[arg(long, value_name = "NAME")]
    pub department: Option<String>,
    /// The title; the file name is made from it.
    #[arg(value_name = "TITLE")]
    pub title: String,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// How to print the findings: like a compiler (text) or as one JSON array.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Exit with status 1 when there are warnings, not only on errors.
    #[arg(long)]
    pub deny_warnings: bool,
}

/// The output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `file:line: warning[code]: message`, with notes, then a summary.
    Text,
    /// One JSON array of `{severity, code, file, line, message, notes}`.
    Json,
}
