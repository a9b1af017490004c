//! Reading a level from text: syntax, version, the two designs, shape, unknown fields and
//! meaning, in that order. Every problem names its field and the fix.

use serde_json::Value;

use super::{ComponentKind, LEVEL_VERSION, Level};
use crate::design::{
    Design, DesignError, Problem, hourly_cost, list_problems, parse_design, unknown_fields, validate,
};

/// Largest level file accepted [bytes]: two designs and some text.
pub const MAX_LEVEL_BYTES: usize = 4 * 1024 * 1024;

/// Longest run a level may ask for [s]: a day; shipped levels run minutes.
const MAX_DURATION_S: u64 = 86_400;

/// Why a text is not a usable level.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LevelError {
    /// The text is larger than any level could be.
    #[error("the file is {size} bytes; a level is at most {max} bytes. Is this the right file?")]
    TooLarge {
        /// The text's size [bytes].
        size: usize,
        /// The largest level accepted [bytes].
        max: usize,
    },
    /// The text is not JSON; holds the parser's message with line and column.
    #[error("the file is not valid JSON: {0}")]
    NotJson(String),
    /// The level was written for a newer format than this Nines reads.
    #[error(
        "version: the level is format version {found}, newer than this Nines reads (version {LEVEL_VERSION}). Update Nines to open it."
    )]
    FutureVersion {
        /// The version the file states.
        found: u64,
    },
    /// The `version` is not a version this Nines knows.
    #[error("version: `{found}` is not a level format version; this Nines reads version {LEVEL_VERSION}")]
    WrongVersion {
        /// The `version` as written.
        found: String,
    },
    /// A field is missing or of the wrong type.
    #[error("{path}: {message}")]
    Shape {
        /// Where in the file, e.g. `criteria[1].percent`.
        path: String,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// The level is well formed but breaks rules of meaning; every problem found.
    #[error("{}", list_problems(.0))]
    Invalid(Vec<Problem>),
}

impl LevelError {
    /// Every problem as (field path, message) pairs.
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            LevelError::Invalid(problems) => problems.clone(),
            LevelError::Shape { path, message } => vec![Problem::new(path, message)],
            other => vec![Problem::new("", other.to_string())],
        }
    }
}

/// Parses and validates a level. Nothing is returned unless the whole level is usable.
pub fn parse_level(text: &str) -> Result<Level, LevelError> {
    if text.len() > MAX_LEVEL_BYTES {
        return Err(LevelError::TooLarge { size: text.len(), max: MAX_LEVEL_BYTES });
    }
    let mut raw: Value = serde_json::from_str(text).map_err(|e| LevelError::NotJson(e.to_string()))?;
    check_version(&raw)?;
    // Levels embed designs of any version; version 1's `region` becomes `regions` here.
    for field in ["start", "solution"] {
        if let Some(design) = raw.get_mut(field) {
            crate::design::migrate(design);
        }
    }
    let start = design_at(&raw, "start")?;
    let solution = design_at(&raw, "solution")?;
    let mut level: Level = serde_path_to_error::deserialize(&raw).map_err(|e| {
        let path = e.path().to_string();
        LevelError::Shape {
            path: if path == "." { String::new() } else { path },
            message: e.inner().to_string(),
        }
    })?;
    level.start = start;
    level.solution = solution;
    let mut problems = Vec::new();
    let mut raw_rest = raw.clone();
    let mut known = serde_json::to_value(&level).map_err(|e| LevelError::NotJson(e.to_string()))?;
    for field in ["start", "solution"] {
        raw_rest.as_object_mut().map(|o| o.remove(field));
        known.as_object_mut().map(|o| o.remove(field));
    }
    unknown_fields(&raw_rest, &known, "", &mut problems);
    problems.extend(validate_level(&level));
    if problems.is_empty() { Ok(level) } else { Err(LevelError::Invalid(problems)) }
}

fn check_version(raw: &Value) -> Result<(), LevelError> {
    match raw.get("version") {
        Some(v) if v.as_u64() == Some(u64::from(LEVEL_VERSION)) => Ok(()),
        Some(v) => match v.as_u64() {
            Some(found) if found > u64::from(LEVEL_VERSION) => Err(LevelError::FutureVersion { found }),
            _ => Err(LevelError::WrongVersion { found: v.to_string() }),
        },
        None if raw.is_object() => Err(LevelError::Shape {
            path: "version".to_owned(),
            message: format!("missing; a Nines level starts with \"version\": {LEVEL_VERSION}"),
        }),
        None => Err(LevelError::Shape {
            path: String::new(),
            message: "a level is a JSON object with version, title, story, start, criteria, solution …"
                .to_owned(),
        }),
    }
}

/// The design at `field`, parsed and validated as a design file is; its problems are
/// named with the field in front (`start.components[2].zone`).
fn design_at(raw: &Value, field: &str) -> Result<Design, LevelError> {
    let value = raw.get(field).ok_or_else(|| LevelError::Shape {
        path: field.to_owned(),
        message: "missing; a level holds a design here (an object with version, regions, components)"
            .to_owned(),
    })?;
    let prefixed = |path: &str| if path.is_empty() { field.to_owned() } else { format!("{field}.{path}") };
    parse_design(&value.to_string()).map_err(|e| match e {
        DesignError::Shape { path, message } => LevelError::Shape { path: prefixed(&path), message },
        DesignError::Invalid(problems) => LevelError::Invalid(
            problems.into_iter().map(|p| Problem::new(&prefixed(&p.path), p.message)).collect(),
        ),
        other => LevelError::Shape { path: field.to_owned(), message: other.to_string() },
    })
}

