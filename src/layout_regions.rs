//! Several regions on one canvas: each region laid out as if it were the whole design,
//! then placed side by side (the first on the left) or stacked (the first on top).
//! Global components (clients, DNS) sit in the first region's band; links between
//! regions are routed over the whole canvas. Lanes and nodes of a later region carry the
//! world's zone names (`us-west-2a`), so the live view and zone faults find them.

use nines_sim::design::{Connection, Design};

use crate::layout::{Arrangement, Layout, Metrics, RegionBox, edges, one_region};

/// The layout of a design with more than one region, in sizes `m`, its regions arranged
/// as `arrangement` says (a row or a column; [`Arrangement::OneRegion`] is taken as a
/// row). Side by side, regions are lengthened to the tallest; stacked, each keeps its
/// own width.
pub fn arrange(design: &Design, m: &Metrics, arrangement: Arrangement) -> Layout {
    let stacked = arrangement == Arrangement::Stacked;
    let parts: Vec<Layout> = (0..design.regions.len()).map(|r| one_region(&part(design, r), m)).collect();
    let bottom = parts.iter().map(|p| p.region.bottom()).fold(0.0, f64::max);
    let mut out: Option<Layout> = None;
    // Where the next region's box ends up, less its own margin [px].
    let (mut x, mut y) = (0.0, 0.0);
    let (mut right, mut lowest) = (0.0_f64, 0.0_f64);
    for (r, mut part) in parts.into_iter().enumerate() {
        if !stacked {
            stretch(&mut part, bottom);
        }
        shift(&mut part, x, y);
        for node in &mut part.nodes {
            node.zone = node.zone.as_ref().map(|z| design.zone_name(r, z));
        }
        for lane in &mut part.lanes {
            lane.zone = design.zone_name(r, &lane.zone);
            lane.region = r;
        }
        (right, lowest) = (right.max(part.region.right()), lowest.max(part.region.bottom()));
        if stacked {
            y = part.region.bottom();
        } else {
            x = part.region.right();
        }
        match &mut out {
            None => out = Some(part),
            Some(first) => {
                let name = design.regions[r].name.clone();
                first.more_regions.push(RegionBox { name, rect: part.region, band: part.band });
                first.nodes.extend(part.nodes);
                first.lanes.extend(part.lanes);
            }
        }
    }
    let mut layout = out.unwrap_or_else(|| one_region(design, m));
    layout.width = right + m.margin;
    layout.height = lowest + m.margin;
    layout.arrangement = if stacked { Arrangement::Stacked } else { Arrangement::SideBySide };
    layout.edges = edges(design, &layout.nodes);
    layout
}

/// Moves a region's boxes by (`dx`, `dy`) [px].
fn shift(part: &mut Layout, dx: f64, dy: f64) {
    let by = |r: &mut crate::layout::Rect| {
        r.x += dx;
        r.y += dy;
    };
    part.nodes.iter_mut().for_each(|n| by(&mut n.rect));
    part.lanes.iter_mut().for_each(|l| by(&mut l.rect));
    by(&mut part.region);
    by(&mut part.band);
}

/// Region `r` as a design of its own: its zones and the components that live in it (the
/// global ones in the first), with the links among them.
fn part(design: &Design, r: usize) -> Design {
    let components: Vec<_> = design
        .components
        .iter()
        .filter(|c| if c.spec.is_global() { r == 0 } else { design.region_index(c) == r })
        .cloned()
        .collect();
    let inside = |id: &str| components.iter().any(|c| c.id == id);
    let connections: Vec<Connection> =
        design.connections.iter().filter(|c| inside(&c.from) && inside(&c.to)).cloned().collect();
    Design { regions: vec![design.regions[r].clone()], components, connections, ..design.clone() }
}

/// Lengthens a region's box and lanes down to `bottom`, so regions line up.
fn stretch(part: &mut Layout, bottom: f64) {
    let extra = bottom - part.region.bottom();
    part.region.h += extra;
    for lane in &mut part.lanes {
        lane.rect.h += extra;
    }
}

#[cfg(test)]
mod tests {
    use nines_sim::design::reference;

    use crate::layout::layout;

    #[test]
    fn two_regions_sit_side_by_side_without_overlap() {
        let design = reference::multi_region();
        let l = layout(&design);
        assert_eq!(l.more_regions.len(), 1);
        let west = &l.more_regions[0];
        assert_eq!(west.name, "us-west-2");
        assert!(west.rect.x > l.region.right(), "the second region starts right of the first");
        assert_eq!(west.rect.bottom(), l.region.bottom(), "regions line up");
        let zones: Vec<&str> = l.lanes.iter().map(|lane| lane.zone.as_str()).collect();
        assert_eq!(zones, ["a", "b", "us-west-2a", "us-west-2b"]);
        for id in ["lb-west", "web-west"] {
            assert!(west.rect.contains(&l.node(id).expect(id).rect), "{id} is drawn in us-west-2");
        }
        for id in ["clients", "dns", "lb-east", "web-east"] {
            assert!(l.region.contains(&l.node(id).expect(id).rect), "{id} is drawn in us-east-1");
        }
        for (i, a) in l.nodes.iter().enumerate() {
            for b in &l.nodes[i + 1..] {
                let apart = a.rect.right() <= b.rect.x
                    || b.rect.right() <= a.rect.x
                    || a.rect.bottom() <= b.rect.y
                    || b.rect.bottom() <= a.rect.y;
                assert!(apart, "{} and {} overlap", a.id, b.id);
            }
        }
        assert_eq!(l.edges.len(), design.connections.len(), "every link is drawn, across regions too");
        assert!(l.width >= west.rect.right());
    }

    /// A drop stores its position in its region's own frame (`Layout::region_offset`), so
    /// a card dragged left of another in the second region is drawn left of it there.
    #[test]
    fn a_position_in_a_later_regions_frame_orders_its_cards() {
        use nines_sim::design::Position;

        use crate::editor::drop::{Hit, region_of};
        let mut design = reference::multi_region();
        let before = layout(&design);
        assert_eq!(region_of(&design, &Hit::Band(1)), Some(1));
        let (dx, dy) = before.region_offset(1);
        assert!(dx > 0.0 && dy == 0.0, "side by side: the second region is to the right");
        let lb = before.node("lb-west").expect("lb-west").rect;
        assert!(before.node("web-west").expect("web-west").rect.x > lb.x);
        let web = design.components.iter_mut().find(|c| c.id == "web-west").expect("web-west");
        web.position = Some(Position { x: lb.x - dx - 60.0, y: lb.y - dy });
        let after = layout(&design);
        let (web, lb) = (after.node("web-west").expect("web").rect, after.node("lb-west").expect("lb").rect);
        assert!(web.x < lb.x, "web-west moved left of lb-west: {web:?} {lb:?}");
    }
}
