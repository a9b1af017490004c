//! One editable parameter in the inspector: its label, its control, its unit, its range
//! and default, a sentence on why it matters, and — when a value was refused — the
//! typed text kept in the field with the reason next to it.

use std::rc::Rc;

use serde_json::{Value, json};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::editor::field_value::{display, number_text};
use crate::editor::fields::{Field, Widget, range_text};
use crate::state::{Action, Draft};

#[derive(Properties, PartialEq)]
pub struct FieldRowProps {
    /// Id of the component the field belongs to.
    pub id: AttrValue,
    pub field: Rc<Field>,
    /// The field's value in the design.
    pub value: Value,
    /// The library's default, as the field shows it ("30 s"), if there is one.
    pub default: Option<AttrValue>,
    /// Typed text kept for this field (and its halves, for spans).
    #[prop_or_default]
    pub drafts: Vec<Draft>,
    /// Problems `validate` reports at this field.
    #[prop_or_default]
    pub problems: Vec<AttrValue>,
    /// The region's zones, for zone controls.
    pub zones: Rc<Vec<String>>,
    /// What the zones' labels start with: empty in the first region, its name in a later
    /// one (`us-west-2`), so a choice reads as the world names the zone (`us-west-2a`).
    #[prop_or_default]
    pub zone_prefix: AttrValue,
    pub on_action: Callback<Action>,
}

fn dom_id(id: &str, path: &str) -> String {
    let clean: String = path.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    format!("field-{id}-{clean}")
}

#[function_component(FieldRow)]
pub fn field_row(props: &FieldRowProps) -> Html {
    let f = &props.field;
    let input_id = dom_id(&props.id, &f.path);
    let (meta_id, help_id, error_id) =
        (format!("{input_id}-meta"), format!("{input_id}-help"), format!("{input_id}-error"));
    let error = props
        .drafts
        .iter()
        .find_map(|d| d.error.clone())
        .or_else(|| props.problems.first().map(|p| p.to_string()));
    let describedby = if error.is_some() {
        format!("{error_id} {meta_id} {help_id}")
    } else {
        format!("{meta_id} {help_id}")
    };
    let meta = match (range_text(&f.widget), &props.default) {
        (Some(range), Some(d)) => format!("{range} · default {d}"),
        (Some(range), None) => range,
        (None, Some(d)) => format!("Default {d}"),
        (None, None) => String::new(),
    };
    let (control, extra) = control(props, &input_id, &describedby, error.is_some());
    let stacked = matches!(
        f.widget,
        Widget::ZoneSet | Widget::ZoneList { .. } | Widget::Steps(_) | Widget::Span { .. }
    );
    let label = match f.widget {
        Widget::ZoneSet | Widget::ZoneList { .. } | Widget::Toggle => {
            html! { <span class="field-label" id={format!("{input_id}-label")}>{ f.label }</span> }
        }
        _ => html! { <label class="field-label" for={input_id.clone()}>{ f.label }</label> },
    };
    html! {
        <div class={classes!("field-row", "param", stacked.then_some("stacked"), error.is_some().then_some("invalid"))}
            data-path={f.path.clone()}>
            <div class="field-top">
                { label }
                <div class="field-control">{ control }</div>
            </div>
            { for extra }
            if let Some(error) = &error {
                <p class="field-problem" id={error_id}>{ error.clone() }</p>
            }
            if !meta.is_empty() {
                <p class="field-meta" id={meta_id}>{ meta }</p>
            }
            <p class="field-help" id={help_id}>{ f.help }</p>
        </div>
    }
}

