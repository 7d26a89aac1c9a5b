//! The `wijkverhaal` binary: parses the command line, runs the command,
//! prints what it found, and exits with 0 (success) or 1 (errors).

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use wijkverhaal::build::{BuildOptions, build, check_site_with};
use wijkverhaal::cli::{
    BuildArgs, CheckArgs, Cli, Command, Format, InitArgs, LettersArgs, NewArgs, ServeArgs,
};
use wijkverhaal::error::BuildError;
use wijkverhaal::letters::{LettersOptions, letters};
use wijkverhaal::report as findings;
use wijkverhaal::{scaffold, serve};

/// mimalloc instead of the system allocator: a build allocates and frees
/// millions of small strings and template values, and mimalloc does that in
/// about 10 % less of the build's CPU time (`docs/benchmark.md`, issue 15).
/// `.cargo/config.toml` builds it so that it hands freed memory back.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) if wijkverhaal::cli::is_request(&error) => {
            let _ = error.print();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
        Err(error) => {
            eprint!("{}", wijkverhaal::cli::dutch_error(&error));
            return ExitCode::from(2);
        }
    };
    match cli.command {
        Command::Build(args) => run_build(args),
        Command::Check(args) => run_check(args),
        Command::Serve(args) => run_serve(args),
        Command::Letters(args) => run_letters(args),
        Command::Init(args) => run_init(args),
        Command::New(args) => run_new(args),
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
        overview_only: args.overview_only,
        compress: args.compress,
        preview: false,
    };
    match build(&options) {
        Ok(report) => {
            for warning in &report.output_warnings {
                eprintln!("{warning}");
            }
            let warnings = report.warnings;
            if warnings > 0 {
                eprintln!(
                    "{}. {} met: wijkverhaal check --root {}",
                    findings::counted(warnings, "waarschuwing", "waarschuwingen"),
                    if warnings == 1 {
                        "Bekijk hem"
                    } else {
                        "Bekijk ze"
                    },
                    options.root.display()
                );
            }
            let seconds = format!("{:.2}", started.elapsed().as_secs_f64()).replace('.', ",");
            eprintln!(
                "Site gemaakt: {} en {} in de map {}, in {seconds} seconden",
                findings::counted(report.wijken, "wijk", "wijken"),
                findings::counted(report.pages, "pagina", "pagina's"),
                shown(&report.output),
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            let output = options
                .output
                .unwrap_or_else(|| options.root.join("public"));
            print_failure(&error, &output);
            ExitCode::FAILURE
        }
    }
}

fn run_letters(args: LettersArgs) -> ExitCode {
    let started = Instant::now();
    let options = LettersOptions {
        root: args.root.root,
        output: args.output,
        wijken: args.wijken,
        streets: args.streets,
        today: args.today,
    };
    match letters(&options) {
        Ok(report) => {
            if !report.warnings.is_empty() {
                eprint!("{}", findings::text(&report.warnings));
            }
            if !report.skipped.is_empty() {
                eprintln!(
                    "Geen brief voor {} (er gebeurt daar nu niets en er staat niets gepland): {}",
                    findings::counted(report.skipped.len(), "straat", "straten"),
                    report.skipped.join(", ")
                );
            }
            let seconds = format!("{:.2}", started.elapsed().as_secs_f64()).replace('.', ",");
            eprintln!(
                "Brieven gemaakt: {} in de map {}, in {seconds} seconden",
                findings::counted(report.written.len(), "brief", "brieven"),
                shown(&report.output),
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            print_failure(&error, &options.output);
            ExitCode::FAILURE
        }
    }
}

/// A path as the editor would type it: without a leading `./`.
fn shown(path: &Path) -> String {
    let text = path.display().to_string();
    text.strip_prefix("./").map_or(text.clone(), str::to_string)
}

/// Prints the findings on stdout and the summary on stderr; exits 1 on
/// errors, and on warnings with `--deny-warnings`.
fn run_check(args: CheckArgs) -> ExitCode {
    let checked = check_site_with(&args.root.root, args.today, args.links);
    match args.format {
        Format::Text => print!("{}", findings::text(&checked.diagnostics)),
        Format::Json => println!("{}", findings::json(&checked.diagnostics)),
    }
    if args.format == Format::Text && !checked.diagnostics.is_empty() {
        eprintln!();
    }
    eprint!("{}", findings::scheduled(&checked.scheduled));
    eprint!("{}", findings::summary(&checked));
    if checked.fails(args.deny_warnings) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn print_failure(error: &BuildError, output: &Path) {
    eprint!("{error}");
    if let Some(errors) = error.errors_before_writing() {
        eprintln!(
            "\nDe build is gestopt: {}. Er is niets geschreven; de map {} is niet veranderd.",
            findings::counted(errors, "fout", "fouten"),
            shown(output)
        );
    } else {
        eprintln!();
    }
}

fn run_serve(args: ServeArgs) -> ExitCode {
    let options = serve::ServeOptions {
        root: args.root.root,
        bind: args.bind,
        port: args.port,
        today: args.today,
        verbose: true,
        allow_hosts: args.allow_hosts,
    };
    report(serve::serve(&options))
}

fn run_init(args: InitArgs) -> ExitCode {
    let result = scaffold::init(&args.dir, local_today(), !args.no_ci).map(|written| {
        for path in written {
            println!("{}", path.display());
        }
        eprintln!(
            "Nieuwe site gemaakt. Bekijk hem met: wijkverhaal serve --root {}",
            args.dir.display()
        );
    });
    report(result)
}

fn run_new(args: NewArgs) -> ExitCode {
    let options = scaffold::NewOptions {
        root: args.root.root,
        wijk: args.wijk,
        kind: args.kind,
        title: args.title,
        department: args.department,
        today: local_today(),
    };
    report(scaffold::new_contribution(&options).map(|path| println!("{}", path.display())))
}

/// Today in the Netherlands (the default zone of a site).
fn local_today() -> jiff::civil::Date {
    let zone = jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap_or(jiff::tz::TimeZone::UTC);
    jiff::Timestamp::now().to_zoned_datetime(zone).date()
}

/// Prints an error (if any) and turns the result into the exit status.
fn report<E: std::fmt::Display>(result: Result<(), E>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("Fout: {error}");
            ExitCode::FAILURE
        }
    }
}
