//! The command line: parse the arguments, call the library, print, choose the exit
//! status (0 done, 1 findings at or above the failing level, 2 could not run).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use safeguarding_report::check::evaluation::Source;
use safeguarding_report::check::{self, output::Format};
use safeguarding_report::invocation::{command, on_project, shell_word};
use safeguarding_report::model::Guidance;
use safeguarding_report::progress::Progress;
use safeguarding_report::render::Archive;
use safeguarding_report::{
    BUILD_STEPS, Error, Severity, build_with_progress, check_file, default_out, national, read,
    run_check, scaffold, schema, serve, status, validate,
};

/// typst's layout makes and frees many small objects from several threads at once,
/// which mimalloc does faster than the system's allocators (measured in Cargo.toml's
/// note on it and in docs/reliability.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

impl Command {
    /// The project the command works on, as the user named it.
    fn project(&self) -> Option<&Path> {
        match self {
            Command::Build { project, .. }
            | Command::CheckSite { project, .. }
            | Command::Validate { project }
            | Command::Status { project, .. }
            | Command::Import { project, .. }
            | Command::Serve { project, .. } => Some(project),
            Command::Check(args) => Some(&args.project),
            Command::New { .. } | Command::Explain { .. } | Command::Schemas { .. } => None,
        }
    }
}

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
        /// Also write report-site.zip beside site/: the website and the PDF in one
        /// file to send to the web team, with PUBLISHING.txt saying where it goes.
        #[arg(long)]
        zip: bool,
    },
    /// Test the built website in a real browser: open every page in headless
    /// Chromium, test it with axe-core (WCAG 2.2 AA) in the light and dark themes at
    /// desktop and phone widths, and record the result in its accessibility
    /// statement. Exit 0 with no violations, 1 with some, 2 when it could not run.
    CheckSite {
        /// The report project: the folder that holds report.yaml.
        #[arg(long, default_value = ".")]
        project: PathBuf,
        /// The build folder holding site/ (default: build/ inside the project).
        #[arg(long)]
        out: Option<PathBuf>,
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
    Check(CheckArgs),
    /// Start a new report: a project laid out by what Working Together asks a yearly
    /// report to contain, with a contribution template for each partner. It builds
    /// at once (`build --draft`), and `check` lists what is still missing.
    New {
        /// The folder to create (it must not exist yet, or be empty).
        dir: PathBuf,
        /// The partnership's full name.
        #[arg(long, required_unless_present = "from")]
        partnership: Option<String>,
        /// Its abbreviation, for example TSCP.
        #[arg(long, required_unless_present = "from")]
        short_name: Option<String>,
        /// The 12 months the report covers: START..END, for example
        /// 2023-04-01..2024-03-31. With --from, the year after last year's unless given.
        #[arg(long, required_unless_present = "from")]
        period: Option<String>,
        /// Last year's project: next year's starts from it, with this year's figures
        /// as comparators, the partners, glossary and check decisions kept, and each
        /// section's headings kept with its text cleared.
        #[arg(long, value_name = "LAST_YEAR_DIR", conflicts_with_all = ["partnership", "short_name"])]
        from: Option<PathBuf>,
    },
    /// Show which partners' contributions are in and which are outstanding, what the
    /// checker finds in each, and where the report stands against each criterion.
    Status {
        /// The report project: the folder that holds report.yaml.
        #[arg(long, default_value = ".")]
        project: PathBuf,
        /// How to print it: for the terminal, a Markdown table to paste into an
        /// e-mail, or JSON.
        #[arg(long, value_enum, default_value = "human")]
        format: StatusFormat,
    },
    /// Take in a partner's contribution sent as a Word document: write it as their
    /// section (content/agencies/PARTNER.md), each table as a data set and each
    /// picture with its alt text, list what could not be converted, and check it.
    Import {
        /// The partner's Word document (.docx).
        docx: PathBuf,
        /// The partner's id in report.yaml, for example police.
        #[arg(long)]
        partner: String,
        /// The report project: the folder that holds report.yaml.
        #[arg(long, default_value = ".")]
        project: PathBuf,
        /// Replace the partner's section, data sets and pictures if they exist.
        #[arg(long)]
        force: bool,
    },
    /// Print a rule's documentation: what it checks, why (quoting the guidance), an
    /// example, how to fix it and how to turn it off. Without a rule, list them all.
    Explain {
        /// A rule id, such as ED-PLACEHOLDER or WT18-VOICE.
        rule: Option<String>,
    },
    /// Preview the website while you write: build it, serve it at
    /// http://127.0.0.1:3000, and rebuild it each time a file of the report is
    /// saved; the page in the browser updates by itself. Ctrl-C stops it.
    Serve {
        /// The report project: the folder that holds report.yaml.
        #[arg(long, default_value = ".")]
        project: PathBuf,
        /// The port to serve on (0 picks a free one).
        #[arg(long, default_value_t = 3000)]
        port: u16,
        /// The address to listen on. Without it only this computer can open the
        /// preview (127.0.0.1); 0.0.0.0 lets other computers on the network in.
        #[arg(long, value_name = "ADDR")]
        host: Option<std::net::IpAddr>,
    },
    /// Write the JSON Schemas of the YAML files (for editors) and of `check`'s JSON
    /// output into a folder.
    Schemas {
        /// The folder to write them to.
        #[arg(long, default_value = "schemas")]
        out: PathBuf,
    },
}

