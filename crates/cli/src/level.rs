//! `nines level [NAME]` and `nines check LEVEL DESIGN|DIR`: the shipped levels, and a
//! design (or a folder of students' designs) checked against a level's goal.
//!
//! Exit codes of `check`: 0 every criterion passed (every design, for a folder), 1 one
//! failed, 2 a file could not be read or is not a valid level or design.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use nines_sim::Design;
use nines_sim::level::{self, Level, Verdict, check, parse_level};

use super::grade::{one_line, quote};

/// `nines level`: every shipped level (name, principle, title); `nines level NAME`: its file.
pub fn print_level(name: Option<&String>) -> ExitCode {
    let Some(name) = name else {
        for (name, level) in level::shipped() {
            println!("{name:<20} {:<20} {}", level.principle.key(), level.title);
        }
        return ExitCode::SUCCESS;
    };
    match level::text_of(name) {
        Some(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        None => super::usage_error(&format!("no level `{name}`; there are: {}", level::NAMES.join(", "))),
    }
}

/// What `nines check` was asked to do.
#[derive(Debug, PartialEq)]
pub struct CheckArgs {
    /// A level file or `level:NAME`.
    pub level: String,
    /// A design file, `reference:NAME`, or a directory searched for `*.nines.json`.
    pub target: String,
    /// Print JSON (a verdict, or an array of rows for a directory).
    pub json: bool,
    /// Write one CSV row per design here.
    pub csv: Option<PathBuf>,
}

/// Parses the arguments after `check`.
pub fn parse(args: &[String]) -> Result<CheckArgs, String> {
    let mut out = CheckArgs { level: String::new(), target: String::new(), json: false, csv: None };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--json" => out.json = true,
            "--csv" => out.csv = Some(PathBuf::from(iter.next().ok_or("--csv needs a file")?)),
            flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
            level if out.level.is_empty() => out.level = level.to_owned(),
            target if out.target.is_empty() => out.target = target.to_owned(),
            extra => {
                return Err(format!("unexpected argument `{extra}`: one level and one design or directory"));
            }
        }
    }
    if out.target.is_empty() {
        return Err(
            "check what? Give a level (a file or level:NAME) and a design file or directory".to_owned()
        );
    }
    Ok(out)
}

/// Loads a level file, or `level:NAME` for a shipped one, with every problem named.
pub fn load_level(spec: &str) -> Result<Level, String> {
    if let Some(name) = spec.strip_prefix("level:") {
        return level::by_name(name)
            .ok_or_else(|| format!("no level `{name}`; there are: {}", level::NAMES.join(", ")));
    }
    let text = std::fs::read_to_string(spec).map_err(|e| format!("cannot read {spec}: {e}"))?;
    parse_level(&text).map_err(|e| {
        let problems: Vec<String> = e.problems().iter().map(|p| format!("  {p}")).collect();
        format!("{spec} is not a usable level:\n{}", problems.join("\n"))
    })
}

/// One checked file: its path (relative to the directory) and its verdict or error.
type Row = crate::parallel::Row<Verdict>;

/// Runs `nines check`.
pub fn run(args: &[String], load: fn(&str) -> Result<Design, String>) -> ExitCode {
    let args = match parse(args) {
        Ok(args) => args,
        Err(message) => return super::usage_error(&message),
    };
    let level = match load_level(&args.level) {
        Ok(level) => level,
        Err(message) => {
            eprintln!("nines: {message}");
            return ExitCode::from(2);
        }
    };
    let path = Path::new(&args.target);
    let single = !path.is_dir();
    let rows = if single {
        let outcome = load(&args.target).and_then(|d| check(&level, &d).map_err(|e| e.to_string()));
        vec![Row { file: args.target.clone(), outcome }]
    } else {
        match super::grade::design_files(path) {
            Ok(files) => check_all(&level, path, &files, load),
            Err(e) => {
                eprintln!("nines: cannot read {}: {e}", path.display());
                return ExitCode::from(2);
            }
        }
    };
    if let Some(csv_path) = &args.csv
        && let Err(e) = std::fs::write(csv_path, csv(&level, &rows))
    {
        eprintln!("nines: cannot write {}: {e}", csv_path.display());
        return ExitCode::FAILURE;
    }
    let printed = if args.json {
        crate::parallel::json(&rows, single, "verdict")
    } else {
        Ok(text(&level, &rows, single))
    };
    match printed {
        Ok(out) => print!("{out}"),
        Err(e) => {
            eprintln!("nines: {e}");
            return ExitCode::FAILURE;
        }
    }
    exit_code(&rows, single)
}

