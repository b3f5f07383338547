//! The command line: parse arguments (help in the clerk's language), run a
//! front end over the pipeline, print, and give the exit code. The only place
//! that reads the clock (the default of `--today`) or the environment.

use crate::diag::report;
use crate::diag::{Diagnostics, SourceMap};
use crate::i18n::{Catalog, Lang};
use crate::model::Site;
use crate::validate::{self, Counts};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

mod progress;
use progress::Progress;

/// Exit codes (documented in the README and `--help`).
pub mod exit {
    /// Done; warnings allowed.
    pub const OK: u8 = 0;
    /// Errors in the content.
    pub const CONTENT: u8 = 1;
    /// Wrong usage of the command line.
    pub const USAGE: u8 = 2;
    /// I/O or internal error.
    pub const IO: u8 = 3;
}

#[derive(Debug, Parser)]
#[command(
    name = "anslag",
    version,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    /// The content folder.
    #[arg(long, global = true, value_name = "DIR", default_value = "content")]
    pub content: PathBuf,
    /// The build's date, YYYY-MM-DD.
    #[arg(long, global = true, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// Language of messages.
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// How to print problems.
    #[arg(long, global = true, value_enum, default_value = "human")]
    pub message_format: MessageFormat,
    /// When to use colour.
    #[arg(long, global = true, value_enum, default_value = "auto")]
    pub color: Color,
    /// The publishing record a kommun keeps safe: read, and written back by
    /// a build on the real day.
    #[arg(long, global = true, value_name = "FILE")]
    pub journal: Option<PathBuf>,
    /// Leave out the summary lines (problems are still printed).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Reads and checks the content; writes nothing.
    Check,
    /// Shows the site live while the content is edited.
    Serve {
        /// The address to listen on.
        #[arg(long, value_name = "IP", default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// The port (0: any free port).
        #[arg(long, value_name = "PORT", default_value_t = 1111)]
        port: u16,
        /// Watch by polling (network shares, WSL).
        #[arg(long)]
        poll: bool,
    },
    /// Checks the content and writes the site.
    Build {
        /// The output folder.
        #[arg(long, value_name = "DIR", default_value = "output")]
        output: PathBuf,
        /// The site's address, instead of `base_url` in site.yaml.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Leave out the protocol PDFs (and their links).
        #[arg(long)]
        no_pdf: bool,
    },
    /// Writes one archive package (E-ARK SIP) per adjusted meeting.
    Export {
        /// The folder the packages are written to.
        #[arg(long, value_name = "DIR", default_value = "export")]
        out: PathBuf,
        /// Only this meeting, BODY/FOLDER (may be repeated).
        #[arg(long, value_name = "BODY/FOLDER")]
        meeting: Vec<String>,
        /// Put confidential paragraphs' source files and attachments in the packages.
        #[arg(long)]
        include_confidential: bool,
        /// The submission agreement (leveransöverenskommelse) the packages are delivered under.
        #[arg(long, value_name = "ID", value_parser = crate::export::submission_agreement)]
        submission_agreement: Option<String>,
    },
    /// Writes a starter content folder into a new or empty folder.
    Init {
        /// The folder to write (default: `--content`).
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        /// The municipality's name in site.yaml.
        #[arg(long, value_name = "NAME")]
        municipality: Option<String>,
    },
    /// Prints the help of a command.
    Help {
        /// The command.
        #[arg(value_name = "COMMAND")]
        command: Option<String>,
    },
}