// `check`'s arguments, in a struct of their own so `check` can take them whole.
#[derive(Args)]
struct CheckArgs {
    /// The report to check: a Word document (.docx), a PDF, a web page or a folder
    /// of saved web pages with index.html, a Markdown or text file, or a project
    /// folder with report.yaml. What a project states in report.yaml is inferred from
    /// the text and shown first. Several reports, or a folder of report files, are
    /// checked together: a line for each, then the picture across them.
    #[arg(value_name = "REPORT", conflicts_with = "project")]
    reports: Vec<PathBuf>,
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
    period: Option<safeguarding_report::model::Period>,
    /// For a file: the partnership's name, instead of the one inferred.
    #[arg(long, value_name = "NAME")]
    partnership: Option<String>,
    /// How to print the findings.
    #[arg(long, value_enum, default_value = "human")]
    format: FormatArg,
    /// The lowest severity that makes the check fail (exit 1).
    #[arg(long, value_enum, default_value = "error")]
    fail_on: FailOn,
    /// Also write the evaluation: for one report, the scrutineer's evaluation document
    /// (FILE.docx for Word, .html, .md or .json); for many, the table of every report
    /// against every criterion (FILE.html, with each report's evaluation beside it,
    /// .csv or .json).
    #[arg(long, value_name = "FILE")]
    matrix: Option<PathBuf>,
    /// The scrutineer's name, for the evaluation document's header.
    #[arg(long, value_name = "NAME")]
    reviewer: Option<String>,
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
enum StatusFormat {
    Human,
    Md,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

fn main() -> ExitCode {
    // A panic is a bug in the tool, not in the user's report: replace Rust's backtrace
    // with a bug report. The panic then unwinds as usual, so the staging folder of an
    // unfinished build is removed (the previous build is never touched before the
    // final swap) and the process exits with status 101.
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "an unexpected error".to_string());
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()));
        let args: Vec<String> = std::env::args().skip(1).collect();
        eprint!(
            "{}",
            bug_report(&what, at.as_deref(), &command(&args.join(" ")))
        );
    }));
    let cli = Cli::parse();
    if let Some(project) = cli.command.project() {
        safeguarding_report::invocation::remember_project(project);
    }
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    match cli.command {
        Command::Build {
            project,
            out,
            draft,
            zip,
        } => {
            let archive = if zip { Archive::Zip } else { Archive::None };
            build(&project, out, draft, archive, color)
        }
        Command::CheckSite { project, out } => {
            let site = out.unwrap_or_else(|| default_out(&project)).join("site");
            check_site(&site)
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
        Command::Check(args) => check(args),
        Command::New {
            dir,
            partnership,
            short_name,
            period,
            from,
        } => new_project(
            &dir,
            partnership,
            short_name,
            period,
            from.as_deref(),
            color,
        ),
        Command::Status { project, format } => status(&project, format, color),
        Command::Import {
            docx,
            partner,
            project,
            force,
        } => safeguarding_report::import::run(&docx, &partner, &project, force, color),
        Command::Explain { rule } => explain(rule),
        Command::Serve {
            project,
            port,
            host,
        } => match serve::run(&serve::Options {
            project,
            port,
            host,
        }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
        },
        Command::Schemas { out } => schemas(&out),
    }
}

