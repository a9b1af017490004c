//! The Examples menu of the canvas toolbar: opens any reference design, each with a line
//! on what it shows ([`crate::examples`]). Opening one replaces the design the way an
//! import does ([`Action::ReplaceDesign`]), so Undo brings the previous design back.
//!
//! A menu button (WAI-ARIA): Enter, Space or ↓ open it on the first item, ↑ on the last;
//! ↑ ↓ Home End move; Enter chooses; Esc closes it and puts focus back on the button; Tab
//! or a click elsewhere closes it.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, Node};
use yew::prelude::*;

use super::editor_bar::glyph;
use crate::examples::{EXAMPLES, Example};
use crate::state::Action;

const MENU_ID: &str = "examples-menu";

#[derive(Properties, PartialEq)]
pub struct ExamplesMenuProps {
    pub on_action: Callback<Action>,
}

/// Which item gets focus when the menu opens.
#[derive(Clone, Copy, PartialEq)]
enum Open {
    First,
    Last,
}

#[function_component(ExamplesMenu)]
pub fn examples_menu(props: &ExamplesMenuProps) -> Html {
    let open = use_state_eq(|| None::<Open>);
    let root = use_node_ref();
    let button = use_node_ref();
    {
        let root = root.clone();
        use_effect_with(*open, move |open| match open {
            Some(Open::First) => focus_item(&root, 0),
            Some(Open::Last) => focus_item(&root, EXAMPLES.len() - 1),
            None => {}
        });
    }
    let close_to_button = {
        let (open, button) = (open.clone(), button.clone());
        Rc::new(move || {
            open.set(None);
            if let Some(b) = button.cast::<HtmlElement>() {
                let _ = b.focus();
            }
        })
    };
    let on_button = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(if open.is_some() { None } else { Some(Open::First) }))
    };
    let on_button_key = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "ArrowDown" => {
                e.prevent_default();
                open.set(Some(Open::First));
            }
            "ArrowUp" => {
                e.prevent_default();
                open.set(Some(Open::Last));
            }
            _ => {}
        })
    };
    let on_menu_key = {
        let (root, close) = (root.clone(), close_to_button.clone());
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            if key == "Escape" {
                // Handled here: the projector layout's Esc and the canvas's must not see it.
                e.prevent_default();
                e.stop_propagation();
                close();
            } else if let Some(step) = movement(&key) {
                e.prevent_default();
                move_focus(&root, step);
            }
        })
    };
    let on_focus_out = {
        let (root, open) = (root.clone(), open.clone());
        Callback::from(move |e: FocusEvent| {
            let inside = e
                .related_target()
                .and_then(|t| t.dyn_into::<Node>().ok())
                .is_some_and(|to| root.cast::<Node>().is_some_and(|r| r.contains(Some(&to))));
            if !inside {
                open.set(None);
            }
        })
    };
    let choose = |example: Example| {
        let (on_action, close) = (props.on_action.clone(), close_to_button.clone());
        Callback::from(move |_: MouseEvent| {
            close();
            let Some(design) = example.design() else { return };
            on_action.emit(Action::ReplaceDesign {
                reason: format!(
                    "Opened the example “{}”. Undo brings the previous design back.",
                    example.title()
                ),
                design: Rc::new(design),
            });
        })
    };
    html! {
        <div class="examples" ref={root.clone()} onfocusout={on_focus_out}>
            <button type="button" class="btn btn-icon examples-button" ref={button}
                aria-haspopup="menu" aria-expanded={open.is_some().to_string()} aria-controls={MENU_ID}
                title="Open one of the reference designs" onclick={on_button} onkeydown={on_button_key}>
                { glyph("M4 5.5A1.5 1.5 0 0 1 5.5 4H10l2 2h6.5A1.5 1.5 0 0 1 20 7.5v11a1.5 1.5 0 0 1-1.5 1.5h-13A1.5 1.5 0 0 1 4 18.5z") }
                <span>{"Examples"}</span>
            </button>
            <ul id={MENU_ID} class="examples-menu" role="menu" aria-label="Examples" hidden={open.is_none()}
                onkeydown={on_menu_key}>
                { for EXAMPLES.iter().map(|example| html! {
                    <li role="none">
                        <button type="button" role="menuitem" tabindex="-1" class="examples-item"
                            data-example={example.name} onclick={choose(*example)}>
                            <span class="examples-title">{ example.title() }</span>
                            <span class="examples-shows">{ example.shows }</span>
                        </button>
                    </li>
                }) }
            </ul>
        </div>
    }
}

/// How a key moves focus among the items: by one, or to an end.
#[derive(Clone, Copy)]
enum Step {
    By(isize),
    To(usize),
}

fn movement(key: &str) -> Option<Step> {
    match key {
        "ArrowDown" => Some(Step::By(1)),
        "ArrowUp" => Some(Step::By(-1)),
        "Home" => Some(Step::To(0)),
        "End" => Some(Step::To(EXAMPLES.len() - 1)),
        _ => None,
    }
}

fn items(root: &NodeRef) -> Vec<HtmlElement> {
    let Some(root) = root.cast::<web_sys::Element>() else { return Vec::new() };
    let Ok(list) = root.query_selector_all("[role=menuitem]") else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok()).collect()
}

fn focus_item(root: &NodeRef, index: usize) {
    if let Some(item) = items(root).get(index) {
        let _ = item.focus();
    }
}

/// Moves focus from the focused item, wrapping around at the ends.
fn move_focus(root: &NodeRef, step: Step) {
    let items = items(root);
    let n = items.len() as isize;
    if n == 0 {
        return;
    }
    let active = gloo::utils::document().active_element();
    let current = items.iter().position(|i| active.as_ref() == Some(i.unchecked_ref())).unwrap_or(0) as isize;
    let next = match step {
        Step::By(d) => (current + d).rem_euclid(n),
        Step::To(i) => i as isize,
    };
    let _ = items[next as usize].focus();
}
