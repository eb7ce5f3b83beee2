//! The command line: parse the arguments, call the library, print, choose the exit
//! status (0 done, 1 findings at or above the failing level, 2 could not run).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use safeguarding_report::check::{self, output::Format};
use safeguarding_report::model::Guidance;
use safeguarding_report::{
    Error, Severity, build, check_file, default_out, read, run_check, schema, validate,
};

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
    /// Runs the checker first: error-level findings stop the build.
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
    /// Check the report against Working Together and the data, editorial and privacy
    /// rules; print every finding and the criteria matrix. Exit 0 when nothing at or
    /// above --fail-on is found, 1 when something is, 2 when the check could not run.
    Check {
        /// The report to check: a Word document (.docx), a PDF, a web page or a folder
        /// of saved web pages (.html), a Markdown or text file, or a project folder
        /// with report.yaml. What a project states in report.yaml is inferred from the
        /// text and shown first.
        #[arg(value_name = "REPORT", conflicts_with = "project")]
        report: Option<PathBuf>,
        /// The report project: the folder that holds report.yaml.
        #[arg(long, default_value = ".")]
        project: PathBuf,
        /// The edition of Working Together to judge against (default: the report's own,
        /// or for a file the one in force at the end of its period).
        #[arg(long, value_enum)]
        guidance: Option<GuidanceArg>,
        /// For a file: the period it covers, as START..END (2021-04-01..2022-03-31),
        /// instead of the one inferred from its text.
        #[arg(long, value_name = "START..END", value_parser = parse_period)]
        period: Option<read::infer::Period>,
        /// For a file: the partnership's name, instead of the one inferred.
        #[arg(long, value_name = "NAME")]
        partnership: Option<String>,
        /// How to print the findings.
        #[arg(long, value_enum, default_value = "human")]
        format: FormatArg,
        /// The lowest severity that makes the check fail (exit 1).
        #[arg(long, value_enum, default_value = "error")]
        fail_on: FailOn,
        /// Also write the criteria matrix to FILE.md, FILE.html or FILE.json.
        #[arg(long, value_name = "FILE")]
        matrix: Option<PathBuf>,
    },
    /// Print a rule's documentation: what it checks, why (quoting the guidance), an
    /// example, how to fix it and how to turn it off. Without a rule, list them all.
    Explain {
        /// A rule id, such as ED-PLACEHOLDER or WT18-VOICE.
        rule: Option<String>,
    },
    /// Write the JSON Schemas of the YAML files (for editors) and of `check`'s JSON
    /// output into a folder.
    Schemas {
        /// The folder to write them to.
        #[arg(long, default_value = "schemas")]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum GuidanceArg {
    Wt2018,
    Wt2023,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
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
                    let report = &summary.check;
                    let errors = report.count(Severity::Error);
                    if draft && errors > 0 {
                        println!(
                            "Built as a DRAFT with {errors} error-level finding{}: every page is marked DRAFT. Run `safeguarding-report check` to see them.",
                            if errors == 1 { "" } else { "s" }
                        );
                    } else {
                        println!(
                            "Checked: {}. Run `safeguarding-report check` for the findings and the criteria matrix.",
                            report.summary_line()
                        );
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
        Command::Check {
            report,
            project,
            guidance,
            period,
            partnership,
            format,
            fail_on,
            matrix,
        } => {
            let guidance = guidance.map(|g| match g {
                GuidanceArg::Wt2018 => Guidance::Wt2018,
                GuidanceArg::Wt2023 => Guidance::Wt2023,
            });
            let options = check::Options { guidance };
            let result = match report {
                // A folder with report.yaml is a project; anything else is read.
                Some(path) if !path.join("report.yaml").is_file() => {
                    let overrides = read::Overrides {
                        period,
                        partnership,
                        guidance,
                    };
                    check_file(&path, &overrides, &options)
                }
                Some(path) => run_check(&path, &options),
                None => run_check(&project, &options),
            };
            let report = match result {
                Ok(r) => r,
                Err(e) => return fail(&e, color),
            };
            if let Some(path) = matrix
                && let Err(e) =
                    check::matrix::write(&report.criteria, report.guidance.title(), &path)
            {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
            let fail_on = match fail_on {
                FailOn::Error => Severity::Error,
                FailOn::Warning => Severity::Warning,
                FailOn::Info => Severity::Info,
            };
            let format = match format {
                FormatArg::Human => Format::Human,
                FormatArg::Json => Format::Json,
                FormatArg::Sarif => Format::Sarif,
                FormatArg::Github => Format::Github,
            };
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            print!("{}", check::output::render(&report, format, fail_on, color));
            if report.fails(fail_on) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Explain { rule } => match rule {
            Some(id) => match check::rule(&id) {
                Some(r) => {
                    print!("{}", r.explain());
                    ExitCode::SUCCESS
                }
                None => {
                    match check::suggest(&id) {
                        Some(m) => eprintln!("error: there is no rule `{id}`; did you mean `{m}`?"),
                        None => eprintln!(
                            "error: there is no rule `{id}`; `safeguarding-report explain` lists them all."
                        ),
                    }
                    ExitCode::from(2)
                }
            },
            None => {
                let mut family = None;
                for r in check::rules() {
                    if family != Some(r.family) {
                        family = Some(r.family);
                        println!("\n{}", r.family.name());
                    }
                    println!("  {:<20} {:<8} {}", r.id, r.severity.to_string(), r.summary);
                }
                println!("\n`safeguarding-report explain RULE` prints a rule's documentation.");
                ExitCode::SUCCESS
            }
        },
        Command::Schemas { out } => {
            if let Err(e) = std::fs::create_dir_all(&out) {
                eprintln!("error: cannot create {}: {e}", out.display());
                return ExitCode::from(2);
            }
            let mut schemas = schema::all();
            schemas.push(("check-output.schema.json", check::output::json::schema()));
            for (name, text) in schemas {
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

fn parse_period(text: &str) -> Result<read::infer::Period, String> {
    read::Overrides::parse_period(text)
}

fn fail(error: &Error, color: bool) -> ExitCode {
    match error {
        Error::Input(failure) => eprint!("{}", failure.render(color)),
        Error::Output(message) => {
            eprintln!("error: {message}\nNothing was changed in the output folder.")
        }
        Error::Findings(report) => {
            for d in report
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
            {
                eprint!("{}\n\n", d.render(&report.sources, color));
            }
            eprintln!("{error}\nNothing was written.");
            return ExitCode::from(1);
        }
    }
    ExitCode::from(2)
}
