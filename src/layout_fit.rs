//! Fitting a design with several regions to the canvas it is drawn on: a row of regions
//! is readable on a wide canvas, but four or more lanes side by side scaled into a
//! 600 px panel shrink a card's 14 px name to 7 px. Given the room the canvas has on
//! screen, [`fit`] takes the first of these that keeps the drawing at
//! [`MIN_SCALE`] or more: side by side in regular sizes, side by side in compact sizes,
//! stacked in regular sizes, stacked in compact sizes; when none does, the one drawn
//! largest. A single-region design is always drawn as [`layout`] draws it.
//!
//! Still a pure function: the room is a parameter, measured by the page
//! (`hooks::canvas_room`).

use nines_sim::design::Design;

use crate::layout::{Arrangement, COMPACT, Layout, Metrics, REGULAR, layout};
use crate::layout_regions::arrange;

/// The smallest scale a multi-region drawing is shown at when another arrangement can
/// avoid it: a card's 14 px name is then at least 11.2 px on screen, its 11 px summary
/// 8.8 px.
pub const MIN_SCALE: f64 = 0.8;

/// The room the canvas has on screen [CSS px].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Room {
    /// Width of the canvas's box [CSS px].
    pub width: f64,
    /// Height of its box [CSS px] when the drawing must fit it whole (present and embed
    /// modes); `None` when the page scrolls and the drawing is as tall as its width makes it.
    pub height: Option<f64>,
}

impl Room {
    /// How much a layout is scaled to fill this room, keeping its proportions: 1 is one
    /// CSS px per SVG unit.
    pub fn scale(&self, layout: &Layout) -> f64 {
        let across = self.width / layout.width;
        match self.height {
            Some(h) => across.min(h / layout.height),
            None => across,
        }
    }
}

/// The arrangements tried, in order of preference.
const CHOICES: [(Arrangement, Metrics); 4] = [
    (Arrangement::SideBySide, REGULAR),
    (Arrangement::SideBySide, COMPACT),
    (Arrangement::Stacked, REGULAR),
    (Arrangement::Stacked, COMPACT),
];

/// Lays out a design for a canvas with `room` (unknown: `None`, drawn as [`layout`] draws
/// it). See the module's comment for the choice.
pub fn fit(design: &Design, room: Option<Room>) -> Layout {
    let Some(room) = room.filter(|r| r.width > 0.0 && r.height.is_none_or(|h| h > 0.0)) else {
        return layout(design);
    };
    if design.regions.len() < 2 {
        return layout(design);
    }
    let mut best: Option<(f64, Layout)> = None;
    for (arrangement, metrics) in CHOICES {
        let candidate = arrange(design, &metrics, arrangement);
        let scale = room.scale(&candidate);
        if scale >= MIN_SCALE {
            return candidate;
        }
        if best.as_ref().is_none_or(|(s, _)| scale > *s) {
            best = Some((scale, candidate));
        }
    }
    best.map_or_else(|| layout(design), |(_, l)| l)
}

#[cfg(test)]
mod tests {
    use nines_sim::design::reference;

    use super::*;
    use crate::layout::Rect;

    /// The canvas's width at the three sizes the app is checked at [CSS px], as measured
    /// in the page: 1280×720 (palette, canvas and side column), 1024×768 (palette and
    /// canvas) and a 390×844 phone.
    const AT_1280: f64 = 614.0;
    const AT_1024: f64 = 730.0;
    const PHONE: f64 = 356.0;

    fn wide(width: f64) -> Option<Room> {
        Some(Room { width, height: None })
    }

    fn apart(a: &Rect, b: &Rect) -> bool {
        a.right() <= b.x || b.right() <= a.x || a.bottom() <= b.y || b.bottom() <= a.y
    }

