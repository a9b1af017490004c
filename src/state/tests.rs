use std::rc::Rc;

use nines_sim::design::{ComponentSpec, Position, reference};
use nines_sim::time;
use serde_json::json;
use yew::Reducible;

use super::*;
use crate::editor::drop::{Hit, Source};
use crate::editor::{Edit, Target};
use crate::kind::Kind;

fn start() -> Rc<State> {
    Rc::new(State::new(crate::starter::design()))
}

fn run(state: Rc<State>, actions: impl IntoIterator<Item = Action>) -> Rc<State> {
    actions.into_iter().fold(state, |s, a| s.reduce(a))
}

fn status(s: &State) -> (&str, Tone) {
    let st = s.status.as_ref().expect("a status message");
    (st.text.as_str(), st.tone)
}

#[test]
fn starts_paused_at_zero_with_nothing_selected() {
    let s = start();
    assert!(!s.playing);
    assert_eq!((s.clock, s.speed, s.selected.as_deref()), (0, 1, None));
}

#[test]
fn play_toggles() {
    let s = run(start(), [Action::TogglePlay]);
    assert!(s.playing);
    assert!(!run(s, [Action::TogglePlay]).playing);
}

#[test]
fn step_pauses_and_advances_one_step() {
    let s = run(start(), [Action::TogglePlay, Action::Step, Action::Step]);
    assert!(!s.playing);
    assert_eq!(s.clock, 2 * STEP);
}

#[test]
fn speed_accepts_only_offered_values() {
    assert_eq!(run(start(), [Action::SetSpeed(20)]).speed, 20);
    assert_eq!(run(start(), [Action::SetSpeed(20), Action::SetSpeed(3)]).speed, 20);
}

#[test]
fn fast_forward_jumps_and_explains_bad_times() {
    let mut s = run(start(), [Action::EditFastForward("00:05:00".into()), Action::FastForward]);
    assert!(s.fast_forward_progress().is_none_or(|p| p > 0.0));
    for _ in 0..10_000 {
        if s.fast_forward_to.is_none() {
            break;
        }
        s = s.reduce(Action::Frame { elapsed_ms: 16.0 });
    }
    assert_eq!(s.clock, 5 * time::MINUTE);
    assert_eq!(s.fast_forward_progress(), None);
    let s = run(start(), [Action::EditFastForward("soon".into()), Action::FastForward]);
    assert!(s.fast_forward_error.as_deref().unwrap().contains("such as"));
}

#[test]
fn frames_advance_elapsed_times_speed_only_while_playing() {
    let s = run(start(), [Action::Frame { elapsed_ms: 50.0 }]);
    assert_eq!(s.clock, 0);
    let s = run(start(), [Action::SetSpeed(20), Action::TogglePlay, Action::Frame { elapsed_ms: 50.0 }]);
    assert_eq!(s.clock, time::SECOND);
    // A long stall counts as at most MAX_FRAME_MS.
    let s = run(s, [Action::Frame { elapsed_ms: 60_000.0 }]);
    assert_eq!(s.clock, 3 * time::SECOND);
}

#[test]
fn a_fault_is_logged_and_editing_the_design_resets_the_run() {
    let s = run(
        Rc::new(State::new(reference::three_tier())),
        [Action::Step, Action::Fault(nines_sim::Command::LoseZone { zone: "a".into() })],
    );
    assert!(s.snapshot.as_ref().unwrap().zones.iter().any(|z| z.name == "a" && z.lost));
    assert!(!s.events.is_empty());
    let s = run(s, [Action::Edit(Edit::SetDesignName { name: "Other".into() })]);
    assert_eq!((s.clock, s.events.len(), s.live.is_running()), (0, 0, false));
}

#[test]
fn a_frame_that_adds_no_log_line_shares_the_lines_instead_of_copying_them() {
    let lose_a = Action::Fault(nines_sim::Command::LoseZone { zone: "a".into() });
    let mut s = run(Rc::new(State::new(reference::three_tier())), [Action::Step, lose_a, Action::TogglePlay]);
    assert!(!s.events.is_empty(), "the fault is narrated");
    let (mut shared, mut copied) = (0, 0);
    for _ in 0..60 {
        let next = s.clone().reduce(Action::Frame { elapsed_ms: 16.0 });
        assert!(next.clock > s.clock, "the frame moved the clock");
        if next.events.len() == s.events.len() && next.events.last() == s.events.last() {
            assert!(Rc::ptr_eq(&next.events, &s.events), "an unchanged log is shared, not copied");
            shared += 1;
        } else {
            copied += 1;
        }
        s = next;
    }
    assert!(shared > 0, "some frames add no line ({copied} did)");
}

