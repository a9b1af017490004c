//! `nines`: run designs with the same engine as the browser.
//!
//! Exit codes: 0 success, 2 a bad design file or bad arguments, 1 anything else.

mod args;
mod export_cfn;
mod grade;
mod level;
mod parallel;
mod params;
mod progress;
mod report;

use std::process::ExitCode;

use nines_sim::design::reference;
use nines_sim::game_day::{GameDay, Hypothesis, Verdict, run_game_day_reporting, run_reporting};
use nines_sim::time::MINUTE;
use nines_sim::{Design, DesignError, World, parse_design};
use progress::Progress;

const USAGE: &str = "\
nines — simulate highly available designs

usage:
  nines run DESIGN [--seconds N (at most a simulated year)] [--seed S] [--fault 'TIME:ACTION ARGS'…] [--json] [--csv FILE] [--log]
            [--steady-state PERCENT]   a game day: every minute ≥ PERCENT available, nothing lost,
                                       checked before, during and after the faults (exit 1 if not)
  nines grade DESIGN|DIR [--json] [--seed S] [--seeds N] [--csv FILE]
                             the report card against the five principles; a DIR grades every
                             *.nines.json below it in parallel, one row each (exit 2 if any is unusable)
  nines validate DESIGN
  nines export-cfn DESIGN [--format yaml|json] [--game-day] [--region NAME] [--out-dir DIR]
                             the design as an AWS CloudFormation template on stdout; --game-day
                             adds a Fault Injection Service experiment that loses a zone and a
                             Resilience Hub policy with the report card's recovery targets.
                             A two-region design is one stack per region: --region NAME prints
                             that region's, --out-dir DIR writes each as NAME-REGION.template.yaml
  nines level [NAME]         print a shipped level's file; without NAME, list them (name, principle, title)
  nines check LEVEL DESIGN|DIR [--json] [--csv FILE]
                             run the level's incident on the design and judge each criterion of its
                             goal (exit 0 all pass, 1 one fails, 2 a bad file); a DIR checks every
                             *.nines.json below it in parallel, one row each sorted by path.
                             LEVEL is a .nines-level.json file or level:NAME
  nines reference [NAME]     print a shipped design; without NAME, list them
  nines params [KIND]        every parameter's range, unit, default and why, as Markdown

DESIGN is a .nines.json file or reference:NAME.
Faults: kill ID, hang ID, slow ID FACTOR, recover ID, kill-db ID, promote DB N,
        lose-zone Z, impair-zone Z MS FRACTION, restore-zone Z, spike FACTOR SECONDS,
        stop-consumers Q, start-consumers Q, desired GROUP N,
        chaos [GROUP] SECONDS [business-hours], stop-chaos
        Each must name a component or zone of the design (instances of a group: i-1, i-2, …).
        e.g. --fault '120s:kill i-1' --fault '10m:lose-zone a'";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("grade") => grade::run(&args[1..], load),
        Some("validate") => validate(args.get(1)),
        Some("export-cfn") => export_cfn::run(&args[1..], load),
        Some("level") => level::print_level(args.get(1)),
        Some("check") => level::run(&args[1..], load),
        Some("reference") => print_reference(args.get(1)),
        Some("params") => params::print(args.get(1)).unwrap_or_else(|message| usage_error(&message)),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => usage_error("say what to do: run, grade, check, level, validate, export-cfn or reference"),
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
    if let Err(message) = check_faults(&design, &run) {
        eprintln!("nines: {message}");
        return ExitCode::from(2);
    }
    let seed = run.seed.unwrap_or(design.seed);
    let (world, verdict) = match simulate(&design, seed, &run) {
        Ok(done) => done,
        Err(e) => {
            eprintln!("nines: {e}");
            return ExitCode::from(2);
        }
    };
    let summary = world.summary();
    let regions: Vec<&str> = world.regions().iter().map(|r| r.name.as_str()).collect();
    if let Some(path) = &run.csv
        && let Err(e) = std::fs::write(path, report::csv(world.series(), &regions))
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
        let output = serde_json::json!({ "summary": summary, "game_day": verdict });
        match serde_json::to_string_pretty(&output) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("nines: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{}", report::text(&design.name, &summary));
        if let Some(verdict) = &verdict {
            print!("{}", report::verdict(verdict));
        }
    }
    if verdict.is_some_and(|v| !v.holds) { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// Refuses a fault the design cannot take, naming it as typed: a world would only log
/// "not applied" when it came due, and the run would look healthy.
fn check_faults(design: &Design, run: &args::RunArgs) -> Result<(), String> {
    for (fault, text) in run.faults.iter().zip(&run.fault_texts) {
        fault.check_against(design).map_err(|e| format!("fault `{text}`: {e}"))?;
    }
    Ok(())
}

/// Runs the design with the faults, as a plain run or as a game day.
fn simulate(
    design: &Design,
    seed: u64,
    run: &args::RunArgs,
) -> Result<(World, Option<Verdict>), DesignError> {
    match run.steady_state {
        Some(percent) => {
            let day = GameDay {
                hypothesis: Hypothesis::availability_and_no_loss(percent),
                timeline: run.faults.clone(),
                duration: run.duration,
                settle: 10 * MINUTE,
            };
            let mut progress = Progress::new(run.duration);
            let done = run_game_day_reporting(design, seed, &day, &mut |now| progress.reached(now));
            progress.finish();
            done.map(|(verdict, world)| (world, Some(verdict)))
        }
        None => {
            let mut world = World::with_seed(design, seed)?;
            world.schedule_all(&run.faults);
            let mut progress = Progress::new(run.duration);
            run_reporting(&mut world, run.duration, &mut |now| progress.reached(now));
            progress.finish();
            Ok((world, None))
        }
    }
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
