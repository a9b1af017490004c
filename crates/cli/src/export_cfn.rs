//! `nines export-cfn DESIGN [--format yaml|json] [--game-day] [--region NAME] [--out-dir DIR]`:
//! the design as AWS CloudFormation. A stack lives in one region, so a two-region design is
//! one template per region: `--region` prints one of them, `--out-dir` writes each to its
//! own file (`NAME-REGION.template.yaml`). A one-region design prints its one template.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use nines_sim::Design;
use nines_sim::cloudformation::{Format, Options, RegionStack, file_name, refusal, stack_text, stacks};

/// What `export-cfn` was asked for.
#[derive(Debug, Default, PartialEq)]
pub struct ExportArgs {
    /// The design file or `reference:NAME`.
    pub design: String,
    /// YAML (default) or JSON.
    pub format: Format,
    /// Add the Fault Injection Service experiment and the Resilience Hub policy.
    pub game_day: bool,
    /// Only the stack of this region (by name, e.g. `us-west-2`).
    pub region: Option<String>,
    /// Write each stack to a file in this folder instead of printing one.
    pub out_dir: Option<PathBuf>,
}

/// Parses the arguments after `export-cfn`.
pub fn parse(args: &[String]) -> Result<ExportArgs, String> {
    let mut parsed = ExportArgs::default();
    let mut design = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--format" => {
                let value = rest.next().ok_or("--format needs a value: yaml or json")?;
                parsed.format = value.parse().map_err(|e| format!("--format: {e}"))?;
            }
            "--game-day" => parsed.game_day = true,
            "--region" => {
                let value = rest.next().ok_or("--region needs a region's name, e.g. --region us-west-2")?;
                parsed.region = Some(value.clone());
            }
            "--out-dir" => {
                let value = rest.next().ok_or("--out-dir needs a folder to write the templates into")?;
                parsed.out_dir = Some(PathBuf::from(value));
            }
            flag if flag.starts_with("--") => return Err(format!("export-cfn does not know {flag}")),
            path if design.is_none() => design = Some(path.to_owned()),
            extra => return Err(format!("export-cfn takes one design; `{extra}` is a second")),
        }
    }
    parsed.design = design.ok_or("which design? e.g. nines export-cfn my.nines.json")?;
    Ok(parsed)
}

/// Runs `export-cfn`; `load` reads the design as every other command does.
pub fn run(args: &[String], load: fn(&str) -> Result<Design, String>) -> ExitCode {
    let parsed = match parse(args) {
        Ok(parsed) => parsed,
        Err(message) => return crate::usage_error(&message),
    };
    let design = match load(&parsed.design) {
        Ok(design) => design,
        Err(message) => return fail(&message),
    };
    if let Some(reason) = refusal(&design) {
        return fail(&reason);
    }
    let options = Options { game_day: parsed.game_day, policy: None };
    let chosen = match choose(stacks(&design, &options), parsed.region.as_deref(), parsed.out_dir.is_some()) {
        Ok(chosen) => chosen,
        Err(message) => return fail(&message),
    };
    match &parsed.out_dir {
        None => chosen.iter().for_each(|s| print!("{}", stack_text(&design, s, parsed.format))),
        Some(dir) => {
            if let Err(message) = write_all(&design, &chosen, dir, parsed.format) {
                return fail(&message);
            }
        }
    }
    ExitCode::SUCCESS
}

fn fail(message: &str) -> ExitCode {
    eprintln!("nines: {message}");
    ExitCode::from(2)
}

/// The stacks to export: the one of `region` if named, every one for a folder, and the
/// only one otherwise; an error naming the regions when the choice is missing or wrong.
pub fn choose(
    all: Vec<RegionStack>,
    region: Option<&str>,
    to_folder: bool,
) -> Result<Vec<RegionStack>, String> {
    let names: Vec<String> = all.iter().map(|s| s.region.clone()).collect();
    match region {
        Some(name) => match all.into_iter().find(|s| s.region == name) {
            Some(stack) => Ok(vec![stack]),
            None => Err(format!(
                "--region {name}: the design has no stack there; its stacks are in {} (pick one of those)",
                names.join(", ")
            )),
        },
        None if all.len() > 1 && !to_folder => Err(format!(
            "the design spans {} regions and a CloudFormation stack lives in one, so it exports one template per region ({}): pick one with --region {}, or write each to its own file with --out-dir DIR",
            names.len(),
            names.join(", "),
            names[0]
        )),
        None => Ok(all),
    }
}

/// Writes each stack into `dir` (made if missing) and prints the paths written.
fn write_all(design: &Design, chosen: &[RegionStack], dir: &Path, format: Format) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot make the folder {}: {e}", dir.display()))?;
    for stack in chosen {
        let path = dir.join(file_name(design, stack, format));
        std::fs::write(&path, stack_text(design, stack, format))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("{}", path.display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use nines_sim::design::reference;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn options_parse_in_any_order() {
        let parsed = parse(&strings(&["--game-day", "d.nines.json", "--format", "json"])).expect("valid");
        assert_eq!(
            parsed,
            ExportArgs {
                design: "d.nines.json".to_owned(),
                format: Format::Json,
                game_day: true,
                ..ExportArgs::default()
            }
        );
        assert_eq!(parse(&strings(&["d"])).expect("valid").format, Format::Yaml);
        let parsed = parse(&strings(&["d", "--region", "us-west-2", "--out-dir", "out"])).expect("valid");
        assert_eq!(parsed.region.as_deref(), Some("us-west-2"));
        assert_eq!(parsed.out_dir, Some(PathBuf::from("out")));
    }

    #[test]
    fn mistakes_are_explained() {
        assert!(parse(&[]).unwrap_err().contains("which design"));
        assert!(parse(&strings(&["d", "--format", "xml"])).unwrap_err().contains("use yaml or json"));
        assert!(parse(&strings(&["d", "--format"])).unwrap_err().contains("needs a value"));
        assert!(parse(&strings(&["d", "e"])).unwrap_err().contains("second"));
        assert!(parse(&strings(&["d", "--yaml"])).unwrap_err().contains("--yaml"));
        assert!(parse(&strings(&["d", "--region"])).unwrap_err().contains("region's name"));
        assert!(parse(&strings(&["d", "--out-dir"])).unwrap_err().contains("folder"));
    }

    #[test]
    fn two_regions_need_a_choice_that_names_a_stack() {
        let design = reference::multi_region();
        let all = || stacks(&design, &Options::default());
        let missing = choose(all(), None, false).unwrap_err();
        assert!(
            missing.contains("us-east-1, us-west-2") && missing.contains("--region us-east-1"),
            "{missing}"
        );
        let wrong = choose(all(), Some("eu-west-1"), false).unwrap_err();
        assert!(wrong.contains("--region eu-west-1") && wrong.contains("us-east-1, us-west-2"), "{wrong}");
        let west = choose(all(), Some("us-west-2"), false).expect("a stack");
        assert_eq!(west.iter().map(|s| s.region.as_str()).collect::<Vec<_>>(), ["us-west-2"]);
        assert_eq!(choose(all(), None, true).expect("every stack").len(), 2);
        assert_eq!(file_name(&design, &west[0], Format::Yaml), "multi-region-us-west-2.template.yaml");
        let one = reference::three_tier();
        let only = stacks(&one, &Options::default());
        assert_eq!(file_name(&one, &only[0], Format::Json), "three-tier.template.json");
    }
}
