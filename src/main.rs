//! The `giamkhao` program: with no command it opens the desktop app (on FILE, the last session, or
//! the bundled sample); the commands (results, check, packet, seal, unseal, verify, merge, export,
//! import, convert, generate) work headless on the files. Its help and its argument errors are in
//! the language `--lang` asks for, Vietnamese by default, worded in `text::cli`. Everything they print
//! goes through `text::shown`, so people's text cannot drive the terminal.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use giamkhao::generate::{GenerateOptions, generate};
use giamkhao::model::{FileKind, JudgePacket, ScoresheetFile, Session};
use giamkhao::store::files::{Format, detect_kind, load_session_unchecked, parse_kind, read_text, to_text};
use giamkhao::store::report::ResultsReport;
use giamkhao::store::{self, LoadError};
use giamkhao::text::{self, Lang};

/// Prints what a command says on standard output. People's text in it (titles, names, file names,
/// what a file holds) reaches the terminal with its control characters written out
/// ([`text::shown_lines`]); giamkhao's own line breaks are kept.
macro_rules! say {
    ($($arg:tt)*) => { println!("{}", text::shown_lines(&format!($($arg)*))) };
}

/// [`say!`] for what is one line by construction: a line break in people's text is written out too,
/// so that a name cannot print a line of its own (a false "[ĐÚNG]" under `verify`, say).
macro_rules! say_line {
    ($($arg:tt)*) => { println!("{}", text::shown(&format!($($arg)*))) };
}

/// [`say!`] on standard error.
macro_rules! say_err {
    ($($arg:tt)*) => { eprintln!("{}", text::shown_lines(&format!($($arg)*))) };
}

// The help of every command and option, in Vietnamese and English, is in `text::cli`; `localize`
// puts it on the command line below before the arguments are parsed.
#[derive(Parser)]
#[command(name = "giamkhao", version)]
struct Cli {
    file: Option<PathBuf>,
    #[arg(long)]
    follow: Option<PathBuf>,
    #[arg(long, global = true, value_enum, default_value = "vi")]
    lang: LangArg,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Vi,
    En,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Table,
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum AnalyzeFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Xlsx,
    Csv,
    Pdf,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum What {
    Results,
    Awards,
    Scoresheets,
}

#[derive(Subcommand)]
enum Command {
    Results {
        file: PathBuf,
        #[arg(long)]
        round: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: OutputFormat,
    },
    Analyze {
        session: PathBuf,
        #[arg(long)]
        round: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: AnalyzeFormat,
    },
    Check {
        file: PathBuf,
    },
    Assign {
        session: PathBuf,
        #[arg(long)]
        round: String,
        #[arg(long)]
        per_submission: u32,
        #[arg(long)]
        max_load: Option<u32>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        fields_first: bool,
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        by: Option<String>,
    },
    Packet {
        session: PathBuf,
        #[arg(long)]
        judge: String,
        #[arg(long)]
        round: Option<String>,
        #[arg(short, long)]
        output: PathBuf,
        #[arg(long)]
        force: bool,
    },
    Seal {
        session: PathBuf,
        #[arg(long)]
        by: Option<String>,
    },
    Unseal {
        session: PathBuf,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        by: Option<String>,
    },
    Key {
        session: PathBuf,
        #[arg(long)]
        judge: String,
        fingerprint: String,
        #[arg(long)]
        by: Option<String>,
    },
    Verify {
        session: PathBuf,
        #[arg(long)]
        digest: Option<String>,
    },
    Merge {
        session: PathBuf,
        #[arg(required = true)]
        sheets: Vec<PathBuf>,
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[arg(long)]
        force: bool,
        #[arg(long)]
        by: Option<String>,
        #[arg(long)]
        confirm_keys: bool,
    },
    Watch {
        session: PathBuf,
        folder: PathBuf,
        #[arg(long)]
        by: Option<String>,
        #[arg(long)]
        confirm_keys: bool,
    },
    Export {
        session: PathBuf,
        #[arg(long, value_enum)]
        format: ExportFormat,
        #[arg(long, value_enum, default_value = "results")]
        what: What,
        #[arg(long)]
        round: Option<String>,
        #[arg(short, long)]
        output: PathBuf,
        #[arg(long)]
        force: bool,
        #[arg(long)]
        analysis: bool,
    },
    Import {
        session: PathBuf,
        file: PathBuf,
        #[arg(long = "map")]
        map: Vec<String>,
        #[arg(long)]
        skip_bad_rows: bool,
        #[arg(long)]
        by: Option<String>,
    },
    Convert {
        input: PathBuf,
        output: PathBuf,
        #[arg(long)]
        force: bool,
    },
    Generate {
        #[arg(long)]
        submissions: usize,
        #[arg(long)]
        judges: usize,
        #[arg(long)]
        per_submission: usize,
        #[arg(long)]
        criteria: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        unassigned: bool,
        #[arg(short, long)]
        output: PathBuf,
        #[arg(long)]
        force: bool,
    },
}

/// The command line with its help in `lang`: what each command and option does, the headings, the
/// placeholders, and the help and version flags. Possible values and defaults are said in the help
/// of each option rather than in clap's English brackets.
fn localize(command: clap::Command, name: &str, lang: Lang) -> clap::Command {
    use clap::{Arg, ArgAction};
    use text::cli::{Heading as H, heading};
    let flag = |id: &'static str, short: char, action: ArgAction| {
        let help = text::cli::arg_words(name, id, lang).map_or("", |(_, help)| help);
        Arg::new(id)
            .short(short)
            .long(id)
            .action(action)
            .help(help)
            .help_heading(heading(H::Options, lang))
    };
    let mut command = command
        .about(text::cli::command_help(name, lang))
        .help_template(format!(
            "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            heading(H::Usage, lang)
        ))
        .subcommand_help_heading(heading(H::Commands, lang))
        .subcommand_value_name(heading(H::CommandPlaceholder, lang))
        .disable_help_subcommand(true)
        .disable_help_flag(true);
    // Arguments keep their order (clap's mut_arg puts the changed one last), so the positional ones
    // and their heading come first, as in clap's own help.
    let args: Vec<(String, bool)> = command
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    for (order, (id, positional)) in args.into_iter().enumerate() {
        let (value, help) = text::cli::arg_words(name, &id, lang).unwrap_or((None, ""));
        let section = heading(if positional { H::Arguments } else { H::Options }, lang);
        command = command.mut_arg(&id, |a| {
            let a = a.help(help).help_heading(section);
            // Positional ones in the order they are declared, as the usage line has them (`watch
            // SESSION FOLDER`).
            let a = if positional { a.display_order(order) } else { a };
            match value {
                Some(v) => a
                    .value_name(v)
                    .hide_possible_values(true)
                    .hide_default_value(true),
                None => a,
            }
        });
    }
    command = command.arg(flag("help", 'h', ArgAction::Help));
    if name.is_empty() {
        command = command
            .disable_version_flag(true)
            .arg(flag("version", 'V', ArgAction::Version));
    }
    let subcommands: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in subcommands {
        command = command.mut_subcommand(&sub, |s| localize(s, &sub, lang));
    }
    command
}

/// The language asked for with `--lang en` or `--lang=en`, read before the arguments are parsed so
/// that the help and the argument errors are in it too.
fn lang_of(args: &[OsString]) -> Lang {
    let mut words = args.iter().skip(1).map(|a| a.to_str().unwrap_or(""));
    let mut lang = Lang::Vi;
    while let Some(word) = words.next() {
        let value = match word {
            "--" => break,
            "--lang" => words.next(),
            _ => word.strip_prefix("--lang="),
        };
        if let Some(v) = value {
            lang = if v == "en" { Lang::En } else { Lang::Vi };
        }
    }
    lang
}

/// The position of the first word that is not an option of giamkhao itself: a command or the FILE.
fn first_word(args: &[OsString]) -> Option<usize> {
    let mut i = 1;
    while i < args.len() {
        match args[i].to_str() {
            Some("--lang") => i += 2,
            Some(w) if w.starts_with('-') => i += 1,
            _ => return Some(i),
        }
    }
    None
}

/// The number of single-letter edits from `a` to `b`.
fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let replaced = previous + usize::from(ca != cb);
            previous = row[j + 1];
            row[j + 1] = replaced.min(previous + 1).min(row[j] + 1);
        }
    }
    row[b.len()]
}

