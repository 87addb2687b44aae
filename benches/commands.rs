//! Whole commands, as a person runs them, on generated contests of 1,000, 10,000 and 100,000
//! submissions (200 judges, 5 judges per submission, 8 criteria): `results`, every export, `check`,
//! `merge` of one judge's sheet, `verify`, a load and save (`convert`), and the same session read
//! as JSON. For each: the median wall time of a few runs, its growth from size to size (per 10×
//! more submissions linear work with a sort grows about 10–12×) as the median ratio of runs made
//! side by side, and the peak memory of the process (from the system's own accounting of the
//! finished child, `wait4`).
//!
//! Run by hand on a release build: `cargo bench --bench commands` (all three sizes, some minutes),
//! or `cargo bench --bench commands -- 1000 10000` for some of them (any sizes: issue 14's table
//! has 50000 too). Set `GIAMKHAO_BENCH_DIR` to keep the generated files between runs.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use giamkhao::generate::{GenerateOptions, generate};
use giamkhao::model::ScoresheetFile;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// Runs per command and size (the median is reported; the growth pairs them).
fn runs(_size: usize) -> usize {
    5
}

/// Where [`files`] writes the session of `size` submissions, the same as JSON, and the sheet.
fn file_names(dir: &Path, size: usize) -> [PathBuf; 3] {
    [
        dir.join(format!("phien-{size}.gkphien")),
        dir.join(format!("phien-{size}.json")),
        dir.join(format!("phieu-{size}.gkphieu")),
    ]
}

/// The session of `size` submissions and one judge's sheet with a corrected score, written once.
fn files(dir: &Path, size: usize) -> (PathBuf, PathBuf, PathBuf) {
    let [session, json, sheet] = file_names(dir, size);
    if !(session.exists() && json.exists() && sheet.exists()) {
        let mut s = generate(GenerateOptions {
            submissions: size,
            judges: 200,
            per_submission: 5,
            criteria: 8,
            seed: 2023,
        });
        let mut corrected = s.scoresheets[0].clone();
        let entry = &mut corrected.entries[0];
        entry.revision += 1;
        if let Some(score) = entry.scores.values_mut().next() {
            *score = giamkhao::model::Points::ZERO;
        }
        giamkhao::store::save_session(&session, &mut s).expect("save session");
        // The same session as JSON (the format follows the name's ending).
        giamkhao::store::save_session(&json, &mut s).expect("save json");
        giamkhao::store::save_scoresheet(&sheet, &ScoresheetFile::new(corrected)).expect("save sheet");
    }
    (session, json, sheet)
}