#[test]
fn cancelling_a_link_when_none_is_drawn_says_nothing() {
    let s = run(start(), [Action::CancelLink]);
    assert!(s.status.is_none());
    let s = run(start(), [Action::StartLink("web-1".into()), Action::CancelLink]);
    assert_eq!(status(&s), ("Stopped linking.", Tone::Info));
    assert_eq!(s.linking, None);
}

#[test]
fn selects_only_existing_components() {
    let s = run(start(), [Action::Select("db-1".into()), Action::Select("ghost".into())]);
    assert_eq!(s.selected.as_deref(), Some("db-1"));
    assert_eq!(run(s, [Action::ClearSelection]).selected, None);
}

#[test]
fn arming_a_kind_twice_disarms_it() {
    let s = run(start(), [Action::Arm(Kind::Queue)]);
    assert_eq!(s.armed, Some(Kind::Queue));
    assert_eq!(run(s.clone(), [Action::Arm(Kind::Alarm)]).armed, Some(Kind::Alarm));
    assert_eq!(run(s, [Action::Arm(Kind::Queue)]).armed, None);
}

#[test]
fn actions_that_change_nothing_keep_the_same_state() {
    let s = start();
    assert!(Rc::ptr_eq(&s, &s.clone().reduce(Action::SetSpeed(3))));
}

fn drop_instance(zone: &str) -> Action {
    Action::Drop { source: Source::Palette(Kind::Instance), hit: Hit::Lane(zone.into()), position: None }
}

#[test]
fn an_accepted_drop_places_selects_focuses_and_announces() {
    let s = run(start(), [drop_instance("b")]);
    assert!(s.design.component("web-2").is_some());
    assert_eq!(s.selected.as_deref(), Some("web-2"));
    assert_eq!(s.focus.as_ref().map(|f| f.id.as_str()), Some("web-2"));
    assert_eq!(status(&s), ("Placed instance web-2 in zone b.", Tone::Done));
    assert_eq!(s.history.depth(), 1);
}

#[test]
fn a_refused_drop_says_why_and_changes_nothing() {
    let before = start();
    let s = run(
        before.clone(),
        [Action::Drop { source: Source::Palette(Kind::Instance), hit: Hit::Band(0), position: None }],
    );
    assert_eq!(s.design, before.design);
    let (text, tone) = status(&s);
    assert_eq!(tone, Tone::Refused);
    assert!(text.contains("drop it inside a zone lane"), "{text}");
    assert_eq!(s.history.depth(), 0);
}

#[test]
fn moving_between_zones_then_undo_and_redo() {
    let p = Some(Position { x: 1.0, y: 2.0 });
    let s = run(
        start(),
        [Action::Drop {
            source: Source::Node { id: "web-1".into() },
            hit: Hit::Lane("c".into()),
            position: p,
        }],
    );
    let zone = |s: &State| match &s.design.component("web-1").unwrap().spec {
        ComponentSpec::Instance(i) => i.zone.clone(),
        _ => unreachable!(),
    };
    assert_eq!(zone(&s), "c");
    let s = run(s, [Action::Undo]);
    assert_eq!(zone(&s), "a");
    assert_eq!(status(&s).0, "Undid: moved instance web-1 from zone a to zone c.");
    let s = run(s, [Action::Redo]);
    assert_eq!(zone(&s), "c");
    let s = run(s, [Action::Redo]);
    assert_eq!(status(&s).0, "Nothing to redo.");
}

#[test]
fn deleting_removes_links_and_undo_brings_them_back() {
    let s = run(start(), [Action::Select("web-1".into()), Action::Edit(Edit::Delete { id: "web-1".into() })]);
    assert!(s.design.connections.is_empty());
    assert_eq!(s.selected, None, "the deleted component is no longer selected");
    let s = run(s, [Action::Undo]);
    assert_eq!(s.design.connections.len(), 2);
}

#[test]
fn a_refused_link_explains_and_keeps_linking() {
    let s = run(start(), [Action::StartLink("db-1".into()), Action::LinkTo("web-1".into())]);
    assert_eq!(s.linking.as_deref(), Some("db-1"));
    let (text, tone) = status(&s);
    assert_eq!(tone, Tone::Refused);
    assert!(text.contains("draw the link from web-1 to db-1"), "{text}");
    let s = run(s, [Action::CancelLink]);
    assert_eq!(s.linking, None);
}

