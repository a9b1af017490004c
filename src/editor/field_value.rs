//! Reading and writing one parameter of a component by its field path, through the
//! component's own serde form, so every field the library has is reachable without a
//! hand-written accessor per field.
//!
//! An edit is committed only when the design it would make has no problem at that field
//! and no problem the design did not already have; otherwise the library's message is the
//! refusal, and the design is untouched.

use nines_sim::design::{Component, Design, MetricName, validate};
use serde_json::{Map, Value, json};

use super::check::{at_or_under, is_under, new_problems, sentence};
use super::fields::{self, StepsKind, Widget};
use super::{EditResult, Outcome, find};

/// One step of a field path: an object key or an array index.
#[derive(Clone, Debug, PartialEq)]
enum Seg {
    Key(String),
    Index(usize),
}

fn segments(path: &str) -> Option<Vec<Seg>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if key.is_empty() {
            return None;
        }
        out.push(Seg::Key(key.to_owned()));
        while let Some(inner) = rest.strip_prefix('[') {
            let end = inner.find(']')?;
            out.push(Seg::Index(inner[..end].parse().ok()?));
            rest = &inner[end + 1..];
        }
    }
    Some(out)
}

/// The value at `path` inside `value`, if there is one.
pub fn get<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    segments(path)?.iter().try_fold(value, |v, seg| match seg {
        Seg::Key(k) => v.get(k),
        Seg::Index(i) => v.get(i),
    })
}

fn set(value: &mut Value, path: &str, new: Value) -> Result<(), String> {
    let segs = segments(path).ok_or_else(|| format!("{path} is not a field path"))?;
    let mut at = value;
    for seg in &segs {
        at = match seg {
            Seg::Key(k) => at.as_object_mut().ok_or("not an object")?.entry(k.clone()).or_insert(Value::Null),
            Seg::Index(i) => at.get_mut(*i).ok_or_else(|| format!("{path}: no element {i}"))?,
        };
    }
    *at = new;
    Ok(())
}

/// A component's serde form, as files hold it.
pub fn to_value(component: &Component) -> Value {
    let mut value = serde_json::to_value(component).unwrap_or(Value::Null);
    // Fields files leave out at their defaults (stickiness, sessions, users) are fields too.
    nines_sim::design::spell_out_defaults(&mut value);
    value
}

/// The current value of `path` in `component`.
pub fn current(component: &Component, path: &str) -> Value {
    get(&to_value(component), path).cloned().unwrap_or(Value::Null)
}

/// A number as an input shows it: no grouping, no needless decimals.
pub fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 { format!("{x:.0}") } else { format!("{x}") }
}

/// The text a text-like control shows for `value`.
pub fn display(widget: &Widget, value: &Value) -> String {
    match (widget, value) {
        (Widget::Number { .. } | Widget::Span { .. }, Value::Number(n)) => {
            n.as_f64().map(number_text).unwrap_or_default()
        }
        (Widget::Steps(kind), Value::Array(items)) => steps_text(*kind, items),
        (_, Value::String(s)) => s.clone(),
        (_, Value::Null) => String::new(),
        (_, other) => other.to_string(),
    }
}

/// Reads what a learner typed into a number or list field, or says what is wrong with it.
pub fn parse(widget: &Widget, text: &str) -> Result<Value, String> {
    match widget {
        Widget::Number { integer, lo, .. } => parse_number(text, *integer, *lo < 0.0),
        Widget::Span { .. } => parse_number(text, false, false),
        Widget::Steps(kind) => parse_steps(*kind, text),
        _ => Ok(Value::String(text.to_owned())),
    }
}

