//! Line icons for the ten component kinds, drawn on a 24 × 24 grid in `currentColor`.

use yew::prelude::*;

use crate::kind::Kind;

/// The icon's shapes only, for embedding in a larger SVG.
pub fn shapes(kind: Kind) -> Html {
    match kind {
        Kind::Dns => html! {
            <>
                <circle cx="12" cy="12" r="9" />
                <path d="M3 12h18M12 3c2.8 3 2.8 15 0 18M12 3c-2.8 3-2.8 15 0 18" />
            </>
        },
        Kind::Clients => html! {
            <>
                <circle cx="9" cy="8" r="3.2" />
                <path d="M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6" />
                <circle cx="17.2" cy="9" r="2.4" />
                <path d="M16.4 14.1c.3 0 .5-.1.8-.1 2.6 0 4.8 2.2 4.8 5" />
            </>
        },
        Kind::LoadBalancer => html! {
            <>
                <circle cx="12" cy="4.5" r="2.5" />
                <path d="M12 7v4M12 11 5 16.5M12 11l7 5.5M12 11v5.5" />
                <circle cx="5" cy="19" r="2" />
                <circle cx="12" cy="19" r="2" />
                <circle cx="19" cy="19" r="2" />
            </>
        },
        Kind::Instance => html! {
            <>
                <rect x="5" y="5" width="14" height="14" rx="2" />
                <rect x="9" y="9" width="6" height="6" rx="1" />
                <path d="M9 2v3M15 2v3M9 19v3M15 19v3M2 9h3M2 15h3M19 9h3M19 15h3" />
            </>
        },
        Kind::AutoScalingGroup => html! {
            <>
                <rect x="2" y="4" width="20" height="16" rx="3" stroke-dasharray="3 2.4" />
                <rect x="6" y="8.5" width="5" height="7" rx="1" />
                <rect x="13" y="8.5" width="5" height="7" rx="1" />
            </>
        },
        Kind::Queue => html! {
            <>
                <rect x="2" y="8" width="4" height="8" rx="1" />
                <rect x="7.5" y="8" width="4" height="8" rx="1" />
                <rect x="13" y="8" width="4" height="8" rx="1" />
                <path d="M18.5 12H22M20 9.5 22.5 12 20 14.5" />
            </>
        },
        Kind::Database => html! {
            <>
                <ellipse cx="12" cy="5.5" rx="7.5" ry="2.8" />
                <path d="M4.5 5.5v13c0 1.5 3.4 2.8 7.5 2.8s7.5-1.3 7.5-2.8v-13" />
                <path d="M4.5 12c0 1.5 3.4 2.8 7.5 2.8s7.5-1.3 7.5-2.8" />
            </>
        },
        Kind::Alarm => html! {
            <>
                <path d="M6 16.5V11a6 6 0 0 1 12 0v5.5l1.8 1.8H4.2z" />
                <path d="M10 20.5a2 2 0 0 0 4 0" />
                <path d="M12 3v2" />
            </>
        },
        // A key above three stacked copies: one item, replicated across zones.
        Kind::KeyValueStore => html! {
            <>
                <rect x="3" y="12" width="18" height="3" rx="1" />
                <rect x="3" y="16" width="18" height="3" rx="1" />
                <rect x="3" y="20" width="18" height="2" rx="1" />
                <circle cx="8" cy="6" r="3" />
                <path d="M11 6h9M17 6v2.5M20 6v2.5" />
            </>
        },
        // A bucket: objects kept in a region.
        Kind::ObjectStorage => html! {
            <>
                <ellipse cx="12" cy="5" rx="8" ry="2.5" />
                <path d="M4 5l2 14c.2 1.3 2.8 2.5 6 2.5s5.8-1.2 6-2.5l2-14" />
                <path d="M5.2 11c1.3 1 3.9 1.6 6.8 1.6s5.5-.6 6.8-1.6" />
            </>
        },
        // A globe with edge points: copies served near the users.
        Kind::Cdn => html! {
            <>
                <circle cx="12" cy="12" r="8.5" />
                <path d="M3.5 12h17M12 3.5c-2.6 2.4-3.8 5.2-3.8 8.5s1.2 6.1 3.8 8.5M12 3.5c2.6 2.4 3.8 5.2 3.8 8.5s-1.2 6.1-3.8 8.5" />
                <circle cx="12" cy="3.5" r="1.6" />
                <circle cx="3.5" cy="12" r="1.6" />
                <circle cx="20.5" cy="12" r="1.6" />
            </>
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct IconProps {
    pub kind: Kind,
}

/// A standalone icon, decorative (its text label sits beside it).
#[function_component(Icon)]
pub fn icon(props: &IconProps) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            { shapes(props.kind) }
        </svg>
    }
}