/// The subcommands, in the order `--help` lists them.
const COMMANDS: [&str; 6] = ["check", "serve", "build", "export", "init", "help"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// The clap command with every text taken from the catalogue.
pub fn command(catalog: &Catalog) -> clap::Command {
    let t = |id: &str| catalog.text(id);
    let template = |commands: bool, positionals: bool| {
        let mut s = format!("{{about-with-newline}}\n{}: {{usage}}\n", t("cli-usage-heading"));
        if commands {
            s += &format!("\n{}:\n{{subcommands}}\n", t("cli-commands-heading"));
        }
        if positionals {
            s += &format!("\n{}:\n{{positionals}}\n", t("cli-arguments-heading"));
        }
        s + &format!("\n{}:\n{{options}}\n\n{}\n", t("cli-options-heading"), t("cli-exit-codes"))
    };
    let help = Arg::new("help").short('h').long("help").global(true).action(ArgAction::Help).help(t("cli-help"));
    let version = Arg::new("version").short('V').long("version").action(ArgAction::Version).help(t("cli-version"));
    let mut cmd = Cli::command()
        .about(t("cli-about"))
        .help_template(template(true, false))
        .arg(help)
        .arg(version)
        .override_usage(t("cli-usage"))
        .mut_args(|a| localize_arg(a, catalog));
    for name in COMMANDS {
        cmd = cmd.mut_subcommand(name, |c| {
            let positionals = c.get_positionals().next().is_some();
            c.about(t(&format!("cli-{name}-about")))
                .help_template(template(false, positionals))
                .override_usage(t(&format!("cli-{name}-usage")))
                .mut_args(|a| localize_arg(a, catalog))
        });
    }
    cmd
}

/// An argument's help and value name from the catalogue (`cli-<id>`,
/// `cli-<id>-value`); defaults and possible values are in that text, in the
/// reader's language, so clap's English ones are hidden.
fn localize_arg(a: Arg, catalog: &Catalog) -> Arg {
    let id = format!("cli-{}", a.get_id().as_str().replace('_', "-"));
    let a = if a.get_action().takes_values() {
        a.hide_default_value(true).hide_possible_values(true).value_name(catalog.text(&format!("{id}-value")))
    } else {
        a
    };
    if catalog.has(&id) { a.help(catalog.text(&id)) } else { a }
}

/// Runs the tool with these arguments and returns the exit code. The only
/// reading of the real clock: the local date (`TZ` honoured).
pub fn run(args: Vec<OsString>) -> u8 {
    run_on(args, jiff::ZonedDateTime::now().date())
}

/// [`run`] on the real date `real` (a settable clock for tests): a build
/// whose `--today` is `real` writes the publishing record.
pub fn run_on(args: Vec<OsString>, real: Date) -> u8 {
    let lang = Lang::from_args(&args).unwrap_or_else(Lang::from_env);
    let catalog = Catalog::new(lang);
    let cli = match command(&catalog).try_get_matches_from(&args).and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            usage_error(&e, &catalog, subcommand_of(&args, &catalog).as_deref());
            return exit::USAGE;
        }
        Err(e) => {
            let _ = e.print();
            return exit::OK;
        }
    };
    if let Command::Help { command: name } = &cli.command {
        return help(name.as_deref(), &catalog);
    }
    let today = match &cli.today {
        None => real,
        Some(s) => match validate::parse_date(s) {
            Ok(d) => d,
            Err(_) => {
                eprintln!("{}", catalog.get("cli-bad-today", &[("value", s.clone())]));
                return exit::USAGE;
            }
        },
    };
    let clock = crate::record::Clock::of(today, real);
    match cli.command {
        Command::Check => check(&cli, today, clock, &catalog),
        Command::Serve { bind, port, poll } => {
            let journal =
                cli.journal.clone().unwrap_or_else(|| Path::new(DEFAULT_OUTPUT).join(crate::record::OUTPUT_FILE));
            let opts = crate::serve::Options { content: cli.content.clone(), bind, port, today, poll, journal };
            crate::serve::run(&opts, &catalog).map_or(exit::IO, |()| exit::OK)
        }
        Command::Build { ref output, ref base_url, no_pdf } => {
            let options = crate::render::Options { pdf: !no_pdf };
            build(&cli, today, clock, &catalog, output, base_url.as_deref(), options)
        }
        Command::Export { ref out, ref meeting, include_confidential, ref submission_agreement } => {
            let submission_agreement = submission_agreement.clone();
            let options = crate::export::Options { include_confidential, submission_agreement };
            export(&cli, today, clock, &catalog, out, meeting, options)
        }
        Command::Init { ref dir, ref municipality } => {
            init(&cli, today, &catalog, dir.as_deref().unwrap_or(&cli.content), municipality.as_deref())
        }
        Command::Help { .. } => exit::OK,
    }
}

/// `anslag help [COMMAND]`: the help of the command (or of anslag), exactly
/// as `anslag COMMAND --help` prints it, in the reader's language.
fn help(name: Option<&str>, catalog: &Catalog) -> u8 {
    let args: Vec<OsString> = ["anslag"].into_iter().chain(name).chain(["--help"]).map(OsString::from).collect();
    match command(catalog).try_get_matches_from(&args) {
        Err(e) if e.use_stderr() => {
            usage_error(&e, catalog, None);
            exit::USAGE
        }
        Err(e) => {
            let _ = e.print();
            exit::OK
        }
        Ok(_) => exit::OK,
    }
}

