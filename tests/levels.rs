//! Levels in the app: the browser's check is the command line's check, value for value,
//! and the level screens show what the level says (in the browser).
//!
//! Natively: `cargo test -p nines --test levels`; in Chromium: the same with
//! `--target wasm32-unknown-unknown`. Both runs compare the one-server level's verdict on
//! its start design with the same pinned figures, so a pass on both sides proves the
//! browser's check and `nines check` agree. If the engine or the level changes on purpose,
//! pin what the native run prints.

use nines_sim::digest::Fnv1a;
use nines_sim::level::{Verdict, by_name, check};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// FNV-1a of the verdict's JSON: level `one-server`, its start design.
const PINNED_DIGEST: u64 = 0xc2c8_026b_6578_c59e;

/// The availability the check measures on that run [%], exactly.
const PINNED_AVAILABILITY: f64 = 25.25167229617856;

fn digest(json: &str) -> u64 {
    let mut hash = Fnv1a::default();
    hash.write(json.as_bytes());
    hash.finish()
}

#[test]
fn the_worker_path_gives_the_native_verdict_and_the_pinned_values() {
    let level = by_name("one-server").expect("level one-server is shipped");
    let job = nines::grader::CheckJob {
        level_json: level.to_json(),
        design_json: nines::persist::export_text(&level.start),
    };
    let mut replies = Vec::new();
    nines::grader::run_check(&job, &mut |reply| replies.push(reply));
    let Some(nines::grader::Reply::Checked { json }) = replies.pop() else {
        panic!("no verdict: {replies:?}")
    };
    assert!(
        replies.iter().all(|r| matches!(r, nines::grader::Reply::CheckProgress(_))),
        "progress before the verdict"
    );
    assert!(replies.len() >= 10, "progress every simulated minute: {}", replies.len());
    let verdict: Verdict = serde_json::from_str(&json).expect("the verdict parses");
    let native = check(&level, &level.start).expect("the start design checks");
    assert_eq!(verdict, native);
    assert_eq!(json, serde_json::to_string(&native).unwrap(), "byte for byte");
    assert!(!verdict.passed, "the start design fails its level");
    let evidence = verdict.explanation.as_ref().expect("a failure is explained");
    assert_eq!(evidence.component.as_deref(), Some("web-1"));
    let availability = verdict.results[0].measured;
    println!("verdict digest {:#018x}, availability {availability:?}", digest(&json));
    assert_eq!(availability, PINNED_AVAILABILITY, "availability measured");
    assert_eq!(digest(&json), PINNED_DIGEST, "verdict digest");
}

#[cfg(target_arch = "wasm32")]
mod common;

#[cfg(target_arch = "wasm32")]
mod screens {
    //! The App on the level routes.

    use super::common::{self, Mounted};
    use nines_sim::level::by_name;
    use wasm_bindgen_test::wasm_bindgen_test;

    async fn at(hash: &str) -> Mounted {
        web_sys::window().unwrap().location().set_hash(hash).unwrap();
        Mounted::mount_with("").await
    }

    #[wasm_bindgen_test]
    async fn a_level_shows_exactly_its_goal_and_only_its_palette() {
        common::storage().remove_item("nines.level.v1.one-server").unwrap();
        let level = by_name("one-server").unwrap();
        let app = at("#/level/one-server").await;
        let goal: Vec<String> =
            app.all(".goal-list li").iter().map(|li| li.text_content().unwrap()).collect();
        let sentences: Vec<String> = level.criteria.iter().map(|c| c.sentence()).collect();
        assert_eq!(goal, sentences);
        assert_eq!(app.text("#level-title"), level.title);
        assert_eq!(app.count(".palette-item"), level.palette.len() as u32);
        assert!(app.maybe(".palette [data-kind=queue]").is_none(), "queues are not offered");
        assert_eq!(app.count(".node[data-role=primary]"), level.start.components.len() as u32);
        assert!(app.text(".show-hint").contains("Show hint 1 of 3"));
        app.click(".show-hint").await;
        assert_eq!(app.count(".hint-list li"), 1);
        assert!(app.text(".show-hint").contains("Show hint 2 of 3"));
        drop(app);
        web_sys::window().unwrap().location().set_hash("").unwrap();
    }

    #[wasm_bindgen_test]
    async fn the_path_lists_every_level_and_a_bad_link_says_why() {
        let app = at("#/levels").await;
        assert_eq!(app.count(".level-card"), nines_sim::level::NAMES.len() as u32);
        assert!(app.maybe(".levels-error").is_none());
        drop(app);
        let app = at("#/level=eJxLTEpOSU1LBwAIxQKw").await;
        let error = app.text(".levels-error");
        assert!(error.starts_with("This level link cannot be opened"), "{error}");
        drop(app);
        web_sys::window().unwrap().location().set_hash("").unwrap();
    }
}
