//! Every range in the table is exactly what `validate` accepts: for each number and span
//! parameter, each bound passes and a step beyond it is refused at that field. Fields whose
//! bound depends on another (timeout below interval, min ≤ desired ≤ max, a day of alarm
//! periods) are checked with that other field set so the bound can be reached. No entry is
//! left out: the test counts them.

use serde_json::{Value, json};

use super::{Param, Range, all};
use crate::design::{Component, Design, parse_design, reference, validate};

/// The three-tier design with a worker group holding one policy of each type, so every
/// policy field has a home: target tracking at `policies[0]`, step at `[1]`, simple at `[2]`.
fn base() -> Value {
    let mut design = serde_json::to_value(reference::three_tier()).unwrap_or(Value::Null);
    let single = serde_json::to_value(reference::single_server()).unwrap_or(Value::Null);
    if let (Some(list), Some(web)) = (design["components"].as_array_mut(), single["components"].get(1)) {
        let mut web = web.clone();
        web["id"] = json!("web-1");
        list.push(web);
        list.push(json!({"id": "kv", "kind": "key_value_store"}));
        list.push(json!({"id": "assets", "kind": "object_storage"}));
        list.push(json!({"id": "edge", "kind": "cdn"}));
        list.push(json!({"id": "dns", "kind": "dns"}));
    }
    design["components"][4]["policies"] = json!([
        {"type": "target_tracking", "metric": "backlog_per_instance", "target": 100.0},
        {"type": "step", "alarm": "jobs-age", "steps": [{"lower": 0.0, "upper": null, "change": 1}]},
        {"type": "simple", "alarm": "jobs-age", "change": 1},
    ]);
    design
}

/// Index of the component each kind is tried on, in [`base`].
fn subject(kind: &str) -> usize {
    match kind {
        "clients" => 0,
        "load_balancer" => 1,
        "queue" => 3,
        "auto_scaling_group" => 4,
        "database" => 5,
        "alarm" => 6,
        "key_value_store" => 8,
        "object_storage" => 9,
        "cdn" => 10,
        "dns" => 11,
        _ => 7, // the instance web-1
    }
}

/// The concrete path of a table path on the subject: `policies[].change` → `policies[2].change`.
fn concrete(path: &str) -> String {
    let policy = if path.contains("steps[]") {
        1
    } else if path == "policies[].change" {
        2
    } else {
        0
    };
    path.replacen("policies[]", &format!("policies[{policy}]"), 1).replace("[]", "[0]")
}

/// Other fields set first so that `param`'s own bounds are the binding ones.
fn context(param: &Param) -> Vec<(&'static str, Value)> {
    match param.path {
        "profile.rate" => vec![("profile", json!({"shape": "constant", "rate": 1.0}))],
        "profile.from" | "profile.to" | "profile.over_s" => {
            vec![("profile", json!({"shape": "ramp", "from": 1.0, "to": 2.0, "over_s": 60.0}))]
        }
        "profile.base" | "profile.peak" | "profile.at_s" | "profile.for_s" => {
            vec![("profile", json!({"shape": "spike", "base": 1.0, "peak": 2.0, "at_s": 0.0, "for_s": 9.0}))]
        }
        "profile.mean" | "profile.amplitude" | "profile.period_s" => {
            vec![("profile", json!({"shape": "daily", "mean": 1.0, "amplitude": 0.5, "period_s": 60.0}))]
        }
        "profile.steps[].at_s" | "profile.steps[].rate" => {
            vec![("profile", json!({"shape": "steps", "steps": [{"at_s": 0.0, "rate": 1.0}]}))]
        }
        "health_check.interval_s" => vec![("health_check.timeout_s", json!(2.0))],
        "health_check.timeout_s" => vec![("health_check.interval_s", json!(300.0))],
        "min" => vec![("max", json!(1000)), ("desired", json!(1000))],
        "desired" => vec![("min", json!(0)), ("max", json!(1000))],
        "max" => vec![("min", json!(0)), ("desired", json!(0))],
        "policies[].steps[].lower" => vec![("policies[1].steps[0].upper", Value::Null)],
        "policies[].steps[].upper" => vec![("policies[1].steps[0].lower", Value::Null)],
        "period_s" => vec![("evaluation_periods", json!(1)), ("datapoints_to_alarm", json!(1))],
        "evaluation_periods" => vec![("period_s", json!(10.0)), ("datapoints_to_alarm", json!(1))],
        "datapoints_to_alarm" => vec![("period_s", json!(10.0)), ("evaluation_periods", json!(8640))],
        _ => vec![],
    }
}