/// The subcommand a command line names, as far as it can be read (for the
/// usage to show with a mistake in it).
fn subcommand_of(args: &[OsString], catalog: &Catalog) -> Option<String> {
    let matches = command(catalog).ignore_errors(true).try_get_matches_from(args).ok()?;
    matches.subcommand_name().filter(|name| COMMANDS.contains(name)).map(str::to_owned)
}

/// `anslag init [DIR]`: the starter content folder, written only into a
/// new or empty folder (nothing is ever overwritten).
fn init(cli: &Cli, today: Date, catalog: &Catalog, dir: &Path, municipality: Option<&str>) -> u8 {
    use crate::init::{self, InitError};
    let name = municipality.unwrap_or(init::DEFAULT_MUNICIPALITY);
    if let Err(why) = init::check_name(name) {
        let args = [("why", why.key().to_owned()), ("max", init::MAX_NAME.to_string())];
        eprintln!("{}", catalog.get("init-bad-municipality", &args));
        return exit::USAGE;
    }
    let files = init::starter(name, today);
    let path = [("path", dir.display().to_string())];
    match init::write(dir, &files) {
        Ok(()) => {
            if !cli.quiet {
                let mut options = String::new();
                if dir != Path::new(DEFAULT_CONTENT) {
                    options += &format!(" --content {}", shell_word(&dir.to_string_lossy()));
                }
                if let Some(day) = &cli.today {
                    options += &format!(" --today {}", shell_word(day));
                }
                let args = [
                    ("path", dir.display().to_string()),
                    ("meeting", init::Dates::around(today).meeting.to_string()),
                    ("check", format!("anslag check{options}")),
                    ("build", format!("anslag build{options}")),
                ];
                eprintln!("{}", catalog.get("init-done", &args));
            }
            exit::OK
        }
        Err(InitError::NotEmpty(_)) => {
            eprintln!("{}", catalog.get("init-not-empty", &path));
            exit::USAGE
        }
        Err(InitError::NotAFolder(_)) => {
            eprintln!("{}", catalog.get("init-not-a-folder", &path));
            exit::USAGE
        }
        Err(e @ InitError::Io { .. }) => {
            eprintln!("{}", catalog.get("init-failed", &[("reason", e.to_string())]));
            exit::IO
        }
    }
}

/// `--content`'s default.
const DEFAULT_CONTENT: &str = "content";

/// `word` as one word of a POSIX shell command line: as it is when that is
/// safe, else in single quotes.
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "-_./+,:@%=".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// `build`'s default output folder: where `check`, `serve` and `export`
/// look for the publishing record when no `--journal` is given.
const DEFAULT_OUTPUT: &str = "output";

/// Explains a command-line mistake in the reader's language, with the usage
/// of the command it was given to (`subcommand`, else of anslag); clap's own
/// (English) text is kept only for kinds the catalogue does not know.
fn usage_error(e: &clap::Error, catalog: &Catalog, subcommand: Option<&str>) {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let get = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let id = match e.kind() {
        ErrorKind::UnknownArgument => "cli-error-unknown-argument",
        ErrorKind::InvalidValue => "cli-error-invalid-value",
        ErrorKind::InvalidSubcommand => "cli-error-unknown-command",
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "cli-error-missing-command"
        }
        _ => {
            eprintln!("{}", catalog.text("cli-usage-error"));
            let _ = e.print();
            return;
        }
    };
    let args = [
        ("arg", get(ContextKind::InvalidArg)),
        ("value", get(ContextKind::InvalidValue)),
        ("valid", get(ContextKind::ValidValue)),
        ("command", get(ContextKind::InvalidSubcommand)),
    ];
    let (usage, see) = match subcommand {
        Some(name) if id != "cli-error-unknown-command" => (
            catalog.text(&format!("cli-{name}-usage")),
            catalog.get("cli-see-command-help", &[("command", name.to_owned())]),
        ),
        _ => (catalog.text("cli-usage"), catalog.text("cli-see-help")),
    };
    let heading = catalog.text("cli-usage-heading");
    eprintln!("{}\n\n{heading}: {usage}\n\n{see}", catalog.get(id, &args));
}