/// A word where a command or FILE goes that is neither: not a command, no such file, and not a file
/// name (no dot, no folder). Said with the nearest command, if one is near.
fn unknown_command(command: &clap::Command, word: &str) -> Option<text::cli::ArgProblem> {
    let names: Vec<&str> = command.get_subcommands().map(|s| s.get_name()).collect();
    if names.contains(&word) || word.contains(['.', '/', '\\']) || Path::new(word).exists() {
        return None;
    }
    // A command the word begins first ("gen" is "generate", not "key"), then the fewest edits.
    let suggestion = names
        .iter()
        .map(|n| (!n.starts_with(word), edits(word, n), *n))
        .filter(|&(other, d, _)| d <= 2 || !other)
        .min()
        .map(|(_, _, n)| n.to_string());
    Some(text::cli::ArgProblem::UnknownCommand {
        name: word.to_string(),
        suggestion,
    })
}

/// What clap found wrong, in terms `text::cli::arg_error` words.
fn arg_problem(e: &clap::Error) -> text::cli::ArgProblem {
    use clap::error::{ContextKind as C, ContextValue as V, ErrorKind as K};
    use text::cli::ArgProblem as P;
    let strings = |kind| match e.get(kind) {
        Some(V::String(s)) => vec![s.clone()],
        Some(V::Strings(v)) => v.clone(),
        _ => Vec::new(),
    };
    let string = |kind| strings(kind).into_iter().next();
    // "--format <DẠNG>" is "--format" where a value is spoken of.
    let arg = || {
        string(C::InvalidArg)
            .map(|a| a.split(' ').next().unwrap_or_default().to_string())
            .unwrap_or_default()
    };
    let value = || string(C::InvalidValue).unwrap_or_default();
    match e.kind() {
        K::UnknownArgument => match string(C::InvalidArg) {
            Some(option) if option.starts_with('-') => P::UnknownOption {
                option,
                suggestion: string(C::SuggestedArg),
            },
            other => P::Unexpected(other.unwrap_or_default()),
        },
        K::InvalidSubcommand => P::UnknownCommand {
            name: string(C::InvalidSubcommand).unwrap_or_default(),
            suggestion: string(C::SuggestedSubcommand),
        },
        K::MissingRequiredArgument => P::Missing(strings(C::InvalidArg)),
        K::InvalidValue if value().is_empty() => P::NoValue(arg()),
        K::InvalidValue => P::NotAllowed {
            arg: arg(),
            value: value(),
            allowed: strings(C::ValidValue),
        },
        K::ValueValidation => match std::error::Error::source(e) {
            Some(source) if source.is::<std::num::ParseIntError>() => P::NotANumber {
                arg: arg(),
                value: value(),
            },
            source => P::BadValue {
                arg: arg(),
                value: value(),
                reason: source.map(|s| s.to_string()).unwrap_or_default(),
            },
        },
        K::ArgumentConflict if string(C::InvalidArg) == string(C::PriorArg) => P::Repeated(arg()),
        _ => P::Other(
            e.to_string()
                .lines()
                .next()
                .unwrap_or_default()
                .trim_start_matches("error: ")
                .to_string(),
        ),
    }
}

/// Says an argument error in `lang`, with the usage line of the command it is about; exit code 2,
/// as clap's own.
fn usage_error(
    command: &mut clap::Command,
    args: &[OsString],
    problem: &text::cli::ArgProblem,
    lang: Lang,
) -> ExitCode {
    command.build();
    let sub = args
        .iter()
        .skip(1)
        .filter_map(|a| a.to_str())
        .find(|a| command.find_subcommand(a).is_some())
        .map(str::to_string);
    let target = match &sub {
        Some(name) => command
            .find_subcommand_mut(name)
            .unwrap_or_else(|| unreachable!()),
        None => command,
    };
    let usage = target.render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage).replace(
        "[OPTIONS]",
        text::cli::heading(text::cli::Heading::OptionsPlaceholder, lang),
    );
    let name = match &sub {
        Some(s) => format!("giamkhao {s}"),
        None => "giamkhao".into(),
    };
    say_err!("{}", text::cli::arg_error(problem, &usage, &name, lang));
    ExitCode::from(2)
}

/// The arguments, parsed; or the help, the version or an argument error, said in `lang`, and the
/// exit code to end with.
fn parse(mut args: Vec<OsString>, lang: Lang) -> Result<Cli, ExitCode> {
    let mut command = localize(Cli::command(), "", lang);
    if let Some(i) = first_word(&args) {
        let word = args[i].to_string_lossy().to_string();
        if word == "help" {
            // "giamkhao help merge" is "giamkhao merge --help".
            args.remove(i);
            args.push("--help".into());
        } else if let Some(problem) = unknown_command(&command, &word) {
            return Err(usage_error(&mut command, &args, &problem, lang));
        }
    }
    let error = match command
        .try_get_matches_from_mut(&args)
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => return Ok(cli),
        Err(e) => e,
    };
    use clap::error::ErrorKind as K;
    if matches!(error.kind(), K::DisplayHelp | K::DisplayVersion) {
        let text = error.render().to_string().replace(
            "[OPTIONS]",
            text::cli::heading(text::cli::Heading::OptionsPlaceholder, lang),
        );
        println!("{}", text.trim_end());
        return Err(ExitCode::SUCCESS);
    }
    Err(usage_error(&mut command, &args, &arg_problem(&error), lang))
}

/// The results of round `round` (default: the last, where awards are given), computed afresh.
/// The position of the round asked for (default: the last round).
fn round_index(session: &Session, round: Option<&str>, lang: Lang) -> Result<usize, Failure> {
    if session.contest.rounds.is_empty() {
        return Err(Failure(
            lang.t("Cuộc thi chưa có vòng nào", "The contest has no round")
                .into(),
        ));
    }
    match round {
        Some(r) => find_round(session, r).ok_or_else(|| no_such_round(session, r, lang)),
        None => Ok(session.contest.rounds.len() - 1),
    }
}

/// A round by its id, or by its name as people see it ("Chung khảo"), any case, with or without
/// accents ("chung khao") when that names one round only.
fn find_round(session: &Session, asked: &str) -> Option<usize> {
    let contest = &session.contest;
    contest.round_index(asked).or_else(|| {
        let nfc = text::nfc(asked.trim()).to_lowercase();
        let exact = contest
            .rounds
            .iter()
            .position(|r| text::nfc(&r.name).to_lowercase() == nfc);
        exact.or_else(|| {
            let folded = text::fold(asked.trim());
            let mut alike = contest
                .rounds
                .iter()
                .enumerate()
                .filter(|(_, r)| text::fold(r.name.trim()) == folded);
            match (alike.next(), alike.next()) {
                (Some((i, _)), None) => Some(i),
                _ => None,
            }
        })
    })
}

/// "No such round «x»", with the rounds there are.
fn no_such_round(session: &Session, asked: &str, lang: Lang) -> Failure {
    let rounds: Vec<String> = session
        .contest
        .rounds
        .iter()
        .map(|r| format!("{} ({})", r.id, r.name))
        .collect();
    Failure(format!(
        "{} «{asked}». {}: {}",
        lang.t("Không có vòng", "No such round"),
        lang.t("Các vòng", "The rounds"),
        rounds.join(", ")
    ))
}

fn round_result(
    session: &Session,
    round: Option<&str>,
    lang: Lang,
) -> Result<giamkhao::model::RoundResult, Failure> {
    let mut results = giamkhao::scoring::compute(session);
    let index = match round {
        Some(r) => find_round(session, r).ok_or_else(|| no_such_round(session, r, lang))?,
        None => results.len().saturating_sub(1),
    };
    if index >= results.len() {
        return Err(Failure(
            lang.t("Cuộc thi chưa có vòng nào", "The contest has no round")
                .into(),
        ));
    }
    Ok(results.swap_remove(index))
}

/// `text` as `show` writes it for the terminal: `text` itself when nothing had to change (a 300 MB
/// report is not copied to learn that).
fn shown_owned(text: String, show: impl Fn(&str) -> std::borrow::Cow<'_, str>) -> String {
    let changed = match show(&text) {
        std::borrow::Cow::Owned(changed) => Some(changed),
        std::borrow::Cow::Borrowed(_) => None,
    };
    changed.unwrap_or(text)
}

/// A failure already worded for the user.
struct Failure(String);

impl From<String> for Failure {
    fn from(s: String) -> Self {
        Failure(s)
    }
}

