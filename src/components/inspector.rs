//! The inspector: every parameter of the selected component, editable, each with its
//! default, range, unit and a sentence on why it matters; then its links and a delete
//! button. Problems `validate` finds are shown next to the field they concern.

use std::rc::Rc;

use nines_sim::design::{Design, Problem, validate};
use serde_json::Value;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::field::{FieldRow, default_text};
use super::icon::Icon;
use crate::editor::check::is_under;
use crate::editor::field_value::{new_policy, to_value};
use crate::editor::fields::{self, Section};
use crate::editor::{Edit, describe};
use crate::kind::Kind;
use crate::state::{Action, Draft};

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub design: Rc<Design>,
    pub selected: Option<AttrValue>,
    #[prop_or_default]
    pub drafts: Vec<Draft>,
    pub on_action: Callback<Action>,
}

#[function_component(Inspector)]
pub fn inspector(props: &InspectorProps) -> Html {
    let problems = use_memo(props.design.clone(), |d| validate(d));
    let found = props
        .selected
        .as_deref()
        .and_then(|id| props.design.components.iter().enumerate().find(|(_, c)| c.id == id));
    html! {
        <section class="panel inspector" aria-labelledby="inspector-title">
            <header class="panel-head">
                <h2 id="inspector-title">{"Inspector"}</h2>
            </header>
            { match found {
                Some((index, _)) => body(props, index, &problems),
                None => html! {
                    <div class="empty">
                        <p class="empty-title">{"Nothing selected"}</p>
                        <p>{"Click a component on the canvas, or Tab to it and press Enter, to see and edit its parameters."}</p>
                    </div>
                },
            } }
        </section>
    }
}

fn body(props: &InspectorProps, index: usize, problems: &[Problem]) -> Html {
    let design = &props.design;
    let c = &design.components[index];
    let kind = Kind::of(&c.spec);
    let (tile, ink) = kind.colors();
    let prefix = format!("components[{index}]");
    let sections = fields::sections(design, c);
    let paths: Vec<String> = sections.iter().flat_map(|s| s.fields.iter().map(|f| f.path.clone())).collect();
    let id_path = format!("{prefix}.id");
    // Problems of this component that no shown field owns (and its id's), listed on top.
    let loose: Vec<&Problem> = problems
        .iter()
        .filter(|p| is_under(&p.path, &prefix))
        .filter(|p| !paths.iter().any(|f| is_under(&p.path, &format!("{prefix}.{f}"))) || p.path == id_path)
        .collect();
    let zones = Rc::new(design.region_of(c).zones.clone());
    let json = to_value(c);
    let id_draft = props.drafts.iter().find(|d| d.id == c.id && d.path == "id");
    let on_rename = {
        let (on_action, id) = (props.on_action.clone(), c.id.clone());
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            on_action.emit(Action::EditValue {
                id: id.clone(),
                path: "id".to_owned(),
                value: Value::String(value),
            });
        })
    };
    html! {
        <div class="inspector-body" data-selected={c.id.clone()}>
            <div class="inspector-title" style={format!("--tile: {tile}; --ink: {ink}")}>
                <span class="tile"><Icon kind={kind} /></span>
                <div class="inspector-name">
                    <p class="inspector-kind">{ kind.name() }</p>
                    <label class="visually-hidden" for="inspector-id">{"Id"}</label>
                    <input id="inspector-id" class="inspector-id" type="text" value={c.id.clone()} onchange={on_rename}
                        spellcheck="false" autocomplete="off" aria-describedby="inspector-id-help"
                        aria-invalid={id_draft.is_some_and(|d| d.error.is_some()).to_string()} />
                    <span id="inspector-id-help" class="visually-hidden">{"The component's id; press Enter to rename it."}</span>
                </div>
            </div>
            <p class="inspector-summary">{ describe::component(design, c) }</p>
            if let Some(error) = id_draft.and_then(|d| d.error.clone()) {
                <p class="field-problem">{ error }</p>
            }
            if kind == Kind::AutoScalingGroup {
                <p class="inspector-note">
                    {"Drag a hand-placed instance onto this group to attach it: as with AWS's AttachInstances, desired capacity grows by one and from then on the group replaces it from its launch template."}
                </p>
            }
            if !loose.is_empty() {
                <ul class="problems" aria-label="Problems">
                    { for loose.iter().map(|p| html! { <li>{ crate::editor::check::sentence(&p.message) }</li> }) }
                </ul>
            }
            { for sections.into_iter().map(|s| section(props, &c.id, kind, &prefix, s, &json, problems, &zones)) }
            { links(props, &c.id) }
            <div class="inspector-actions">
                <button type="button" class="btn btn-danger delete" aria-keyshortcuts="Delete"
                    onclick={props.on_action.reform({ let id = c.id.clone(); move |_| Action::Edit(Edit::Delete { id: id.clone() }) })}>
                    { format!("Delete {}", c.id) }
                </button>
            </div>
        </div>
    }
}