/// `anslag check`: load, validate and try the theme on one page of each
/// kind in memory (all in [`checked`]: a broken template is E058), print
/// every diagnostic and a summary.
fn check(cli: &Cli, today: Date, clock: crate::record::Clock, catalog: &Catalog) -> u8 {
    match checked(cli, today, catalog, clock, Path::new(DEFAULT_OUTPUT), &Progress::off(), ThemeTrial::Every, None) {
        Ok((_, Some(_), _)) => exit::OK,
        Ok((_, None, _)) => exit::CONTENT,
        Err(code) => code,
    }
}

/// Which themes [`checked`] tries on one page of each kind (E058).
#[derive(Clone, Copy, PartialEq, Eq)]
enum ThemeTrial {
    /// Every theme, the default one too (`check`).
    Every,
    /// Only a theme of the site's own (`build`, `export`).
    OwnOnly,
}

fn theme(cli: &Cli, site: &Site) -> Result<crate::render::Theme, crate::render::RenderError> {
    crate::render::Theme::for_site(&cli.content, site)
}

/// The site's theme must make every kind of page: a template that does not
/// parse or render is a problem of the content (E058), counted and told with
/// the others — at the `theme:` line of `site.yaml`, naming the template's
/// file and its own line and column — so `check` finds it and `build`
/// refuses before writing anything. (A theme folder that is missing is E051,
/// found by validation.)
///
/// `check` tries every theme; `build` and `export` only a theme of the
/// site's own, since the default templates are the program's and a failure
/// of theirs while rendering is the program's error (exit 3, the output
/// left as it was).
fn theme_problem(
    cli: &Cli,
    site: &Site,
    loaded: &crate::load::Loaded,
    trial: ThemeTrial,
) -> Option<crate::diag::Diagnostic> {
    use crate::render::RenderError;
    let name = &site.config.theme;
    if name == "default" && trial == ThemeTrial::OwnOnly {
        return None;
    }
    let tried = theme(cli, site).and_then(|t| crate::render::try_each_template(site, &t));
    let Err(RenderError::Template { template, message }) = tried else { return None };
    let doc = loaded.site.as_ref()?;
    let at = match doc.fields.as_ref().map(|n| &n.value) {
        Some(crate::load::Value::Map(entries)) => {
            entries.iter().find(|(k, _)| k.text() == Some("theme")).map_or(doc.head, |(_, v)| v.span)
        }
        _ => doc.head,
    };
    let (reason, place) = template_error(&message);
    let file = format!("themes/{name}/templates/{}", place.unwrap_or(template));
    Some(
        crate::diag::Diagnostic::new(crate::diag::Code::ThemeTemplateBroken, at)
            .arg("theme", name)
            .arg("template", file)
            .arg("reason", reason),
    )
}

/// The template engine's message as what is wrong (its first line, without
/// `error: `) and, where it gives one, the place (`404.html:3:20`).
fn template_error(message: &str) -> (String, Option<String>) {
    let reason = message.lines().next().unwrap_or(message).trim();
    let reason = reason.strip_prefix("error: ").unwrap_or(reason).trim_end_matches('.').to_owned();
    let place = message.lines().find_map(|l| l.trim_start().strip_prefix("--> ")).map(|p| p.trim().to_owned());
    (reason, place)
}