impl Level {
    /// Every problem [`parse_level`] would find in this level's meaning, each naming its
    /// field: for a level built in code (the app's level builder) before it is saved. The
    /// two designs are validated as design files are (`start.components[2].zone`).
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        for (field, design) in [("start", &self.start), ("solution", &self.solution)] {
            for p in validate(design) {
                let path = if p.path.is_empty() { field.to_owned() } else { format!("{field}.{}", p.path) };
                out.push(Problem::new(&path, p.message));
            }
        }
        out.extend(validate_level(self));
        out
    }
}

/// Rules of meaning: text present, palette covers both designs, sums and times in range,
/// faults and criteria name what the solution has.
fn validate_level(level: &Level) -> Vec<Problem> {
    let mut out = Vec::new();
    for (field, text) in
        [("title", &level.title), ("story", &level.story), ("explanation", &level.explanation)]
    {
        if text.trim().is_empty() {
            out.push(Problem::new(field, "is empty; write a sentence or two for the learner"));
        }
    }
    for (i, hint) in level.hints.iter().enumerate() {
        if hint.trim().is_empty() {
            out.push(Problem::new(&format!("hints[{i}]"), "is empty; remove it or write the hint"));
        }
    }
    palette_problems(level, &mut out);
    money_problems(level, &mut out);
    if !(60..=MAX_DURATION_S).contains(&level.duration_s) {
        out.push(Problem::new(
            "duration_s",
            format!("must be from 60 to {MAX_DURATION_S} seconds, not {}", level.duration_s),
        ));
    }
    incident_problems(level, &mut out);
    criteria_problems(level, &mut out);
    traffic_problems(level, &mut out);
    out
}

fn palette_problems(level: &Level, out: &mut Vec<Problem>) {
    if level.palette.is_empty() {
        out.push(Problem::new(
            "palette",
            "is empty; list the kinds the learner may place, e.g. [\"instance\"]",
        ));
    }
    for (i, kind) in level.palette.iter().enumerate() {
        if level.palette[..i].contains(kind) {
            out.push(Problem::new(&format!("palette[{i}]"), format!("`{}` is listed twice", kind.key())));
        }
    }
    for (field, design) in [("start", &level.start), ("solution", &level.solution)] {
        for (i, component) in design.components.iter().enumerate() {
            let allowed = ComponentKind::of(&component.spec).is_some_and(|k| level.palette.contains(&k));
            if !allowed {
                out.push(Problem::new(
                    &format!("{field}.components[{i}].kind"),
                    format!(
                        "`{}` is a {}, which the palette does not allow; add it to `palette`",
                        component.id,
                        component.spec.kind_name()
                    ),
                ));
            }
        }
    }
}

fn money_problems(level: &Level, out: &mut Vec<Problem>) {
    let budget = level.budget_per_hour_usd;
    if !(budget.is_finite() && budget > 0.0) {
        out.push(Problem::new("budget_per_hour_usd", format!("must be above 0 [USD/hour], not {budget}")));
    }
    if let Some(par) = level.par_per_hour_usd
        && !(par.is_finite() && par > 0.0 && par <= budget)
    {
        out.push(Problem::new(
            "par_per_hour_usd",
            format!("must be above 0 and at most the budget ({budget}) [USD/hour], not {par}"),
        ));
    }
    let cost = hourly_cost(&level.as_run(&level.solution)).usd_per_hour;
    if cost > budget + 1e-9 {
        out.push(Problem::new(
            "solution",
            format!(
                "costs ${cost:.3} per hour, over the budget of ${budget:.3}; raise `budget_per_hour_usd`"
            ),
        ));
    }
}

fn incident_problems(level: &Level, out: &mut Vec<Problem>) {
    for (i, fault) in level.incident.iter().enumerate() {
        let path = format!("incident[{i}]");
        if fault.command.at >= level.duration() {
            out.push(Problem::new(
                &path,
                format!(
                    "`{}` comes at or after the end of the run ({} s); raise `duration_s`",
                    fault.text, level.duration_s
                ),
            ));
        }
        if let Err(e) = fault.command.check_against(&level.solution) {
            out.push(Problem::new(&path, format!("`{}` cannot apply to the solution: {e}", fault.text)));
        }
    }
}

fn criteria_problems(level: &Level, out: &mut Vec<Problem>) {
    if level.criteria.is_empty() {
        out.push(Problem::new(
            "criteria",
            "is empty; a level needs a goal, e.g. [{\"probe\": \"availability_at_least\", \"percent\": 99}]",
        ));
    }
    for (i, criterion) in level.criteria.iter().enumerate() {
        for (field, message) in criterion.value_problems(level.duration_s) {
            out.push(Problem::new(&format!("criteria[{i}].{field}"), message));
        }
        if let Some((field, message)) = criterion.component_problem(&level.solution) {
            out.push(Problem::new(&format!("criteria[{i}].{field}"), message));
        }
    }
}

/// The level's traffic, checked by the design rules on the solution it will drive.
fn traffic_problems(level: &Level, out: &mut Vec<Problem>) {
    if level.traffic.is_none() {
        return;
    }
    for problem in validate(&level.as_run(&level.solution)) {
        if problem.path.contains("profile") {
            out.push(Problem::new("traffic", problem.message));
        }
    }
}