fn exit_code(rows: &[Row], single: bool) -> ExitCode {
    let broken = rows.iter().filter(|r| r.outcome.is_err()).count();
    if broken > 0 {
        match rows.first().map(|r| &r.outcome) {
            Some(Err(e)) if single => eprintln!("nines: {e}"),
            _ => eprintln!("nines: {broken} of {} files could not be checked", rows.len()),
        }
        return ExitCode::from(2);
    }
    if rows.iter().all(|r| r.outcome.as_ref().is_ok_and(|v| v.passed)) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Checks the files on every core; rows in the files' (sorted) order whatever finishes first.
fn check_all(
    level: &Level,
    dir: &Path,
    files: &[PathBuf],
    load: fn(&str) -> Result<Design, String>,
) -> Vec<Row> {
    super::parallel::map_files(dir, files, |path| {
        load(path).and_then(|d| check(level, &d).map_err(|e| e.to_string()))
    })
    .into_iter()
    .map(|(file, outcome)| Row { file, outcome })
    .collect()
}

fn text(level: &Level, rows: &[Row], single: bool) -> String {
    if single {
        return match rows.first().map(|r| &r.outcome) {
            Some(Ok(verdict)) => verdict_text(level, verdict),
            _ => String::new(),
        };
    }
    let mut out = format!("{:<32} {:<6} {:>9}", "file", "result", "$/hour");
    for (i, _) in level.criteria.iter().enumerate() {
        out += &format!(" {:>12}", format!("#{}", i + 1));
    }
    out.push('\n');
    for row in rows {
        match &row.outcome {
            Ok(v) => {
                out += &format!("{:<32} {:<6} {:>9.3}", row.file, pass_word(v.passed), v.cost_per_hour_usd);
                for r in &v.results {
                    out += &format!(
                        " {:>12}",
                        format!("{}{}", measured(r.measured), if r.passed { "" } else { "✗" })
                    );
                }
                if !v.problems.is_empty() {
                    out += &format!("  {}", v.problems.join("; "));
                }
                out.push('\n');
            }
            Err(e) => out += &format!("{:<32} error: {}\n", row.file, one_line(e)),
        }
    }
    out += "criteria:\n";
    for (i, c) in level.criteria.iter().enumerate() {
        out += &format!("  #{} {} [{}]\n", i + 1, c.sentence(), c.unit());
    }
    out
}

fn pass_word(passed: bool) -> &'static str {
    if passed { "pass" } else { "FAIL" }
}

/// A measured value with as many decimals as it needs, at most three.
fn measured(value: f64) -> String {
    let text = format!("{value:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// One design's verdict for people: each criterion with its measured value, the rules
/// broken, the cost against the budget and the evidence of the first failure.
fn verdict_text(level: &Level, verdict: &Verdict) -> String {
    let mut out = format!("{}: {}\n", level.title, if verdict.passed { "passed" } else { "FAILED" });
    for r in &verdict.results {
        out += &format!(
            "  {}  {} — measured {} {}\n",
            pass_word(r.passed),
            r.sentence,
            measured(r.measured),
            r.criterion.unit()
        );
    }
    for problem in &verdict.problems {
        out += &format!("  FAIL  {problem}\n");
    }
    out += &format!(
        "  cost ${:.3} per hour as drawn (budget ${:.3}{})\n",
        verdict.cost_per_hour_usd,
        verdict.budget_per_hour_usd,
        level.par_per_hour_usd.map_or(String::new(), |par| format!(
            ", par ${par:.3}{}",
            if verdict.meets_par { " ★" } else { "" }
        ))
    );
    if let Some(e) = &verdict.explanation {
        let component = e.component.as_deref().map_or(String::new(), |c| format!(" [{c}]"));
        out += &format!("  evidence: {}{component} (seed {})\n", e.what, e.seed);
    }
    out
}

/// One CSV row per file: passed, cost, each criterion's measured value, problems, error.
fn csv(level: &Level, rows: &[Row]) -> String {
    let keys: Vec<String> =
        level.criteria.iter().enumerate().map(|(i, c)| format!("{}_{}", i + 1, c.key())).collect();
    let mut out = format!("file,passed,cost_per_hour_usd,{},problems,error\n", keys.join(","));
    for row in rows {
        match &row.outcome {
            Ok(v) => {
                let values: Vec<String> = if v.results.is_empty() {
                    vec![String::new(); keys.len()]
                } else {
                    v.results.iter().map(|r| r.measured.to_string()).collect()
                };
                out += &format!(
                    "{},{},{},{},{},\n",
                    quote(&row.file),
                    v.passed,
                    v.cost_per_hour_usd,
                    values.join(","),
                    quote(&v.problems.join("; "))
                );
            }
            Err(e) => {
                out += &format!(
                    "{},,,{},,{}\n",
                    quote(&row.file),
                    ",".repeat(keys.len().saturating_sub(1)),
                    quote(&one_line(e))
                )
            }
        }
    }
    out
}