/// Load and validate, check against the publishing record (from `--journal`
/// and `output`'s copy), print every diagnostic; the model if there were no
/// errors, holding the record (brought up to date on the real day), and the
/// meetings' checks to keep. With a `store`, the check of each unchanged
/// meeting is taken over from the build before (`validate::reuse`).
#[allow(clippy::too_many_arguments)]
fn checked(
    cli: &Cli,
    today: Date,
    catalog: &Catalog,
    clock: crate::record::Clock,
    output: &Path,
    progress: &Progress,
    trial: ThemeTrial,
    store: Option<&validate::reuse::Store>,
) -> Result<(crate::load::Loaded, Option<Site>, validate::Kept), u8> {
    let parse = if store.is_some() { crate::load::Parse::MeetingsLater } else { crate::load::Parse::All };
    let (loaded, mut diags) = crate::load::load_with(&cli.content, parse).map_err(|e| {
        let args = [("path", e.path.display().to_string()), ("reason", e.source.to_string())];
        progress.suspend(|| eprintln!("{}", catalog.get("error-content-dir", &args)));
        exit::IO
    })?;
    let (checked, kept) = match store {
        Some(store) => validate::validate_reusing(&loaded, today, store),
        None => (validate::validate(&loaded, today), validate::Kept::default()),
    };
    diags.extend(checked.diagnostics);
    let mut site = checked.site;
    if let Some(s) = site.as_mut() {
        match with_record(cli, s, &loaded, clock, output) {
            Ok(found) => diags.extend(found),
            Err(e) => {
                progress.suspend(|| eprintln!("{}", catalog.get("error-record", &[("reason", e.to_string())])));
                return Err(exit::IO);
            }
        }
    }
    if let Some(s) = site.as_ref()
        && !diags.has_errors()
    {
        diags.extend(theme_problem(cli, s, &loaded, trial));
    }
    diags.sort(&loaded.sources);
    progress.suspend(|| print_diagnostics(cli, &diags, &loaded.sources, catalog, checked.counts));
    let site = if diags.has_errors() { None } else { site };
    Ok((loaded, site, kept))
}

/// Reads the publishing record, checks `site` against it and puts it into
/// the site: on the real day brought up to date with what the site
/// publishes (nothing is written here). The record's diagnostics.
fn with_record(
    cli: &Cli,
    site: &mut Site,
    loaded: &crate::load::Loaded,
    clock: crate::record::Clock,
    output: &Path,
) -> Result<Vec<crate::diag::Diagnostic>, crate::record::RecordError> {
    use crate::record;
    let record = record::read(cli.journal.as_deref(), Some(output))?;
    let observed = record::observe(site, &loaded.sources, &cli.content)
        .map_err(|source| record::RecordError::Io { path: cli.content.display().to_string(), source })?;
    let fallback = loaded.site.as_ref().map_or(crate::diag::Span::new(crate::diag::FileId(0), 0, 0), |d| d.head);
    let found = record::check(&record, &observed, site, clock, fallback);
    let errors = found.iter().any(crate::diag::Diagnostic::is_error);
    let record =
        if clock == record::Clock::RealDay && !errors { record::next(&record, &observed, site.today) } else { record };
    site.record = std::sync::Arc::new(record);
    Ok(found)
}