    /// Every node inside its own region's box, no two nodes or regions overlapping, every
    /// lane inside its region, every link drawn.
    fn assert_tidy(design: &Design, l: &Layout) {
        let regions: Vec<Rect> =
            std::iter::once(l.region).chain(l.more_regions.iter().map(|r| r.rect)).collect();
        for (i, a) in regions.iter().enumerate() {
            assert!(a.right() <= l.width && a.bottom() <= l.height, "region {i} inside the canvas");
            for b in &regions[i + 1..] {
                assert!(apart(a, b), "regions overlap: {a:?} {b:?}");
            }
        }
        for lane in &l.lanes {
            assert!(regions[lane.region].contains(&lane.rect), "lane {} outside its region", lane.zone);
            assert_eq!(lane.rect.w, l.metrics.lane_w);
        }
        for (i, a) in l.nodes.iter().enumerate() {
            let c = design.component(&a.id).unwrap();
            let r = if c.spec.is_global() { 0 } else { design.region_index(c) };
            assert!(regions[r].contains(&a.rect), "{} outside region {r}", a.id);
            assert_eq!(a.rect.w, l.metrics.node_w, "{}", a.id);
            for b in &l.nodes[i + 1..] {
                assert!(apart(&a.rect, &b.rect), "{} overlaps {}", a.id, b.id);
            }
        }
        assert_eq!(l.edges.len(), design.connections.len());
    }

    #[test]
    fn a_wide_canvas_keeps_the_regions_side_by_side_in_regular_sizes() {
        let design = reference::multi_region();
        let l = fit(&design, wide(1254.0));
        assert_eq!((l.arrangement, l.metrics), (Arrangement::SideBySide, REGULAR));
        assert_eq!(l, layout(&design), "the same as the layout for an unknown canvas");
        assert!(Room { width: 1254.0, height: None }.scale(&l) >= MIN_SCALE);
        assert_tidy(&design, &l);
    }

    #[test]
    fn at_1024_the_regions_stay_side_by_side_in_compact_sizes() {
        let design = reference::multi_region();
        let l = fit(&design, wide(AT_1024));
        assert_eq!((l.arrangement, l.metrics), (Arrangement::SideBySide, COMPACT));
        let west = &l.more_regions[0].rect;
        assert!(west.x >= l.region.right() + COMPACT.margin, "us-west-2 to the right of us-east-1");
        assert_eq!(west.y, l.region.y);
        assert_eq!(west.bottom(), l.region.bottom(), "regions line up");
        assert!(l.width < layout(&design).width);
        let scale = wide(AT_1024).unwrap().scale(&l);
        assert!(scale >= MIN_SCALE, "scale {scale}");
        assert!(
            wide(AT_1024).unwrap().scale(&layout(&design)) < MIN_SCALE,
            "the regular row would be too small"
        );
        assert_tidy(&design, &l);
    }

    #[test]
    fn at_1280_the_second_region_goes_below_the_first() {
        let design = reference::multi_region();
        let l = fit(&design, wide(AT_1280));
        assert_eq!((l.arrangement, l.metrics), (Arrangement::Stacked, REGULAR));
        let west = &l.more_regions[0].rect;
        assert_eq!(west.x, l.region.x, "the regions' left edges line up");
        assert_eq!(west.y, l.region.bottom() + REGULAR.margin, "us-west-2 under us-east-1");
        assert_eq!(l.width, l.region.right().max(west.right()) + REGULAR.margin);
        assert_eq!(l.height, west.bottom() + REGULAR.margin);
        let scale = wide(AT_1280).unwrap().scale(&l);
        assert!(scale >= MIN_SCALE, "scale {scale}");
        for id in ["lb-west", "web-west"] {
            assert!(west.contains(&l.node(id).unwrap().rect), "{id} in us-west-2");
        }
        let zones: Vec<&str> = l.lanes.iter().map(|lane| lane.zone.as_str()).collect();
        assert_eq!(zones, ["a", "b", "us-west-2a", "us-west-2b"]);
        assert_tidy(&design, &l);
    }

    #[test]
    fn a_phone_stacks_the_regions_in_compact_sizes() {
        let design = reference::multi_region();
        let l = fit(&design, wide(PHONE));
        assert_eq!((l.arrangement, l.metrics), (Arrangement::Stacked, COMPACT));
        let scale = wide(PHONE).unwrap().scale(&l);
        assert!(scale >= 0.78, "names at 11 px or more on a 390 px phone: scale {scale}");
        assert_tidy(&design, &l);
    }

