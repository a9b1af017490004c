//! The report card: the report computed in WebAssembly is the native one byte for byte,
//! and the panel shows it (in the browser).
//!
//! Both builds hash the three-tier reference's report JSON and compare it with the same
//! pinned value, so a pass on both sides proves the browser and the command line grade
//! alike. Natively: `cargo test -p nines --test report_card`; in Chromium: the same with
//! `--target wasm32-unknown-unknown`. If the grader changes on purpose, pin the hash the
//! native run prints.

use nines_sim::design::reference;
use nines_sim::grade::{GradeOptions, Report, grade};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// [`Report::digest`] of the three-tier reference's report (FNV-1a of its compact JSON), default options.
const PINNED: u64 = 0xd9f1_4dfc_1489_068f;

/// The three-tier reference's report and its JSON, graded once per test binary.
fn three_tier_report() -> (Report, String) {
    static GRADED: std::sync::OnceLock<(Report, String)> = std::sync::OnceLock::new();
    GRADED
        .get_or_init(|| {
            let report =
                grade(&reference::three_tier(), &GradeOptions::default()).expect("three-tier grades");
            let json = serde_json::to_string(&report).expect("the report serialises");
            (report, json)
        })
        .clone()
}

#[test]
fn the_three_tier_report_is_the_pinned_one() {
    let (report, json) = three_tier_report();
    assert_eq!(report.principles.len(), 5);
    let digest = report.digest();
    assert_eq!(
        digest,
        PINNED,
        "report hash is {digest:#018x} ({} bytes); pin it if the grader changed on purpose",
        json.len()
    );
}

#[test]
fn the_worker_path_gives_the_same_report() {
    let (_, direct) = three_tier_report();
    let job = nines::grader::Job {
        design_json: nines::persist::export_text(&reference::three_tier()),
        options: GradeOptions::default(),
    };
    let mut last = None;
    nines::grader::run(&job, &mut |reply| last = Some(reply));
    assert_eq!(last, Some(nines::grader::Reply::Finished { json: direct }));
}

#[cfg(target_arch = "wasm32")]
mod panel {
    //! The panel rendered over a real report: five principles with evidence, focusable
    //! evidence buttons that ask to show their line, the recovery table, and the stale note.

    use std::cell::RefCell;
    use std::rc::Rc;

    use nines::components::report_card::bridge::Grader;
    use nines::components::report_card::{ReportCard, ReportCardProps};
    use nines::state::{Action, Card, Grade};
    use nines_sim::design::reference;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::wasm_bindgen_test;
    use web_sys::{Element, HtmlElement};
    use yew::prelude::*;

    fn mount(stale: bool, actions: Rc<RefCell<Vec<Action>>>) -> (Element, yew::AppHandle<ReportCard>) {
        let (report, json) = super::three_tier_report();
        let card =
            Card { report: Rc::new(report), json: json.into(), design: Rc::new(reference::three_tier()) };
        let grade = Grade { card: Some(Rc::new(card)), finished: 1, ..Grade::default() };
        let props = ReportCardProps {
            grade,
            stale,
            grader: Grader { grade: Callback::noop(), cancel: Callback::noop() },
            on_action: Callback::from(move |a| actions.borrow_mut().push(a)),
        };
        let document = gloo::utils::document();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        let handle = yew::Renderer::<ReportCard>::with_root_and_props(root.clone(), props).render();
        (root, handle)
    }

    fn all(root: &Element, selector: &str) -> Vec<Element> {
        let list = root.query_selector_all(selector).unwrap();
        (0..list.length()).map(|i| list.item(i).unwrap().dyn_into().unwrap()).collect()
    }

    #[wasm_bindgen_test]
    async fn the_panel_shows_five_principles_with_evidence_and_asks_to_show_a_line() {
        let actions = Rc::new(RefCell::new(Vec::new()));
        let (root, handle) = mount(false, actions.clone());
        yew::scheduler::flush().await;
        let rows = all(&root, ".rc-principle");
        assert_eq!(rows.len(), 5);
        for row in &rows {
            assert!(row.query_selector(".rc-line").unwrap().is_some(), "{} has evidence", row.id());
            assert!(row.query_selector("h3").unwrap().is_some(), "each principle has a heading");
        }
        assert!(root.query_selector(".rc-table thead th[scope=col]").unwrap().is_some());
        assert!(root.query_selector(".rc-stale").unwrap().is_none(), "fresh, not stale");

        let button: HtmlElement =
            root.query_selector(".rc-show").unwrap().expect("a showable line").dyn_into().unwrap();
        button.focus().unwrap();
        assert_eq!(gloo::utils::document().active_element().as_ref(), Some(button.as_ref()), "focusable");
        button.click();
        assert!(
            matches!(actions.borrow().last(), Some(Action::ShowEvidence { .. })),
            "{:?}",
            actions.borrow()
        );
        handle.destroy();
        root.remove();
    }

    #[wasm_bindgen_test]
    async fn a_stale_card_says_so_and_offers_to_grade_again() {
        let (root, handle) = mount(true, Rc::default());
        yew::scheduler::flush().await;
        assert!(root.query_selector(".rc-stale").unwrap().is_some());
        assert!(root.query_selector(".rc-regrade").unwrap().is_some());
        handle.destroy();
        root.remove();
    }
}