/// `anslag build`: check, then render into a staging folder and swap it in.
/// Nothing is written unless the content has no errors; a failure while
/// writing leaves the previous output as it was.
#[allow(clippy::too_many_arguments)]
fn build(
    cli: &Cli,
    today: Date,
    record_clock: crate::record::Clock,
    catalog: &Catalog,
    output: &Path,
    base_url: Option<&str>,
    options: crate::render::Options,
) -> u8 {
    if crate::write::overlaps(output, &cli.content) {
        eprintln!("{}", catalog.get("error-output-in-content", &[("path", output.display().to_string())]));
        return exit::USAGE;
    }
    if crate::write::is_folder_or_nothing(output).is_err() {
        eprintln!("{}", catalog.get("error-output-not-a-folder", &[("path", output.display().to_string())]));
        return exit::USAGE;
    }
    if let Some(problem) = base_url.and_then(validate::base_url_problem) {
        let args = [("value", base_url.unwrap_or_default().to_owned()), ("problem", problem.to_owned())];
        eprintln!("{}", catalog.get("cli-bad-base-url", &args));
        return exit::USAGE;
    }
    let clock = std::time::Instant::now();
    let progress = Progress::start(shows_progress(cli), progress::DELAY, catalog.text("progress-checking"));
    // The spare tree beside the output is surveyed (read only) while the
    // content is read and checked: a daily build's largest cost after those.
    let survey = {
        let output = output.to_owned();
        std::thread::spawn(move || crate::write::survey(&output).ok())
    };
    let store = validate::reuse::Store::at(&crate::write::checks_of(output));
    let trial = ThemeTrial::OwnOnly;
    let (loaded, mut site, kept) =
        match checked(cli, today, catalog, record_clock, output, &progress, trial, Some(&store)) {
            Ok((loaded, Some(site), kept)) => (loaded, site, kept),
            Ok((_, None, _)) => return exit::CONTENT,
            Err(code) => return code,
        };
    if let Some(url) = base_url {
        site.config.base_url = url.to_owned();
    }
    let checked_in = clock.elapsed();
    progress.stage(catalog.text("progress-building"));
    let result = theme(cli, &site).and_then(|theme| {
        let spare = survey.join().ok().flatten();
        crate::build::run(&loaded, &site, &theme, &cli.content, output, options, checked_in, &kept, spare)
    });
    drop(progress);
    // The kommun's copy of the record, after the output (which holds the
    // same record) is in place: at worst the journal lags, and the next
    // build merges the output's copy into it.
    if result.is_ok()
        && record_clock == crate::record::Clock::RealDay
        && let Some(journal) = &cli.journal
        && let Err(e) = crate::record::write_journal(journal, &site.record)
    {
        eprintln!("{}", catalog.get("error-record", &[("reason", e.to_string())]));
        return exit::IO;
    }
    match result {
        Ok(crate::build::Outcome::UpToDate) => {
            if !cli.quiet {
                eprintln!("{}", catalog.get("up-to-date", &[("path", output.display().to_string())]));
            }
            exit::OK
        }
        Ok(crate::build::Outcome::Built(summary)) => {
            let args = [
                ("pages", summary.pages.to_string()),
                ("attachments", summary.attachments.to_string()),
                ("path", output.display().to_string()),
            ];
            if !cli.quiet {
                eprintln!("{}", catalog.get("built", &args));
            }
            // For benchmarks (issue 9, docs/performance.md): the wall time of each stage.
            if std::env::var_os("ANSLAG_TIMINGS").is_some() {
                for (stage, took) in &summary.stages {
                    eprintln!("timing {:>9.3} s  {stage}", took.as_secs_f64());
                }
            }
            exit::OK
        }
        Err(crate::render::RenderError::Output(crate::write::BeginError::NotOurs(path))) => {
            eprintln!("{}", catalog.get("error-output-not-ours", &[("path", path.display().to_string())]));
            exit::USAGE
        }
        Err(crate::render::RenderError::Output(crate::write::BeginError::NotAFolder(path))) => {
            eprintln!("{}", catalog.get("error-output-not-a-folder", &[("path", path.display().to_string())]));
            exit::USAGE
        }
        Err(crate::render::RenderError::Output(crate::write::BeginError::Busy(path))) => {
            eprintln!("{}", catalog.get("error-output-busy", &[("path", path.display().to_string())]));
            exit::IO
        }
        Err(e) => {
            eprintln!("{}", catalog.get("error-build", &[("reason", e.to_string())]));
            exit::IO
        }
    }
}

/// `anslag export`: check like `build` (a content error writes nothing),
/// then write one package per adjusted meeting (or per `--meeting`), each
/// atomically.
fn export(
    cli: &Cli,
    today: Date,
    clock: crate::record::Clock,
    catalog: &Catalog,
    out: &Path,
    selected: &[String],
    options: crate::export::Options,
) -> u8 {
    if crate::write::overlaps(out, &cli.content) {
        eprintln!("{}", catalog.get("error-export-out-in-content", &[("path", out.display().to_string())]));
        return exit::USAGE;
    }
    let progress = Progress::start(shows_progress(cli), progress::DELAY, catalog.text("progress-checking"));
    let (loaded, site) =
        match checked(cli, today, catalog, clock, Path::new(DEFAULT_OUTPUT), &progress, ThemeTrial::OwnOnly, None) {
            Ok((loaded, Some(site), _)) => (loaded, site),
            Ok((_, None, _)) => return exit::CONTENT,
            Err(code) => return code,
        };
    progress.stage(catalog.text("progress-exporting"));
    let exporter = match theme(cli, &site)
        .map_err(crate::export::ExportError::from)
        .and_then(|theme| crate::export::Exporter::new(site, theme, &loaded, options))
    {
        Ok(e) => e,
        Err(e) => {
            drop(progress);
            eprintln!("{}", export_failure(catalog, &e));
            return exit::IO;
        }
    };
    let meetings = match progress.suspend(|| export_selection(&exporter, selected, catalog)) {
        Ok(m) => m,
        Err(code) => return code,
    };
    for meeting in &meetings {
        let written = exporter.package(meeting).and_then(|p| crate::export::write(out, &p));
        if let Err(e) = written {
            drop(progress);
            eprintln!("{}", export_failure(catalog, &e));
            return exit::IO;
        }
    }
    drop(progress);
    if !cli.quiet {
        let args = [("count", meetings.len().to_string()), ("path", out.display().to_string())];
        eprintln!("{}", catalog.get("exported", &args));
    }
    exit::OK
}

