//! The `giamkhao` program: with no command it opens the desktop app (on FILE, the last session, or
//! the bundled sample); the commands results, check, packet, merge, convert and generate work
//! headless on the files.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use giamkhao::generate::{GenerateOptions, generate};
use giamkhao::model::{FileKind, JudgePacket, ScoresheetFile, Session};
use giamkhao::store::files::{Format, detect_kind, load_session_unchecked, parse_kind, read_text, to_text};
use giamkhao::store::report::ResultsReport;
use giamkhao::store::{self, LoadError};
use giamkhao::text::{self, Lang};

#[derive(Parser)]
#[command(
    name = "giamkhao",
    version,
    about = "Chấm thi khởi nghiệp đổi mới sáng tạo — judging for startup and innovation contests"
)]
struct Cli {
    /// A session or judge packet to open in the app (with no command, the app opens).
    file: Option<PathBuf>,
    /// Language of messages and reports.
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
enum ExportFormat {
    Xlsx,
    Csv,
    /// "Biên bản tổng hợp kết quả chấm", A4, to print and sign.
    Pdf,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum What {
    /// The ranked results.
    Results,
    /// The list of awarded projects with prize values and their total.
    Awards,
    /// Blank scoresheets, one per judge of the round (criteria, maxima, rubric, a row per project).
    Scoresheets,
}

#[derive(Subcommand)]
enum Command {
    /// Ranked results with awards, flags and tied groups, computed from the raw scores.
    Results {
        file: PathBuf,
        /// Round id (default: the last round, where awards are given).
        #[arg(long)]
        round: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: OutputFormat,
    },
    /// Validates a session, judge packet or scoresheet and lists every problem (exit 1 if any).
    Check { file: PathBuf },
    /// Writes the judge packet of one judge: the contest, their submissions and their own sheet.
    Packet {
        session: PathBuf,
        #[arg(long)]
        judge: String,
        /// Round id (default: the latest round the judge sits on that has submissions).
        #[arg(long)]
        round: Option<String>,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Finalizes a session: seals it with a SHA-256 digest of everything the awards rest on; a sealed
    /// session is read-only. Refused while results are provisional.
    Seal {
        session: PathBuf,
        /// Your full name, for the record (remembered from last time when not given).
        #[arg(long)]
        by: Option<String>,
    },
    /// Opens a sealed session for changes again; the reason goes to the audit log.
    Unseal {
        session: PathBuf,
        #[arg(long)]
        reason: String,
        /// Your full name, for the record (remembered from last time when not given).
        #[arg(long)]
        by: Option<String>,
    },
    /// Recomputes the results from the raw scores and checks them, the seal, the digest printed on
    /// paper (--digest) and every merged scoresheet; exit 1 on any mismatch.
    Verify {
        session: PathBuf,
        /// The digest printed on the signed report (spaces and dashes are ignored).
        #[arg(long)]
        digest: Option<String>,
    },
    /// Merges handed-in scoresheets (or judge packets) into a session.
    Merge {
        session: PathBuf,
        #[arg(required = true)]
        sheets: Vec<PathBuf>,
        /// Where to write the merged session (default: over SESSION, keeping SESSION.bak).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Your full name, for the record (remembered from last time when not given).
        #[arg(long)]
        by: Option<String>,
    },
    /// Exports the results (an .xlsx with four sheets, CSV files, or the report to sign as PDF), the
    /// award list, or blank scoresheets to print or fill in, in any of the three formats.
    Export {
        session: PathBuf,
        #[arg(long, value_enum)]
        format: ExportFormat,
        #[arg(long, value_enum, default_value = "results")]
        what: What,
        /// Round id (default: the last round, where awards are given).
        #[arg(long)]
        round: Option<String>,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Imports registrations from .xlsx, .xls, .ods or .csv into a session.
    Import {
        session: PathBuf,
        file: PathBuf,
        /// A column for a field, by header or number: title="Tên dự án", leader=3 …
        #[arg(long = "map")]
        map: Vec<String>,
        /// Import the good rows even if some rows have problems (they are listed and left out).
        #[arg(long)]
        skip_bad_rows: bool,
        /// Your full name, for the record (remembered from last time when not given).
        #[arg(long)]
        by: Option<String>,
    },
    /// Converts a session, packet or scoresheet between RON and JSON (by extension), losslessly.
    Convert { input: PathBuf, output: PathBuf },
    /// Writes a reproducible synthetic contest.
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
        #[arg(short, long)]
        output: PathBuf,
    },
}

/// The results of round `round` (default: the last, where awards are given), computed afresh.
fn round_result(
    session: &Session,
    round: Option<&str>,
    lang: Lang,
) -> Result<giamkhao::model::RoundResult, Failure> {
    let mut results = giamkhao::scoring::compute(session);
    let index = match round {
        Some(r) => session
            .contest
            .round_index(r)
            .ok_or_else(|| Failure(format!("{} «{r}»", lang.t("Không có vòng", "No such round"))))?,
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

/// A failure already worded for the user.
struct Failure(String);

impl From<String> for Failure {
    fn from(s: String) -> Self {
        Failure(s)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = match cli.lang {
        LangArg::Vi => Lang::Vi,
        LangArg::En => Lang::En,
    };
    let Some(command) = cli.command else {
        return run_app(cli.file, lang);
    };
    match run(command, lang) {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// Opens the desktop app.
#[cfg(feature = "gui")]
fn run_app(file: Option<PathBuf>, lang: Lang) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("giamkhao")
            .with_app_id("giamkhao")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 560.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let result = eframe::run_native(
        "giamkhao",
        options,
        Box::new(move |cc| Ok(Box::new(giamkhao::app::GiamkhaoApp::new(cc, file)))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "{}: {e}",
                lang.t("Không mở được cửa sổ", "Could not open the window")
            );
            ExitCode::FAILURE
        }
    }
}

/// Built without the desktop app (`--no-default-features`): says so.
#[cfg(not(feature = "gui"))]
fn run_app(_file: Option<PathBuf>, lang: Lang) -> ExitCode {
    eprintln!(
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
        Command::Results { file, round, format } => {
            let session = store::load_session(&file).map_err(load_err)?;
            let result = &round_result(&session, round.as_deref(), lang)?;
            let report = ResultsReport::new(&session, result, lang);
            let bytes = match format {
                OutputFormat::Table => {
                    let mut table = report.to_table();
                    if let Some(seal) = &session.seal {
                        table.push_str(&format!("\n{}\n", text::seal_line(seal, lang)));
                    }
                    table.into_bytes()
                }
                OutputFormat::Json => {
                    let mut json =
                        serde_json::to_string_pretty(&report).map_err(|e| Failure(e.to_string()))?;
                    json.push('\n');
                    json.into_bytes()
                }
                OutputFormat::Csv => {
                    let tables = store::export::tables(&session, result, lang);
                    store::export::csv_bytes(&tables[0], lang).map_err(Failure)?
                }
            };
            emit(&bytes)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { file } => check(&file, lang),
        Command::Packet {
            session,
            judge,
            round,
            output,
        } => {
            let s = store::load_session(&session).map_err(load_err)?;
            let packet = store::make_packet(&s, &judge, round.as_deref())
                .map_err(|e| Failure(text::packet_error(&e, lang)))?;
            store::save_packet(&output, &packet).map_err(load_err)?;
            println!(
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
            by,
        } => merge(&session, &sheets, output.as_deref(), by, lang),
        Command::Convert { input, output } => convert(&input, &output, lang),
        Command::Seal { session, by } => seal(&session, by, lang),
        Command::Unseal { session, reason, by } => unseal(&session, &reason, by, lang),
        Command::Verify { session, digest } => verify(&session, digest.as_deref(), lang),
        Command::Export {
            session,
            format,
            what,
            round,
            output,
        } => export(&session, format, what, round.as_deref(), &output, lang),
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
            output,
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
            let mut s = generate(options);
            store::save_session(&output, &mut s).map_err(load_err)?;
            println!(
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

fn read(path: &Path, lang: Lang) -> Result<String, Failure> {
    read_text(path).map_err(|e| Failure(text::load_error(&e, lang)))
}

fn check(file: &Path, lang: Lang) -> Result<ExitCode, Failure> {
    let load_err = |e: LoadError| Failure(text::load_error(&e, lang));
    let raw = read(file, lang)?;
    let kind = detect_kind(file, &raw, Format::of(file)).map_err(load_err)?;
    let problems = match kind {
        FileKind::Session => {
            let s = load_session_unchecked(file).map_err(load_err)?;
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
    if problems.is_empty() {
        println!("{}: {}", file.display(), lang.t("không có lỗi", "no problems"));
        return Ok(ExitCode::SUCCESS);
    }
    println!(
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

/// Merges each sheet that can be merged and saves the session once; a sheet that cannot (not a
/// scoresheet, another contest, invalid, …) is refused whole and changes nothing. One summary at the
/// end says which sheets were merged, which had nothing new, which were not merged and why, and
/// whether the session was saved. Exit 1 if any sheet was refused or had a conflict.
fn merge(
    session_path: &Path,
    sheets: &[PathBuf],
    output: Option<&Path>,
    by: Option<String>,
    lang: Lang,
) -> Result<ExitCode, Failure> {
    let load_err = |e: LoadError| Failure(text::load_error(&e, lang));
    let by = who(by, lang)?;
    let mut session = store::load_session(session_path).map_err(load_err)?;
    let mut outcome = text::cli::MergeOutcome::default();
    for path in sheets {
        let source = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let merged = store::files::load_handed_in(path)
            .map_err(|e| text::load_error(&e, lang))
            .and_then(|sheet| {
                store::merge::merge_handed_in(&mut session, &sheet, &by, &source, jiff::Timestamp::now())
                    .map_err(|e| text::merge_error(&e, &source, lang))
            });
        match merged {
            Err(reason) => outcome.refused.push((source, reason)),
            Ok(report) => {
                let names = text::Names::of(&session);
                println!("{}", text::merge_summary(&source, &report, &names, lang));
                for line in text::merge_details(&report, &names, lang) {
                    println!("  {line}");
                }
                if !report.conflicts.is_empty() {
                    outcome.conflicts.push(source.clone());
                }
                if report.changed() {
                    outcome.merged.push(source);
                } else {
                    outcome.nothing_new.push(source);
                }
            }
        }
    }
    let changed = !outcome.merged.is_empty();
    let saved = match output {
        Some(out) => Some(out),
        None if changed => Some(session_path),
        None => None,
    };
    for line in text::cli::merge_outcome(&outcome, lang) {
        println!("{line}");
    }
    if let Some(out) = saved {
        store::save_session(out, &mut session).map_err(load_err)?;
    }
    println!("{}", text::cli::merge_saved(&outcome, session_path, saved, lang));
    Ok(if outcome.refused.is_empty() && outcome.conflicts.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn export(
    session_path: &Path,
    format: ExportFormat,
    what: What,
    round: Option<&str>,
    output: &Path,
    lang: Lang,
) -> Result<ExitCode, Failure> {
    let session = store::load_session(session_path).map_err(|e| Failure(text::load_error(&e, lang)))?;
    let result = &round_result(&session, round, lang)?;
    let tables = match what {
        What::Results => store::export::tables(&session, result, lang),
        What::Awards => vec![store::export::awards(&session, result, lang)],
        What::Scoresheets => {
            store::export::blank_scoresheets(&session, &result.round, lang).map_err(Failure)?
        }
    };
    let written = match format {
        ExportFormat::Xlsx => store::export::write_xlsx(output, &tables).map(|()| vec![output.to_path_buf()]),
        ExportFormat::Csv => store::export::write_csv(output, &tables, lang),
        ExportFormat::Pdf => match what {
            What::Results => store::pdf::results_report(&session, result, lang),
            What::Awards => store::pdf::award_list(&session, result, lang),
            What::Scoresheets => store::pdf::blank_scoresheets(&session, &result.round, lang),
        }
        .and_then(|bytes| store::atomic::write_atomic(output, &bytes).map_err(|e| e.to_string()))
        .map(|()| vec![output.to_path_buf()]),
    }
    .map_err(|e| Failure(format!("{}: {e}", output.display())))?;
    for path in written {
        println!("{} {}", lang.t("Đã ghi", "Wrote"), path.display());
    }
    if result.provisional {
        println!(
            "{}",
            lang.t(
                "Lưu ý: kết quả còn TẠM THỜI (đồng hạng chờ quyết định).",
                "Note: the results are still PROVISIONAL (a tie awaits a decision)."
            )
        );
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
        println!("{}", text::cli::by_remembered(&name, lang));
        return Ok(name);
    };
    let name = store::person::full_name(&typed)
        .map_err(|e| Failure(text::cli::by_refused(&text::name_error(e, &typed, lang), lang)))?;
    if let Some(home) = home
        && let Err(e) = store::person::remember(&home, &name)
    {
        eprintln!("{}", text::cli::by_not_remembered(&e.to_string(), lang));
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
        Field, apply_import, apply_overrides, guess_mapping, plan_import, read_table,
    };
    let by = who(by, lang)?;
    let mut session = store::load_session(session_path).map_err(|e| Failure(text::load_error(&e, lang)))?;
    if session.seal.is_some() {
        return Err(Failure(text::seal_error(
            &store::seal::SealError::AlreadySealed,
            lang,
        )));
    }
    let table = read_table(file).map_err(|e| Failure(text::import_error(&e, lang)))?;
    let mut mapping = guess_mapping(&table.headers);
    apply_overrides(&mut mapping, &table.headers, map).map_err(|e| Failure(text::import_error(&e, lang)))?;
    println!("{}:", lang.t("Cột được dùng", "Columns used"));
    for field in Field::ALL {
        if let Some(&i) = mapping.columns.get(&field) {
            println!(
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
        println!("  ! {}", text::row_problem(p, lang));
    }
    if !plan.problems.is_empty() && !skip_bad_rows {
        println!(
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
    println!("{}", text::import_summary(&plan, lang));
    if !plan.added.is_empty() || !plan.updated.is_empty() {
        store::save_session(session_path, &mut session).map_err(|e| Failure(text::load_error(&e, lang)))?;
        println!("{} {}", lang.t("Đã lưu", "Saved"), session_path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn seal(session_path: &Path, by: Option<String>, lang: Lang) -> Result<ExitCode, Failure> {
    let by = who(by, lang)?;
    let mut session = store::load_session(session_path).map_err(|e| Failure(text::load_error(&e, lang)))?;
    store::seal::seal(&mut session, &by, jiff::Timestamp::now())
        .map_err(|e| Failure(text::seal_error(&e, lang)))?;
    store::save_session(session_path, &mut session).map_err(|e| Failure(text::load_error(&e, lang)))?;
    if let Some(seal) = &session.seal {
        println!("{}", text::seal_line(seal, lang));
    }
    println!(
        "{}",
        lang.t(
            "Phiên đã niêm phong và chỉ đọc. Mã này được in trên mọi bản xuất; hãy giữ bản biên bản đã ký.",
            "The session is sealed and read-only. The digest is printed on every export; keep the signed report."
        )
    );
    Ok(ExitCode::SUCCESS)
}

fn unseal(session_path: &Path, reason: &str, by: Option<String>, lang: Lang) -> Result<ExitCode, Failure> {
    let by = who(by, lang)?;
    let mut session = store::load_session(session_path).map_err(|e| Failure(text::load_error(&e, lang)))?;
    store::seal::unseal(&mut session, &by, &text::nfc(reason), jiff::Timestamp::now())
        .map_err(|e| Failure(text::seal_error(&e, lang)))?;
    store::save_session(session_path, &mut session).map_err(|e| Failure(text::load_error(&e, lang)))?;
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
        println!("[{}] {}", lang.t("SAI", "FAILED"), text::problem(p, lang));
    }
    let verification = store::seal::verify(&session, digest);
    for (_, line) in text::verification(&verification, lang) {
        println!("{line}");
    }
    let ok = problems.is_empty() && verification.ok();
    println!("{}", text::verdict(ok, lang));
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn convert(input: &Path, output: &Path, lang: Lang) -> Result<ExitCode, Failure> {
    let load_err = |e: LoadError| Failure(text::load_error(&e, lang));
    let raw = read(input, lang)?;
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
    println!("{} → {}", input.display(), output.display());
    Ok(ExitCode::SUCCESS)
}
