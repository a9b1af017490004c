//! Principle 2, multiple availability zones: every tier spans ≥ 2 zones with capacity to
//! carry the load when one is lost, the standby in another zone, and zone losses survived.

use super::experiment::{ExperimentKind, ExperimentRecord};
use super::score::{Card, Finding, Inputs, clock, disruption_share, percent, seconds};

/// Points for tiers spanning two zones.
const SPAN: u32 = 20;
/// Points for N+1 capacity per zone.
const N_PLUS_ONE: u32 = 20;
/// Points for no zone being a single point of failure.
const NO_ZONE_SPOF: u32 = 10;
/// Points for the zone-loss experiments.
const LOSSES: u32 = 50;

/// The checks of principle 2.
pub fn score(inputs: &Inputs<'_>) -> Card {
    let mut card = Card::default();
    span(inputs, &mut card);
    n_plus_one(inputs, &mut card);
    zone_single_points(inputs, &mut card);
    // A design with two regions also loses each whole region: its share of the points.
    let losses: Vec<_> =
        inputs.of_kind(ExperimentKind::LoseZone).chain(inputs.of_kind(ExperimentKind::LoseRegion)).collect();
    for (index, record) in &losses {
        card.measured(LOSSES / losses.len() as u32, survived(inputs, record), inputs, *index);
    }
    card
}

/// Each server layer, load balancer and database spans ≥ 2 zones.
fn span(inputs: &Inputs<'_>, card: &mut Card) {
    let s = inputs.structure;
    let mut items: Vec<(String, Vec<String>)> =
        s.layers.iter().map(|l| (l.members.join(" + "), l.zones.clone())).collect();
    for t in s.tiers.iter().filter(|t| t.kind == "load_balancer" || t.kind == "database") {
        items.push((t.id.clone(), t.zones.clone()));
    }
    for (who, zones) in &items {
        let ok = zones.len() >= 2;
        let text = format!(
            "{who} spans {} zone{} ({})",
            zones.len(),
            if zones.len() == 1 { "" } else { "s" },
            zones.join(", ")
        );
        let hint = format!("spread {who} over two zones or more (for a database: a standby in another zone)");
        let first = who.split(" + ").next();
        card.structure(SPAN / items.len() as u32, Finding::fact(ok, text, first, &hint));
    }
}

/// Each server layer carries its load with its worst zone lost.
fn n_plus_one(inputs: &Inputs<'_>, card: &mut Card) {
    let layers = &inputs.structure.layers;
    for layer in layers {
        let ok = layer.survives_zone_loss();
        let who = layer.members.join(" + ");
        let text = format!(
            "{who}: {:.0}/s of capacity left after losing zone {} for {:.0}/s of load at peak",
            layer.capacity_after_zone_loss,
            layer.worst_zone.as_deref().unwrap_or("?"),
            layer.load
        );
        let hint = format!(
            "give {who} enough instances in every zone that the others carry the load without one zone (N+1)"
        );
        let first = layer.members.first().map(String::as_str);
        card.structure(N_PLUS_ONE / layers.len() as u32, Finding::fact(ok, text, first, &hint));
    }
}

fn zone_single_points(inputs: &Inputs<'_>, card: &mut Card) {
    let spofs = &inputs.structure.zone_single_points;
    let ok = spofs.is_empty();
    let text = if ok {
        "no single zone's loss cuts every path".to_owned()
    } else {
        format!("losing zone {} cuts every path to some data store", spofs.join(" or "))
    };
    let hint = "place a second copy of everything that lives only in one zone in another zone";
    card.structure(NO_ZONE_SPOF, Finding::fact(ok, text, None, hint));
}

fn survived(inputs: &Inputs<'_>, record: &ExperimentRecord) -> Finding {
    let r = &record.result;
    let rto = inputs.recovery.iter().find(|x| x.kind.as_str() == "zone").map_or(300.0, |x| x.policy.rto_s);
    let recovered = r.time_to_recover_s.is_some_and(|s| s <= rto);
    let share = disruption_share(r.availability_during, recovered, r.writes_lost + r.messages_lost == 0);
    let text = format!(
        "{} at {} → {} available during, recovered: {}, {} writes lost",
        record.name,
        clock(record.faults.first().map_or(0, |f| f.at)),
        percent(r.availability_during),
        seconds(r.time_to_recover_s),
        r.writes_lost
    );
    let hint = if record.kind == ExperimentKind::LoseRegion {
        "keep a second region able to carry the load behind DNS failover, with fast health checks and a short TTL"
    } else {
        "spread every tier over two zones or more with N+1 capacity, and make the database Multi-AZ"
    }
    .to_owned();
    Finding { share, text, component: None, hint: Some(hint) }
}