/// Why a package was not written, in the user's language where anslag has
/// its own words for it (the others are the system's or a library's).
fn export_failure(catalog: &Catalog, e: &crate::export::ExportError) -> String {
    let reason = match e {
        // Debug-quoted: the name may hold control characters.
        crate::export::ExportError::UnsafeEntry(name) => {
            catalog.get("error-export-unsafe-entry", &[("name", format!("{name:?}"))])
        }
        e => e.to_string(),
    };
    catalog.get("error-export", &[("reason", reason)])
}

/// The meetings `--meeting BODY/FOLDER` names (each must exist and be
/// adjusted), or every adjusted meeting.
fn export_selection<'a>(
    exporter: &'a crate::export::Exporter<'_>,
    selected: &[String],
    catalog: &Catalog,
) -> Result<Vec<&'a crate::model::Meeting>, u8> {
    if selected.is_empty() {
        return Ok(exporter.adjusted().collect());
    }
    let mut meetings = Vec::new();
    for name in selected {
        let key = name.trim_matches('/');
        let found = exporter.site().meetings().find(|m| format!("{}/{}", m.id.body, m.id.folder()) == key);
        match found {
            None => {
                eprintln!("{}", catalog.get("error-export-unknown-meeting", &[("meeting", name.clone())]));
                return Err(exit::USAGE);
            }
            Some(m) if !exporter.adjusted().any(|a| a.id == m.id) => {
                eprintln!("{}", catalog.get("error-export-not-adjusted", &[("meeting", name.clone())]));
                return Err(exit::USAGE);
            }
            Some(m) if !meetings.iter().any(|x: &&crate::model::Meeting| x.id == m.id) => meetings.push(m),
            Some(_) => {}
        }
    }
    Ok(meetings)
}

/// Whether a long command shows its progress: on a terminal, for people
/// (not `--quiet`, not JSON).
fn shows_progress(cli: &Cli) -> bool {
    !cli.quiet && cli.message_format == MessageFormat::Human && std::io::stderr().is_terminal()
}

fn use_color(cli: &Cli) -> bool {
    match cli.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal(),
    }
}

/// Prints diagnostics and the summary: human text on stderr, or JSON lines on stdout.
fn print_diagnostics(cli: &Cli, diags: &Diagnostics, sources: &SourceMap, catalog: &Catalog, counts: Counts) {
    let summary_args = [
        ("errors", diags.errors().to_string()),
        ("warnings", diags.warnings().to_string()),
        ("bodies", counts.bodies.to_string()),
        ("meetings", counts.meetings.to_string()),
        ("paragraphs", counts.paragraphs.to_string()),
    ];
    let summary = catalog.get("summary", &summary_args);
    match cli.message_format {
        MessageFormat::Human => {
            let color = use_color(cli);
            let mut err = std::io::stderr().lock();
            for d in &diags.0 {
                let _ = write!(err, "{}", report::human(d, sources, catalog, color));
            }
            if !cli.quiet {
                let _ = writeln!(err, "{summary}");
            }
        }
        MessageFormat::Json => {
            let mut out = std::io::stdout().lock();
            for d in &diags.0 {
                let _ = writeln!(out, "{}", report::json(d, sources, catalog));
            }
            let mut value = serde_json::json!({"type": "summary", "message": summary});
            for (k, v) in summary_args {
                value[k] = serde_json::json!(v.parse::<u64>().unwrap_or(0));
            }
            let _ = writeln!(out, "{value}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_definition_is_valid_in_both_languages() {
        for lang in [Lang::Sv, Lang::En] {
            command(&Catalog::new(lang)).debug_assert();
        }
    }

    #[test]
    fn an_unsafe_entry_name_is_told_in_the_users_language() {
        let e = crate::export::ExportError::UnsafeEntry("p/x\\..\\pwned\u{1}.md".to_owned());
        for (lang, words) in [(Lang::Sv, "inte säkert att packa upp"), (Lang::En, "not safe to unpack")] {
            let said = export_failure(&Catalog::new(lang), &e);
            assert!(said.contains(words), "{said}");
            assert!(said.contains(r"p/x\\..\\pwned\u{1}.md"), "the name quoted, control character escaped: {said}");
        }
    }
}