    #[test]
    fn a_room_too_small_for_any_choice_gets_the_largest_drawing() {
        let design = reference::multi_region();
        let l = fit(&design, wide(200.0));
        assert_eq!((l.arrangement, l.metrics), (Arrangement::Stacked, COMPACT), "the narrowest choice");
        // A short, wide room (a projector's canvas): a column would be drawn smaller.
        let short = Room { width: 870.0, height: Some(300.0) };
        let l = fit(&design, Some(short));
        assert_eq!(l.arrangement, Arrangement::SideBySide);
        for (arrangement, metrics) in CHOICES {
            assert!(short.scale(&l) >= short.scale(&arrange(&design, &metrics, arrangement)));
        }
    }

    #[test]
    fn present_mode_at_1280_fits_the_row_whole() {
        // The canvas beside the chart and log at 1280×720: about 870 × 600.
        let design = reference::multi_region();
        let room = Room { width: 870.0, height: Some(600.0) };
        let l = fit(&design, Some(room));
        assert_eq!((l.arrangement, l.metrics), (Arrangement::SideBySide, COMPACT));
        assert!(room.scale(&l) >= MIN_SCALE);
    }

    #[test]
    fn an_unknown_or_empty_room_and_single_region_designs_keep_the_plain_layout() {
        let design = reference::multi_region();
        assert_eq!(fit(&design, None), layout(&design));
        assert_eq!(fit(&design, wide(0.0)), layout(&design));
        assert_eq!(fit(&design, Some(Room { width: 500.0, height: Some(0.0) })), layout(&design));
        for (name, design) in reference::all().into_iter().filter(|(_, d)| d.regions.len() == 1) {
            for width in [PHONE, AT_1280, AT_1024, 2000.0] {
                let l = fit(&design, wide(width));
                assert_eq!(l, layout(&design), "{name} at {width}");
                assert_eq!((l.arrangement, l.metrics), (Arrangement::OneRegion, REGULAR));
            }
        }
    }

    #[test]
    fn every_multi_region_design_is_tidy_in_every_arrangement() {
        for (name, design) in reference::all().into_iter().filter(|(_, d)| d.regions.len() > 1) {
            for (arrangement, metrics) in CHOICES {
                let l = arrange(&design, &metrics, arrangement);
                assert_eq!((l.arrangement, l.metrics), (arrangement, metrics), "{name}");
                assert_tidy(&design, &l);
            }
        }
    }

    #[test]
    fn drops_hit_the_lanes_and_band_drawn_in_every_arrangement() {
        use crate::editor::drop::{Hit, Source, hit};
        use crate::kind::Kind;
        use crate::layout::Point;
        let design = reference::multi_region();
        let source = Source::Palette(Kind::Instance);
        for (arrangement, metrics) in CHOICES {
            let l = arrange(&design, &metrics, arrangement);
            let what = format!("{arrangement:?} {metrics:?}");
            for lane in &l.lanes {
                // The lane's floor, under the band.
                let floor = Point { x: lane.rect.center().x, y: lane.rect.bottom() - 8.0 };
                // Every region's lanes take drops, by the zone's world name (`us-west-2a`).
                assert_eq!(
                    hit(&l, &design, &source, floor),
                    Hit::Lane(lane.zone.clone()),
                    "{what}: lane {}",
                    lane.zone
                );
            }
            let band = Point { x: l.band.center().x, y: l.band.bottom() - 4.0 };
            assert_eq!(hit(&l, &design, &source, band), Hit::Band(0), "{what}");
            for (k, r) in l.more_regions.iter().enumerate() {
                let theirs = Point { x: r.band.center().x, y: r.band.bottom() - 4.0 };
                assert_eq!(
                    hit(&l, &design, &source, theirs),
                    Hit::Band(k + 1),
                    "{what}: {}'s own band",
                    r.name
                );
            }
        }
    }

    #[test]
    fn compact_lanes_have_room_for_their_fault_buttons_under_the_name() {
        // The sizes themselves are checked as the crate compiles (`layout.rs`); here, that
        // the band starts under the compact header.
        let l = arrange(&reference::multi_region(), &COMPACT, Arrangement::SideBySide);
        for lane in &l.lanes {
            assert!(
                l.nodes.iter().all(|n| n.rect.y >= lane.rect.y + COMPACT.lane_header),
                "nothing under the buttons"
            );
        }
    }
}
