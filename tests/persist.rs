//! Browser tests of the persistence and sharing modules: real local storage, real files,
//! the real location fragment and the browser's own XML parser. Run with
//! `cargo test --target wasm32-unknown-unknown --test persist`.
#![cfg(target_arch = "wasm32")]

use nines::persist::{self, ShareError, StorageError, import, share, storage, svg_export};
use nines_sim::design::reference;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const KEY: &str = "nines.design.v1";
const BACKUP: &str = "nines.design.v1.broken";

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn clear() {
    let store = local_storage();
    store.remove_item(KEY).unwrap();
    store.remove_item(BACKUP).unwrap();
}

// The storage tests share one localStorage, so they run as one test, in order.
#[wasm_bindgen_test]
fn autosave_saves_loads_and_keeps_a_broken_design_aside() {
    clear();
    assert_eq!(persist::load(), Ok(None), "nothing saved yet");

    let design = reference::three_tier();
    persist::save(&design).unwrap();
    assert!(local_storage().get_item(KEY).unwrap().unwrap().contains("\"Three tier\""));
    assert_eq!(persist::load(), Ok(Some(design)));

    persist::save(&reference::single_server()).unwrap();
    assert_eq!(persist::load(), Ok(Some(reference::single_server())), "the latest save wins");

    local_storage().set_item(KEY, "{\"version\": 1, \"components\": [").unwrap();
    let err = persist::load().unwrap_err();
    assert!(matches!(&err, StorageError::Broken { kept_under, .. } if kept_under == BACKUP), "{err:?}");
    assert!(err.to_string().contains(BACKUP), "{err}");
    assert_eq!(
        local_storage().get_item(BACKUP).unwrap().as_deref(),
        Some("{\"version\": 1, \"components\": [")
    );
    assert_eq!(local_storage().get_item(KEY).unwrap(), None);
    assert_eq!(persist::load(), Ok(None), "reported once, then a fresh start");
    clear();
}

#[wasm_bindgen_test]
fn local_storage_wrapper_opens() {
    assert!(storage::LocalStorage::open().is_ok());
}

#[wasm_bindgen_test]
fn file_names() {
    assert_eq!(persist::file_name(&reference::three_tier()), "three-tier.nines.json");
    assert_eq!(svg_export::svg_file_name(&reference::single_server()), "one-server.svg");
}

#[wasm_bindgen_test]
fn share_links_survive_the_real_location_fragment() {
    let location = web_sys::window().unwrap().location();
    let before = location.hash().unwrap();
    for (name, design) in reference::all() {
        location.set_hash(&persist::encode(&design)).unwrap();
        let hash = location.hash().unwrap();
        assert_eq!(persist::decode(&hash).as_ref(), Ok(&design), "{name}");
        let link = share::current_link(&design).unwrap();
        assert!(link.ends_with(&persist::encode(&design)), "{link}");
    }
    location.set_hash("#/embed?d=nope&seed=3").unwrap();
    let err = persist::parse_fragment(&location.hash().unwrap()).unwrap_err();
    assert!(matches!(err, ShareError::Corrupt(_) | ShareError::NotBase64(_)), "{err:?}");
    location.set_hash(&before).unwrap();
}

fn file(text: &str, name: &str) -> web_sys::File {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    web_sys::File::new_with_str_sequence(&parts, name).unwrap()
}

#[wasm_bindgen_test]
async fn a_picked_file_reads_and_imports() {
    let text = serde_json::to_string_pretty(&reference::three_tier()).unwrap();
    let read = import::read_file(file(&text, "three-tier.nines.json")).await.unwrap();
    assert_eq!(persist::import_text(&read), Ok(reference::three_tier()));
}

#[wasm_bindgen_test]
async fn a_huge_file_is_refused_before_reading() {
    let huge = file(&" ".repeat(import::MAX_FILE_BYTES + 1), "junk.bin");
    let err = import::read_file(huge).await.unwrap_err();
    assert!(matches!(err, persist::ImportError::TooLarge { .. }), "{err:?}");
    assert!(err.to_string().starts_with("This file is too large to be a design."), "{err}");
}

#[wasm_bindgen_test]
fn download_leaves_nothing_behind() {
    let document = gloo::utils::document();
    let before = document.query_selector_all("a").unwrap().length();
    import::download("three-tier.nines.json", "application/json", "{}").unwrap();
    assert_eq!(document.query_selector_all("a").unwrap().length(), before);
}

#[wasm_bindgen_test]
async fn clipboard_answers_without_throwing() {
    // Headless Chromium may refuse (no focus, no permission); either way it is a value.
    match share::copy_to_clipboard("https://example.test/#/d=x").await {
        Ok(()) => {}
        Err(e) => assert!(e.to_string().starts_with("Could not copy to the clipboard"), "{e}"),
    }
}

#[wasm_bindgen_test]
fn exported_svg_is_well_formed_xml_with_title_and_style() {
    let document = gloo::utils::document();
    let host = document.create_element("div").unwrap();
    host.set_inner_html(
        "<svg class=\"canvas\" viewBox=\"0 0 640 360\" role=\"group\">\
         <g class=\"node selected\" tabindex=\"0\"><rect class=\"node-body\" width=\"10\" height=\"10\"/>\
         <text>web &amp; db&nbsp;1</text></g></svg>",
    );
    document.body().unwrap().append_child(&host).unwrap();
    let svg = host.first_element_child().unwrap();
    let out = persist::standalone_svg(&svg, "Three tier & more").unwrap();
    host.remove();

    assert!(out.contains("width=\"640\" height=\"360\" viewBox=\"0 0 640 360\""), "{out}");
    assert!(out.contains("<title>Three tier &amp; more</title>"), "{out}");
    assert!(out.contains(".node.selected .node-body {"), "{out}");

    let parser = web_sys::DomParser::new().unwrap();
    let parsed = parser.parse_from_string(&out, web_sys::SupportedType::ImageSvgXml).unwrap();
    assert!(parsed.get_elements_by_tag_name("parsererror").length() == 0, "not well-formed: {out}");
    let root = parsed.document_element().unwrap();
    assert_eq!(root.namespace_uri().as_deref(), Some("http://www.w3.org/2000/svg"));
    assert_eq!(root.tag_name(), "svg");
}
