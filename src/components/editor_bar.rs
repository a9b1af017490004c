//! The canvas panel's title bar: undo and redo (with what they would undo), a new design,
//! and the file and sharing buttons passed in by the app.

use yew::prelude::*;

use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct EditorBarProps {
    /// What undo would undo, if anything.
    pub undo: Option<AttrValue>,
    /// What redo would redo, if anything.
    pub redo: Option<AttrValue>,
    pub on_action: Callback<Action>,
    /// More buttons (import, export, share), drawn after New.
    #[prop_or_default]
    pub children: Html,
}

#[function_component(EditorBar)]
pub fn editor_bar(props: &EditorBarProps) -> Html {
    let title = |verb: &str, what: &Option<AttrValue>, keys: &str| match what {
        Some(what) => format!("{verb}: {what} ({keys})"),
        None => format!("Nothing to {} ({keys})", verb.to_lowercase()),
    };
    html! {
        <header class="panel-head editor-bar">
            <h2 id="canvas-title">{"Architecture"}</h2>
            <div class="toolbar" role="toolbar" aria-label="Design">
                <div class="btn-group">
                    <button type="button" class="btn btn-icon undo" disabled={props.undo.is_none()}
                        title={title("Undo", &props.undo, "Ctrl+Z")}
                        aria-keyshortcuts="Control+Z Meta+Z"
                        onclick={props.on_action.reform(|_| Action::Undo)}>
                        { glyph("M9 14 4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11") }
                        <span>{"Undo"}</span>
                    </button>
                    <button type="button" class="btn btn-icon redo" disabled={props.redo.is_none()}
                        title={title("Redo", &props.redo, "Ctrl+Shift+Z or Ctrl+Y")}
                        aria-keyshortcuts="Control+Shift+Z Control+Y Meta+Shift+Z"
                        onclick={props.on_action.reform(|_| Action::Redo)}>
                        { glyph("m15 14 5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13") }
                        <span>{"Redo"}</span>
                    </button>
                </div>
                <button type="button" class="btn btn-icon new-design" onclick={props.on_action.reform(|_| Action::AskNew)}
                    title="Start an empty design (asks first)">
                    { glyph("M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8zM14 3v5h5M12 12v6M9 15h6") }
                    <span>{"New"}</span>
                </button>
                { props.children.clone() }
            </div>
        </header>
    }
}

/// A stroked 24 × 24 glyph for a toolbar button (decorative: the button has text).
pub fn glyph(d: &'static str) -> Html {
    html! {
        <svg class="glyph-line" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
            <path d={d} />
        </svg>
    }
}