/// Asks glibc's allocator to keep memory that is freed for the next allocations instead of handing
/// it back to the system at once: each page handed back and taken anew is a page fault (12% of
/// `analyze` at 100,000 submissions, in perf). Blocks of 32 MB and more (a whole file's text) are
/// still given back when freed: kept, a session's 240 MB of text stays as a hole under what was
/// built after it, and `merge` peaked 220 MB higher. Elsewhere (Windows, macOS, musl) nothing
/// changes.
fn keep_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // glibc's malloc.h.
        const M_TRIM_THRESHOLD: i32 = -1;
        const M_TOP_PAD: i32 = -2;
        const M_MMAP_THRESHOLD: i32 = -3;
        unsafe extern "C" {
            fn mallopt(param: i32, value: i32) -> i32;
        }
        // SAFETY: mallopt only sets allocator parameters; it runs before any other thread starts.
        unsafe {
            mallopt(M_MMAP_THRESHOLD, 32 << 20);
            mallopt(M_TRIM_THRESHOLD, 1 << 30);
            mallopt(M_TOP_PAD, 64 << 20);
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let cli = match parse(args.clone(), lang_of(&args)) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let lang = match cli.lang {
        LangArg::Vi => Lang::Vi,
        LangArg::En => Lang::En,
    };
    let Some(command) = cli.command else {
        return run_app(cli.file, cli.follow, lang);
    };
    // A command runs once and exits; the app, which runs for hours, gives memory back as usual.
    keep_freed_memory();
    match run(command, lang) {
        Ok(code) => code,
        Err(Failure(message)) => {
            say_err!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// Opens the desktop app. The window is drawn with wgpu (Vulkan, Direct3D 12, Metal); where that
/// cannot start — Remote Desktop, virtual machines, old drivers, Wine — with OpenGL (glow) instead.
/// `GIAMKHAO_RENDERER=glow` starts with OpenGL. Only when both fail is the person told, in a message
/// box, what they can do.
#[cfg(feature = "gui")]
fn run_app(file: Option<PathBuf>, follow: Option<PathBuf>, lang: Lang) -> ExitCode {
    use eframe::Renderer;
    let order = match std::env::var("GIAMKHAO_RENDERER").as_deref() {
        Ok("glow") | Ok("opengl") => [Renderer::Glow, Renderer::Wgpu],
        _ => [Renderer::Wgpu, Renderer::Glow],
    };
    // Files double-clicked in Finder arrive as a message to the running app, not as arguments.
    #[cfg(target_os = "macos")]
    giamkhao::app::macos::listen();
    let mut failures = Vec::new();
    for renderer in order {
        match open_window(file.clone(), follow.clone(), renderer) {
            Ok(()) => return ExitCode::SUCCESS,
            Err(e) => {
                let graphics = !matches!(e, eframe::Error::AppCreation(_));
                say_err!(
                    "{} ({}): {e}",
                    lang.t("Không mở được cửa sổ", "Could not open the window"),
                    renderer_name(renderer)
                );
                failures.push(format!("{}: {e}", renderer_name(renderer)));
                if !graphics {
                    break;
                }
            }
        }
    }
    let message = text::no_window(&failures, lang);
    say_err!("{message}");
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("giamkhao")
        .set_description(&message)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
    ExitCode::FAILURE
}

#[cfg(feature = "gui")]
fn renderer_name(renderer: eframe::Renderer) -> &'static str {
    match renderer {
        eframe::Renderer::Glow => "OpenGL",
        eframe::Renderer::Wgpu => "wgpu",
    }
}

/// Runs the app in one window drawn by `renderer`, until it is closed.
#[cfg(feature = "gui")]
fn open_window(
    file: Option<PathBuf>,
    follow: Option<PathBuf>,
    renderer: eframe::Renderer,
) -> Result<(), eframe::Error> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("giamkhao")
            .with_app_id("giamkhao")
            .with_icon(giamkhao::app::icon())
            // Opens filling the screen (a judge's laptop is often 1366×768 at 125 or 150 %, which
            // leaves a maximized window about 910×465 points); unmaximized it is a size that fits
            // such a screen, and it may be made smaller still.
            .with_maximized(true)
            .with_inner_size([1000.0, 560.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        renderer,
        // The event loop outlives a window that could not start, so the other renderer can try.
        run_and_return: true,
        ..Default::default()
    };
    eframe::run_native(
        "giamkhao",
        options,
        Box::new(move |cc| {
            let mut app = giamkhao::app::GiamkhaoApp::new(cc, file);
            // The organizer's shortcut for the day: the session, following the contest folder.
            if let Some(folder) = follow {
                app.act(giamkhao::app::Action::FollowFolder(folder));
            }
            Ok(Box::new(app))
        }),
    )
}

/// Built without the desktop app (`--no-default-features`): says so.
#[cfg(not(feature = "gui"))]
fn run_app(_file: Option<PathBuf>, _follow: Option<PathBuf>, lang: Lang) -> ExitCode {
    say_err!(
        "{}",
        lang.t(
            "Bản này không có giao diện cửa sổ; hãy dùng các lệnh (giamkhao --help).",
            "This build has no desktop app; use the commands (giamkhao --help)."
        )
    );
    ExitCode::FAILURE
}

fn run(command: Command, lang: Lang) -> Result<ExitCode, Failure> {
    let load_err = |e: LoadError| Failure(text::load_error(&e, lang));
    match command {
        Command::Analyze {
            session: path,
            round,
            format,
        } => {
            let session = store::load_session(&path).map_err(load_err)?;
            let index = round_index(&session, round.as_deref(), lang)?;
            let analysis = giamkhao::analysis::analyze(&session, index, Default::default());
            match format {
                AnalyzeFormat::Table => {
                    let report = text::analysis::report(&session, &analysis, lang);
                    print!("{}", text::shown_lines(&report));
                }
                AnalyzeFormat::Json => {
                    #[derive(serde::Serialize)]
                    struct Advisory<'a> {
                        advisory: &'a str,
                        #[serde(flatten)]
                        analysis: &'a giamkhao::analysis::Analysis,
                    }
                    emit_json(&Advisory {
                        advisory: text::analysis::advisory(lang),
                        analysis: &analysis,
                    })?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Results { file, round, format } => {
            let session = store::load_session(&file).map_err(load_err)?;
            let result = &round_result(&session, round.as_deref(), lang)?;
            let report = ResultsReport::new(&session, result, lang);
            // A file that no longer matches its seal says so first, on both streams, and fails.
            let seal = store::seal::seal_state(&session);
            if seal.is_broken() {
                eprintln!("{}", text::broken_seal(lang));
            }
            // People's text reaches the terminal with its control characters written out; JSON
            // writes them as its own escapes, so a script reads back the text exactly.
            let shown = match format {
                OutputFormat::Table => {
                    let mut table = String::new();
                    if seal.is_broken() {
                        table.push_str(&format!("{}\n\n", text::broken_seal(lang)));
                    }
                    table.push_str(&report.to_table());
                    if let Some(line) = text::seal_state_line(&seal, lang) {
                        table.push_str(&format!("\n{}\n", text::shown(&line)));
                    }
                    shown_owned(table, text::shown_lines)
                }
                OutputFormat::Json => {
                    // Written as it is made: the JSON of 100,000 projects is some 300 MB.
                    emit_json(&report)?;
                    String::new()
                }
                OutputFormat::Csv => {
                    let table = store::export::results(&session, result, lang);
                    let bytes = store::export::csv_bytes(&table, lang).map_err(Failure)?;
                    text::shown_lines(&String::from_utf8_lossy(&bytes)).into_owned()
                }
            };
            emit(shown.as_bytes())?;
            // The process ends here: its memory goes back at once, without freeing a large contest's
            // millions of values one by one (a third of a second at 100,000 projects).
            std::mem::forget((session, report, shown));
            Ok(if seal.is_broken() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Check { file } => check(&file, lang),
        Command::Packet {
            session,
            judge,
            round,
            output,
            force,
        } => {
            let s = store::load_session(&session).map_err(load_err)?;
            let packet = store::make_packet(&s, &judge, round.as_deref())
                .map_err(|e| Failure(text::packet_error(&e, lang)))?;
            check_outputs(&[&session], std::slice::from_ref(&output), force, lang)?;
            store::save_packet(&output, &packet).map_err(load_err)?;
            say_line!(
                "{} {} ({}) — {}: {}, {} {} → {}",
                lang.t("Gói giám khảo", "Judge packet"),
                text::Names::of(&s).judge(&judge),
                judge,
                lang.t("vòng", "round"),
                packet.round,
                packet.submissions.len(),
                lang.t("dự án", "submissions"),
                output.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Merge {
            session,
            sheets,
            output,
            force,
            by,
            confirm_keys,
        } => match &sheets[..] {
            [folder] if folder.is_dir() && output.is_none() => {
                merge_folder(&session, folder, by, confirm_keys, None, lang)
            }
            _ => {
                if let Some(folder) = sheets.iter().find(|p| p.is_dir()) {
                    return Err(Failure(text::cli::folder_alone(folder, lang)));
                }
                merge(&session, &sheets, output.as_deref(), force, by, lang)
            }
        },
        Command::Watch {
            session,
            folder,
            by,
            confirm_keys,
        } => {
            let mut watch = store::watch::Watch::start(&folder, store::watch::RESCAN, || {});
            merge_folder(&session, &folder, by, confirm_keys, Some(&mut watch), lang)
        }
        Command::Convert { input, output, force } => convert(&input, &output, force, lang),
        Command::Seal { session, by } => seal(&session, by, lang),
        Command::Key {
            session,
            judge,
            fingerprint,
            by,
        } => bind_key(&session, &judge, &fingerprint, by, lang),
        Command::Unseal { session, reason, by } => unseal(&session, &reason, by, lang),
        Command::Assign {
            session,
            round,
            per_submission,
            max_load,
            seed,
            fields_first,
            dry_run,
            by,
        } => assign(
            &session,
            &round,
            giamkhao::assign::Settings {
                per_submission,
                max_load,
                seed,
                fields_first,
            },
            dry_run,
            by,
            lang,
        ),
        Command::Verify { session, digest } => verify(&session, digest.as_deref(), lang),
        Command::Export {
            session,
            format,
            what,
            round,
            output,
            force,
            analysis,
        } => export(
            &session,
            ExportAsked {
                format,
                what,
                round: round.as_deref(),
                analysis,
            },
            &output,
            force,
            lang,
        ),
        Command::Import {
            session,
            file,
            map,
            skip_bad_rows,
            by,
        } => import(&session, &file, &map, skip_bad_rows, by, lang),
        Command::Generate {
            submissions,
            judges,
            per_submission,
            criteria,
            seed,
            unassigned,
            output,
            force,
        } => {
            let options = GenerateOptions {
                submissions,
                judges,
                per_submission,
                criteria,
                seed,
            };
            let problems = options.problems();
            if !problems.is_empty() {
                return Err(Failure(text::cli::generate_refused(&problems, lang)));
            }
            check_outputs(&[], std::slice::from_ref(&output), force, lang)?;
            let mut s = generate(options);
            if unassigned {
                s = giamkhao::generate::unassigned(s);
            }
            store::save_session(&output, &mut s).map_err(load_err)?;
            say!(
                "{} {}: {submissions} {}, {judges} {}, {per_submission} {}, {criteria} {}",
                lang.t("Đã tạo", "Wrote"),
                output.display(),
                lang.t("dự án", "submissions"),
                lang.t("giám khảo", "judges"),
                lang.t("giám khảo/dự án", "judges each"),
                lang.t("tiêu chí", "criteria")
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Writes to standard output; a reader that stops early (`| head`) is not an error.
fn emit(bytes: &[u8]) -> Result<(), Failure> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure(e.to_string())),
        _ => Ok(()),
    }
}

/// A value as pretty JSON on standard output, hidden controls written out ([`text::ShownJson`]),
/// and a line end.
fn emit_json<T: serde::Serialize>(value: &T) -> Result<(), Failure> {
    use std::io::Write;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, text::ShownJson::new(std::io::stdout().lock()));
    let written = serde_json::to_writer_pretty(&mut out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure(e.to_string())),
        _ => Ok(()),
    }
}

fn read(path: &Path, lang: Lang) -> Result<String, Failure> {
    read_text(path).map_err(|e| Failure(text::load_error(&e, lang)))
}

fn check(file: &Path, lang: Lang) -> Result<ExitCode, Failure> {
    let load_err = |e: LoadError| Failure(text::load_error(&e, lang));
    let raw = read(file, lang)?;
    let kind = detect_kind(file, &raw, Format::of(file)).map_err(load_err)?;
    let mut tampered = false;
    let problems = match kind {
        FileKind::Session => {
            let s = load_session_unchecked(file).map_err(load_err)?;
            // A seal the file no longer matches, or a log changed by hand, is said first.
            if store::seal::seal_state(&s).is_broken() {
                say!("{}", text::broken_seal(lang));
                tampered = true;
            }
            if let Some(i) = store::audit::chain_break(&s.audit) {
                say!("{}", text::log_break_cli(i, lang));
                tampered = true;
            }
            store::validate::validate_session(&s)
        }
        FileKind::JudgePacket => {
            let p: JudgePacket = parse_kind(file, &raw, kind).map_err(load_err)?;
            store::validate::validate_packet(&p)
        }
        FileKind::Scoresheet => {
            let f: ScoresheetFile = parse_kind(file, &raw, kind).map_err(load_err)?;
            store::validate::validate_scoresheet_file(&f)
        }
    };
    if problems.is_empty() && tampered {
        return Ok(ExitCode::FAILURE);
    }
    if problems.is_empty() {
        say_line!("{}: {}", file.display(), lang.t("không có lỗi", "no problems"));
        return Ok(ExitCode::SUCCESS);
    }
    say!(
        "{}",
        text::load_error(
            &LoadError::Invalid {
                path: file.into(),
                problems
            },
            lang
        )
    );
    Ok(ExitCode::FAILURE)
}

/// Refuses to write `outputs` over one of `inputs` (the same file, however it is named or linked), or
/// over a file already there unless `force`; then nothing is written.
fn check_outputs(inputs: &[&Path], outputs: &[PathBuf], force: bool, lang: Lang) -> Result<(), Failure> {
    for output in outputs {
        if let Some(input) = inputs.iter().find(|i| store::atomic::same_file(i, output)) {
            return Err(Failure(text::cli::output_is_input(output, input, lang)));
        }
    }
    let existing: Vec<&Path> = outputs
        .iter()
        .filter(|o| o.symlink_metadata().is_ok())
        .map(PathBuf::as_path)
        .collect();
    if !force && !existing.is_empty() {
        return Err(Failure(text::cli::output_exists(&existing, lang)));
    }
    Ok(())
}

/// Saves a session over the file it was read from, only if no one changed that file since (`stamp`).
fn save_over(
    path: &Path,
    session: &mut Session,
    stamp: &store::atomic::Stamp,
    lang: Lang,
) -> Result<(), Failure> {
    store::files::save_session_if(path, session, store::atomic::Expect::Unchanged(stamp))
        .map_err(|e| saving_failed(&e, lang))
}

/// Why a save failed; when the file changed meanwhile, that nothing was saved and to run again.
fn saving_failed(e: &LoadError, lang: Lang) -> Failure {
    let said = text::load_error(e, lang);
    Failure(match e {
        LoadError::Write {
            cause: store::files::WriteCause::Changed,
            ..
        } => format!("{said} {}", text::cli::run_again(lang)),
        _ => said,
    })
}

/// What merging sheets into a session said: a line for each sheet merged (with its details below
/// it), and what became of every sheet.
#[derive(Default)]
struct Merged {
    lines: Vec<String>,
    outcome: text::cli::MergeOutcome,
}

/// Merges each sheet that can be merged into `session`; a sheet that cannot is refused whole and
/// changes nothing.
fn merge_sheets(session: &mut Session, sheets: &[PathBuf], by: &str, lang: Lang) -> Merged {
    let mut merged = Merged::default();
    for path in sheets {
        let source = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let report = store::files::load_handed_in(path)
            .map_err(|e| text::load_error(&e, lang))
            .and_then(|sheet| {
                store::merge::merge_handed_in(session, &sheet, by, &source, jiff::Timestamp::now())
                    .map_err(|e| text::merge_error(&e, &source, lang))
            });
        let outcome = &mut merged.outcome;
        match report {
            Err(reason) => outcome.refused.push((source, reason)),
            Ok(report) => {
                let names = text::Names::of(session);
                merged
                    .lines
                    .push(text::merge_summary(&source, &report, &names, lang));
                for line in text::merge_details(&report, &names, lang) {
                    merged.lines.push(format!("  {line}"));
                }
                if !report.conflicts.is_empty() {
                    outcome.conflicts.push(source.clone());
                }
                if !report.refused.is_empty() {
                    outcome.entries_refused.push(source.clone());
                }
                if report.changed() {
                    outcome.merged.push(source);
                } else {
                    outcome.nothing_new.push(source);
                }
            }
        }
    }
    merged
}

/// What one walk of a contest folder said and did: its lines, whether the session changed, whether
/// something needs a person (a sheet refused, a conflict).
struct Walked {
    lines: Vec<String>,
    changed: bool,
    trouble: bool,
    /// The session is sealed: nothing was read (said once by `watch`, not at every walk).
    sealed: bool,
    /// Sheets read that the session had already (counted, not listed one by one).
    nothing_new: usize,
    /// Sheets waiting for their judge's key to be confirmed.
    awaiting: bool,
}

/// Walks a contest folder once and merges what is new (see `store::folder`). With `confirm_keys`, a
/// judge's first key is bound (through the edit engine, in the organizer's name) when that judge
/// has sheets signed with one key only, and their sheets are merged in the same walk.
fn walk_folder(
    session: &mut Session,
    follow: &mut store::folder::Follow,
    by: &str,
    confirm_keys: bool,
    quiet_partials: bool,
    lang: Lang,
) -> Walked {
    use store::folder::{Aside, Seen};
    let mut walked = Walked {
        lines: Vec::new(),
        changed: false,
        trouble: false,
        sealed: false,
        nothing_new: 0,
        awaiting: false,
    };
    let folder = follow.folder.display().to_string();
    let take = |session: &Session, step: store::folder::Step, walked: &mut Walked| {
        walked.sealed |= step.sealed;
        if let Some(why) = &step.unreachable {
            walked.lines.push(text::folder::unreachable(&folder, why, lang));
        }
        walked.changed |= step.merged();
        let names = text::Names::of(session);
        for change in &step.changes {
            walked.trouble |= match &change.seen {
                Seen::Aside(Aside::Refused(_)) => true,
                Seen::Merged { report, .. } => !report.conflicts.is_empty() || !report.refused.is_empty(),
                Seen::AwaitingKey { .. } => !confirm_keys,
                _ => false,
            };
            if quiet_partials && change.seen == Seen::Aside(Aside::Partial) {
                continue;
            }
            match &change.seen {
                Seen::Merged { report, .. }
                    if !report.changed() && report.conflicts.is_empty() && report.refused.is_empty() =>
                {
                    walked.nothing_new += 1;
                    continue;
                }
                Seen::AwaitingKey { .. } => walked.awaiting = true,
                _ => {}
            }
            walked
                .lines
                .push(text::folder::folder_change(change, &names, lang));
        }
    };
    let step = follow.step(session, by, jiff::Timestamp::now());
    take(session, step, &mut walked);
    if confirm_keys {
        let awaiting = follow.awaiting();
        let mut bound = false;
        for (judge, print, _) in &awaiting {
            if awaiting.iter().filter(|(j, _, _)| j == judge).count() > 1 {
                walked
                    .lines
                    .push(text::cli::two_keys(&text::Names::of(session).judge(judge), lang));
                walked.trouble = true;
                continue;
            }
            let Some(edit) = giamkhao::edit::bind_key(&session.contest, judge, print) else {
                continue;
            };
            let mut doc = giamkhao::edit::Doc::Session(std::mem::replace(
                session,
                Session::new(session.contest.clone()),
            ));
            let applied =
                giamkhao::edit::apply(&mut doc, edit, by, "cli --confirm-keys", jiff::Timestamp::now());
            if let giamkhao::edit::Doc::Session(s) = doc {
                *session = s;
            }
            if applied.is_ok() {
                bound = true;
                walked.changed = true;
                walked.lines.push(text::cli::key_bound(
                    print,
                    &text::Names::of(session).judge(judge),
                    lang,
                ));
            }
        }
        if bound {
            follow.recheck_keys();
            let step = follow.step(session, by, jiff::Timestamp::now());
            take(session, step, &mut walked);
        }
    }
    if walked.nothing_new > 0 {
        walked
            .lines
            .push(text::cli::folder_nothing_new_in(walked.nothing_new, lang));
    }
    walked.awaiting &= !follow.awaiting().is_empty();
    walked
}

/// Merges what is new in a contest folder into a session and saves it. With a watch, keeps doing so,
/// printing each change as it comes, until stopped (Ctrl+C: what was merged is already saved).
/// Another giamkhao may save the session meanwhile: it is then read again and every sheet of the
/// folder merged into it again (merging a sheet twice changes nothing), under the session's lock.
fn merge_folder(
    session_path: &Path,
    folder: &Path,
    by: Option<String>,
    confirm_keys: bool,
    mut watch: Option<&mut store::watch::Watch>,
    lang: Lang,
) -> Result<ExitCode, Failure> {
    let load_err = |e: LoadError| Failure(text::load_error(&e, lang));
    let by = who(by, lang)?;
    let (mut session, mut stamp) = store::files::load_session_stamped(session_path).map_err(load_err)?;
    let mut follow = store::folder::Follow::new(folder.to_path_buf());
    let watching = watch.is_some();
    if watching {
        say_line!("{}", text::cli::watching(folder, lang));
    }
    let mut trouble = false;
    let mut said_sealed = false;
    loop {
        if let Some(w) = watch.as_deref_mut() {
            let was_unreachable = follow.unreachable.is_some();
            w.wait();
            if was_unreachable || !w.has_events() {
                w.arm();
            }
        }
        let mut walked = walk_folder(&mut session, &mut follow, &by, confirm_keys, watching, lang);
        if walked.changed {
            stamp = match store::files::save_session_expecting(
                session_path,
                &mut session,
                store::atomic::Expect::Unchanged(&stamp),
            ) {
                Ok(stamp) => stamp,
                Err(LoadError::Write {
                    cause: store::files::WriteCause::Changed,
                    ..
                }) => {
                    let lock = store::atomic::Lock::take(session_path)
                        .map_err(|e| load_err(store::files::write_error(session_path, &e)))?;
                    let (fresh, fresh_stamp) =
                        store::files::load_session_stamped(session_path).map_err(load_err)?;
                    session = fresh;
                    follow = store::folder::Follow::new(folder.to_path_buf());
                    walked = walk_folder(&mut session, &mut follow, &by, confirm_keys, watching, lang);
                    walked.lines.insert(0, text::cli::merged_again(lang).to_string());
                    let expect = store::atomic::Expect::Unchanged(&fresh_stamp);
                    store::files::save_session_locked(&lock, session_path, &mut session, expect)
                        .map_err(|e| saving_failed(&e, lang))?
                }
                Err(e) => return Err(saving_failed(&e, lang)),
            };
        }
        trouble |= walked.trouble || walked.sealed;
        if walked.sealed && !said_sealed {
            let sealed = text::merge_error(&store::MergeError::Sealed, &folder.display().to_string(), lang);
            walked.lines.insert(0, sealed);
        }
        said_sealed = walked.sealed;
        let time = jiff::Zoned::now().strftime("%H:%M:%S").to_string();
        for line in &walked.lines {
            match watching {
                true => say_line!("{time}  {line}"),
                false => say_line!("{line}"),
            }
        }
        if walked.awaiting {
            say_line!("{}", text::cli::keys_hint(session_path, lang));
        }
        if walked.changed {
            say_line!("{}", text::cli::folder_saved(session_path, lang));
        }
        if !watching {
            if walked.lines.is_empty() {
                say_line!("{}", text::cli::folder_nothing_new(folder, lang));
            }
            if !walked.changed {
                say_line!("{}", text::cli::folder_not_saved(session_path, lang));
            }
            break;
        }
    }
    Ok(if trouble {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Merges each sheet that can be merged and saves the session once; a sheet that cannot (not a
/// scoresheet, another contest, invalid, …) is refused whole and changes nothing. One summary at the
/// end says which sheets were merged, which had nothing new, which were not merged and why, and
/// whether the session was saved. Exit 1 if any sheet was refused or had a conflict.
///
/// Another giamkhao may save the session meanwhile (two merges at once): then the session is read
/// again and the sheets merged again into it, under the session's lock, so both merges land.
fn merge(
    session_path: &Path,
    sheets: &[PathBuf],
    output: Option<&Path>,
    force: bool,
    by: Option<String>,
    lang: Lang,
) -> Result<ExitCode, Failure> {
    let load_err = |e: LoadError| Failure(text::load_error(&e, lang));
    let by = who(by, lang)?;
    // `-o SESSION` is the usual save over the session; `-o` a sheet, or another file that is there
    // without --force, is refused before anything is merged.
    let output = output.filter(|o| *o != session_path && !store::atomic::same_file(o, session_path));
    if let Some(out) = output {
        let sheets: Vec<&Path> = sheets.iter().map(PathBuf::as_path).collect();
        check_outputs(&sheets, &[out.to_path_buf()], force, lang)?;
    }
    // The file's stamp (a SHA-256 of it) only when the merge is saved back over it.
    let (mut session, stamp) = match output {
        Some(_) => (
            store::load_session(session_path).map_err(load_err)?,
            store::atomic::Stamp::absent(),
        ),
        None => store::files::load_session_stamped(session_path).map_err(load_err)?,
    };
    let mut merged = merge_sheets(&mut session, sheets, &by, lang);
    let changed = !merged.outcome.merged.is_empty();
    let mut saved = match output {
        Some(out) => Some(out),
        None if changed => Some(session_path),
        None => None,
    };
    let mut again = false;
    let written = match saved {
        None => Ok(()),
        Some(out) if output.is_some() => {
            let absent = store::atomic::Stamp::absent();
            let expect = match force {
                true => store::atomic::Expect::Anything,
                false => store::atomic::Expect::Unchanged(&absent),
            };
            store::files::save_session_if(out, &mut session, expect)
        }
        Some(_) => match store::files::save_session_if(
            session_path,
            &mut session,
            store::atomic::Expect::Unchanged(&stamp),
        ) {
            Err(LoadError::Write {
                cause: store::files::WriteCause::Changed,
                ..
            }) => {
                // Saved by someone else since it was read: read again and merge again, holding the
                // lock so that no one saves in between.
                again = true;
                let lock = store::atomic::Lock::take(session_path)
                    .map_err(|e| load_err(store::files::write_error(session_path, &e)))?;
                let (mut fresh, stamp) =
                    store::files::load_session_stamped(session_path).map_err(load_err)?;
                merged = merge_sheets(&mut fresh, sheets, &by, lang);
                if merged.outcome.merged.is_empty() {
                    saved = None;
                    Ok(())
                } else {
                    let expect = store::atomic::Expect::Unchanged(&stamp);
                    store::files::save_session_locked(&lock, session_path, &mut fresh, expect).map(drop)
                }
            }
            other => other,
        },
    };
    if again {
        say!("{}", text::cli::merged_again(lang));
    }
    for line in &merged.lines {
        say_line!("{line}");
    }
    for line in text::cli::merge_outcome(&merged.outcome, lang) {
        say!("{line}");
    }
    written.map_err(|e| saving_failed(&e, lang))?;
    say!(
        "{}",
        text::cli::merge_saved(&merged.outcome, session_path, saved, lang)
    );
    let outcome = &merged.outcome;
    Ok(
        if outcome.refused.is_empty() && outcome.conflicts.is_empty() && outcome.entries_refused.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        },
    )
}

/// What `export` is asked to write.
struct ExportAsked<'a> {
    format: ExportFormat,
    what: What,
    round: Option<&'a str>,
    /// The analysis too: a PDF appendix, an Excel sheet, a CSV file (results only).
    analysis: bool,
}

fn export(
    session_path: &Path,
    asked: ExportAsked,
    output: &Path,
    force: bool,
    lang: Lang,
) -> Result<ExitCode, Failure> {
    let ExportAsked {
        format,
        what,
        round,
        analysis,
    } = asked;
    if analysis && what != What::Results {
        return Err(Failure(
            lang.t(
                "--analysis chỉ đi cùng --what results (biên bản, bảng kết quả).",
                "--analysis goes with --what results only (the report, the results tables).",
            )
            .into(),
        ));
    }
    let session = store::load_session(session_path).map_err(|e| Failure(text::load_error(&e, lang)))?;
    let result = &round_result(&session, round, lang)?;
    let analysis = if analysis {
        let index = round_index(&session, round, lang)?;
        Some(giamkhao::analysis::analyze(&session, index, Default::default()))
    } else {
        None
    };
    let analysis_table = analysis
        .as_ref()
        .map(|a| store::export::analysis_table(&session, a, lang));
    // The small tables are made here; the results' four are made one at a time as they are
    // written, and none for a PDF, which is laid out from the results themselves (the tables of a
    // large contest are hundreds of megabytes).
    let tables = match (format, what) {
        (ExportFormat::Pdf, _) | (_, What::Results) => Vec::new(),
        (_, What::Awards) => vec![store::export::awards(&session, result, lang)],
        (_, What::Scoresheets) => {
            store::export::blank_scoresheets(&session, &result.round, lang).map_err(Failure)?
        }
    };
    let outputs = match (format, what) {
        (ExportFormat::Csv, What::Results) => {
            let mut slugs = store::export::RESULT_SLUGS.to_vec();
            if analysis_table.is_some() {
                slugs.push(store::export::ANALYSIS_SLUG);
            }
            store::export::csv_paths_of(output, &slugs)
        }
        (ExportFormat::Csv, _) => store::export::csv_paths(output, &tables),
        (ExportFormat::Xlsx | ExportFormat::Pdf, _) => vec![output.to_path_buf()],
    };
    check_outputs(&[session_path], &outputs, force, lang)?;
    let written = match (format, what) {
        (ExportFormat::Xlsx, What::Results) => store::export::write_xlsx(
            output,
            store::export::each_table(&session, result, lang).chain(analysis_table),
        )
        .map(|()| vec![output.to_path_buf()]),
        (ExportFormat::Csv, What::Results) => store::export::write_csv(
            output,
            store::export::each_table(&session, result, lang).chain(analysis_table),
            lang,
        ),
        (ExportFormat::Xlsx, _) => {
            store::export::write_xlsx(output, &tables).map(|()| vec![output.to_path_buf()])
        }
        (ExportFormat::Csv, _) => store::export::write_csv(output, &tables, lang),
        (ExportFormat::Pdf, _) => match what {
            What::Results => store::pdf::results_report_with(&session, result, analysis.as_ref(), lang),
            What::Awards => store::pdf::award_list(&session, result, lang),
            What::Scoresheets => store::pdf::blank_scoresheets(&session, &result.round, lang),
        }
        .and_then(|bytes| store::atomic::write_atomic(output, &bytes).map_err(|e| e.to_string()))
        .map(|()| vec![output.to_path_buf()]),
    }
    .map_err(|e| Failure(format!("{}: {e}", output.display())))?;
    for path in written {
        say_line!("{} {}", lang.t("Đã ghi", "Wrote"), path.display());
    }
    if result.provisional {
        say!(
            "{}",
            lang.t(
                "Lưu ý: kết quả còn TẠM THỜI (đồng hạng chờ quyết định).",
                "Note: the results are still PROVISIONAL (a tie awaits a decision)."
            )
        );
    }
    // The export says it on its first line; the command says it too, and fails.
    if store::seal::seal_state(&session).is_broken() {
        eprintln!("{}", text::broken_seal(lang));
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// Who does it, for the record: the full name given with `--by` (checked, and remembered for next
/// time), else the one remembered from last time. With neither, the command is refused before it
/// changes anything. The computer's user name is not a full name and is never used.
fn who(by: Option<String>, lang: Lang) -> Result<String, Failure> {
    let home = store::person::data_dir();
    let Some(typed) = by else {
        let name = home
            .as_deref()
            .and_then(store::person::remembered)
            .ok_or_else(|| Failure(text::cli::by_missing(lang)))?;
        say!("{}", text::cli::by_remembered(&name, lang));
        return Ok(name);
    };
    let name = store::person::full_name(&typed)
        .map_err(|e| Failure(text::cli::by_refused(&text::name_error(e, &typed, lang), lang)))?;
    if let Some(home) = home
        && let Err(e) = store::person::remember(&home, &name)
    {
        say_err!("{}", text::cli::by_not_remembered(&e.to_string(), lang));
    }
    Ok(name)
}

fn import(
    session_path: &Path,
    file: &Path,
    map: &[String],
    skip_bad_rows: bool,
    by: Option<String>,
    lang: Lang,
) -> Result<ExitCode, Failure> {
    use giamkhao::store::import::{
        Field, Mapping, apply_import, apply_overrides, plan_import, read_table, recognise,
    };
    let by = who(by, lang)?;
    let (mut session, stamp) =
        store::files::load_session_stamped(session_path).map_err(|e| Failure(text::load_error(&e, lang)))?;
    if session.seal.is_some() {
        return Err(Failure(text::seal_error(
            &store::seal::SealError::AlreadySealed,
            lang,
        )));
    }
    let table = read_table(file).map_err(|e| Failure(text::import_error(&e, lang)))?;
    let bad_map = |e| Failure(text::import_error(&e, lang));
    let mapping = match recognise(&table) {
        Ok(mut mapping) => {
            apply_overrides(&mut mapping, &table.headers, map).map_err(bad_map)?;
            mapping
        }
        // Not a registration list as far as giamkhao can tell: nothing is guessed, and only the
        // columns the organizer names by hand are used (README, docs/bad-input.md).
        Err(why) => {
            let reason = format!("{}: {}", file.display(), text::not_registrations(&why, lang));
            let mut mapping = Mapping::default();
            apply_overrides(&mut mapping, &table.headers, map).map_err(bad_map)?;
            if !mapping.columns.contains_key(&Field::Title) {
                return Err(Failure(format!(
                    "{reason}\n{}",
                    lang.t(
                        "Chưa nhập gì. Nếu đây đúng là danh sách đăng ký, hãy chỉ rõ từng cột: --map title=<cột> --map leader=<cột>…",
                        "Nothing was imported. If this is a registration list, name each column: --map title=<column> --map leader=<column>…"
                    )
                )));
            }
            say!(
                "{reason}\n{}",
                lang.t(
                    "Chỉ dùng các cột đã chỉ định bằng --map.",
                    "Only the columns named with --map are used."
                )
            );
            mapping
        }
    };
    say!("{}:", lang.t("Cột được dùng", "Columns used"));
    for field in Field::ALL {
        if let Some(&i) = mapping.columns.get(&field) {
            say_line!(
                "  {} [{}] ← «{}» ({} {})",
                text::import_field(field, lang),
                field.key(),
                table.headers[i],
                lang.t("cột", "column"),
                i + 1
            );
        }
    }
    if !mapping.columns.contains_key(&Field::Title) {
        return Err(Failure(
            lang.t(
                "Không tìm thấy cột tên dự án: dùng --map title=<cột>",
                "No title column found: use --map title=<column>",
            )
            .into(),
        ));
    }
    let plan = plan_import(&session, &table, &mapping);
    for p in &plan.problems {
        say_line!("  ! {}", text::row_problem(p, lang));
    }
    if !plan.problems.is_empty() && !skip_bad_rows {
        say!(
            "{}",
            lang.t(
                "Có dòng lỗi: chưa nhập gì. Sửa tệp, hoặc chạy lại với --skip-bad-rows để bỏ qua các dòng đó.",
                "Some rows have problems: nothing was imported. Fix the file, or run again with --skip-bad-rows to leave them out."
            )
        );
        return Ok(ExitCode::FAILURE);
    }
    let source = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    apply_import(&mut session, &plan, &by, &source, jiff::Timestamp::now());
    say!("{}", text::import_summary(&plan, lang));
    if !plan.added.is_empty() || !plan.updated.is_empty() {
        save_over(session_path, &mut session, &stamp, lang)?;
        say_line!("{} {}", lang.t("Đã lưu", "Saved"), session_path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn seal(session_path: &Path, by: Option<String>, lang: Lang) -> Result<ExitCode, Failure> {
    let by = who(by, lang)?;
    let (mut session, stamp) =
        store::files::load_session_stamped(session_path).map_err(|e| Failure(text::load_error(&e, lang)))?;
    store::seal::seal(&mut session, &by, jiff::Timestamp::now())
        .map_err(|e| Failure(text::seal_error(&e, lang)))?;
    save_over(session_path, &mut session, &stamp, lang)?;
    if let Some(seal) = &session.seal {
        say_line!("{}", text::seal_line(seal, lang));
    }
    say!(
        "{}",
        lang.t(
            "Phiên đã niêm phong và chỉ đọc. Mã này được in trên mọi bản xuất; hãy giữ bản biên bản đã ký.",
            "The session is sealed and read-only. The digest is printed on every export; keep the signed report."
        )
    );
    Ok(ExitCode::SUCCESS)
}

/// Binds a judge to the key their laptop signs with, by the fingerprint the judge read out; through
/// the edit engine, so it is checked and logged like any change.
fn bind_key(
    session_path: &Path,
    judge: &str,
    typed: &str,
    by: Option<String>,
    lang: Lang,
) -> Result<ExitCode, Failure> {
    let by = who(by, lang)?;
    let Some(print) = store::signing::parse_fingerprint(typed) else {
        return Err(Failure(format!(
            "«{typed}»: {}",
            lang.t(
                "mã khóa gồm 16 chữ số hệ mười sáu, ví dụ 3F9A-07C2-B41E-9D55 (xem trong Trợ giúp → Giới thiệu giamkhao trên máy của giám khảo)",
                "a key fingerprint is 16 hex digits, e.g. 3F9A-07C2-B41E-9D55 (shown in Help → About giamkhao on the judge's laptop)"
            )
        )));
    };
    let (session, stamp) =
        store::files::load_session_stamped(session_path).map_err(|e| Failure(text::load_error(&e, lang)))?;
    let mut contest = session.contest.clone();
    let Some(j) = contest.judges.iter_mut().find(|j| j.id == judge) else {
        return Err(Failure(format!(
            "«{judge}»: {}",
            lang.t(
                "không có giám khảo này trong cuộc thi",
                "no such judge in the contest"
            )
        )));
    };
    j.key = Some(print.clone());
    let name = j.name.clone();
    save_contest(session_path, session, &stamp, contest, (&by, "cli"), lang)?;
    say!(
        "{}",
        match lang {
            Lang::Vi => format!(
                "Đã gắn khóa {print} cho giám khảo {name}: từ nay chỉ gộp phiếu của giám khảo này khi ký bằng khóa đó."
            ),
            Lang::En => format!(
                "Key {print} bound to judge {name}: from now on this judge's sheets are merged only when signed with it."
            ),
        }
    );
    Ok(ExitCode::SUCCESS)
}

/// Puts `contest` in place of the session's set-up through the edit engine (checked, logged as
/// `by` with `note`) and saves the session over its file.
fn save_contest(
    session_path: &Path,
    session: Session,
    stamp: &store::atomic::Stamp,
    contest: giamkhao::model::Contest,
    (by, note): (&str, &str),
    lang: Lang,
) -> Result<(), Failure> {
    let mut doc = giamkhao::edit::Doc::Session(session);
    giamkhao::edit::apply(
        &mut doc,
        giamkhao::edit::Edit::Contest(Box::new(contest)),
        by,
        note,
        jiff::Timestamp::now(),
    )
    .map_err(|e| edit_failure(e, lang))?;
    let giamkhao::edit::Doc::Session(mut session) = doc else {
        return Err(edit_failure(giamkhao::edit::EditError::NotASession, lang));
    };
    save_over(session_path, &mut session, stamp, lang)
}

/// A change the edit engine refused, in words.
fn edit_failure(e: giamkhao::edit::EditError, lang: Lang) -> Failure {
    Failure(match e {
        giamkhao::edit::EditError::Sealed => lang
            .t(
                "phiên đã niêm phong — không sửa được (mở niêm phong, có ghi lý do, nếu cần)",
                "the session is sealed — it cannot be changed (unseal it, with a reason, if needed)",
            )
            .to_string(),
        giamkhao::edit::EditError::InvalidContest(problems) => problems
            .iter()
            .map(|p| text::problem(p, lang))
            .collect::<Vec<_>>()
            .join("; "),
        other => format!("{other:?}"),
    })
}

/// Plans who judges what in a round (`giamkhao::assign`), says what the design is like, and saves it
/// through the edit engine (checked, logged judge by judge) unless `dry_run`.
fn assign(
    session_path: &Path,
    round: &str,
    settings: giamkhao::assign::Settings,
    dry_run: bool,
    by: Option<String>,
    lang: Lang,
) -> Result<ExitCode, Failure> {
    let (session, stamp) =
        store::files::load_session_stamped(session_path).map_err(|e| Failure(text::load_error(&e, lang)))?;
    let index = round_index(&session, Some(round), lang)?;
    let round = &session.contest.rounds[index];
    let submissions = store::packet::submissions_in_round(&session, index);
    let plan = giamkhao::assign::plan(
        giamkhao::assign::Input {
            contest: &session.contest,
            round,
            submissions: &submissions,
            sheets: &session.scoresheets,
        },
        settings,
    )
    .map_err(|e| {
        Failure(format!(
            "{}: {}",
            round.name,
            text::assign::settings_error(&e, lang)
        ))
    })?;
    let names = text::Names::of(&session);
    // Written at once, a reader that stops early (`| head`) being no error.
    let mut out = vec![format!(
        "{} — {}",
        round.name,
        lang.t("phân công tự động", "automatic assignment")
    )];
    out.extend(text::assign::report(&plan.report, &names, lang));
    for l in &plan.report.loads {
        out.push(format!("  {:>5}  {}{}", l.load, names.judge(&l.judge), {
            let mut parts = Vec::new();
            if l.fixed > 0 {
                parts.push(format!(
                    "{} {}",
                    l.fixed,
                    lang.t("đã chấm hoặc ghim", "scored or locked")
                ));
            }
            if plan.report.any_expertise {
                parts.push(format!(
                    "{} {}",
                    l.matched,
                    lang.t("đúng lĩnh vực", "in their fields")
                ));
            }
            if parts.is_empty() {
                String::new()
            } else {
                format!(" ({})", parts.join(", "))
            }
        }));
    }
    let print = |mut lines: Vec<String>| -> Result<(), Failure> {
        lines.push(String::new());
        let shown: Vec<String> = lines.iter().map(|l| text::shown(l).into_owned()).collect();
        emit(shown.join("\n").as_bytes())
    };
    if dry_run {
        out.push(lang.t("Chạy thử: chưa lưu gì.", "Dry run: nothing saved.").into());
        print(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    print(out)?;
    if plan.assignments.is_empty() {
        return Err(Failure(
            lang.t(
                "Không xếp được giám khảo nào: không lưu (vòng không có phân công nghĩa là mọi giám khảo chấm mọi dự án).",
                "No judge could be placed: nothing saved (a round without assignments means every judge scores every submission).",
            )
            .into(),
        ));
    }
    let by = who(by, lang)?;
    let contest = giamkhao::assign::with_plan(&session.contest, &round.id, &plan);
    save_contest(session_path, session, &stamp, contest, (&by, "cli assign"), lang)?;
    print(vec![
        lang.t(
            "Đã lưu phân công vào phiên (ghi nhật ký từng giám khảo). Gói giám khảo từ nay chỉ chứa dự án được phân công.",
            "Assignment saved in the session (logged judge by judge). Judge packets now hold only the assigned submissions.",
        )
        .into(),
    ])?;
    Ok(ExitCode::SUCCESS)
}

fn unseal(session_path: &Path, reason: &str, by: Option<String>, lang: Lang) -> Result<ExitCode, Failure> {
    let by = who(by, lang)?;
    let (mut session, stamp) =
        store::files::load_session_stamped(session_path).map_err(|e| Failure(text::load_error(&e, lang)))?;
    store::seal::unseal(&mut session, &by, &text::nfc(reason), jiff::Timestamp::now())
        .map_err(|e| Failure(text::seal_error(&e, lang)))?;
    save_over(session_path, &mut session, &stamp, lang)?;
    println!(
        "{}",
        lang.t(
            "Đã mở niêm phong; lý do đã ghi vào nhật ký.",
            "Unsealed; the reason is in the audit log."
        )
    );
    Ok(ExitCode::SUCCESS)
}

fn verify(session_path: &Path, digest: Option<&str>, lang: Lang) -> Result<ExitCode, Failure> {
    // Loaded without validation: a tampered file should still be reported on, check by check.
    let session = store::files::load_session_unchecked(session_path)
        .map_err(|e| Failure(text::load_error(&e, lang)))?;
    let problems = store::validate_session(&session);
    for p in &problems {
        say_line!("[{}] {}", lang.t("SAI", "FAILED"), text::problem(p, lang));
    }
    let verification = store::seal::verify(&session, digest);
    for (_, line) in text::verification(&verification, &text::Names::of(&session), lang) {
        say_line!("{line}");
    }
    let verdict = if problems.is_empty() {
        verification.verdict()
    } else {
        store::seal::Verdict::Mismatch
    };
    say!("{}", text::verdict(verdict, lang));
    if verdict == store::seal::Verdict::SelfConsistent {
        say!(
            "  giamkhao verify {} --digest <{}>",
            session_path.display(),
            lang.t("mã in trên biên bản", "digest on the report")
        );
    }
    Ok(if verdict == store::seal::Verdict::Mismatch {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn convert(input: &Path, output: &Path, force: bool, lang: Lang) -> Result<ExitCode, Failure> {
    let load_err = |e: LoadError| Failure(text::load_error(&e, lang));
    let raw = read(input, lang)?;
    check_outputs(&[input], &[output.to_path_buf()], force, lang)?;
    let kind = detect_kind(input, &raw, Format::of(input)).map_err(load_err)?;
    let text = match kind {
        FileKind::Session => to_text(
            &parse_kind::<Session>(input, &raw, kind).map_err(load_err)?,
            Format::of(output),
        ),
        FileKind::JudgePacket => to_text(
            &parse_kind::<JudgePacket>(input, &raw, kind).map_err(load_err)?,
            Format::of(output),
        ),
        FileKind::Scoresheet => to_text(
            &parse_kind::<ScoresheetFile>(input, &raw, kind).map_err(load_err)?,
            Format::of(output),
        ),
    }
    .map_err(Failure)?;
    store::atomic::write_atomic(output, (text + "\n").as_bytes())
        .map_err(|e| load_err(store::files::write_error(output, &e)))?;
    say_line!("{} → {}", input.display(), output.display());
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and every argument, with the command it belongs to ("" for giamkhao itself).
    fn every_part(command: &clap::Command, name: &str, out: &mut Vec<(String, String, String)>) {
        let about = command.get_about().map(|a| a.to_string()).unwrap_or_default();
        out.push((name.to_string(), String::new(), about));
        for arg in command.get_arguments() {
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            out.push((name.to_string(), arg.get_id().to_string(), help));
        }
        for sub in command.get_subcommands() {
            every_part(sub, sub.get_name(), out);
        }
    }

    #[test]
    fn every_command_and_option_is_described_in_both_languages() {
        let mut said = Vec::new();
        for lang in [Lang::Vi, Lang::En] {
            let command = localize(Cli::command(), "", lang);
            command.clone().debug_assert();
            let mut parts = Vec::new();
            every_part(&command, "", &mut parts);
            for (command, arg, help) in &parts {
                assert!(!help.is_empty(), "{lang:?}: {command} {arg} has no help");
            }
            said.push(parts);
        }
        // The two languages say each thing differently (no English left in the Vietnamese).
        for (vi, en) in said[0].iter().zip(&said[1]) {
            assert_eq!((&vi.0, &vi.1), (&en.0, &en.1));
            assert_ne!(vi.2, en.2, "{} {}", vi.0, vi.1);
        }
    }

    #[test]
    fn the_language_is_read_before_the_arguments_are_parsed() {
        let args = |words: &[&str]| -> Vec<OsString> {
            std::iter::once("giamkhao")
                .chain(words.iter().copied())
                .map(OsString::from)
                .collect()
        };
        assert_eq!(lang_of(&args(&["--help"])), Lang::Vi);
        assert_eq!(lang_of(&args(&["--lang", "en", "--help"])), Lang::En);
        assert_eq!(lang_of(&args(&["merge", "--lang=en", "--bogus"])), Lang::En);
        assert_eq!(lang_of(&args(&["--lang", "fr"])), Lang::Vi);
        assert_eq!(lang_of(&args(&["check", "--", "--lang=en"])), Lang::Vi);
        assert_eq!(first_word(&args(&["--lang", "en", "help", "merge"])), Some(3));
        assert_eq!(first_word(&args(&["-h"])), None);
    }

    #[test]
    fn a_mistyped_command_is_taken_for_the_nearest() {
        let command = localize(Cli::command(), "", Lang::Vi);
        let near = |word: &str| match unknown_command(&command, word) {
            Some(text::cli::ArgProblem::UnknownCommand { suggestion, .. }) => suggestion,
            other => panic!("{word}: {other:?}"),
        };
        assert_eq!(near("resutls").as_deref(), Some("results"));
        assert_eq!(near("gen").as_deref(), Some("generate"));
        assert_eq!(near("xyzzy"), None);
        // A command, or a file to open, is not a mistyped command.
        assert!(unknown_command(&command, "merge").is_none());
        assert!(unknown_command(&command, "phien.ron").is_none());
        assert!(unknown_command(&command, "Cargo.toml").is_none());
        assert_eq!(edits("kitten", "sitting"), 3);
    }
}