#[test]
fn a_link_by_keyboard_is_drawn() {
    let s =
        run(start(), [drop_instance("b"), Action::StartLink("web-2".into()), Action::LinkTo("db-1".into())]);
    assert!(s.design.connections.iter().any(|c| c.from == "web-2" && c.to == "db-1"));
    assert_eq!(s.linking, None);
}

#[test]
fn invalid_typed_values_stay_in_the_field_and_the_design_is_unchanged() {
    let s = run(start(), [Action::Select("web-1".into())]);
    let before = s.design.clone();
    let s =
        run(s, [Action::EditText { id: "web-1".into(), path: "service.mean_ms".into(), text: "-5".into() }]);
    assert_eq!(s.design, before);
    let d = s.draft("web-1", "service.mean_ms").unwrap();
    assert_eq!(d.text, "-5");
    assert!(d.error.as_deref().unwrap().contains("0.01–600,000 ms"), "{:?}", d.error);
    let s = run(s, [Action::EndFieldEdit { id: "web-1".into(), path: "service.mean_ms".into() }]);
    assert!(s.draft("web-1", "service.mean_ms").is_some(), "a refused text survives leaving the field");
    let s =
        run(s, [Action::EditText { id: "web-1".into(), path: "service.mean_ms".into(), text: "80".into() }]);
    assert!(s.draft("web-1", "service.mean_ms").unwrap().error.is_none());
    let s = run(s, [Action::EndFieldEdit { id: "web-1".into(), path: "service.mean_ms".into() }]);
    assert!(s.draft("web-1", "service.mean_ms").is_none());
}

#[test]
fn typing_into_one_field_is_one_undo_step() {
    let s = run(start(), [Action::Select("web-1".into())]);
    let key = |text: &str| Action::EditText {
        id: "web-1".into(),
        path: "service.mean_ms".into(),
        text: text.into(),
    };
    let s = run(s, [key("1"), key("12"), key("12x"), key("120")]);
    assert_eq!(s.history.depth(), 1);
    let s = run(s, [Action::Undo]);
    assert_eq!(*s.design, crate::starter::design());
}

#[test]
fn a_refused_choice_is_explained_next_to_the_field() {
    let mut d = reference::three_tier();
    d.name = "x".into();
    let s = run(
        Rc::new(State::new(d)),
        [Action::EditValue { id: "db".into(), path: "standby_zone".into(), value: json!("a") }],
    );
    let draft = s.draft("db", "standby_zone").unwrap();
    assert!(draft.error.as_deref().unwrap().contains("same zone as its primary"));
    assert_eq!(s.history.depth(), 0);
}

#[test]
fn zones_are_added_and_removed_with_reasons() {
    let s = run(start(), [Action::Edit(Edit::AddZone { region: 0 })]);
    assert_eq!(s.design.region().zones, ["a", "b", "c", "d"]);
    let s = run(s, [Action::Edit(Edit::RemoveZone { region: 0, zone: "a".into() })]);
    assert_eq!(status(&s).1, Tone::Refused);
    assert!(status(&s).0.contains("instance web-1"));
    let s = run(s, [Action::Edit(Edit::RemoveZone { region: 0, zone: "d".into() }), Action::Undo]);
    assert_eq!(s.design.region().zones.len(), 4);
}

#[test]
fn a_second_region_is_added_filled_and_undone() {
    let s = run(start(), [Action::Edit(Edit::AddRegion)]);
    assert_eq!(s.design.regions.len(), 2);
    assert_eq!(status(&s).1, Tone::Done);
    let s = run(
        s,
        [
            Action::Arm(Kind::LoadBalancer),
            Action::PlaceArmed(Target::Region(1)),
            Action::Arm(Kind::Instance),
            Action::PlaceArmed(Target::Zone("us-west-2b".into())),
        ],
    );
    assert_eq!(s.design.component("lb-1").unwrap().region.as_deref(), Some("us-west-2"));
    assert_eq!(s.design.component("web-2").unwrap().region.as_deref(), Some("us-west-2"));
    let s = run(s, [Action::Edit(Edit::RemoveRegion { region: 1 })]);
    assert_eq!(status(&s).1, Tone::Refused);
    assert!(status(&s).0.contains("load balancer lb-1 and instance web-2"), "{}", status(&s).0);
    let s = run(s, [Action::Undo, Action::Undo]);
    assert!(s.design.component("lb-1").is_none());
    let s = run(s, [Action::Edit(Edit::RemoveRegion { region: 1 })]);
    assert_eq!(*s.design, reference::single_server());
    let s = run(s, [Action::Undo]);
    assert_eq!(s.design.regions.len(), 2, "removing a region is undone too");
    let s = run(s, [Action::Redo]);
    assert_eq!(s.design.regions.len(), 1);
}