fn parse_number(text: &str, integer: bool, signed: bool) -> Result<Value, String> {
    let cleaned: String =
        text.trim().chars().filter(|c| *c != ',' && *c != '_' && !c.is_whitespace()).collect();
    let cleaned = cleaned.strip_prefix('+').unwrap_or(&cleaned);
    if cleaned.is_empty() {
        return Err("Enter a number.".to_owned());
    }
    let looks_numeric =
        cleaned.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | 'e' | 'E' | '+'));
    let x: f64 = match cleaned.parse() {
        Ok(x) if looks_numeric => x,
        _ => return Err(format!("“{}” is not a number.", text.trim())),
    };
    if !x.is_finite() {
        return Err("Enter a finite number.".to_owned());
    }
    if !integer {
        return Ok(json!(x));
    }
    if x.fract() != 0.0 {
        return Err("Enter a whole number.".to_owned());
    }
    match (signed, x) {
        (false, x) if x < 0.0 => Err("Enter a whole number of 0 or more.".to_owned()),
        (false, x) if x > f64::from(u32::MAX) => Err("That number is too large.".to_owned()),
        (true, x) if x.abs() > f64::from(i32::MAX) => Err("That number is too large.".to_owned()),
        (_, x) => Ok(json!(x as i64)),
    }
}

fn steps_text(kind: StepsKind, items: &[Value]) -> String {
    let n = |v: Option<&Value>| v.and_then(Value::as_f64).map(number_text).unwrap_or_default();
    let parts: Vec<String> = items
        .iter()
        .map(|item| match kind {
            StepsKind::Rates => format!("{}: {}", n(item.get("at_s")), n(item.get("rate"))),
            StepsKind::Adjustments => {
                let change = item.get("change").and_then(Value::as_i64).unwrap_or(0);
                format!("{}..{}: {change:+}", n(item.get("lower")), n(item.get("upper")))
            }
        })
        .collect();
    parts.join(", ")
}

fn parse_steps(kind: StepsKind, text: &str) -> Result<Value, String> {
    let example = match kind {
        StepsKind::Rates => "0: 100, 600: 400",
        StepsKind::Adjustments => "0..20: +1, 20..: +3",
    };
    let mut out = Vec::new();
    for part in text.split([',', '\n', ';']).map(str::trim).filter(|p| !p.is_empty()) {
        let (left, right) =
            part.split_once(':').ok_or_else(|| format!("Write each step as in “{example}”."))?;
        let num = |s: &str, integer| parse_number(s, integer, true).map_err(|e| format!("In “{part}”: {e}"));
        out.push(match kind {
            StepsKind::Rates => json!({ "at_s": num(left, false)?, "rate": num(right, false)? }),
            StepsKind::Adjustments => {
                let (lower, upper) = left
                    .split_once("..")
                    .ok_or_else(|| format!("In “{part}”: write bounds as lower..upper, e.g. {example}."))?;
                let bound = |s: &str| if s.trim().is_empty() { Ok(Value::Null) } else { num(s, false) };
                json!({ "lower": bound(lower)?, "upper": bound(upper)?, "change": num(right, true)? })
            }
        });
    }
    if out.is_empty() {
        return Err(format!("Add at least one step, e.g. {example}."));
    }
    Ok(Value::Array(out))
}

/// Sets field `path` of component `id` to `value`, committing only a valid result.
pub fn set_field(design: &Design, id: &str, path: &str, value: Value) -> EditResult {
    if path == "id" {
        return super::rename::rename(design, id, value.as_str().unwrap_or_default());
    }
    let (index, component) = find(design, id)?;
    let mut json = to_value(component);
    if get(&json, path) == Some(&value) {
        return Ok(Outcome { design: design.clone(), message: String::new(), select: None });
    }
    let (write_path, value) = reshape(design, &json, path, value);
    set(&mut json, &write_path, value)?;
    let note = keep_capacity_order(&mut json, path);
    let edited: Component =
        serde_json::from_value(json).map_err(|e| format!("That value does not fit this field ({e})."))?;
    let mut next = design.clone();
    next.components[index] = edited;
    fit_alarm_metric(design, &mut next, index, path);
    let full = format!("components[{index}].{write_path}");
    let after = validate(&next);
    if let Some(p) = at_or_under(&after, &full).next() {
        return Err(sentence(&p.message));
    }
    if let Some(p) = new_problems(design, &next).first() {
        return Err(sentence(&p.message));
    }
    let label = fields::all(&next, &next.components[index])
        .into_iter()
        .find(|f| f.path == path || is_under(path, &f.path))
        .map_or_else(|| path.to_owned(), |f| f.label.to_lowercase());
    let message = format!("Set {label} of {id}{}.{note}", shown(&next.components[index], path));
    Ok(Outcome { design: next, message, select: None })
}

