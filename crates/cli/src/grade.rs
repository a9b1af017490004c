//! `nines grade DESIGN|DIR`: the report card of one design, or one row per design for a
//! folder of them (a workshop's submissions), graded in parallel on every core.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use nines_sim::grade::parallel::grade_parallel;
use nines_sim::grade::{GradeOptions, PrincipleId, Report, grade, text};

/// What `nines grade` was asked to do.
#[derive(Debug, PartialEq)]
pub struct GradeArgs {
    /// A design file, `reference:NAME`, or a directory searched for `*.nines.json`.
    pub target: String,
    /// Print JSON (a report, or an array of rows for a directory).
    pub json: bool,
    /// Write one CSV row per design here.
    pub csv: Option<PathBuf>,
    /// Seed and seed count.
    pub options: GradeOptions,
}

/// Parses the arguments after `grade`.
pub fn parse(args: &[String]) -> Result<GradeArgs, String> {
    let mut out =
        GradeArgs { target: String::new(), json: false, csv: None, options: GradeOptions::default() };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |flag: &str| iter.next().cloned().ok_or_else(|| format!("{flag} needs a value"));
        match arg.as_str() {
            "--json" => out.json = true,
            "--csv" => out.csv = Some(PathBuf::from(value(arg)?)),
            "--seed" => {
                let text = value(arg)?;
                out.options.seed =
                    Some(text.parse().map_err(|_| format!("--seed `{text}` is not a whole number"))?);
            }
            "--seeds" => {
                let text = value(arg)?;
                let n = text.parse::<u32>().ok().filter(|n| (1..=nines_sim::grade::MAX_SEEDS).contains(n));
                out.options.seeds = n.ok_or_else(|| {
                    format!("--seeds `{text}` is not a count from 1 to {}", nines_sim::grade::MAX_SEEDS)
                })?;
            }
            flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
            target if out.target.is_empty() => out.target = target.to_owned(),
            extra => return Err(format!("unexpected argument `{extra}`: one design or one directory")),
        }
    }
    if out.target.is_empty() {
        return Err(
            "grade what? Give a design file, reference:three-tier, or a directory of *.nines.json".to_owned()
        );
    }
    Ok(out)
}

/// One graded file: its path as given (relative to the directory) and its report or error.
pub type Row = crate::parallel::Row<Report>;

/// Runs `nines grade`; exit 2 when a design (or any design of a directory) is unusable.
pub fn run(args: &[String], load: fn(&str) -> Result<nines_sim::Design, String>) -> ExitCode {
    let args = match parse(args) {
        Ok(args) => args,
        Err(message) => return super::usage_error(&message),
    };
    let path = Path::new(&args.target);
    let rows = if path.is_dir() {
        match design_files(path) {
            Ok(files) => grade_all(path, &files, &args.options, load),
            Err(e) => {
                eprintln!("nines: cannot read {}: {e}", path.display());
                return ExitCode::from(2);
            }
        }
    } else {
        // One design: its experiments share the cores instead.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let outcome = load(&args.target)
            .and_then(|d| grade_parallel(&d, &args.options, threads).map_err(|e| e.to_string()));
        vec![Row { file: args.target.clone(), outcome }]
    };
    if let Some(csv_path) = &args.csv
        && let Err(e) = std::fs::write(csv_path, csv(&rows))
    {
        eprintln!("nines: cannot write {}: {e}", csv_path.display());
        return ExitCode::FAILURE;
    }
    let single = !path.is_dir();
    let printed = if args.json {
        crate::parallel::json(&rows, single, "report")
    } else {
        Ok(text_output(&rows, single))
    };
    match printed {
        Ok(out) => print!("{out}"),
        Err(e) => {
            eprintln!("nines: {e}");
            return ExitCode::FAILURE;
        }
    }
    let broken = rows.iter().filter(|r| r.outcome.is_err()).count();
    if broken > 0 {
        if single {
            if let Some(Err(e)) = rows.first().map(|r| &r.outcome) {
                eprintln!("nines: {e}");
            }
        } else {
            eprintln!("nines: {broken} of {} files could not be graded", rows.len());
        }
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

/// Every `*.nines.json` below `dir`, sorted by path.
pub fn design_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(".nines.json")) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Grades the files on every core; rows in the files' order whatever finishes first.
fn grade_all(
    dir: &Path,
    files: &[PathBuf],
    options: &GradeOptions,
    load: fn(&str) -> Result<nines_sim::Design, String>,
) -> Vec<Row> {
    super::parallel::map_files(dir, files, |path| {
        load(path).and_then(|d| grade(&d, options).map_err(|e| e.to_string()))
    })
    .into_iter()
    .map(|(file, outcome)| Row { file, outcome })
    .collect()
}

fn text_output(rows: &[Row], single: bool) -> String {
    if single {
        return match rows.first().map(|r| &r.outcome) {
            Some(Ok(report)) => text::render(report),
            _ => String::new(),
        };
    }
    let mut out = format!(
        "{:<32} {:>5} {:>3}  {:<3}{:<3}{:<3}{:<3}{:<3} {:>10} {:>7} {:>10}\n",
        "file", "score", "", "DF", "AZ", "SC", "LC", "AT", "avail %", "nines", "$/month"
    );
    for row in rows {
        match &row.outcome {
            Ok(r) => {
                let letters: String =
                    PrincipleId::ALL.iter().map(|id| format!("{:<3}", letter(r, *id))).collect();
                out += &format!(
                    "{:<32} {:>5} {:>3}  {letters} {:>10.4} {:>7.2} {:>10.2}\n",
                    row.file,
                    r.overall.score,
                    r.overall.grade.as_str(),
                    r.availability * 100.0,
                    r.nines,
                    r.cost_per_month
                );
            }
            Err(e) => out += &format!("{:<32} error: {}\n", row.file, one_line(e)),
        }
    }
    out
}

fn letter(report: &Report, id: PrincipleId) -> &'static str {
    report.principle(id).map_or("?", |p| p.grade.as_str())
}

/// One CSV row per file: scores, letters, availability, cost, or the error.
pub fn csv(rows: &[Row]) -> String {
    let ids: Vec<&str> = PrincipleId::ALL.iter().map(|id| id.key()).collect();
    let mut out = format!("file,score,grade,{},availability,nines,cost_per_month,error\n", ids.join(","));
    for row in rows {
        match &row.outcome {
            Ok(r) => {
                let scores: Vec<String> = r.principles.iter().map(|p| p.score.to_string()).collect();
                out += &format!(
                    "{},{},{},{},{},{},{},\n",
                    quote(&row.file),
                    r.overall.score,
                    r.overall.grade.as_str(),
                    scores.join(","),
                    r.availability,
                    r.nines,
                    r.cost_per_month
                );
            }
            Err(e) => {
                out += &format!(
                    "{},,,{},,,,{}\n",
                    quote(&row.file),
                    ",".repeat(ids.len() - 1),
                    quote(&one_line(e))
                )
            }
        }
    }
    out
}

/// A multi-line error on one line, so each file stays one row for line-based tools.
pub(crate) fn one_line(error: &str) -> String {
    error.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("; ")
}

/// A CSV field, quoted when it holds a comma, quote or line break.
pub(crate) fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}
