//! Fault keys and settings on the three-tier reference design.

use nines_sim::World;
use nines_sim::design::reference;
use nines_sim::time::SECOND;

use super::*;

fn press(key: &str, design: &Design, snapshot: Option<&Snapshot>, selected: Option<&str>) -> KeyOutcome {
    let settings = FaultSettings::default();
    key_command(key, &Scene { design, snapshot, selected, settings: &settings }).expect("a fault key")
}

#[test]
fn keys_aim_at_the_selected_group_first_healthy_instance() {
    let design = reference::three_tier();
    let mut world = World::new(&design).unwrap();
    world.run_until(120 * SECOND);
    let snap = world.snapshot();
    let first = instances_of(&snap, "web").next().unwrap().name.clone();
    assert_eq!(
        press("k", &design, Some(&snap), Some("web")),
        Ok(Command::KillInstance { instance: first.clone() })
    );
    assert_eq!(
        press("S", &design, Some(&snap), Some("web")),
        Ok(Command::SlowInstance { instance: first.clone(), factor: SLOW_FACTOR })
    );
    world.apply(Command::HangInstance { instance: first.clone() }).unwrap();
    let snap = world.snapshot();
    let Ok(Command::HangInstance { instance: second }) = press("h", &design, Some(&snap), Some("web")) else {
        panic!("H hangs another instance")
    };
    assert_ne!(second, first, "a hung instance is not hung twice");
    assert_eq!(
        press("r", &design, Some(&snap), Some("web")),
        Ok(Command::RecoverInstance { instance: first })
    );
}

#[test]
fn database_zone_queue_and_chaos_keys() {
    let design = reference::three_tier();
    let mut world = World::new(&design).unwrap();
    world.run_until(10 * SECOND);
    let snap = world.snapshot();
    let db = Ok(Command::KillDatabasePrimary { database: "db".into() });
    assert_eq!(press("d", &design, Some(&snap), None), db, "the only database needs no selection");
    assert_eq!(press("k", &design, Some(&snap), Some("db")), db);
    assert_eq!(press("z", &design, Some(&snap), Some("db")), Ok(Command::LoseZone { zone: "a".into() }));
    world.apply(Command::LoseZone { zone: "a".into() }).unwrap();
    let snap = world.snapshot();
    assert_eq!(press("z", &design, Some(&snap), Some("db")), Ok(Command::RestoreZone { zone: "a".into() }));
    assert_eq!(
        press("q", &design, Some(&snap), Some("jobs")),
        Ok(Command::StopConsumers { queue: "jobs".into() })
    );
    let chaos = press("c", &design, Some(&snap), None).unwrap();
    assert!(matches!(chaos, Command::StartChaosMonkey { group: None, .. }), "{chaos:?}");
    world.apply(chaos).unwrap();
    assert_eq!(press("c", &design, Some(&world.snapshot()), None), Ok(Command::StopChaosMonkey));
    assert_eq!(press("t", &design, None, None), Ok(Command::TrafficSpike { factor: 3.0, duration_s: 60.0 }));
}

#[test]
fn keys_that_cannot_apply_say_what_to_select() {
    let design = reference::three_tier();
    let error = press("k", &design, None, None).unwrap_err();
    assert!(error.contains("select an instance or an auto-scaling group"), "{error}");
    let error = press("z", &design, None, Some("lb-1")).unwrap_err();
    assert!(error.contains("zone lanes"), "{error}");
    let error = press("q", &design, None, Some("web")).unwrap_err();
    assert!(error.contains("select the queue"), "{error}");
    assert_eq!(
        key_command(
            "x",
            &Scene { design: &design, snapshot: None, selected: None, settings: &FaultSettings::default() }
        ),
        None
    );
}

#[test]
fn settings_are_validated_with_the_field_and_the_fix() {
    let mut s = FaultSettings { spike_factor: "lots".into(), ..FaultSettings::default() };
    let e = s.spike().unwrap_err();
    assert_eq!(e.field, "spike-factor");
    assert!(e.message.starts_with("Spike factor: enter a multiplier from 1.1 to 100"), "{}", e.message);
    s.spike_factor = "5".into();
    s.spike_duration = "2m".into();
    assert_eq!(s.spike(), Ok(Command::TrafficSpike { factor: 5.0, duration_s: 120.0 }));
    s.spike_duration = "0".into();
    assert_eq!(s.spike().unwrap_err().field, "spike-duration");
    s.chaos_every = "1s".into();
    let e = s.chaos().unwrap_err();
    assert_eq!(e.field, "chaos-every");
    assert!(e.message.contains("from 10 s to 7 days"), "{}", e.message);
    s.chaos_every = "1h".into();
    s.business_hours = true;
    s.chaos_group = "web".into();
    assert_eq!(
        s.chaos(),
        Ok(Command::StartChaosMonkey {
            group: Some("web".into()),
            mean_interval_s: 3600.0,
            business_hours: true
        })
    );
}

