//! `nines`: run designs with the same engine as the browser.
//!
//! Exit codes: 0 success, 2 a bad design file or bad arguments, 1 anything else.

mod args;
mod report;

use std::process::ExitCode;

use nines_sim::design::reference;
use nines_sim::{Design, World, parse_design};

const USAGE: &str = "\
nines — simulate highly available designs

usage:
  nines run DESIGN [--seconds N] [--seed S] [--fault 'TIME:ACTION ARGS'…] [--json] [--csv FILE] [--log]
  nines validate DESIGN
  nines reference [NAME]     print a shipped design (single-server, three-tier, mmc)

DESIGN is a .nines.json file or reference:NAME.
Faults: kill ID, hang ID, slow ID FACTOR, recover ID, kill-db ID, lose-zone Z,
        impair-zone Z MS FRACTION, restore-zone Z, spike FACTOR SECONDS,
        stop-consumers Q, start-consumers Q, desired GROUP N, chaos [GROUP] SECONDS
        e.g. --fault '120s:kill i-1' --fault '10m:lose-zone a'";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("validate") => validate(args.get(1)),
        Some("reference") => print_reference(args.get(1)),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => usage_error("say what to do: run, validate or reference"),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("nines: {message}\n\n{USAGE}");
    ExitCode::from(2)
}

/// Loads a design file (or `reference:NAME`); a bad one is reported with every problem.
fn load(spec: &str) -> Result<Design, String> {
    if let Some(name) = spec.strip_prefix("reference:") {
        return reference::by_name(name).ok_or_else(|| {
            format!("no reference design `{name}`; there are: {}", reference::NAMES.join(", "))
        });
    }
    let text = std::fs::read_to_string(spec).map_err(|e| format!("cannot read {spec}: {e}"))?;
    parse_design(&text).map_err(|e| {
        let problems: Vec<String> = e.problems().iter().map(|p| format!("  {p}")).collect();
        format!("{spec} is not a usable design:\n{}", problems.join("\n"))
    })
}

fn run(args: &[String]) -> ExitCode {
    let run = match args::parse_run(args) {
        Ok(run) => run,
        Err(message) => return usage_error(&message),
    };
    let design = match load(&run.design) {
        Ok(design) => design,
        Err(message) => {
            eprintln!("nines: {message}");
            return ExitCode::from(2);
        }
    };
    let seed = run.seed.unwrap_or(design.seed);
    let mut world = match World::with_seed(&design, seed) {
        Ok(world) => world,
        Err(e) => {
            eprintln!("nines: {e}");
            return ExitCode::from(2);
        }
    };
    world.schedule_all(&run.faults);
    world.run_until(run.duration);
    let summary = world.summary();
    if let Some(path) = &run.csv
        && let Err(e) = std::fs::write(path, report::csv(world.series()))
    {
        eprintln!("nines: cannot write {}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    if run.log {
        for entry in world.log().entries() {
            println!("{entry}");
        }
    }
    if run.json {
        match serde_json::to_string_pretty(&summary) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("nines: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{}", report::text(&design.name, &summary));
    }
    ExitCode::SUCCESS
}

fn validate(spec: Option<&String>) -> ExitCode {
    let Some(spec) = spec else { return usage_error("which design file?") };
    match load(spec) {
        Ok(design) => {
            println!("{spec}: a valid design with {} components", design.components.len());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("nines: {message}");
            ExitCode::from(2)
        }
    }
}

fn print_reference(name: Option<&String>) -> ExitCode {
    let Some(name) = name else {
        println!("{}", reference::NAMES.join("\n"));
        return ExitCode::SUCCESS;
    };
    match reference::by_name(name).map(|d| serde_json::to_string_pretty(&d)) {
        Some(Ok(json)) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        _ => usage_error(&format!("no reference design `{name}`")),
    }
}