/// The field's control, and a second line for an optional field's "none" choice.
fn control(props: &FieldRowProps, input_id: &str, describedby: &str, invalid: bool) -> (Html, Option<Html>) {
    let f = &props.field;
    let id = props.id.to_string();
    let send_value = |path: String| {
        let (on_action, id) = (props.on_action.clone(), id.clone());
        move |value: Value| on_action.emit(Action::EditValue { id: id.clone(), path: path.clone(), value })
    };
    let only = |html: Html| (html, None);
    match &f.widget {
        Widget::Number { unit, none, lo, .. } => {
            let is_null = props.value.is_null();
            let input = text_input(props, &f.path, input_id, describedby, invalid, is_null, "decimal");
            let unit = (!unit.is_empty()).then(|| html! { <span class="unit">{ *unit }</span> });
            let toggle = none.map(|none| {
                let send = send_value(f.path.clone());
                let fallback = props
                    .default
                    .as_ref()
                    .and_then(|d| {
                        d.split_whitespace().next().and_then(|n| n.replace(',', "").parse::<f64>().ok())
                    })
                    .unwrap_or(lo.max(1.0));
                let on_toggle = Callback::from(move |e: Event| {
                    let checked = e.target_unchecked_into::<HtmlInputElement>().checked();
                    send(if checked { Value::Null } else { json!(fallback) });
                });
                html! {
                    <label class="none-toggle">
                        <input type="checkbox" checked={is_null} onchange={on_toggle} />
                        { none }
                    </label>
                }
            });
            (html! { <>{ input }{ for unit }</> }, toggle)
        }
        Widget::Span { unit, .. } => {
            let half = |k: usize, label: &str| {
                let path = format!("{}[{k}]", f.path);
                let id = if k == 0 { input_id.to_owned() } else { format!("{input_id}-hi") };
                // Each half is labelled by its own wrapping label ("longest" had none).
                let label = if k == 0 { label.to_owned() } else { format!("{}, {label}", f.label) };
                html! {
                    <label class="span-half">
                        { text_input(props, &path, &id, describedby, invalid, false, "decimal") }
                        <span class="visually-hidden">{ label }</span>
                    </label>
                }
            };
            only(html! {
                <span class="span-control" role="group" aria-label={format!("{}, shortest and longest", f.label)}>
                    { half(0, "shortest") }<span class="span-dash" aria-hidden="true">{"–"}</span>{ half(1, "longest") }
                    <span class="unit">{ *unit }</span>
                </span>
            })
        }
        Widget::Steps(_) => only(text_input(props, &f.path, input_id, describedby, invalid, false, "text")),
        Widget::Choice(options) => {
            let current = props.value.as_str().unwrap_or_default().to_owned();
            let send = send_value(f.path.clone());
            let on_change = Callback::from(move |e: Event| {
                send(Value::String(e.target_unchecked_into::<HtmlSelectElement>().value()));
            });
            let known = options.iter().any(|(v, _)| *v == current);
            only(html! {
                <select id={input_id.to_owned()} onchange={on_change} aria-describedby={describedby.to_owned()}
                    aria-invalid={invalid.to_string()}>
                    if !known {
                        <option value={current.clone()} selected=true>{ current.clone() }</option>
                    }
                    { for options.iter().map(|(value, label)| html! {
                        <option value={value.clone()} selected={*value == current}>{ label.clone() }</option>
                    }) }
                </select>
            })
        }
        Widget::Toggle => {
            let send = send_value(f.path.clone());
            let on_change = Callback::from(move |e: Event| {
                send(Value::Bool(e.target_unchecked_into::<HtmlInputElement>().checked()));
            });
            only(html! {
                <input type="checkbox" class="switch" id={input_id.to_owned()} role="switch"
                    checked={props.value.as_bool().unwrap_or(false)} onchange={on_change}
                    aria-labelledby={format!("{input_id}-label")} aria-describedby={describedby.to_owned()} />
            })
        }
        Widget::Zone { none } => {
            let current = props.value.as_str().map(str::to_owned);
            let send = send_value(f.path.clone());
            let on_change = Callback::from(move |e: Event| {
                let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                send(if v.is_empty() { Value::Null } else { Value::String(v) });
            });
            only(html! {
                <select id={input_id.to_owned()} onchange={on_change} aria-describedby={describedby.to_owned()}
                    aria-invalid={invalid.to_string()}>
                    if let Some(none) = none {
                        <option value="" selected={current.is_none()}>{ *none }</option>
                    }
                    { for props.zones.iter().map(|z| html! {
                        <option value={z.clone()} selected={current.as_deref() == Some(z.as_str())}>{ format!("Zone {}{z}", props.zone_prefix) }</option>
                    }) }
                </select>
            })
        }
        Widget::ZoneSet => only(zone_set(props, input_id, describedby, send_value(f.path.clone()))),
        Widget::ZoneList { max } => {
            only(zone_list(props, input_id, describedby, *max, send_value(f.path.clone())))
        }
    }
}

