//! The path of levels (`#/levels`): the eight shipped levels in order, all open, each with
//! the learner's progress (solved, best cost against par, hints used), and Export/Import of
//! that progress as a file.

use nines_sim::level::Level;
use yew::prelude::*;

use super::progress_files::ProgressFiles;
use super::top_nav::{Here, TopNav};
use crate::components::figures::usd;
use crate::levels::session::path;
use crate::persist::progress::{self, LevelProgress, Progress};

#[derive(Properties, PartialEq)]
pub struct LevelsScreenProps {
    /// Why a level link could not be opened, if that is how the learner got here.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Move keyboard focus to the heading on mount (after a change of screen).
    #[prop_or_default]
    pub focus: bool,
}

#[function_component(LevelsScreen)]
pub fn levels_screen(props: &LevelsScreenProps) -> Html {
    let levels = use_memo((), |_| path());
    let stored = use_memo((), |_| progress::load());
    let progress = use_state(|| stored.as_ref().clone().unwrap_or_else(|_| Progress::new()));
    let heading = use_node_ref();
    {
        let (heading, focus) = (heading.clone(), props.focus);
        use_effect_with((), move |_| {
            if focus && let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    let on_imported = {
        let progress = progress.clone();
        Callback::from(move |p: Progress| progress.set(p))
    };
    let solved = levels.iter().filter(|(name, _)| progress.of(name).solved).count();
    html! {
        <div class="app levels-screen">
            <header class="topbar">
                <div class="brand">
                    <svg class="brand-mark" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true">
                        <rect width="32" height="32" rx="8" />
                        <text x="16" y="22" text-anchor="middle">{"9s"}</text>
                    </svg>
                    <span class="brand-name">{"Nines"}</span>
                </div>
                <TopNav here={Here::Levels} />
            </header>
            <main class="levels-main">
                <h1 ref={heading} tabindex="-1">{"Levels"}</h1>
                <p class="levels-intro">
                    { "Each level is a small story: a design, something that goes wrong, and a goal the simulation checks. \
                       They follow the path of the talks, but all are open: start anywhere." }
                </p>
                if let Some(error) = &props.error {
                    <p class="levels-error" role="alert">{ error.clone() }</p>
                }
                if let Err(error) = &*stored {
                    <p class="levels-error" role="alert">
                        { format!("{error} Importing a progress file, or solving a level, will replace it.") }
                    </p>
                }
                <p class="levels-count">{ format!("{solved} of {} solved", levels.len()) }</p>
                <ol class="level-path">
                    { for levels.iter().enumerate().map(|(i, (name, level))| card(i, name, level, &progress.of(name))) }
                </ol>
                <ProgressFiles progress={(*progress).clone()} on_imported={on_imported} />
            </main>
        </div>
    }
}

/// One level on the path.
fn card(index: usize, name: &str, level: &Level, progress: &LevelProgress) -> Html {
    let star = progress.best_cost_per_hour_usd.is_some_and(|cost| level.meets_par(cost));
    let status = if progress.solved { "Solved" } else { "Not solved yet" };
    let best = progress.best_cost_per_hour_usd.map(|cost| {
        let par = level.par_per_hour_usd.map(|par| format!(" (par {}/h)", usd(par))).unwrap_or_default();
        format!("Best: {}/h{par}", usd(cost))
    });
    let hints = (progress.hints_used > 0).then(|| match progress.hints_used {
        1 => "1 hint used".to_owned(),
        n => format!("{n} hints used"),
    });
    html! {
        <li class={classes!("level-card", progress.solved.then_some("is-solved"))} data-level={name.to_owned()}>
            <span class="level-number" aria-hidden="true">{ index + 1 }</span>
            <div class="level-card-body">
                <h2 class="level-card-title">
                    <a href={format!("#/level/{name}")}>
                        <span class="visually-hidden">{ format!("Level {}: ", index + 1) }</span>
                        { level.title.clone() }
                    </a>
                </h2>
                <p class="level-card-story">{ first_sentence(&level.story) }</p>
                <p class="level-card-status">
                    <span class={classes!("level-solved", progress.solved.then_some("yes"))}>
                        if progress.solved { <span aria-hidden="true">{"✓ "}</span> }
                        { status }
                    </span>
                    if star {
                        <span class="level-star" title="At or under par"><span aria-hidden="true">{"★ "}</span>{"At par"}</span>
                    }
                    if let Some(best) = best { <span class="level-best">{ best }</span> }
                    if let Some(hints) = hints { <span class="level-hints">{ hints }</span> }
                </p>
            </div>
        </li>
    }
}

/// The story's first sentence, for the card (the level's screen shows it whole).
fn first_sentence(story: &str) -> String {
    match story.find(". ") {
        Some(end) => story[..=end].to_owned(),
        None => story.to_owned(),
    }
}
