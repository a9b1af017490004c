//! The reducer's design-editing half: edits, drops, typed fields, links, undo and redo.

use std::rc::Rc;

use nines_sim::design::{Design, Position};
use serde_json::Value;

use super::{Draft, FocusRequest, State, Status, Tone};
use crate::editor::fields;
use crate::editor::{self, Edit, EditResult, Outcome, Target, drop, field_value};

impl State {
    /// Makes one change to the design.
    pub(super) fn edit(&mut self, edit: Edit) {
        let result = editor::apply(&self.design, &edit);
        self.finish(&edit, result);
    }

    /// Places the armed palette kind at `target` (keyboard or click placement).
    pub(super) fn place_armed(&mut self, target: Target) {
        let Some(kind) = self.armed else { return };
        let edit = Edit::Place { kind, target, position: None };
        let result = editor::apply(&self.design, &edit);
        if result.is_ok() {
            self.armed = None;
        }
        self.finish(&edit, result);
    }

    /// A drag ended: `source` let go over `hit`, its top-left at `position`.
    pub(super) fn drop_at(&mut self, source: drop::Source, hit: drop::Hit, position: Option<Position>) {
        match drop::resolve(&self.design, &source, &hit, position) {
            Ok(edit) => {
                let result = editor::apply(&self.design, &edit);
                if result.is_ok() && matches!(source, drop::Source::Palette(_)) {
                    self.armed = None;
                }
                self.finish(&edit, result);
            }
            Err(reason) => self.say(reason, Tone::Refused),
        }
    }

    /// A choice made in a field: committed at once, or kept with the reason it was refused.
    pub(super) fn edit_value(&mut self, id: String, path: String, value: Value) {
        let edit = Edit::SetField { id: id.clone(), path: path.clone(), value: value.clone() };
        self.forget_draft(&id, &path);
        match editor::apply(&self.design, &edit) {
            Ok(outcome) => self.commit(outcome, None, true),
            Err(reason) => {
                let text = field_value::display(&fields::Widget::Toggle, &value);
                self.drafts.push(Draft { id, path, text, error: Some(reason.clone()) });
                self.say(reason, Tone::Refused);
            }
        }
    }

    /// A field lost focus: a valid text is now final; a refused one stays with its reason.
    pub(super) fn end_field_edit(&mut self, id: &str, path: &str) {
        self.typing = None;
        self.drafts.retain(|d| !(d.id == id && d.path == path && d.error.is_none()));
    }

    /// Starts drawing a link from component `id`; ignores ids the design does not have.
    pub(super) fn start_link(&mut self, id: String) {
        if self.design.component(&id).is_none() {
            return;
        }
        self.armed = None;
        self.selected = Some(id.clone());
        self.linking = Some(id.clone());
        self.say(
            format!("Linking from {id}: choose the component it sends work to, or press Escape."),
            Tone::Info,
        );
    }

    /// Finishes the link being drawn at component `to`.
    pub(super) fn link_to(&mut self, to: String) {
        let Some(from) = self.linking.clone() else { return };
        let edit = Edit::Connect { from, to };
        let result = editor::apply(&self.design, &edit);
        if result.is_ok() {
            self.linking = None;
        }
        self.finish(&edit, result);
    }

    /// Stops drawing a link; says so only when one was being drawn.
    pub(super) fn cancel_link(&mut self) {
        if self.linking.take().is_some() {
            self.say("Stopped linking.".to_owned(), Tone::Info);
        }
    }

    /// Replaces the design with an empty one in the same region (undoable).
    pub(super) fn confirm_new_design(&mut self) {
        self.confirm_new = false;
        let design = Rc::new(empty_like(&self.design));
        self.replace(design, "Started a new, empty design.".to_owned());
    }

    /// Commits a successful edit, or announces its refusal.
    fn finish(&mut self, edit: &Edit, result: EditResult) {
        match result {
            Ok(outcome) => {
                let focus = matches!(edit, Edit::Place { .. } | Edit::Move { .. } | Edit::Rename { .. });
                let typing = match edit {
                    Edit::SetDesignName { .. } => Some((String::new(), "name".to_owned())),
                    _ => None,
                };
                let keep_typing = typing.is_some();
                self.commit(outcome, typing, !keep_typing);
                if focus && let Some(id) = self.selected.clone() {
                    self.seq += 1;
                    self.focus = Some(FocusRequest { seq: self.seq, id });
                }
            }
            Err(reason) => self.say(reason, Tone::Refused),
        }
    }