/// One run of giamkhao with `args` (its data folder `home`): wall time, peak resident memory in
/// bytes, exit code.
// The child is waited for with wait4 (for its own peak memory), not Child::wait.
#[allow(clippy::zombie_processes)]
fn run_once(args: &[&str], home: &Path) -> (Duration, u64, i32) {
    let start = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_giamkhao"))
        .args(args)
        // Its own data folder: the name given with --by is remembered there, not in yours.
        .env("GIAMKHAO_HOME", home)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start giamkhao");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `usage` is written by the system; the child is ours and not waited for elsewhere.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    assert_eq!(waited, pid, "wait4");
    assert!(libc::WIFEXITED(status), "giamkhao {args:?} did not end by itself");
    // ru_maxrss is in kilobytes on Linux.
    (wall, usage.ru_maxrss as u64 * 1024, libc::WEXITSTATUS(status))
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn median_of(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn main() {
    // Any sizes given (50000 too, as issue 14's table has it), smallest first.
    let mut sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .filter(|n| *n >= 10)
        .collect();
    sizes.sort_unstable();
    sizes.dedup();
    let sizes = if sizes.is_empty() { SIZES.to_vec() } else { sizes };
    let kept = std::env::var_os("GIAMKHAO_BENCH_DIR").map(PathBuf::from);
    let temp = tempfile::tempdir().expect("tempdir");
    let dir = kept.unwrap_or_else(|| temp.path().to_path_buf());
    std::fs::create_dir_all(&dir).expect("bench folder");
    let out = |name: &str| dir.join(name).to_string_lossy().into_owned();

    type Args = fn(&str, &str, &str, &dyn Fn(&str) -> String) -> Vec<String>;
    let commands: [(&str, Args); 13] = [
        ("results --format json", |s, _, _, _| {
            v(&["results", s, "--format", "json"])
        }),
        ("export xlsx (results)", |s, _, _, o| {
            v(&["export", s, "--format", "xlsx", "--force", "-o", &o("r.xlsx")])
        }),
        ("export csv (results)", |s, _, _, o| {
            v(&["export", s, "--format", "csv", "--force", "-o", &o("r.csv")])
        }),
        ("export pdf (results)", |s, _, _, o| {
            v(&["export", s, "--format", "pdf", "--force", "-o", &o("r.pdf")])
        }),
        ("export xlsx awards", |s, _, _, o| {
            v(&[
                "export",
                s,
                "--what",
                "awards",
                "--format",
                "xlsx",
                "--force",
                "-o",
                &o("a.xlsx"),
            ])
        }),
        ("export pdf awards", |s, _, _, o| {
            v(&[
                "export",
                s,
                "--what",
                "awards",
                "--format",
                "pdf",
                "--force",
                "-o",
                &o("a.pdf"),
            ])
        }),
        ("export xlsx scoresheets", |s, _, _, o| {
            v(&[
                "export",
                s,
                "--what",
                "scoresheets",
                "--format",
                "xlsx",
                "--force",
                "-o",
                &o("p.xlsx"),
            ])
        }),
        ("check (RON)", |s, _, _, _| v(&["check", s])),
        ("check (the same as JSON)", |_, j, _, _| v(&["check", j])),
        ("load + save (convert RON → RON)", |s, _, _, o| {
            v(&["convert", s, &o("copy.gkphien"), "--force"])
        }),
        ("merge one sheet", |s, _, p, o| {
            v(&[
                "merge",
                s,
                p,
                "-o",
                &o("merged.gkphien"),
                "--force",
                "--by",
                "Nguyễn Thị Thư Ký",
            ])
        }),
        ("verify (unsealed)", |s, _, _, _| v(&["verify", s])),
        ("analyze --format json", |s, _, _, _| {
            v(&["analyze", s, "--format", "json"])
        }),
    ];

    // Each command at every size in turn, run after run (1k, 10k, 100k, 1k, 10k, …): the growth is
    // the median of the ratios of runs made side by side, so a machine whose speed drifts during
    // the bench (a shared one) moves the times but not the growth.
    let missing = sizes.iter().any(|&size| {
        let [s, j, p] = file_names(&dir, size);
        !(s.exists() && j.exists() && p.exists())
    });
    if missing {
        for &size in &sizes {
            files(&dir, size);
        }
        // A child's peak memory counts the pages of the process that started it: this one now
        // holds what making the files took (300 MB for 50,000), so a fresh one measures.
        let status = Command::new(std::env::current_exe().expect("the bench itself"))
            .args(std::env::args().skip(1))
            .env("GIAMKHAO_BENCH_DIR", &dir)
            .status()
            .expect("the bench again");
        assert!(status.success(), "the bench failed");
        return;
    }
    let paths: Vec<[String; 3]> = sizes
        .iter()
        .map(|&size| file_names(&dir, size).map(|p| p.to_string_lossy().into_owned()))
        .collect();
    // The growth is given per 10× (1,000 → 10,000 → 100,000); among other sizes, size to size.
    let tenfold: Vec<(usize, usize)> = (0..sizes.len())
        .flat_map(|a| (a + 1..sizes.len()).map(move |b| (a, b)))
        .filter(|&(a, b)| sizes[b] == 10 * sizes[a])
        .collect();
    let steps = if tenfold.is_empty() {
        (1..sizes.len()).map(|b| (b - 1, b)).collect()
    } else {
        tenfold
    };
    // Per command: per size, (median wall, peak), and per step between sizes the median ratio.
    type Row<'n> = (&'n str, Vec<(Duration, u64)>, Vec<f64>);
    let mut table: Vec<Row> = Vec::new();
    for (name, args) in &commands {
        // Each size writes its own files: overwriting another size's output would time the
        // backups of a larger file.
        let args: Vec<Vec<String>> = paths
            .iter()
            .zip(&sizes)
            .map(|([s, j, p], size)| args(s, j, p, &|name: &str| out(&format!("{size}-{name}"))))
            .collect();
        let args: Vec<Vec<&str>> = args
            .iter()
            .map(|a| a.iter().map(String::as_str).collect())
            .collect();
        // `verify` of an unsealed session says so and ends with 1, having run every other check.
        let expected = if name.starts_with("verify") { 1 } else { 0 };
        for a in &args {
            run_once(a, &dir); // warm-up: the file in the page cache
        }
        let mut walls: Vec<Vec<Duration>> = vec![Vec::new(); sizes.len()];
        let mut peaks = vec![0u64; sizes.len()];
        for run in 0..sizes.iter().map(|&n| runs(n)).max().unwrap_or(0) {
            for (i, &size) in sizes.iter().enumerate() {
                if run < runs(size) {
                    let (wall, rss, code) = run_once(&args[i], &dir);
                    assert_eq!(code, expected, "giamkhao {:?}", args[i]);
                    walls[i].push(wall);
                    peaks[i] = peaks[i].max(rss);
                }
            }
        }
        let growth: Vec<f64> = steps
            .iter()
            .map(|&(a, b)| {
                let paired = walls[a].len().min(walls[b].len());
                median_of(
                    (0..paired)
                        .map(|r| walls[b][r].as_secs_f64() / walls[a][r].as_secs_f64())
                        .collect(),
                )
            })
            .collect();
        let figures: Vec<(Duration, u64)> = walls.into_iter().map(median).zip(peaks).collect();
        for (&size, (m, peak)) in sizes.iter().zip(&figures) {
            eprintln!(
                "{size:>7} {name:<34} {:>9.3} s {:>7.0} MB",
                m.as_secs_f64(),
                *peak as f64 / 1e6
            );
        }
        table.push((name, figures, growth));
    }

    // The same job as a pandas script, side by side, and whether the two agree on every row.
    let mut pandas: Vec<(usize, Duration, Duration, f64)> = Vec::new();
    for &size in &sizes {
        let (session, _, _) = files(&dir, size);
        let s = session.to_string_lossy().into_owned();
        let folder = dir.join(format!("pandas-{size}"));
        pandas_inputs(&session, &folder);
        let csv = dir.join(format!("pandas-{size}.csv"));
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/pandas_results.py");
        let python = || {
            let start = Instant::now();
            let status = Command::new("python3")
                .arg(&script)
                .arg(&folder)
                .arg(&csv)
                .status()
                .expect("python3");
            assert!(status.success(), "the pandas script failed (pip install pandas)");
            start.elapsed()
        };
        python();
        // Side by side, run after run: the ratio is the median of each pair's.
        let args = ["results", s.as_str(), "--format", "json"];
        let pairs: Vec<(Duration, Duration)> = (0..runs(size))
            .map(|_| (python(), run_once(&args, &dir).0))
            .collect();
        let ratio = median_of(
            pairs
                .iter()
                .map(|(t, o)| t.as_secs_f64() / o.as_secs_f64())
                .collect(),
        );
        let theirs = median(pairs.iter().map(|p| p.0).collect());
        let ours = median(pairs.iter().map(|p| p.1).collect());
        let rows = agree(&s, &csv);
        eprintln!(
            "{size:>7} pandas {:.3} s, giamkhao {:.3} s: ×{:.1}; the same on all {rows} rows",
            theirs.as_secs_f64(),
            ours.as_secs_f64(),
            ratio
        );
        pandas.push((size, theirs, ours, ratio));
    }

    // The table, as the notes quote it.
    let header: Vec<String> = sizes.iter().map(|n| format!("{n}")).collect();
    println!(
        "\n| command | {} | growth ({}; paired runs) | peak memory at {} |",
        header.join(" | "),
        steps
            .iter()
            .map(|&(a, b)| format!("{} → {}", sizes[a], sizes[b]))
            .collect::<Vec<_>>()
            .join(", "),
        sizes.last().copied().unwrap_or(0)
    );
    println!("|---|{}---|---|", "---|".repeat(sizes.len()));
    for (name, figures, growth) in &table {
        let times: Vec<String> = figures
            .iter()
            .map(|(t, _)| format!("{:.3} s", t.as_secs_f64()))
            .collect();
        let growth: Vec<String> = growth.iter().map(|g| format!("×{g:.1}")).collect();
        let peak = figures.last().map_or(0.0, |(_, p)| *p as f64 / 1e6);
        println!(
            "| `{name}` | {} | {} | {peak:.0} MB |",
            times.join(" | "),
            growth.join(", ")
        );
    }
    println!("\n| submissions | pandas script | giamkhao results | giamkhao faster by |\n|---|---|---|---|");
    for (size, theirs, ours, ratio) in pandas {
        println!(
            "| {size} | {:.3} s | {:.3} s | ×{ratio:.1} |",
            theirs.as_secs_f64(),
            ours.as_secs_f64(),
        );
    }
}

/// The pandas script's input, from the session: criteria, judges, submissions, scores (one row per
/// sheet entry, a column per criterion), tiers and rules, as CSV.
fn pandas_inputs(session: &Path, folder: &Path) {
    use std::fmt::Write;
    let s = giamkhao::store::load_session(session).expect("load");
    std::fs::create_dir_all(folder).expect("folder");
    let round = s.contest.rounds.last().expect("a round");
    let quote = |t: &str| format!("\"{}\"", t.replace('"', "\"\""));
    let mut out = String::from("id,weight,max\n");
    for c in &round.criteria {
        writeln!(out, "{},{},{}", quote(&c.id), c.weight, c.max).expect("write");
    }
    std::fs::write(folder.join("criteria.csv"), &out).expect("criteria");
    let mut out = String::from("id,organization\n");
    for j in &s.contest.judges {
        writeln!(out, "{},{}", quote(&j.id), quote(&j.organization)).expect("write");
    }
    std::fs::write(folder.join("judges.csv"), &out).expect("judges");
    let mut out = String::from("id,organization\n");
    for x in &s.submissions {
        writeln!(out, "{},{}", quote(&x.id), quote(&x.organization)).expect("write");
    }
    std::fs::write(folder.join("submissions.csv"), &out).expect("submissions");
    let mut out = String::from("submission,judge");
    for c in &round.criteria {
        write!(out, ",{}", quote(&c.id)).expect("write");
    }
    out.push('\n');
    for sheet in s.scoresheets.iter().filter(|x| x.round == round.id) {
        for e in &sheet.entries {
            write!(out, "{},{}", quote(&e.submission), quote(&sheet.judge)).expect("write");
            for c in &round.criteria {
                match e.scores.get(c.id.as_str()) {
                    Some(p) => write!(out, ",{p}").expect("write"),
                    None => out.push(','),
                }
            }
            out.push('\n');
        }
    }
    std::fs::write(folder.join("scores.csv"), &out).expect("scores");
    let mut out = String::from("id,count\n");
    for t in &s.contest.awards.tiers {
        writeln!(out, "{},{}", quote(&t.id), t.count).expect("write");
    }
    std::fs::write(folder.join("tiers.csv"), &out).expect("tiers");
    std::fs::write(
        folder.join("rules.csv"),
        format!(
            "min_judges,decimals\n{},{}\n",
            s.contest.rules.min_judges, s.contest.decimals
        ),
    )
    .expect("rules");
}

/// Whether giamkhao's results and the pandas script's CSV give every submission the same rank,
/// score and award; the number of rows compared.
fn agree(session: &str, csv: &Path) -> usize {
    let json = Command::new(env!("CARGO_BIN_EXE_giamkhao"))
        .args(["results", session, "--format", "json"])
        .output()
        .expect("giamkhao results");
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("results JSON");
    let mut ours = std::collections::HashMap::new();
    let rows = report["scopes"]
        .as_array()
        .expect("scopes")
        .iter()
        .flat_map(|scope| scope["rows"].as_array().expect("rows").iter());
    for row in rows {
        let id = row["submission"].as_str().expect("id").to_string();
        let rank = row["rank"].as_u64().map(|r| r.to_string()).unwrap_or_default();
        let score = row["score"]
            .as_f64()
            .map(|x| format!("{x:.2}"))
            .unwrap_or_default();
        let award = row["award"].as_str().unwrap_or("").to_string();
        ours.insert(id, (rank, score, award));
    }
    let mut reader = csv::Reader::from_path(csv).expect("pandas CSV");
    let mut count = 0;
    for record in reader.records() {
        let r = record.expect("row");
        let theirs = (r[1].to_string(), r[2].to_string(), r[3].to_string());
        assert_eq!(ours.get(&r[0]), Some(&theirs), "submission {}", &r[0]);
        count += 1;
    }
    assert_eq!(count, ours.len(), "every submission in both");
    count
}

fn v(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.to_string()).collect()
}