#[test]
fn new_asks_first_and_can_be_undone() {
    let s = run(start(), [Action::AskNew]);
    assert!(s.confirm_new);
    assert_eq!(s.design.components.len(), 3, "nothing discarded before confirming");
    let s = run(s, [Action::CancelNew]);
    assert!(!s.confirm_new);
    let s = run(s, [Action::AskNew, Action::ConfirmNew]);
    assert!(s.design.components.is_empty());
    assert_eq!(s.design.region().zones, ["a", "b", "c"]);
    let s = run(s, [Action::Undo]);
    assert_eq!(s.design.components.len(), 3);
}

#[test]
fn replacing_the_design_is_undoable() {
    let three = Rc::new(reference::three_tier());
    let s = run(
        start(),
        [
            Action::Select("web-1".into()),
            Action::ReplaceDesign { design: three.clone(), reason: "Imported three-tier.".into() },
        ],
    );
    assert_eq!(s.design, three);
    assert_eq!(s.selected, None);
    assert_eq!(status(&s).0, "Imported three-tier.");
    assert_eq!(run(s, [Action::Undo]).design.components.len(), 3);
}

#[test]
fn keyboard_placement_uses_the_armed_kind() {
    let s = run(start(), [Action::Arm(Kind::Database), Action::PlaceArmed(Target::Region(0))]);
    assert_eq!(status(&s).1, Tone::Refused);
    assert_eq!(s.armed, Some(Kind::Database), "still armed after a refusal");
    let s = run(s, [Action::PlaceArmed(Target::Zone("c".into()))]);
    assert!(s.design.component("db-2").is_some());
    assert_eq!(s.armed, None);
}

#[test]
fn a_long_session_undoes_all_the_way_back() {
    let mut s = start();
    for zone in ["a", "b", "c", "a", "b", "c"] {
        s = run(s, [drop_instance(zone)]);
    }
    s = run(
        s,
        [Action::Edit(Edit::Delete { id: "web-3".into() }), Action::Edit(Edit::AddZone { region: 0 })],
    );
    assert_eq!(s.history.depth(), 8);
    for _ in 0..8 {
        s = run(s, [Action::Undo]);
    }
    assert_eq!(*s.design, crate::starter::design());
    for _ in 0..8 {
        s = run(s, [Action::Redo]);
    }
    assert_eq!(s.design.components.len(), 8);
    assert_eq!(s.design.region().zones.len(), 4);
}

/// Runs frames until a fast-forward or re-simulation is done.
fn settle(mut s: Rc<State>) -> Rc<State> {
    for _ in 0..10_000 {
        if s.fast_forward_to.is_none() {
            return s;
        }
        s = s.reduce(Action::Frame { elapsed_ms: 16.0 });
    }
    panic!("still simulating at {}", s.clock);
}

/// The three-tier design fast-forwarded to `to`.
fn three_tier_at(s: Rc<State>, to: &str) -> Rc<State> {
    settle(run(s, [Action::EditFastForward(to.into()), Action::FastForward]))
}

fn kill(instance: &str) -> Action {
    Action::Fault(nines_sim::Command::KillInstance { instance: instance.into() })
}

#[test]
fn seeking_back_and_forth_shows_the_same_run() {
    let s = three_tier_at(Rc::new(State::new(reference::three_tier())), "00:02:00");
    let s = three_tier_at(run(s, [kill("i-1")]), "00:03:00");
    let (snapshot, events) = (s.snapshot.clone(), s.events.clone());
    assert_eq!((s.reached, s.applied.len()), (3 * time::MINUTE, 1));

    let back = settle(run(s, [Action::TogglePlay, Action::Seek(90 * time::SECOND)]));
    assert!(!back.playing, "seeking pauses");
    assert_eq!((back.clock, back.reached), (90 * time::SECOND, 3 * time::MINUTE));
    assert!(back.events.iter().all(|e| e.at <= 90 * time::SECOND), "the log is rebuilt");
    assert_eq!(back.applied.len(), 1, "the fault is still recorded, to come");

    let again = settle(run(back, [Action::Seek(3 * time::MINUTE)]));
    assert_eq!(again.clock, 3 * time::MINUTE);
    assert_eq!(again.snapshot, snapshot);
    assert_eq!(again.events, events);
}

