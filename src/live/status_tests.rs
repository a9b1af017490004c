//! Live statuses of the three-tier reference design under each fault.

use nines_sim::design::reference;
use nines_sim::time::SECOND;
use nines_sim::{Command, World};

use super::*;
use crate::layout::NodeRole;
use crate::live::{database_status, links};

/// The three-tier design run for two minutes, and the name of one web instance.
fn warmed_up() -> (nines_sim::design::Design, World, String) {
    let design = reference::three_tier();
    let mut world = World::new(&design).unwrap();
    world.run_until(120 * SECOND);
    let snap = world.snapshot();
    let web = node_status(&snap, design.component("web").unwrap()).unwrap();
    assert!(web.instances.iter().all(|b| b.state == InstanceState::InService), "{web:?}");
    let victim = web.instances[0].name.clone();
    (design, world, victim)
}

fn badge_of(world: &World, name: &str) -> Badge {
    world.snapshot().instances.iter().rev().find(|i| i.name == name).map(badge).unwrap()
}

#[test]
fn a_killed_web_instance_fails_checks_then_leaves_service() {
    let (_, mut world, victim) = warmed_up();
    world.apply(Command::KillInstance { instance: victim.clone() }).unwrap();
    assert_eq!(badge_of(&world, &victim).state, InstanceState::Crashed);
    world.run_until(world.now() + 90 * SECOND);
    let snap = world.snapshot();
    let b = badge_of(&world, &victim);
    assert_eq!(b.tone, Tone::Bad, "{b:?}");
    assert!(b.text.contains("out of service") || b.text.contains("terminated"), "{b:?}");
    assert!(links::link_tone(&snap, "lb-1", "web").is_some() || b.text.contains("terminated"));
}

#[test]
fn a_hung_instance_counts_failed_checks_and_recovers() {
    let (_, mut world, victim) = warmed_up();
    world.apply(Command::HangInstance { instance: victim.clone() }).unwrap();
    let b = badge_of(&world, &victim);
    assert_eq!((b.state, b.tone), (InstanceState::Hung, Tone::Bad), "{b:?}");
    let mut seen_failing = false;
    for _ in 0..40 {
        world.run_until(world.now() + SECOND);
        seen_failing |= badge_of(&world, &victim).text.contains("failing 1/2");
    }
    assert!(seen_failing, "the first failed check shows as 1/2");
    world.apply(Command::RecoverInstance { instance: victim.clone() }).unwrap();
    assert_ne!(badge_of(&world, &victim).state, InstanceState::Hung);
}

#[test]
fn a_slow_instance_still_serves_and_says_by_how_much() {
    let (_, mut world, victim) = warmed_up();
    world.apply(Command::SlowInstance { instance: victim.clone(), factor: 5.0 }).unwrap();
    let b = badge_of(&world, &victim);
    assert_eq!((b.state, b.tone), (InstanceState::Slow, Tone::Warn), "{b:?}");
    assert_eq!(b.text, "slow ×5 · in service");
}

#[test]
fn losing_a_zone_downs_its_load_balancer_node_and_fails_the_database_over() {
    let (design, mut world, _) = warmed_up();
    world.apply(Command::LoseZone { zone: "a".into() }).unwrap();
    world.run_until(world.now() + SECOND);
    let snap = world.snapshot();
    assert!(snap.zones.iter().any(|z| z.name == "a" && z.lost));
    let lb = node_status(&snap, design.component("lb-1").unwrap()).unwrap();
    assert_eq!(lb.zone_nodes, [("a".to_owned(), Tone::Bad), ("b".to_owned(), Tone::Ok)]);
    let old = database_status::node(&snap, "db", "a", NodeRole::Primary).unwrap();
    let new = database_status::node(&snap, "db", "b", NodeRole::Standby).unwrap();
    assert_eq!((old.corner.as_deref(), old.tone), (Some("FAILED"), Tone::Bad), "{old:?}");
    assert_eq!(new.corner.as_deref(), Some("PROMOTING"), "{new:?}");
    assert!(new.moving && new.text.contains("left"), "{new:?}");
    world.run_until(world.now() + 180 * SECOND);
    let snap = world.snapshot();
    let new = database_status::node(&snap, "db", "b", NodeRole::Standby).unwrap();
    assert_eq!((new.corner.as_deref(), new.tone), (Some("PRIMARY"), Tone::Ok), "{new:?}");
}

#[test]
fn links_carry_the_request_rate() {
    let (design, world, _) = warmed_up();
    let snap = world.snapshot();
    assert_eq!(links::link_rate(&snap, &design, "clients", "lb-1"), Some(1000.0));
    let web = links::link_rate(&snap, &design, "lb-1", "web").unwrap();
    assert!((700.0..1300.0).contains(&web), "about 1000 requests/s reach web: {web}");
    assert_eq!(links::link_rate(&snap, &design, "web", "jobs"), None);
    assert!(links::width(0.0) < links::width(10.0) && links::width(10.0) < links::width(1000.0));
    assert!(links::width(1e9) <= links::MAX_WIDTH);
    assert_eq!(links::rate_text(840.4), "840/s");
    assert_eq!(links::rate_text(12_500.0), "12.5k/s");
}

#[test]
fn queues_show_depth_age_and_stopped_consumers() {
    let (design, mut world, _) = warmed_up();
    world.apply(Command::StopConsumers { queue: "jobs".into() }).unwrap();
    world.run_until(world.now() + 30 * SECOND);
    let q = node_status(&world.snapshot(), design.component("jobs").unwrap()).unwrap();
    assert_eq!(q.tone, Tone::Warn);
    assert!(q.text.contains("consumers stopped"), "{q:?}");
    assert!(q.corner.as_deref().is_some_and(|c| c.starts_with("oldest ")), "{q:?}");
    assert_eq!(age_text(4.25), "4.2 s");
    assert_eq!(age_text(300.0), "5 min");
}

#[test]
fn groups_show_their_limits_and_chaos_monkey() {
    let (design, mut world, _) = warmed_up();
    let web = design.component("web").unwrap();
    let g = node_status(&world.snapshot(), web).unwrap();
    assert_eq!(g.text, "min 4 · desired 4 · max 12");
    assert_eq!(g.corner, None);
    let chaos =
        Command::StartChaosMonkey { group: Some("web".into()), mean_interval_s: 60.0, business_hours: false };
    world.apply(chaos).unwrap();
    let g = node_status(&world.snapshot(), web).unwrap();
    assert_eq!(g.corner.as_deref(), Some("chaos"));
    let workers = node_status(&world.snapshot(), design.component("workers").unwrap()).unwrap();
    assert_eq!(workers.corner, None, "chaos monkey aims at web only");
}

#[test]
fn scaling_in_drains_an_instance_before_it_terminates() {
    let mut design = reference::three_tier();
    let web = design.components.iter_mut().find(|c| c.id == "web").unwrap();
    if let ComponentSpec::AutoScalingGroup(g) = &mut web.spec {
        g.min = 2;
    }
    let mut world = World::new(&design).unwrap();
    world.run_until(120 * SECOND);
    world.apply(Command::SetDesiredCapacity { group: "web".into(), desired: 2 }).unwrap();
    // Deregistration ends as soon as the requests in flight finish: look at once.
    let g = node_status(&world.snapshot(), design.component("web").unwrap()).unwrap();
    assert!(g.instances.iter().any(|b| b.state == InstanceState::Draining), "{g:?}");
    assert_eq!(g.text, "min 2 · desired 2 · max 12");
}
