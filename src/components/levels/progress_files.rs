//! Export and Import of the learner's progress as a JSON file, so that it survives a
//! change of machine. A file that is not exactly a progress file is refused with the
//! problem named, and the progress in the browser stays as it was.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::persist::import;
use crate::persist::progress::{self, MAX_PROGRESS_BYTES, PROGRESS_FILE, Progress, parse_progress};

#[derive(Properties, PartialEq)]
pub struct ProgressFilesProps {
    /// The progress shown.
    pub progress: Progress,
    /// An import succeeded (and was saved): the new progress.
    pub on_imported: Callback<Progress>,
}

#[function_component(ProgressFiles)]
pub fn progress_files(props: &ProgressFilesProps) -> Html {
    let message = use_state(|| None::<(String, bool)>);
    let picker = use_node_ref();
    let export = {
        let (progress, message) = (props.progress.clone(), message.clone());
        Callback::from(move |_: MouseEvent| {
            let result = import::download(PROGRESS_FILE, "application/json", &progress.to_json());
            message.set(Some(match result {
                Ok(()) => (format!("Exported your progress as {PROGRESS_FILE}."), true),
                Err(error) => (error.to_string(), false),
            }));
        })
    };
    let pick = {
        let picker = picker.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = picker.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let picked = {
        let (message, on_imported) = (message.clone(), props.on_imported.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let (message, on_imported) = (message.clone(), on_imported.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                message.set(Some(match read_progress(file).await {
                    Ok(p) => match progress::save(&p) {
                        Ok(()) => {
                            let solved = p.levels.values().filter(|l| l.solved).count();
                            on_imported.emit(p);
                            (format!("Imported your progress from {name}: {solved} solved."), true)
                        }
                        Err(error) => (error.to_string(), false),
                    },
                    Err(reason) => {
                        (format!("{name} was not imported; your progress is unchanged. {reason}"), false)
                    }
                }));
            });
        })
    };
    html! {
        <section class="progress-files" aria-labelledby="progress-files-title">
            <h2 id="progress-files-title">{"Your progress"}</h2>
            <p>{"Progress is kept in this browser. Export it to a file to take it to another machine."}</p>
            <div class="progress-buttons">
                <button type="button" class="btn export-progress" onclick={export}>{"Export progress"}</button>
                <button type="button" class="btn import-progress" onclick={pick}>{"Import progress"}</button>
                <input type="file" class="visually-hidden" accept=".json,application/json" ref={picker}
                    tabindex="-1" aria-hidden="true" onchange={picked} />
            </div>
            <p class="progress-message" aria-live="polite">
                if let Some((text, ok)) = &*message {
                    <span class={if *ok { "is-done" } else { "is-refused" }}>{ text.clone() }</span>
                }
            </p>
        </section>
    }
}

/// Reads a picked file as progress; refuses a large file before reading it.
async fn read_progress(file: web_sys::File) -> Result<Progress, String> {
    if file.size() > MAX_PROGRESS_BYTES as f64 {
        return Err(format!(
            "The file is larger than any progress file (at most {MAX_PROGRESS_BYTES} bytes)."
        ));
    }
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|e| format!("The browser could not read it ({}).", crate::persist::js_message(&e)))?;
    let text = text.as_string().ok_or("The file did not read as text.")?;
    parse_progress(&text).map_err(|e| e.to_string())
}
