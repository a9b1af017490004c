//! One chart: a titled frame with its legend and an empty plot grid until data arrives.

use yew::prelude::*;

/// One line of a chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Series {
    pub name: &'static str,
    /// Stroke colour; AA contrast on white.
    pub color: &'static str,
    /// Drawn dashed (targets and limits rather than measurements).
    pub dashed: bool,
}

/// What a chart shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartSpec {
    /// Slug for test selectors and CSS: `requests`.
    pub key: &'static str,
    pub title: &'static str,
    /// Unit of the vertical axis, e.g. `req/s`.
    pub unit: &'static str,
    pub series: &'static [Series],
    /// Takes two grid columns (charts with many series).
    pub wide: bool,
}

#[derive(Properties, PartialEq)]
pub struct ChartFrameProps {
    pub spec: ChartSpec,
}

#[function_component(ChartFrame)]
pub fn chart_frame(props: &ChartFrameProps) -> Html {
    let spec = props.spec;
    let title_id = format!("chart-{}-title", spec.key);
    html! {
        <figure class={classes!("chart", spec.wide.then_some("wide"))} data-chart={spec.key}
            aria-labelledby={title_id.clone()}>
            <figcaption>
                <h3 id={title_id}>{ spec.title }</h3>
                <span class="unit">{ format!("({})", spec.unit) }</span>
            </figcaption>
            <ul class="legend">
                { for spec.series.iter().map(|s| html! {
                    <li>
                        <svg class="swatch" viewBox="0 0 16 4" width="16" height="4" aria-hidden="true">
                            <line x1="0" y1="2" x2="16" y2="2" stroke={s.color} stroke-width="3"
                                stroke-dasharray={s.dashed.then_some("4 3")} />
                        </svg>
                        { s.name }
                    </li>
                }) }
            </ul>
            <div class="plot">
                <svg viewBox="0 0 320 100" preserveAspectRatio="none" aria-hidden="true">
                    { for (0..4).map(|i| {
                        let y = (12 + i * 25).to_string();
                        html! { <line x1="0" x2="320" y1={y.clone()} y2={y} stroke="#e2e8f0" stroke-width="1"
                            vector-effect="non-scaling-stroke" /> }
                    }) }
                    <line x1="0" x2="320" y1="99" y2="99" stroke="#94a3b8" stroke-width="1"
                        vector-effect="non-scaling-stroke" />
                </svg>
                <p class="plot-empty">{"No data yet"}</p>
            </div>
        </figure>
    }
}
