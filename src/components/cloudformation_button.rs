//! The toolbar's "CloudFormation" button: downloads the design as an AWS CloudFormation
//! template and says, in the alert region, which parameters to fill in.

use std::rc::Rc;

use nines_sim::design::Design;
use yew::prelude::*;

use super::editor_bar::glyph;
use crate::persist::cloudformation_export::{MIME, fill_in_note, template_file_name, template_text};
use crate::persist::import;
use crate::state::{Action, Tone};

#[derive(Properties, PartialEq)]
pub struct CloudFormationButtonProps {
    pub design: Rc<Design>,
    pub on_action: Callback<Action>,
}

/// Export CloudFormation.
#[function_component(CloudFormationButton)]
pub fn cloudformation_button(props: &CloudFormationButtonProps) -> Html {
    let onclick = {
        let (design, on_action) = (props.design.clone(), props.on_action.clone());
        Callback::from(move |_: MouseEvent| {
            let name = template_file_name(&design);
            let result = template_text(&design)
                .and_then(|text| import::download(&name, MIME, &text).map_err(|e| e.to_string()));
            let (text, tone) = match result {
                Ok(()) => (format!("Exported {name}. {}", fill_in_note(&design)), Tone::Done),
                Err(error) => (error, Tone::Refused),
            };
            on_action.emit(Action::Notify { text, tone });
        })
    };
    html! {
        <button type="button" class="btn btn-icon export-cfn" {onclick}
            title="Download the design as an AWS CloudFormation template (YAML) to deploy it">
            { glyph("M12 3l8 4.5v9L12 21l-8-4.5v-9zM12 12l8-4.5M12 12v9M12 12L4 7.5") }
            <span>{"CloudFormation"}</span>
        </button>
    }
}
