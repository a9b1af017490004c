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
