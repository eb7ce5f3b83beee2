//! The command line: parse the arguments, call the library, print, choose the exit
//! status (0 done, 1 findings at or above the failing level, 2 could not run).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use safeguarding_report::{Error, build, default_out, schema, validate};

/// Builds, checks and publishes a safeguarding children partnership's yearly report.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the report: a PDF and a website, in build/ unless --out says otherwise.
    Build {
        /// The report project: the folder that holds report.yaml.
        #[arg(long, default_value = ".")]
        project: PathBuf,
        /// Where to write report.pdf and site/ (default: build/ inside the project).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Build even with errors in the content, marking every page DRAFT.
        #[arg(long)]
        draft: bool,
    },
    /// Read the project and report every problem, without writing anything.
    Validate {
        /// The report project: the folder that holds report.yaml.
        #[arg(long, default_value = ".")]
        project: PathBuf,
    },
    /// Write the JSON Schemas of the YAML files (for editors) into a folder.
    Schemas {
        /// The folder to write them to.
        #[arg(long, default_value = "schemas")]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    match cli.command {
        Command::Build {
            project,
            out,
            draft,
        } => {
            let out = out.unwrap_or_else(|| default_out(&project));
            match build(&project, &out, draft) {
                Ok(summary) => {
                    for (stage, took) in &summary.stages {
                        println!("{stage:>9}  {:>6.2} s", took.as_secs_f64());
                    }
                    println!(
                        "Built {} sections and {} tables: {} ({} KB) and {}",
                        summary.sections,
                        summary.tables,
                        summary.outputs.pdf.display(),
                        summary.outputs.pdf_bytes.div_ceil(1024),
                        summary.outputs.site.join("index.html").display(),
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e, color),
            }
        }
        Command::Validate { project } => match validate(&project, false) {
            Ok((_, document)) => {
                println!(
                    "{}: no problems found in {} sections.",
                    project.display(),
                    document.sections.len()
                );
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e, color),
        },
        Command::Schemas { out } => {
            if let Err(e) = std::fs::create_dir_all(&out) {
                eprintln!("error: cannot create {}: {e}", out.display());
                return ExitCode::from(2);
            }
            for (name, text) in schema::all() {
                if let Err(e) = std::fs::write(out.join(name), text) {
                    eprintln!("error: cannot write {}: {e}", out.join(name).display());
                    return ExitCode::from(2);
                }
                println!("wrote {}", out.join(name).display());
            }
            ExitCode::SUCCESS
        }
    }
}

fn fail(error: &Error, color: bool) -> ExitCode {
    match error {
        Error::Input(failure) => eprint!("{}", failure.render(color)),
        Error::Output(message) => {
            eprintln!("error: {message}\nNothing was changed in the output folder.")
        }
    }
    ExitCode::from(2)
}
