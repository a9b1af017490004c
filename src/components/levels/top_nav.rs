//! The links between screens in the header: the Playground and the path of levels.

use yew::prelude::*;

/// Which screen the learner is on, for `aria-current`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Here {
    /// The Playground (or a level on its canvas: neither link is current).
    Playground,
    /// A level.
    Level,
    /// The path of levels.
    Levels,
}

#[derive(Properties, PartialEq)]
pub struct TopNavProps {
    pub here: Here,
}

#[function_component(TopNav)]
pub fn top_nav(props: &TopNavProps) -> Html {
    let current = |here: Here| (props.here == here).then_some("page");
    html! {
        <nav class={classes!("top-nav", (props.here == Here::Level).then_some("on-level"))} aria-label="Screens">
            <a href="#/" class="top-nav-link" aria-current={current(Here::Playground)}>{"Playground"}</a>
            <a href="#/levels" class="top-nav-link levels-link" aria-current={current(Here::Levels)}>{"Levels"}</a>
        </nav>
    }
}