/// Sets `path` (keys and `[k]` indices) inside `value`.
fn set(value: &mut Value, path: &str, new: Value) {
    let mut at = value;
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        at = &mut at[key];
        if let Some(k) = index {
            at = &mut at[k];
        }
    }
    *at = new;
}

/// Problems of the base design with `param` set to `x` (after its context), as
/// `parse_design` reports them: "path: message".
fn problems(param: &Param, x: f64) -> Vec<String> {
    let index = subject(param.kind);
    let mut design = base();
    for (path, value) in context(param) {
        set(&mut design["components"][index], path, value);
    }
    let integer = param.range().is_some_and(|r| r.integer);
    let number = if integer { json!(x as i64) } else { json!(x) };
    let value = if matches!(param.domain, super::Domain::Span(_)) { json!([x, x]) } else { number };
    set(&mut design["components"][index], &concrete(param.path), value);
    match parse_design(&design.to_string()) {
        Ok(_) => vec![],
        Err(error) => error.problems().iter().map(|p| format!("{}: {}", p.path, p.message)).collect(),
    }
}

fn assert_accepted(param: &Param, x: f64) {
    assert_eq!(problems(param, x), Vec::<String>::new(), "{} = {x} should pass", param.key());
}

/// Refused at the field itself (a negative count already by its unsigned type).
fn assert_refused(param: &Param, x: f64) {
    let at = format!("components[{}].{}", subject(param.kind), concrete(param.path));
    let unsigned = format!("components[{}]: invalid value: integer `{x}`, expected u", subject(param.kind));
    let found = problems(param, x);
    let here = |p: &String| p.starts_with(&at) || (x < 0.0 && p.starts_with(&unsigned));
    assert!(found.iter().any(here), "{} = {x} should be refused: {found:?}", param.key());
}

/// A step just past `bound`, outward: one for whole numbers, a thousandth otherwise.
fn beyond(bound: f64, integer: bool, up: bool) -> f64 {
    let step = if integer { 1.0 } else { bound.abs().max(1.0) * 1e-3 };
    if up { bound + step } else { bound - step }
}

#[test]
fn every_range_is_what_validate_accepts() {
    let mut checked = 0;
    for param in all() {
        let Some(range) = param.range() else { continue };
        let Range { lo, hi, integer, above } = range;
        if lo.is_finite() && above {
            assert_refused(param, lo);
            assert_accepted(param, lo + 1e-3);
        } else if lo.is_finite() {
            assert_accepted(param, lo);
            assert_refused(param, beyond(lo, integer, false));
        } else {
            assert_accepted(param, -1e15);
        }
        if hi.is_finite() {
            assert_accepted(param, hi);
            assert_refused(param, beyond(hi, integer, true));
        } else {
            assert_accepted(param, 1e15);
        }
        checked += 1;
    }
    let ranged = all().filter(|p| p.range().is_some()).count();
    assert_eq!(checked, ranged);
    assert!(checked >= 50, "{checked}");
}

#[test]
fn the_base_design_is_clean() {
    let design: Design = serde_json::from_value(base()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(validate(&design), vec![]);
    let web: &Component = &design.components[7];
    assert_eq!(web.spec.kind_name(), "instance");
}