#[allow(clippy::too_many_arguments)]
fn section(
    props: &InspectorProps,
    id: &str,
    kind: Kind,
    prefix: &str,
    s: Section,
    json: &Value,
    problems: &[Problem],
    zones: &Rc<Vec<String>>,
) -> Html {
    let design = &props.design;
    let zone_prefix = AttrValue::from(match design.component(id) {
        Some(c) if design.region_index(c) > 0 => design.region_of(c).name.clone(),
        _ => String::new(),
    });
    let row = |f: fields::Field| {
        let full = format!("{prefix}.{}", f.path);
        let key = f.path.clone();
        let value = crate::editor::field_value::get(json, &f.path).cloned().unwrap_or(Value::Null);
        let default =
            fields::default_of(kind, &f.path).and_then(|v| default_text(&f, &v)).map(AttrValue::from);
        let drafts: Vec<Draft> = props
            .drafts
            .iter()
            .filter(|d| d.id == id && (d.path == f.path || is_under(&d.path, &f.path)))
            .cloned()
            .collect();
        let mine: Vec<AttrValue> = problems
            .iter()
            .filter(|p| is_under(&p.path, &full))
            .map(|p| AttrValue::from(crate::editor::check::sentence(&p.message)))
            .collect();
        html! {
            <FieldRow key={key} id={id.to_owned()} field={Rc::new(f)} value={value} default={default}
                drafts={drafts} problems={mine} zones={zones.clone()} zone_prefix={zone_prefix.clone()}
                on_action={props.on_action.clone()} />
        }
    };
    let heading_id = format!("section-{}", s.title.to_lowercase().replace(' ', "-"));
    if s.title == "Scaling policies" {
        return policies(props, id, s, json, row, heading_id);
    }
    html! {
        <section class="field-section" aria-labelledby={heading_id.clone()}>
            <h3 id={heading_id}>{ s.title }</h3>
            { for s.fields.into_iter().map(row) }
        </section>
    }
}

fn policies(
    props: &InspectorProps,
    id: &str,
    s: Section,
    json: &Value,
    row: impl Fn(fields::Field) -> Html,
    heading_id: String,
) -> Html {
    let list: Vec<Value> = json.get("policies").and_then(Value::as_array).cloned().unwrap_or_default();
    let send = |next: Vec<Value>| {
        let (on_action, id) = (props.on_action.clone(), id.to_owned());
        Callback::from(move |_: MouseEvent| {
            let value = Value::Array(next.clone());
            on_action.emit(Action::EditValue { id: id.clone(), path: "policies".to_owned(), value });
        })
    };
    let mut fields = s.fields.into_iter().peekable();
    let cards: Vec<Html> = (0..list.len())
        .map(|k| {
            let prefix = format!("policies[{k}].");
            let mut mine = Vec::new();
            while fields.peek().is_some_and(|f| f.path.starts_with(&prefix)) {
                mine.extend(fields.next());
            }
            let mut without = list.clone();
            without.remove(k);
            html! {
                <div class="policy-card">
                    <div class="policy-head">
                        <span>{ format!("Policy {}", k + 1) }</span>
                        <button type="button" class="btn btn-small btn-quiet" onclick={send(without)}
                            aria-label={format!("Remove scaling policy {}", k + 1)}>{"Remove"}</button>
                    </div>
                    { for mine.into_iter().map(&row) }
                </div>
            }
        })
        .collect();
    let mut with_new = list.clone();
    with_new.push(new_policy());
    html! {
        <section class="field-section" aria-labelledby={heading_id.clone()}>
            <h3 id={heading_id}>{ s.title }</h3>
            if list.is_empty() {
                <p class="field-help">{"None: the group keeps its desired capacity and only replaces failed instances."}</p>
            }
            { for cards }
            <button type="button" class="btn btn-small add-policy" onclick={send(with_new)}>{"+ Add scaling policy"}</button>
        </section>
    }
}

fn links(props: &InspectorProps, id: &str) -> Html {
    let design = &props.design;
    let out: Vec<String> = design.targets_of(id).map(str::to_owned).collect();
    let into: Vec<String> = design.sources_of(id).map(str::to_owned).collect();
    let remove = |from: &str, to: &str| {
        let edit = Edit::Disconnect { from: from.to_owned(), to: to.to_owned() };
        props.on_action.reform(move |_| Action::Edit(edit.clone()))
    };
    html! {
        <section class="field-section links" aria-labelledby="section-links">
            <h3 id="section-links">{"Links"}</h3>
            <ul class="link-list">
                { for out.iter().map(|to| html! {
                    <li>
                        <span class="link-dir">{"Sends work to"}</span>
                        <strong>{ to.clone() }</strong>
                        <button type="button" class="btn btn-small btn-quiet" onclick={remove(id, to)}
                            aria-label={format!("Remove the link {id} → {to}")}>{"Remove"}</button>
                    </li>
                }) }
                { for into.iter().map(|from| html! {
                    <li>
                        <span class="link-dir">{"Receives from"}</span>
                        <strong>{ from.clone() }</strong>
                        <button type="button" class="btn btn-small btn-quiet" onclick={remove(from, id)}
                            aria-label={format!("Remove the link {from} → {id}")}>{"Remove"}</button>
                    </li>
                }) }
                if out.is_empty() && into.is_empty() {
                    <li class="link-none">{"Not linked yet."}</li>
                }
            </ul>
            <button type="button" class="btn btn-small add-link" aria-keyshortcuts="L"
                onclick={props.on_action.reform({ let id = id.to_owned(); move |_| Action::StartLink(id.clone()) })}>
                {"+ Link to…"}
            </button>
            <p class="field-help">{"Or drag from the round handle on the component's right edge, or press L on it."}</p>
        </section>
    }
}