#[test]
fn o_breaks_the_selected_or_only_key_value_store_and_restores_it_when_down() {
    let design = reference::session_store();
    let mut world = World::new(&design).unwrap();
    world.run_until(10 * SECOND);
    let outage = Ok(Command::StoreOutage { store: "sessions".into() });
    assert_eq!(press("o", &design, Some(&world.snapshot()), Some("sessions")), outage);
    assert_eq!(press("O", &design, None, None), outage, "the only store needs no selection");
    assert_eq!(press("o", &design, Some(&world.snapshot()), Some("web-1")), outage);
    world.apply(Command::StoreOutage { store: "sessions".into() }).unwrap();
    assert_eq!(
        press("o", &design, Some(&world.snapshot()), Some("sessions")),
        Ok(Command::RestoreStore { store: "sessions".into() })
    );

    let none = press("o", &reference::three_tier(), None, Some("web")).unwrap_err();
    assert!(none.contains("the design has none"), "{none}");
    let mut two = design.clone();
    let mut second = two.component("sessions").unwrap().clone();
    second.id = "carts".into();
    two.components.push(second);
    let which = press("o", &two, None, None).unwrap_err();
    assert!(which.contains("select which store"), "{which}");
    assert_eq!(press("o", &two, None, Some("carts")), Ok(Command::StoreOutage { store: "carts".into() }));
}

#[test]
fn b_and_e_break_the_bucket_and_the_cdn_and_restore_them_when_down() {
    let design = reference::static_cdn();
    let mut world = World::new(&design).unwrap();
    world.run_until(10 * SECOND);
    let storage_outage = Ok(Command::StorageOutage { storage: "assets".into() });
    assert_eq!(press("b", &design, Some(&world.snapshot()), Some("assets")), storage_outage);
    assert_eq!(
        press("B", &design, None, Some("web-1")),
        storage_outage,
        "the only bucket needs no selection"
    );
    let cdn_outage = Ok(Command::CdnOutage { cdn: "cdn".into() });
    assert_eq!(press("e", &design, Some(&world.snapshot()), Some("cdn")), cdn_outage);
    assert_eq!(press("E", &design, None, None), cdn_outage);
    world.apply(Command::StorageOutage { storage: "assets".into() }).unwrap();
    world.apply(Command::CdnOutage { cdn: "cdn".into() }).unwrap();
    let snap = world.snapshot();
    assert_eq!(
        press("b", &design, Some(&snap), None),
        Ok(Command::RestoreStorage { storage: "assets".into() })
    );
    assert_eq!(press("e", &design, Some(&snap), None), Ok(Command::RestoreCdn { cdn: "cdn".into() }));

    let none = press("e", &reference::three_tier(), None, Some("web")).unwrap_err();
    assert_eq!(none, "E breaks a CDN, and the design has none.");
    let none = press("b", &reference::three_tier(), None, None).unwrap_err();
    assert_eq!(none, "B breaks object storage, and the design has none.");
    let mut two = design.clone();
    let mut second = two.component("assets").unwrap().clone();
    second.id = "images".into();
    two.components.push(second);
    assert_eq!(
        press("b", &two, None, None).unwrap_err(),
        "B breaks object storage: select which bucket first."
    );
    assert_eq!(
        press("b", &two, None, Some("images")),
        Ok(Command::StorageOutage { storage: "images".into() })
    );
}

#[test]
fn fault_keys_are_distinct_and_collide_with_no_other_key_map() {
    let keys: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), keys.len(), "each fault key once: {keys:?}");
    let design = reference::static_cdn();
    for key in &keys {
        assert!(
            key_command(
                key,
                &Scene {
                    design: &design,
                    snapshot: None,
                    selected: None,
                    settings: &FaultSettings::default(),
                }
            )
            .is_some(),
            "{key} is listed and handled"
        );
    }
    // The embed's presenter keys act on their own (K and Z are the same faults there).
    for key in ["N", "R", "?", ".", " "] {
        let presenter = crate::embed::keys::presenter_key(key).is_some();
        assert!(presenter, "{key} is a presenter key");
        assert!(key == "R" || !keys.contains(&key), "{key} would mean two things in an embed");
    }
    // L starts a link on a focused component card.
    assert!(!keys.contains(&"L"));
}
