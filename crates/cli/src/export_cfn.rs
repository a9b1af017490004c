//! `nines export-cfn DESIGN [--format yaml|json] [--game-day]`: the design as an AWS
//! CloudFormation template on stdout.

use std::process::ExitCode;

use nines_sim::Design;
use nines_sim::cloudformation::{Format, Options, export, refusal};

/// What `export-cfn` was asked for.
#[derive(Debug, PartialEq)]
pub struct ExportArgs {
    /// The design file or `reference:NAME`.
    pub design: String,
    /// YAML (default) or JSON.
    pub format: Format,
    /// Add the Fault Injection Service experiment and the Resilience Hub policy.
    pub game_day: bool,
}

/// Parses the arguments after `export-cfn`.
pub fn parse(args: &[String]) -> Result<ExportArgs, String> {
    let mut design = None;
    let mut format = Format::Yaml;
    let mut game_day = false;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--format" => {
                let value = rest.next().ok_or("--format needs a value: yaml or json")?;
                format = value.parse().map_err(|e| format!("--format: {e}"))?;
            }
            "--game-day" => game_day = true,
            flag if flag.starts_with("--") => return Err(format!("export-cfn does not know {flag}")),
            path if design.is_none() => design = Some(path.to_owned()),
            extra => return Err(format!("export-cfn takes one design; `{extra}` is a second")),
        }
    }
    let design = design.ok_or("which design? e.g. nines export-cfn my.nines.json")?;
    Ok(ExportArgs { design, format, game_day })
}

/// Runs `export-cfn`; `load` reads the design as every other command does.
pub fn run(args: &[String], load: fn(&str) -> Result<Design, String>) -> ExitCode {
    let parsed = match parse(args) {
        Ok(parsed) => parsed,
        Err(message) => return crate::usage_error(&message),
    };
    let design = match load(&parsed.design) {
        Ok(design) => design,
        Err(message) => {
            eprintln!("nines: {message}");
            return ExitCode::from(2);
        }
    };
    if let Some(reason) = refusal(&design) {
        eprintln!("nines: {reason}");
        return ExitCode::from(2);
    }
    let options = Options { game_day: parsed.game_day, policy: None };
    print!("{}", export(&design, &options, parsed.format));
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn options_parse_in_any_order() {
        let parsed = parse(&strings(&["--game-day", "d.nines.json", "--format", "json"])).expect("valid");
        assert_eq!(
            parsed,
            ExportArgs { design: "d.nines.json".to_owned(), format: Format::Json, game_day: true }
        );
        assert_eq!(parse(&strings(&["d"])).expect("valid").format, Format::Yaml);
    }

    #[test]
    fn mistakes_are_explained() {
        assert!(parse(&[]).unwrap_err().contains("which design"));
        assert!(parse(&strings(&["d", "--format", "xml"])).unwrap_err().contains("use yaml or json"));
        assert!(parse(&strings(&["d", "--format"])).unwrap_err().contains("needs a value"));
        assert!(parse(&strings(&["d", "e"])).unwrap_err().contains("second"));
        assert!(parse(&strings(&["d", "--yaml"])).unwrap_err().contains("--yaml"));
    }
}
