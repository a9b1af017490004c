//! Undo and redo: the designs before each edit, kept as shared snapshots.
//!
//! A design is a few kilobytes, so whole snapshots are simpler and safer than inverse
//! operations: undo can never disagree with the edit it undoes. Snapshots are `Rc`s, so
//! the current design and the history share memory until an edit changes something.

use std::rc::Rc;

use nines_sim::design::Design;

/// One remembered design and what the edit that left it was.
#[derive(Clone, Debug)]
pub struct Entry {
    pub design: Rc<Design>,
    /// The edit in words, for the buttons' titles: "placed instance web-2 in zone b".
    pub label: String,
}

/// The designs before (past) and after (future) the current one; unlimited in a session.
#[derive(Clone, Debug, Default)]
pub struct History {
    past: Vec<Entry>,
    future: Vec<Entry>,
}

/// Histories are compared by identity of their snapshots: deep comparison of every
/// design on every state change would cost more than it tells.
impl PartialEq for History {
    fn eq(&self, other: &Self) -> bool {
        let same = |a: &[Entry], b: &[Entry]| {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| Rc::ptr_eq(&x.design, &y.design))
        };
        same(&self.past, &other.past) && same(&self.future, &other.future)
    }
}

impl History {
    /// Remembers `before`, the design an edit called `label` replaced; forgets any redo.
    pub fn record(&mut self, before: Rc<Design>, label: impl Into<String>) {
        self.past.push(Entry { design: before, label: label.into() });
        self.future.clear();
    }

    /// Renames the last step, when further typing into one field amended it.
    pub fn relabel(&mut self, label: &str) {
        if let Some(entry) = self.past.last_mut() {
            entry.label = label.to_owned();
        }
    }

    /// Gives the design before the last edit, remembering `current` for redo.
    pub fn undo(&mut self, current: Rc<Design>) -> Option<Entry> {
        let entry = self.past.pop()?;
        self.future.push(Entry { design: current, label: entry.label.clone() });
        Some(entry)
    }

    /// Gives the design the last undo left, remembering `current` for undo.
    pub fn redo(&mut self, current: Rc<Design>) -> Option<Entry> {
        let entry = self.future.pop()?;
        self.past.push(Entry { design: current, label: entry.label.clone() });
        Some(entry)
    }

    /// What undo would undo, if anything.
    pub fn undo_label(&self) -> Option<&str> {
        self.past.last().map(|e| e.label.as_str())
    }

    /// What redo would redo, if anything.
    pub fn redo_label(&self) -> Option<&str> {
        self.future.last().map(|e| e.label.as_str())
    }

    /// Number of edits that can be undone.
    pub fn depth(&self) -> usize {
        self.past.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nines_sim::design::reference;

    fn named(name: &str) -> Rc<Design> {
        let mut d = reference::single_server();
        d.name = name.to_owned();
        Rc::new(d)
    }

    #[test]
    fn undo_then_redo_walks_back_and_forth() {
        let mut h = History::default();
        let (a, b, c) = (named("a"), named("b"), named("c"));
        h.record(a.clone(), "edit 1");
        h.record(b.clone(), "edit 2");
        assert_eq!(h.undo_label(), Some("edit 2"));
        let back = h.undo(c.clone()).unwrap();
        assert!(Rc::ptr_eq(&back.design, &b));
        assert_eq!(h.redo_label(), Some("edit 2"));
        let back = h.undo(b.clone()).unwrap();
        assert!(Rc::ptr_eq(&back.design, &a));
        assert!(h.undo(a.clone()).is_none(), "nothing before the first edit");
        let fwd = h.redo(a.clone()).unwrap();
        assert!(Rc::ptr_eq(&fwd.design, &b));
        let fwd = h.redo(b).unwrap();
        assert!(Rc::ptr_eq(&fwd.design, &c));
        assert!(h.redo(c).is_none());
        assert_eq!(h.depth(), 2);
    }

    #[test]
    fn a_new_edit_forgets_the_redo_branch() {
        let mut h = History::default();
        h.record(named("a"), "one");
        h.undo(named("b"));
        assert!(h.redo_label().is_some());
        h.record(named("a"), "two");
        assert_eq!(h.redo_label(), None);
        assert_eq!(h.undo_label(), Some("two"));
    }

    #[test]
    fn unlimited_depth() {
        let mut h = History::default();
        for k in 0..1000 {
            h.record(named(&k.to_string()), format!("edit {k}"));
        }
        assert_eq!(h.depth(), 1000);
        let mut current = named("now");
        while let Some(entry) = h.undo(current.clone()) {
            current = entry.design;
        }
        assert_eq!(current.name, "0");
    }
}
