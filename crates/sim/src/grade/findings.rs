//! The grader's structural findings on their own, without running an experiment: what
//! the design's shape loses points for (a single point of failure, a database without a
//! standby, a group in one zone, …). The CloudFormation export carries them in its
//! `Metadata`, because cfn-lint judges syntax and limits, not high availability.

use serde::{Deserialize, Serialize};

use super::report::{PrincipleId, Source};
use super::score::{Card, Inputs};
use super::structure::Structure;
use super::{automation, coupling, failure, scale, zones};
use crate::design::Design;

/// One structural check that lost points, or a note about a component.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StructuralFinding {
    /// The principle it belongs to, e.g. `multi_az`.
    pub principle: PrincipleId,
    /// The evidence sentence, as on the report card.
    pub text: String,
    /// The component it is about, if one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub component: Option<String>,
    /// Points lost (0 for a note).
    pub points_lost: u32,
    /// What to change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// The structural findings of `design` that lost points, and the notes, in principle
/// order and then check order. The same checks as [`super::grade`], given no experiments.
pub fn structural(design: &Design) -> Vec<StructuralFinding> {
    let structure = Structure::analyse(design);
    let inputs = Inputs { design, structure: &structure, experiments: &[], recovery: &[] };
    let cards: [(PrincipleId, Card); 5] = [
        (PrincipleId::DesignForFailure, failure::score(&inputs)),
        (PrincipleId::MultiAz, zones::score(&inputs)),
        (PrincipleId::BuildForScale, scale::score(&inputs)),
        (PrincipleId::LooseCoupling, coupling::score(&inputs)),
        (PrincipleId::AutomateAndTest, automation::score(&inputs)),
    ];
    let mut out = Vec::new();
    for (principle, card) in cards {
        for (evidence, hint) in card.into_lines() {
            let note = evidence.of == 0;
            if evidence.source != Source::Structure || !(note || evidence.points < 0) {
                continue;
            }
            out.push(StructuralFinding {
                principle,
                text: evidence.text,
                component: evidence.component,
                points_lost: evidence.points.unsigned_abs(),
                hint,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::reference;

    #[test]
    fn one_server_is_found_single_in_every_sense() {
        let found = structural(&reference::single_server());
        let texts: Vec<&str> = found.iter().map(|f| f.text.as_str()).collect();
        assert!(texts.iter().any(|t| t.contains("web-1 is a single point of failure")), "{texts:#?}");
        assert!(texts.iter().any(|t| t.contains("db-1") && t.contains("1 zone")), "{texts:#?}");
        assert!(found.iter().all(|f| f.points_lost > 0 && f.hint.is_some()), "{found:#?}");
    }

    #[test]
    fn three_tier_loses_nothing_on_structure() {
        let found = structural(&reference::three_tier());
        assert!(found.iter().all(|f| f.principle != PrincipleId::MultiAz), "{found:#?}");
        assert!(!found.iter().any(|f| f.text.contains("single point of failure")), "{found:#?}");
    }
}
