//! Drawing and removing links.
//!
//! Which links mean something is the library's business (`validate_links.rs`): a link is
//! allowed exactly when adding it to the design brings no problem on that link, and a
//! refusal quotes the library's explanation, hints included.

use nines_sim::design::{Connection, Design, validate};

use super::check::{is_under, sentence};
use super::{EditResult, Outcome, find};

/// Adds the link `from` → `to`, or explains why it means nothing.
pub fn connect(design: &Design, from: &str, to: &str) -> EditResult {
    let next = with_link(design, from, to)?;
    Ok(Outcome { design: next, message: format!("Linked {from} → {to}."), select: None })
}

/// Why `from` → `to` would be refused, or `Ok` if it may be drawn.
pub fn check(design: &Design, from: &str, to: &str) -> Result<(), String> {
    with_link(design, from, to).map(|_| ())
}

fn with_link(design: &Design, from: &str, to: &str) -> Result<Design, String> {
    find(design, from)?;
    find(design, to)?;
    if from == to {
        return Err(format!("{from} cannot send work to itself; drag the link to another component."));
    }
    if design.connections.iter().any(|c| c.from == from && c.to == to) {
        return Err(format!("{from} is already linked to {to}."));
    }
    let mut next = design.clone();
    next.connections.push(Connection { from: from.to_owned(), to: to.to_owned() });
    let path = format!("connections[{}]", next.connections.len() - 1);
    match validate(&next).into_iter().find(|p| is_under(&p.path, &path)) {
        Some(problem) => Err(sentence(&problem.message)),
        None => Ok(next),
    }
}

/// Removes the link `from` → `to`.
pub fn disconnect(design: &Design, from: &str, to: &str) -> EditResult {
    let mut next = design.clone();
    let before = next.connections.len();
    next.connections.retain(|c| !(c.from == from && c.to == to));
    if next.connections.len() == before {
        return Err(format!("There is no link {from} → {to}."));
    }
    Ok(Outcome { design: next, message: format!("Removed the link {from} → {to}."), select: None })
}

/// Every other component as a link target from `from`, with whether the link is allowed.
pub fn candidates(design: &Design, from: &str) -> Vec<(String, Result<(), String>)> {
    design
        .components
        .iter()
        .filter(|c| c.id != from)
        .map(|c| (c.id.clone(), check(design, from, &c.id)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use nines_sim::design::reference;

    #[test]
    fn meaningful_links_are_drawn() {
        let mut d = reference::single_server();
        d.connections.clear();
        let out = connect(&d, "clients", "web-1").unwrap();
        assert_eq!(out.design.connections, [Connection { from: "clients".into(), to: "web-1".into() }]);
        assert_eq!(out.message, "Linked clients → web-1.");
    }

    #[test]
    fn meaningless_links_are_refused_with_the_librarys_reason() {
        let d = reference::single_server();
        let err = connect(&d, "db-1", "web-1").unwrap_err();
        assert!(err.starts_with("Database db-1 would send work to"), "{err}");
        assert!(err.contains("draw the link from web-1 to db-1"), "{err}");
        assert!(connect(&d, "web-1", "web-1").unwrap_err().contains("itself"));
        assert!(connect(&d, "web-1", "db-1").unwrap_err().contains("already linked"));
        assert!(connect(&d, "web-1", "ghost").is_err());
    }

    #[test]
    fn candidates_say_which_targets_are_allowed() {
        let mut d = reference::single_server();
        d.connections.clear();
        let c = candidates(&d, "clients");
        assert_eq!(c.len(), 2);
        assert!(c.iter().find(|(id, _)| id == "web-1").unwrap().1.is_ok());
        assert!(c.iter().find(|(id, _)| id == "db-1").unwrap().1.is_err());
    }

    #[test]
    fn links_can_be_removed() {
        let out = disconnect(&reference::single_server(), "web-1", "db-1").unwrap();
        assert_eq!(out.design.connections.len(), 1);
        assert!(disconnect(&out.design, "web-1", "db-1").is_err());
    }
}