fn text_input(
    props: &FieldRowProps,
    path: &str,
    input_id: &str,
    describedby: &str,
    invalid: bool,
    disabled: bool,
    mode: &'static str,
) -> Html {
    let draft = props.drafts.iter().find(|d| d.path == path);
    let value = match draft {
        Some(d) => d.text.clone(),
        None => {
            let current = if path == props.field.path {
                props.value.clone()
            } else {
                // A span's half: `launch_time_s[1]` → element 1 of the span's value.
                let k: usize =
                    path.rsplit('[').next().and_then(|s| s.trim_end_matches(']').parse().ok()).unwrap_or(0);
                props.value.get(k).cloned().unwrap_or(Value::Null)
            };
            display(&props.field.widget, &current)
        }
    };
    let half_invalid = draft.is_some_and(|d| d.error.is_some()) || invalid;
    let (id, path) = (props.id.to_string(), path.to_owned());
    let oninput = {
        let (on_action, id, path) = (props.on_action.clone(), id.clone(), path.clone());
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            on_action.emit(Action::EditText { id: id.clone(), path: path.clone(), text });
        })
    };
    let onblur = {
        let (on_action, id, path) = (props.on_action.clone(), id.clone(), path.clone());
        Callback::from(move |_: FocusEvent| {
            on_action.emit(Action::EndFieldEdit { id: id.clone(), path: path.clone() })
        })
    };
    let onkeydown = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                e.stop_propagation();
                on_action.emit(Action::RevertField { id: id.clone(), path: path.clone() });
            }
        })
    };
    let wide = matches!(props.field.widget, Widget::Steps(_));
    html! {
        <input type="text" id={input_id.to_owned()} class={classes!("field-input", wide.then_some("wide"))}
            inputmode={mode} spellcheck="false" autocomplete="off"
            value={value} disabled={disabled} placeholder={disabled.then_some("—")}
            aria-invalid={half_invalid.to_string()} aria-describedby={describedby.to_owned()}
            {oninput} {onblur} {onkeydown} />
    }
}

