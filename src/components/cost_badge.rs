//! The design's cost, live in the header: per hour and per month, from the price table,
//! with every group at its desired size (the range from minimum to maximum in the title).

use std::rc::Rc;

use nines_sim::design::{Design, hourly_cost};
use yew::prelude::*;

use super::figures::usd;

#[derive(Properties, PartialEq)]
pub struct CostBadgeProps {
    pub design: Rc<Design>,
}

#[function_component(CostBadge)]
pub fn cost_badge(props: &CostBadgeProps) -> Html {
    let cost = use_memo(props.design.clone(), |d| hourly_cost(d));
    let range = if (cost.max_usd_per_hour - cost.min_usd_per_hour).abs() > 1e-9 {
        format!(
            " Auto-scaling groups can make it {} to {} per hour.",
            usd(cost.min_usd_per_hour),
            usd(cost.max_usd_per_hour)
        )
    } else {
        String::new()
    };
    let unpriced = if cost.unpriced.is_empty() {
        String::new()
    } else {
        format!(" Not in the price table (counted as free): {}.", cost.unpriced.join(", "))
    };
    let title =
        format!("On-demand list prices, groups at their desired size, 730 hours a month.{range}{unpriced}");
    html! {
        <div class="cost" title={title} aria-label={format!("Cost: {} per hour, {} per month", usd(cost.usd_per_hour), usd(cost.usd_per_month))}>
            <span class="eyebrow">{"Cost"}</span>
            <span class="cost-figures">
                <strong class="cost-hour">{ usd(cost.usd_per_hour) }<small>{"/h"}</small></strong>
                <span class="cost-month">{ format!("{}/month", usd(cost.usd_per_month)) }</span>
            </span>
        </div>
    }
}