/// `build`: the PDF and the website, with the stages' times and the check's verdict.
fn build(
    project: &Path,
    out: Option<PathBuf>,
    draft: bool,
    archive: Archive,
    color: bool,
) -> ExitCode {
    let out = out.unwrap_or_else(|| default_out(project));
    let progress = Progress::steps(&BUILD_STEPS);
    let started = std::time::Instant::now();
    let built = build_with_progress(project, &out, draft, archive, &mut |i| progress.start(i));
    let took = started.elapsed();
    progress.finish();
    match built {
        Ok(summary) => {
            // check, typeset (with pdf) and site run side by side: the total is less
            // than the stages added up.
            for (stage, took) in &summary.stages {
                println!("{stage:>9}  {:>6.2} s", took.as_secs_f64());
            }
            println!("{:>9}  {:>6.2} s", "total", took.as_secs_f64());
            let report = &summary.check;
            let errors = report.count(Severity::Error);
            if draft && errors > 0 {
                println!(
                    "Built as a DRAFT with {errors} error-level finding{}: every page is marked DRAFT. Run `{}` to see them.",
                    if errors == 1 { "" } else { "s" },
                    on_project("check")
                );
            } else {
                println!(
                    "Checked: {}. Run `{}` for the findings and the criteria matrix.",
                    report.summary_line(),
                    on_project("check")
                );
            }
            println!(
                "Built {} sections and {} tables: {} ({} KB), {} (for board papers) and {}",
                summary.sections,
                summary.tables,
                summary.outputs.pdf.display(),
                summary.outputs.pdf_bytes.div_ceil(1024),
                summary.outputs.docx.display(),
                summary.outputs.site.join("index.html").display(),
            );
            if let Some((zip, bytes)) = &summary.outputs.archive {
                println!(
                    "Packed the website and the PDF for the web team: {} ({} KB), with PUBLISHING.txt saying where it goes.",
                    zip.display(),
                    bytes.div_ceil(1024)
                );
            }
            if summary.site_url.is_none() {
                println!("{NO_SITE_URL}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e, color),
    }
}

/// Said once by each build of a project that does not say where its website goes.
const NO_SITE_URL: &str = "Note: report.yaml does not say where the website will be published, so its pages have no canonical links, sitemap or preview picture for social media. To add them, set site_url under publication: to the website's address, for example site_url: https://www.example.org.uk/reports/2021-22/";

/// `check`: a project, a report in any format, or many reports, judged; the
/// findings in the format asked for, and the evaluation written where asked.
fn check(args: CheckArgs) -> ExitCode {
    let one = match args.reports.as_slice() {
        [] => Some(args.project.clone()),
        [path] if !path.is_dir() || national::is_one_report(path) => Some(path.clone()),
        _ => None,
    };
    match one {
        Some(path) => check_one(path, args),
        None => check_many(args),
    }
}

fn severity(fail_on: FailOn) -> Severity {
    match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    }
}

fn guidance_of(arg: Option<GuidanceArg>) -> Option<Guidance> {
    arg.map(|g| match g {
        GuidanceArg::Wt2018 => Guidance::Wt2018,
        GuidanceArg::Wt2023 => Guidance::Wt2023,
    })
}

/// One report (or project): its findings, and its evaluation document if asked.
fn check_one(path: PathBuf, args: CheckArgs) -> ExitCode {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let guidance = guidance_of(args.guidance);
    let options = check::Options { guidance };
    let is_project = path.join("report.yaml").is_file();
    let result = if is_project {
        run_check(&path, &options)
    } else {
        let overrides = read::Overrides {
            period: args.period,
            partnership: args.partnership,
            guidance,
        };
        check_file(&path, &overrides, &options)
    };
    let report = match result {
        Ok(r) => r,
        Err(e) => return fail(&e, color),
    };
    if let Some(out) = &args.matrix {
        let source = if is_project {
            let folder = path.canonicalize().unwrap_or_else(|_| path.clone());
            Source {
                file: folder.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into(),
                ),
                sha256: None,
                reviewer: args.reviewer.clone(),
            }
        } else {
            Source::of(&path, args.reviewer.clone())
        };
        let evaluation = check::evaluation::Evaluation::new(&report, &source);
        if let Err(e) = check::evaluation::write(&evaluation, out) {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    }
    let fail_on = severity(args.fail_on);
    let format = match args.format {
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

/// Many reports: a line for each, the picture across them, and the national table
/// if asked. The exit status is the worst report's.
fn check_many(args: CheckArgs) -> ExitCode {
    if args.period.is_some() || args.partnership.is_some() {
        eprintln!(
            "error: --period and --partnership are for one report; check that report on its own to give them"
        );
        return ExitCode::from(2);
    }
    if !matches!(args.format, FormatArg::Human) {
        eprintln!(
            "error: --format is for one report; for many, write the whole table with --matrix national.json"
        );
        return ExitCode::from(2);
    }
    let table_format = match args.matrix.as_deref().map(national::table::Format::of) {
        Some(Err(e)) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
        Some(Ok(f)) => Some(f),
        None => None,
    };
    let (paths, skipped) = national::gather(&args.reports);
    if paths.is_empty() {
        eprintln!(
            "error: no reports found: give .docx, .pdf, .html, .md or .txt files, or folders holding them"
        );
        return ExitCode::from(2);
    }
    let evaluations = match (&args.matrix, table_format) {
        (Some(path), Some(national::table::Format::Html)) => {
            let folder = national::table::evaluations_folder(path);
            if let Err(e) = std::fs::create_dir_all(&folder) {
                eprintln!("error: cannot create {}: {e}", folder.display());
                return ExitCode::from(2);
            }
            Some(folder)
        }
        _ => None,
    };
    let progress = Progress::count("Checking reports", paths.len());
    let done = || progress.inc();
    let rows = national::check_all(
        &paths,
        &national::Options {
            check: check::Options {
                guidance: guidance_of(args.guidance),
            },
            fail_on: severity(args.fail_on),
            evaluations: evaluations.as_deref(),
            reviewer: args.reviewer.clone(),
            done: &done,
        },
    );
    progress.finish();
    for row in &rows {
        println!("{}", row.line());
    }
    if !skipped.is_empty() {
        println!(
            "Left out {} file{} that {} not a report: {}",
            skipped.len(),
            if skipped.len() == 1 { "" } else { "s" },
            if skipped.len() == 1 { "is" } else { "are" },
            skipped.join(", ")
        );
    }
    println!();
    print!("{}", national::picture_text(&rows));
    if let (Some(path), Some(format)) = (&args.matrix, table_format) {
        if let Err(e) = national::table::write(&rows, path, format) {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
        println!("Wrote {}", path.display());
    }
    let worst = rows
        .iter()
        .map(national::Row::exit_status)
        .max()
        .unwrap_or(0);
    ExitCode::from(worst)
}

/// `status`: what is in and what is outstanding, in the format asked for.
fn status(project: &Path, format: StatusFormat, color: bool) -> ExitCode {
    match status::run(project) {
        Ok(s) => {
            match format {
                StatusFormat::Human => print!("{}", status::human(&s)),
                StatusFormat::Md => print!("{}", status::markdown(&s)),
                StatusFormat::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&s).expect("the status serialises")
                ),
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e, color),
    }
}

/// `explain`: one rule's documentation, or the list of rules by family.
fn explain(rule: Option<String>) -> ExitCode {
    match rule {
        Some(id) => match check::rule(&id) {
            Some(r) => {
                print!("{}", r.explain());
                ExitCode::SUCCESS
            }
            None => {
                match check::suggest(&id) {
                    Some(m) => eprintln!("error: there is no rule `{id}`; did you mean `{m}`?"),
                    None => eprintln!(
                        "error: there is no rule `{id}`; `{}` lists them all.",
                        command("explain")
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
            println!(
                "\n`{}` prints a rule's documentation.",
                command("explain RULE")
            );
            ExitCode::SUCCESS
        }
    }
}

/// `schemas`: the JSON schemas of the project's files and of `check`'s output.
fn schemas(out: &Path) -> ExitCode {
    if let Err(e) = std::fs::create_dir_all(out) {
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

/// `new`: a fresh project, or next year's from last year's.
fn new_project(
    dir: &std::path::Path,
    partnership: Option<String>,
    short_name: Option<String>,
    period: Option<String>,
    from: Option<&std::path::Path>,
    color: bool,
) -> ExitCode {
    let period = match period.as_deref().map(scaffold::parse_period).transpose() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: --period: {e}");
            return ExitCode::from(2);
        }
    };
    let shown = shell_word(&dir.display().to_string());
    if let Some(from) = from {
        let progress = Progress::one("Rolling last year's report over");
        let rolled = scaffold::roll_over(dir, from, period);
        progress.finish();
        return match rolled {
            Ok(files) => {
                println!(
                    "Started next year's report in {} from {} ({} files): this year's figures are last year's comparators, each section keeps its headings with its text cleared.",
                    dir.display(),
                    from.display(),
                    files.len()
                );
                println!(
                    "Next: fill in this year's figures in content/data, write each section, and run `{}`.",
                    command(&format!("status --project {shown}"))
                );
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e, color),
        };
    }
    let (Some(partnership), Some(short_name), Some((start, end))) =
        (partnership, short_name, period)
    else {
        unreachable!("clap requires these without --from");
    };
    let spec = scaffold::NewReport {
        partnership,
        short_name,
        start,
        end,
    };
    match scaffold::create(dir, &spec) {
        Ok(files) => {
            println!(
                "Started {} (Annual Report {}, {}) in {}: {} files.",
                spec.short_name,
                spec.years(),
                spec.guidance().title(),
                dir.display(),
                files.len()
            );
            println!(
                "Next:\n  1. In report.yaml, give the partners their full names and add the relevant agencies.\n  2. Send each partner their template from contribution-templates/.\n  3. Write the chapters in content/: each says what belongs in it.\n  4. `{}` shows what is in; `check --project {shown}` what is missing; `build --draft --project {shown}` a draft.",
                command(&format!("status --project {shown}"))
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn parse_period(text: &str) -> Result<safeguarding_report::model::Period, String> {
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

/// What a user sees when the tool panics: that it is the tool's fault, what failed,
/// the version, what they ran, and what to send so it can be fixed.
fn bug_report(what: &str, at: Option<&str>, ran: &str) -> String {
    format!(
        "\
error: safeguarding-report {version} stopped because of a bug in the tool, not a problem in your report.
  what failed: {what}{at}
  command:     {ran}

Nothing was changed: an earlier build in the output folder is as it was.

Please report this bug to whoever looks after the tool for you, sending this message
and, if you can share them, the files of the report project (report.yaml and the
content/ folder), or at least the file you last changed. With them the bug can be
found and fixed.
",
        version = env!("CARGO_PKG_VERSION"),
        at = at.map(|a| format!(" (at {a})")).unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_bug_report_with_what_failed_the_version_and_what_to_send() {
        let text = bug_report(
            "index out of bounds: the len is 3 but the index is 7",
            Some("src/assemble/mod.rs:120"),
            "safeguarding-report build --project p",
        );
        assert!(text.starts_with(&format!(
            "error: safeguarding-report {} stopped because of a bug in the tool",
            env!("CARGO_PKG_VERSION")
        )));
        assert!(text.contains(
            "what failed: index out of bounds: the len is 3 but the index is 7 (at src/assemble/mod.rs:120)"
        ));
        assert!(text.contains("command:     safeguarding-report build --project p"));
        assert!(text.contains("an earlier build in the output folder is as it was"));
        assert!(text.contains("report.yaml and the\ncontent/ folder"));
        assert!(!text.contains("RUST_BACKTRACE"));
    }
}

/// `check-site`: measure the website in Chromium and record the result.
fn check_site(site: &std::path::Path) -> ExitCode {
    use safeguarding_report::render::{accessibility, site::build_date};
    let outcome = accessibility::check_site(site)
        .and_then(|o| accessibility::record(site, &o, &build_date()).map(|_| o));
    match outcome {
        Ok(o) => {
            for v in &o.violations {
                println!("{v}");
            }
            for page in &o.sideways {
                println!("{page}: scrolls sideways at 320 pixels");
            }
            if !o.skip_link_works {
                println!("index.html: the first Tab does not reach the skip link");
            }
            println!(
                "Tested {} pages in {} ({} axe-core runs): {} violations; recorded in {}",
                o.pages,
                o.browser,
                o.runs,
                o.violations.len(),
                site.join("accessibility.html").display()
            );
            if o.violations.is_empty() && o.sideways.is_empty() && o.skip_link_works {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