/// " to 10" for simple values; nothing for lists and objects.
fn shown(component: &Component, path: &str) -> String {
    match current(component, path) {
        Value::Number(n) => n.as_f64().map(|x| format!(" to {}", crate::number::num(x))).unwrap_or_default(),
        Value::String(s) if !s.is_empty() => format!(" to {s}"),
        Value::Bool(b) => format!(" to {}", if b { "on" } else { "off" }),
        Value::Null => " to none".to_owned(),
        _ => String::new(),
    }
}

/// Choosing another rate profile shape or policy type replaces the whole object with that
/// variant's starting values (keeping the rate where it can). Returns the path to write.
fn reshape(design: &Design, json: &Value, path: &str, value: Value) -> (String, Value) {
    let Some(kind) = value.as_str() else { return (path.to_owned(), value) };
    if path == "profile.shape" {
        let rate = get(json, "profile")
            .and_then(|p| serde_json::from_value::<nines_sim::design::RateProfile>(p.clone()).ok())
            .map_or(100.0, |p| p.peak_rate());
        let profile = match kind {
            "ramp" => json!({ "shape": "ramp", "from": rate, "to": rate * 2.0, "over_s": 600.0 }),
            "spike" => {
                json!({ "shape": "spike", "base": rate, "peak": rate * 3.0, "at_s": 60.0, "for_s": 120.0 })
            }
            "daily" => json!({ "shape": "daily", "mean": rate, "amplitude": 0.5, "period_s": 86_400.0 }),
            "steps" => json!({ "shape": "steps", "steps": [{ "at_s": 0.0, "rate": rate }] }),
            _ => json!({ "shape": "constant", "rate": rate }),
        };
        return ("profile".to_owned(), profile);
    }
    if let Some(policy) = path.strip_suffix(".type").filter(|p| p.starts_with("policies[")) {
        let alarm = design
            .components
            .iter()
            .find(|c| matches!(c.spec, nines_sim::design::ComponentSpec::Alarm(_)))
            .map(|c| c.id.clone())
            .unwrap_or_default();
        let fresh = match kind {
            "step" => {
                json!({ "type": "step", "alarm": alarm, "steps": [{ "lower": 0.0, "upper": null, "change": 1 }] })
            }
            "simple" => json!({ "type": "simple", "alarm": alarm, "change": 1 }),
            _ => new_policy(),
        };
        return (policy.to_owned(), fresh);
    }
    (path.to_owned(), value)
}

/// Raising the minimum above desired raises desired; lowering the maximum below desired
/// lowers it — what AWS does when capacity limits change. Returns a note for the message.
fn keep_capacity_order(json: &mut Value, path: &str) -> String {
    if json.get("kind").and_then(Value::as_str) != Some("auto_scaling_group")
        || !(path == "min" || path == "max")
    {
        return String::new();
    }
    let read = |k: &str| json.get(k).and_then(Value::as_u64).unwrap_or(0);
    let (min, desired, max) = (read("min"), read("desired"), read("max"));
    if min > max {
        return String::new();
    }
    let fitted = desired.clamp(min, max);
    if fitted == desired {
        return String::new();
    }
    if let Some(obj) = json.as_object_mut() {
        obj.insert("desired".to_owned(), json!(fitted));
    }
    format!(" Desired capacity follows: {desired} → {fitted}.")
}

/// A new alarm source that does not publish the watched metric gets the first metric it
/// does publish (found by asking `validate`, which knows who publishes what).
fn fit_alarm_metric(before: &Design, next: &mut Design, index: usize, path: &str) {
    if path != "source" {
        return;
    }
    let metric_path = format!("components[{index}].metric");
    let bad = |d: &Design| validate(d).iter().any(|p| p.path == metric_path);
    if !bad(next) || bad(before) && before.components[index].spec == next.components[index].spec {
        return;
    }
    for metric in MetricName::ALL.map(MetricName::name) {
        let mut json = to_value(&next.components[index]);
        if set(&mut json, "metric", json!(metric)).is_err() {
            return;
        }
        let Ok(candidate) = serde_json::from_value::<Component>(json) else { return };
        let previous = std::mem::replace(&mut next.components[index], candidate);
        if !bad(next) {
            return;
        }
        next.components[index] = previous;
    }
}