fn zone_set(
    props: &FieldRowProps,
    input_id: &str,
    describedby: &str,
    send: impl Fn(Value) + Clone + 'static,
) -> Html {
    let chosen: Vec<String> = props
        .value
        .as_array()
        .map(|a| a.iter().filter_map(|z| z.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    let region = props.zones.clone();
    html! {
        <span class="zone-set" role="group" aria-labelledby={format!("{input_id}-label")}
            aria-describedby={describedby.to_owned()}>
            { for region.iter().map(|zone| {
                let on = chosen.contains(zone);
                let (send, chosen, region, zone_c) = (send.clone(), chosen.clone(), region.clone(), zone.clone());
                let on_change = Callback::from(move |_: Event| {
                    // Region order, then any zones the region no longer has (kept, so validate can name them).
                    let mut next: Vec<String> = region
                        .iter()
                        .filter(|z| if **z == zone_c { !on } else { chosen.contains(z) })
                        .cloned()
                        .collect();
                    next.extend(chosen.iter().filter(|z| !region.contains(z)).cloned());
                    send(json!(next));
                });
                html! {
                    <label class={classes!("zone-check", on.then_some("on"))}>
                        <input type="checkbox" checked={on} onchange={on_change} />
                        { format!("{}{zone}", props.zone_prefix) }
                    </label>
                }
            }) }
        </span>
    }
}

fn zone_list(
    props: &FieldRowProps,
    input_id: &str,
    describedby: &str,
    max: usize,
    send: impl Fn(Value) + Clone + 'static,
) -> Html {
    let list: Vec<String> = props
        .value
        .as_array()
        .map(|a| a.iter().filter_map(|z| z.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    let add = {
        let (send, list) = (send.clone(), list.clone());
        let zone = props.zones.get(1).or(props.zones.first()).cloned().unwrap_or_default();
        Callback::from(move |_: MouseEvent| {
            let mut next = list.clone();
            next.push(zone.clone());
            send(json!(next));
        })
    };
    html! {
        <span class="zone-list-control" role="group" aria-labelledby={format!("{input_id}-label")}
            aria-describedby={describedby.to_owned()}>
            { for list.iter().enumerate().map(|(k, zone)| {
                let (send_change, send_remove, list_c, list_r) = (send.clone(), send.clone(), list.clone(), list.clone());
                let on_change = Callback::from(move |e: Event| {
                    let mut next = list_c.clone();
                    next[k] = e.target_unchecked_into::<HtmlSelectElement>().value();
                    send_change(json!(next));
                });
                let on_remove = Callback::from(move |_: MouseEvent| {
                    let mut next = list_r.clone();
                    next.remove(k);
                    send_remove(json!(next));
                });
                html! {
                    <span class="zone-list-item">
                        <select onchange={on_change} aria-label={format!("Read replica {} zone", k + 1)}>
                            { for props.zones.iter().map(|z| html! {
                                <option value={z.clone()} selected={z == zone}>{ format!("Zone {}{z}", props.zone_prefix) }</option>
                            }) }
                        </select>
                        <button type="button" class="btn btn-small btn-quiet" onclick={on_remove}
                            aria-label={format!("Remove read replica {}", k + 1)}>{"Remove"}</button>
                    </span>
                }
            }) }
            if list.is_empty() {
                <span class="zone-list-empty">{"None"}</span>
            }
            <button type="button" class="btn btn-small" onclick={add} disabled={list.len() >= max}>{"+ Add read replica"}</button>
        </span>
    }
}

/// A default value as the field shows it: "30 s", "m5.large", "none".
pub fn default_text(field: &Field, value: &Value) -> Option<String> {
    let unit = match &field.widget {
        Widget::Number { unit, .. } | Widget::Span { unit, .. } => *unit,
        _ => "",
    };
    let with_unit = |s: String| if unit.is_empty() { s } else { format!("{s} {unit}") };
    match (&field.widget, value) {
        (_, Value::Null) => match &field.widget {
            Widget::Number { none: Some(none), .. } | Widget::Zone { none: Some(none) } => {
                Some(none.to_lowercase())
            }
            _ => None,
        },
        (Widget::Number { .. }, Value::Number(n)) => n.as_f64().map(|x| with_unit(crate::number::num(x))),
        (Widget::Span { .. }, Value::Array(a)) => {
            let n: Vec<String> = a.iter().filter_map(Value::as_f64).map(number_text).collect();
            Some(with_unit(n.join("–")))
        }
        (Widget::Toggle, Value::Bool(b)) => Some(if *b { "on" } else { "off" }.to_owned()),
        (Widget::Choice(options), Value::String(s)) => Some(
            options
                .iter()
                .find(|(v, _)| v == s)
                .map_or_else(|| s.clone(), |(_, l)| l.split(" · ").next().unwrap_or(l).to_owned()),
        ),
        (Widget::ZoneSet, Value::Array(a)) => {
            Some(a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", "))
        }
        _ => None,
    }
}