    /// Makes `outcome` the current design. Edits of the field being typed into amend the
    /// last undo step instead of adding one per keystroke.
    fn commit(&mut self, outcome: Outcome, typing: Option<(String, String)>, announce: bool) {
        if outcome.design == *self.design {
            self.typing = typing;
            return;
        }
        let amend = typing.is_some() && typing == self.typing && self.history.depth() > 0;
        if amend {
            self.history.relabel(&outcome.message);
        } else {
            self.history.record(self.design.clone(), outcome.message.clone());
        }
        self.typing = typing;
        self.design = Rc::new(outcome.design);
        if let Some(id) = outcome.select {
            self.selected = Some(id);
        }
        self.forget_missing();
        if announce && !outcome.message.is_empty() {
            self.say(outcome.message, Tone::Done);
        }
    }

    pub(super) fn edit_text(&mut self, id: String, path: String, text: String) {
        let Some(component) = self.design.component(&id) else { return };
        // A span's halves (`launch_time_s[0]`) are typed into the span's field.
        let field = fields::all(&self.design, component)
            .into_iter()
            .find(|f| f.path == path || crate::editor::check::is_under(&path, &f.path));
        let result = match &field {
            Some(field) => field_value::parse(&field.widget, &text)
                .and_then(|value| field_value::set_field(&self.design, &id, &path, value)),
            None => Err(format!("{path} is not a field of {id}.")),
        };
        self.forget_draft(&id, &path);
        let key = Some((id.clone(), path.clone()));
        match result {
            Ok(outcome) => {
                self.drafts.push(Draft { id, path, text, error: None });
                self.commit(outcome, key, false);
            }
            // The typing session keeps its undo step (if it made one) across refused texts.
            Err(reason) => self.drafts.push(Draft { id, path, text, error: Some(reason) }),
        }
    }

    pub(super) fn forget_draft(&mut self, id: &str, path: &str) {
        self.drafts.retain(|d| !(d.id == id && d.path == path));
    }

    /// Clears selection, linking and drafts that name components no longer there.
    fn forget_missing(&mut self) {
        let design = self.design.clone();
        let exists = |id: &Option<String>| id.as_deref().is_none_or(|id| design.component(id).is_some());
        if !exists(&self.selected) {
            self.selected = None;
        }
        if !exists(&self.linking) {
            self.linking = None;
        }
        self.drafts.retain(|d| design.component(&d.id).is_some());
    }

    pub(super) fn undo(&mut self) {
        match self.history.undo(self.design.clone()) {
            Some(entry) => {
                self.design = entry.design;
                self.after_time_travel(format!("Undid: {}", lower_first(&entry.label)));
            }
            None => self.say("Nothing to undo.".to_owned(), Tone::Info),
        }
    }

    pub(super) fn redo(&mut self) {
        match self.history.redo(self.design.clone()) {
            Some(entry) => {
                self.design = entry.design;
                self.after_time_travel(format!("Redid: {}", lower_first(&entry.label)));
            }
            None => self.say("Nothing to redo.".to_owned(), Tone::Info),
        }
    }

    fn after_time_travel(&mut self, message: String) {
        self.typing = None;
        self.drafts.clear();
        self.forget_missing();
        self.say(message, Tone::Done);
    }

    pub(super) fn replace(&mut self, design: Rc<Design>, reason: String) {
        if *design == *self.design {
            self.say(reason, Tone::Info);
            return;
        }
        self.history.record(self.design.clone(), reason.clone());
        self.design = design;
        self.selected = None;
        self.armed = None;
        self.after_time_travel(reason);
    }

    /// Shows a message (start-up notes: the link opened, the autosave that could not be read).
    pub fn notify(&mut self, text: String, tone: Tone) {
        self.say(text, tone);
    }

    pub(crate) fn say(&mut self, text: String, tone: Tone) {
        self.seq += 1;
        self.status = Some(Status { seq: self.seq, text, tone });
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An empty design in the same region and zones: the canvas to build on.
pub fn empty_like(design: &Design) -> Design {
    Design {
        version: design.version,
        name: "Untitled design".to_owned(),
        seed: design.seed,
        regions: design.regions.clone(),
        components: Vec::new(),
        connections: Vec::new(),
    }
}
