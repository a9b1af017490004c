//! placeholder
use std::rc::Rc;
use nines_sim::design::Design;
use yew::prelude::*;
use crate::live::Live;
use crate::live::record::Applied;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct MakeLevelButtonProps {
    pub design: Rc<Design>,
    pub live: Live,
    pub applied: Rc<Vec<Applied>>,
    pub on_action: Callback<Action>,
}

#[function_component(MakeLevelButton)]
pub fn make_level_button(_props: &MakeLevelButtonProps) -> Html {
    html! {}
}