/// The starting value of a new scaling policy.
pub fn new_policy() -> Value {
    json!({ "type": "target_tracking", "metric": "cpu", "target": 50.0 })
}

/// An object with one key, for building lists in the UI.
pub fn object(pairs: &[(&str, Value)]) -> Value {
    Value::Object(pairs.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect::<Map<_, _>>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::fields::all;
    use nines_sim::design::{ComponentSpec, reference};

    fn three_tier() -> Design {
        reference::three_tier()
    }

    fn spec<'a>(d: &'a Design, id: &str) -> &'a ComponentSpec {
        &d.component(id).unwrap().spec
    }

    #[test]
    fn paths_reach_nested_fields_and_elements() {
        let d = three_tier();
        let lb = to_value(d.component("lb-1").unwrap());
        assert_eq!(get(&lb, "health_check.interval_s"), Some(&json!(30.0)));
        assert_eq!(get(&lb, "zones[1]"), Some(&json!("b")));
        assert_eq!(get(&lb, "zones[9]"), None);
        assert_eq!(get(&lb, "nope.x"), None);
        assert_eq!(
            segments("a[0][1].b"),
            Some(vec![Seg::Key("a".into()), Seg::Index(0), Seg::Index(1), Seg::Key("b".into())])
        );
        assert_eq!(segments("a[x]"), None);
    }

    #[test]
    fn typed_numbers_are_read_or_explained() {
        let n = Widget::Number { unit: "s", lo: 0.0, hi: 10.0, integer: false, above: false, none: None };
        let w = Widget::Number { unit: "", lo: 0.0, hi: 10.0, integer: true, above: false, none: None };
        assert_eq!(parse(&n, " 1,000.5 ").unwrap(), json!(1000.5));
        assert_eq!(parse(&w, "+7").unwrap(), json!(7));
        assert!(parse(&n, "abc").unwrap_err().contains("not a number"));
        assert!(parse(&n, "inf").is_err());
        assert!(parse(&n, "NaN").is_err());
        assert!(parse(&n, "").unwrap_err().contains("Enter a number"));
        assert!(parse(&w, "1.5").unwrap_err().contains("whole"));
        assert!(parse(&w, "-1").unwrap_err().contains("0 or more"));
        let signed =
            Widget::Number { unit: "", lo: -100.0, hi: 100.0, integer: true, above: false, none: None };
        assert_eq!(parse(&signed, "-2").unwrap(), json!(-2));
    }

    #[test]
    fn step_lists_round_trip() {
        let rates = Widget::Steps(StepsKind::Rates);
        let v = parse(&rates, "0: 100, 600: 400").unwrap();
        assert_eq!(display(&rates, &v), "0: 100, 600: 400");
        let adj = Widget::Steps(StepsKind::Adjustments);
        let v = parse(&adj, "0..20: +1\n20..: 3").unwrap();
        assert_eq!(v[1]["upper"], Value::Null);
        assert_eq!(display(&adj, &v), "0..20: +1, 20..: +3");
        assert!(parse(&adj, "0-20: 1").unwrap_err().contains("lower..upper"));
        assert!(parse(&rates, "").unwrap_err().contains("at least one"));
    }

    #[test]
    fn a_valid_value_is_committed_and_described() {
        let out = set_field(&three_tier(), "lb-1", "health_check.interval_s", json!(10.0)).unwrap();
        let ComponentSpec::LoadBalancer(lb) = spec(&out.design, "lb-1") else { panic!() };
        assert_eq!(lb.health_check.interval_s, 10.0);
        assert_eq!(out.message, "Set interval of lb-1 to 10.");
    }

    #[test]
    fn an_invalid_value_is_refused_with_the_librarys_reason_and_changes_nothing() {
        let d = three_tier();
        let err = set_field(&d, "lb-1", "health_check.interval_s", json!(3.0)).unwrap_err();
        assert!(err.contains("use 5–300 s (default 30 s)"), "{err}");
        let err = set_field(&d, "lb-1", "health_check.timeout_s", json!(30.0)).unwrap_err();
        assert!(err.contains("must be less than its interval"), "{err}");
        let err = set_field(&d, "db", "standby_zone", json!("a")).unwrap_err();
        assert!(err.contains("same zone as its primary"), "{err}");
        let err = set_field(&d, "lb-1", "zones", json!(["a"])).unwrap_err();
        assert!(err.contains("at least two zones"), "{err}");
    }

    #[test]
    fn an_edit_that_would_break_a_link_is_refused() {
        let err = set_field(&three_tier(), "web", "instance.role", json!("worker")).unwrap_err();
        assert!(err.contains("lb-1 would route requests to worker group web"), "{err}");
    }

    #[test]
    fn capacity_limits_carry_desired_along() {
        let out = set_field(&three_tier(), "web", "min", json!(6)).unwrap();
        let ComponentSpec::AutoScalingGroup(g) = spec(&out.design, "web") else { panic!() };
        assert_eq!((g.min, g.desired, g.max), (6, 6, 12));
        assert!(out.message.contains("Desired capacity follows: 4 → 6"), "{}", out.message);
        let out = set_field(&out.design, "web", "max", json!(5)).unwrap_err();
        assert!(out.contains("min 6 above max 5"), "{out}");
    }

    #[test]
    fn a_new_profile_shape_starts_from_the_current_rate() {
        let out = set_field(&three_tier(), "clients", "profile.shape", json!("ramp")).unwrap();
        let ComponentSpec::Clients(c) = spec(&out.design, "clients") else { panic!() };
        assert_eq!(
            c.profile,
            nines_sim::design::RateProfile::Ramp { from: 1000.0, to: 2000.0, over_s: 600.0 }
        );
    }

    #[test]
    fn a_new_policy_type_needs_an_alarm() {
        let mut d = three_tier();
        let out = set_field(&d, "workers", "policies[0].type", json!("simple")).unwrap();
        let ComponentSpec::AutoScalingGroup(g) = spec(&out.design, "workers") else { panic!() };
        assert!(
            matches!(&g.policies[0], nines_sim::design::PolicySpec::Simple { alarm, change: 1 } if alarm == "jobs-age")
        );
        d.components.retain(|c| c.id != "jobs-age");
        let err = set_field(&d, "workers", "policies[0].type", json!("step")).unwrap_err();
        assert!(err.contains("names no alarm"), "{err}");
    }

    #[test]
    fn a_new_alarm_source_brings_a_metric_it_publishes() {
        let out = set_field(&three_tier(), "jobs-age", "source", json!("web")).unwrap();
        let ComponentSpec::Alarm(a) = spec(&out.design, "jobs-age") else { panic!() };
        assert_eq!(a.metric, nines_sim::design::MetricName::CpuUtilization);
        assert!(validate(&out.design).is_empty());
    }

    #[test]
    fn setting_the_same_value_changes_nothing() {
        let d = three_tier();
        let out = set_field(&d, "lb-1", "cross_zone", json!(true)).unwrap();
        assert_eq!(out.design, d);
        assert!(out.message.is_empty());
    }

    #[test]
    fn the_id_field_renames() {
        let out = set_field(&three_tier(), "jobs", "id", json!("orders")).unwrap();
        assert!(out.design.component("orders").is_some());
    }

    /// The inspector's bounds are the library's: the first value past a shown bound is
    /// refused with the library's message. (Every entry's bounds are checked against
    /// `validate`, with no field skipped, in `nines_sim::design::param`'s own tests.)
    #[test]
    fn a_value_past_a_shown_bound_is_refused_in_the_librarys_words() {
        let d = three_tier();
        let queue = d.component("jobs").unwrap();
        let field = all(&d, queue).into_iter().find(|f| f.path == "retention_s").unwrap();
        let Widget::Number { lo, hi, .. } = field.widget else { panic!("{:?}", field.widget) };
        assert!(set_field(&d, "jobs", "retention_s", json!(hi)).is_ok());
        let err = set_field(&d, "jobs", "retention_s", json!(hi + 1.0)).unwrap_err();
        assert!(err.contains("use 60–1,209,600 s (default 345,600 s, four days)"), "{err}");
        assert!(set_field(&d, "jobs", "retention_s", json!(lo - 1.0)).is_err());
    }
}