#[test]
fn a_fault_after_seeking_back_says_the_run_branches() {
    let s = three_tier_at(Rc::new(State::new(reference::three_tier())), "00:01:00");
    let s = three_tier_at(run(s, [kill("i-1")]), "00:02:00");
    let s = settle(run(s, [Action::Seek(30 * time::SECOND), kill("i-2")]));
    let (text, tone) = status(&s);
    assert_eq!(tone, Tone::Info);
    assert!(text.contains("branches") && text.contains("the fault recorded after it"), "{text}");
    assert_eq!((s.reached, s.applied.len()), (30 * time::SECOND, 1), "the kill at 1 min is gone");
    assert_eq!(s.applied[0].command, nines_sim::Command::KillInstance { instance: "i-2".into() });
}

#[test]
fn replay_from_start_keeps_the_faults_and_plays() {
    let s = three_tier_at(Rc::new(State::new(reference::three_tier())), "00:00:20");
    let s = run(s, [kill("i-1"), Action::ReplayFromStart]);
    assert!(s.playing);
    assert_eq!((s.clock, s.applied.len()), (0, 1));
    assert!(status(&s).0.contains("same fault"), "{}", status(&s).0);
    // Seeking is clamped to what the run has reached.
    let s = settle(run(s, [Action::Seek(time::HOUR)]));
    assert_eq!(s.clock, 20 * time::SECOND);
}

#[test]
fn going_to_an_event_selects_its_component_and_moves_there() {
    let s = three_tier_at(Rc::new(State::new(reference::three_tier())), "00:01:00");
    let s = three_tier_at(run(s, [kill("i-1")]), "00:05:00");
    let crash = s.events.iter().find(|e| e.source == "i-1").expect("the kill is narrated").clone();
    assert!(s.snapshot.as_ref().unwrap().instances.iter().all(|i| i.name != "i-1"), "long gone at 5 min");
    let s = settle(run(s, [Action::GoToEvent { at: crash.at, source: crash.source }]));
    assert_eq!(s.selected.as_deref(), Some("web"), "an instance's group is selected");
    assert_eq!(s.clock, crash.at);
}

#[test]
fn fast_forward_to_an_earlier_time_rewinds() {
    let s = three_tier_at(Rc::new(State::new(reference::three_tier())), "00:02:00");
    let s = three_tier_at(s, "00:00:45");
    assert_eq!(
        (s.clock, s.reached, s.fast_forward_error.as_deref()),
        (45 * time::SECOND, 2 * time::MINUTE, None)
    );
    let s = run(s, [Action::FastForward]);
    assert!(s.fast_forward_error.as_deref().unwrap().contains("other than the current one"));
}

#[test]
fn presenting_keeps_the_run_and_the_design_and_stops_placing() {
    let s =
        run(start(), [Action::TogglePlay, Action::Frame { elapsed_ms: 1000.0 }, Action::Arm(Kind::Instance)]);
    let clock = s.clock;
    let on = run(s.clone(), [Action::Present(true)]);
    assert!(on.presenting && on.playing);
    assert_eq!((on.clock, on.armed), (clock, None));
    assert!(Rc::ptr_eq(&on.design, &s.design), "presenting is not an edit");
    let off = run(on, [Action::Present(false)]);
    assert!(!off.presenting && off.playing);
    assert_eq!(off.history.undo_label(), None, "nothing to undo");
}

#[test]
fn opening_an_example_is_undone_like_an_import() {
    let example =
        crate::examples::EXAMPLES.iter().find(|e| e.name == "three-tier").expect("three-tier is offered");
    let design = Rc::new(example.design().expect("three-tier opens"));
    let reason = "Opened the example “Three tier”.".to_owned();
    let opened = run(start(), [Action::ReplaceDesign { design: design.clone(), reason }]);
    assert_eq!(opened.design.name, "Three tier");
    let back = run(opened, [Action::Undo]);
    assert_eq!(*back.design, crate::starter::design());
    assert_eq!(*run(back, [Action::Redo]).design, *design);
}
