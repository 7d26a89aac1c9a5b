//! The `wijkverhaal` binary: parses the command line, runs the command,
//! prints what it found, and exits with 0 (success) or 1 (errors).

use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use wijkverhaal::build::{BuildOptions, build};
use wijkverhaal::cli::{BuildArgs, Cli, Command};
use wijkverhaal::error::BuildError;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => run_build(args),
    }
}

fn run_build(args: BuildArgs) -> ExitCode {
    let started = Instant::now();
    let options = BuildOptions {
        root: args.root.root,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        today: args.today,
        only: args.wijken,
        preview: false,
    };
    match build(&options) {
        Ok(report) => {
            let warnings = report.warnings.len();
            if warnings > 0 {
                eprintln!("{warnings} warning(s): run `wijkverhaal check` to see them");
            }
            eprintln!(
                "Built {} wijk(en), {} pages into {} in {:.2} s",
                report.wijken,
                report.pages,
                report.output.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            print_failure(&error);
            ExitCode::FAILURE
        }
    }
}

fn print_failure(error: &BuildError) {
    eprint!("{error}");
    if let BuildError::Input(diagnostics) = error {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        eprintln!(
            "\nThe build stopped: {errors} error(s). Nothing was written; the output folder is unchanged."
        );
    } else {
        eprintln!();
    }
}
