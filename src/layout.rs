//! Where everything goes on the canvas, in SVG user units: pure geometry from a design.
//!
//! The canvas is a region box holding one lane per availability zone, side by side.
//! A band across the top of the lanes holds the regional components (clients, load
//! balancers, groups, queues, alarms); zone-scoped ones (instances, then databases with
//! their standby and replicas) stack inside their zone's lane. Connections are routed as
//! right-angled polylines around the boxes (`crate::edge_routing`).
//!
//! Positions stored in the design (the editor sets them on drop) decide order, not exact
//! coordinates: within a lane the drop height puts a component above or below the others,
//! within the band the drop point picks its row and its place in the row. The canvas thus
//! stays a tidy grid that never overlaps, however many components it holds, while a
//! component still lands where it was dropped relative to its neighbours. Components
//! without a position follow the flow of work, as before.

use std::collections::BTreeMap;

use nines_sim::design::{ComponentSpec, Design, Position};

use crate::kind::{Kind, Scope};

/// Outer margin around the region [px].
pub const MARGIN: f64 = 16.0;
/// Height of the region's title strip [px].
pub const REGION_HEADER: f64 = 44.0;
/// Inner padding of the region box around its lanes [px].
pub const REGION_PAD: f64 = 16.0;
/// Width of one zone lane [px].
pub const LANE_W: f64 = 256.0;
/// Gap between neighbouring lanes [px].
pub const LANE_GAP: f64 = 12.0;
/// Height of a lane's title strip [px].
pub const LANE_HEADER: f64 = 50.0;
/// Width and height of a component node [px].
pub const NODE_W: f64 = 208.0;
pub const NODE_H: f64 = 56.0;
/// Vertical gap between stacked nodes, and horizontal gap between band nodes [px].
pub const NODE_GAP: f64 = 20.0;
/// Vertical gap between rows of the regional band, roomy enough for links between rows
/// and, while a run is live, a group's instance badges under its card [px].
pub const BAND_ROW_GAP: f64 = 44.0;
/// Height of the regional band's caption strip [px].
pub const BAND_HEADER: f64 = 24.0;
/// Gap between the band and the first zone tier, and between tiers [px].
pub const TIER_GAP: f64 = 36.0;

/// The horizontal sizes a region is drawn with [px], and its lanes' header height [px].
/// Text keeps its size in every set: a narrower set draws the same words on narrower
/// boxes, so the drawing needs less scaling down to fit a narrow canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metrics {
    /// Outer margin around a region, and the gap between regions [px].
    pub margin: f64,
    /// Inner padding of a region box around its lanes, and of the band around its nodes [px].
    pub region_pad: f64,
    /// Width of one zone lane [px].
    pub lane_w: f64,
    /// Gap between neighbouring lanes [px].
    pub lane_gap: f64,
    /// Height of a lane's title strip [px].
    pub lane_header: f64,
    /// Width of a component node [px].
    pub node_w: f64,
}

/// The sizes every single-region design is drawn with.
pub const REGULAR: Metrics = Metrics {
    margin: MARGIN,
    region_pad: REGION_PAD,
    lane_w: LANE_W,
    lane_gap: LANE_GAP,
    lane_header: LANE_HEADER,
    node_w: NODE_W,
};

/// Narrower sizes for a design with several regions on a narrow canvas: lanes of 204
/// instead of 256, cards of 182 instead of 208, tighter margins. A compact lane is too
/// narrow for its live fault buttons beside the zone's name, so its header is taller and
/// the buttons go under the name (`components::zone_lane`).
pub const COMPACT: Metrics = Metrics {
    margin: 8.0,
    region_pad: 10.0,
    lane_w: 204.0,
    lane_gap: 8.0,
    lane_header: LANE_HEADER + 24.0,
    node_w: 182.0,
};

/// Lanes narrower than this [px] have their live fault buttons under the zone's name: at
/// 14 px a name like `us-west-2a` is about 90 px wide, and the buttons take 116 px.
pub const BUTTONS_BESIDE_NAME_MIN_W: f64 = 230.0;

// Compact lanes put their buttons under the name, regular ones beside it; the buttons (21
// px tall, from 2 px under a regular header) fit in the compact lanes' taller header.
const _: () =
    assert!(COMPACT.lane_w < BUTTONS_BESIDE_NAME_MIN_W && REGULAR.lane_w >= BUTTONS_BESIDE_NAME_MIN_W);
const _: () = assert!(COMPACT.lane_header >= LANE_HEADER + 2.0 + 21.0);

/// A point in canvas coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// An axis-aligned box: top-left corner and size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    pub fn center(&self) -> Point {
        Point { x: self.x + self.w / 2.0, y: self.y + self.h / 2.0 }
    }
    /// Whether `other` lies entirely inside this box.
    pub fn contains(&self, other: &Rect) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.right() <= self.right()
            && other.bottom() <= self.bottom()
    }
}

/// How the regions of a design sit on the canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrangement {
    /// A design with one region.
    OneRegion,
    /// Regions in a row, the first on the left.
    SideBySide,
    /// Regions in a column, the first on top (for a canvas too narrow for a row).
    Stacked,
}

impl Arrangement {
    /// Its name in the page (`data-arrangement` on the canvas).
    pub fn name(self) -> &'static str {
        match self {
            Arrangement::OneRegion => "one-region",
            Arrangement::SideBySide => "side-by-side",
            Arrangement::Stacked => "stacked",
        }
    }
}

/// What a node stands for: the component itself, or a copy of a database drawn elsewhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeRole {
    /// The component; focusable and selectable.
    Primary,
    /// A database's synchronous Multi-AZ standby.
    Standby,
    /// A database's asynchronous read replica.
    Replica,
}

/// One drawn component box.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeBox {
    /// Id of the design component it belongs to.
    pub id: String,
    pub kind: Kind,
    pub role: NodeRole,
    /// The zone whose lane holds it; `None` for the regional band.
    pub zone: Option<String>,
    /// Which read replica it is (its index in `read_replicas`); 0 for other nodes.
    pub index: usize,
    pub rect: Rect,
}

/// One availability-zone lane.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneBox {
    /// The zone's name in faults and the live view: its suffix in the first region
    /// (`a`), the full zone name in another (`us-west-2a`).
    pub zone: String,
    /// Index of its region in the design.
    pub region: usize,
    pub rect: Rect,
}

/// A region after the first, drawn to the right of it with its own band and lanes.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionBox {
    /// The region's name, e.g. `us-west-2`.
    pub name: String,
    pub rect: Rect,
    /// Its band of regional components.
    pub band: Rect,
}

/// A routed connection.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgePath {
    pub from: String,
    pub to: String,
    /// Polyline from the sender's box edge to the receiver's box edge.
    pub points: Vec<Point>,
}

impl EdgePath {
    /// The SVG path data of the polyline: `M x y L x y …`.
    pub fn d(&self) -> String {
        let mut d = String::new();
        for (i, p) in self.points.iter().enumerate() {
            let cmd = if i == 0 { 'M' } else { 'L' };
            d.push_str(&format!("{}{cmd}{} {}", if i == 0 { "" } else { " " }, p.x, p.y));
        }
        d
    }
}

/// The whole canvas.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Size of the SVG view box [px].
    pub width: f64,
    pub height: f64,
    pub region: Rect,
    pub lanes: Vec<LaneBox>,
    /// The strip across all lanes that holds regional components.
    pub band: Rect,
    /// Regions after the first (design format 2): to its right, or below it.
    pub more_regions: Vec<RegionBox>,
    /// The sizes it was drawn with.
    pub metrics: Metrics,
    /// How its regions are arranged.
    pub arrangement: Arrangement,
    pub nodes: Vec<NodeBox>,
    pub edges: Vec<EdgePath>,
}

impl Layout {
    /// The primary node of a component.
    pub fn node(&self, id: &str) -> Option<&NodeBox> {
        self.nodes.iter().find(|n| n.id == id && n.role == NodeRole::Primary)
    }

    /// How far region `r` is drawn from where it would be alone [px, x and y]. Stored
    /// positions order a region's nodes in its own frame, so a drop subtracts this.
    pub fn region_offset(&self, r: usize) -> (f64, f64) {
        match r.checked_sub(1).and_then(|k| self.more_regions.get(k)) {
            Some(more) => (more.rect.x - self.region.x, more.rect.y - self.region.y),
            None => (0.0, 0.0),
        }
    }
}

/// Lays out a design for a canvas of unknown size. Never fails: a component naming an
/// unknown zone goes to the band. A design with two regions draws each as it would be
/// alone, side by side (`layout_regions.rs`); [`crate::layout_fit::fit`] chooses another
/// arrangement when the canvas is too narrow for that.
pub fn layout(design: &Design) -> Layout {
    if design.regions.len() > 1 {
        return crate::layout_regions::arrange(design, &REGULAR, Arrangement::SideBySide);
    }
    one_region(design, &REGULAR)
}

/// The layout of a design's first region, with every component in it, in sizes `m`.
pub(crate) fn one_region(design: &Design, m: &Metrics) -> Layout {
    let zones = &design.region().zones;
    let lane_count = zones.len().max(1);
    let lanes_w = lane_count as f64 * m.lane_w + (lane_count - 1) as f64 * m.lane_gap;
    let region_x = m.margin;
    let lanes_x = region_x + m.region_pad;
    let lanes_y = m.margin + REGION_HEADER;

    let (regional, zonal) = split(design, m);
    let positions = positions(design);
    let band = band_rect(lanes_x, lanes_y + m.lane_header, lanes_w, regional.len(), m);
    let regional = reorder_band(&band, &positions, regional, m);
    let mut nodes = place_band(&band, &regional, m);

    let tiers_top = band.bottom() + TIER_GAP;
    let zonal = reorder_zonal(design, lanes_x, tiers_top, &positions, zonal, m);
    let (zone_nodes, tiers_bottom) = place_zonal(design, lanes_x, tiers_top, &zonal, m);
    nodes.extend(zone_nodes);

    let lanes_bottom = tiers_bottom.max(tiers_top + NODE_H) + m.region_pad;
    let lanes = zones
        .iter()
        .enumerate()
        .map(|(i, zone)| LaneBox {
            zone: zone.clone(),
            region: 0,
            rect: Rect { x: lane_x(lanes_x, i, m), y: lanes_y, w: m.lane_w, h: lanes_bottom - lanes_y },
        })
        .collect();
    let region = Rect {
        x: region_x,
        y: m.margin,
        w: lanes_w + 2.0 * m.region_pad,
        h: lanes_bottom + m.region_pad - m.margin,
    };
    let edges = edges(design, &nodes);
    Layout {
        width: region.right() + m.margin,
        height: region.bottom() + m.margin,
        region,
        lanes,
        band,
        more_regions: Vec::new(),
        metrics: *m,
        arrangement: Arrangement::OneRegion,
        nodes,
        edges,
    }
}

/// The stored positions of components, by id.
fn positions(design: &Design) -> BTreeMap<&str, Position> {
    design.components.iter().filter_map(|c| Some((c.id.as_str(), c.position?))).collect()
}

/// The position a node is ordered by: its component's stored one (primary nodes only).
fn stored(positions: &BTreeMap<&str, Position>, node: &NodeBox) -> Option<Position> {
    if node.role == NodeRole::Primary { positions.get(node.id.as_str()).copied() } else { None }
}

/// Orders band nodes by (row, x) of their centres: stored positions where there are
/// some, the automatic places otherwise.
fn reorder_band(
    band: &Rect,
    positions: &BTreeMap<&str, Position>,
    nodes: Vec<NodeBox>,
    m: &Metrics,
) -> Vec<NodeBox> {
    if !nodes.iter().any(|n| stored(positions, n).is_some()) {
        return nodes;
    }
    let auto = place_band(band, &nodes, m);
    let rows = auto.iter().map(|n| row_of(band, n.rect.center().y)).max().unwrap_or(0);
    let mut keyed: Vec<((i64, f64), usize, NodeBox)> = nodes
        .into_iter()
        .zip(&auto)
        .enumerate()
        .map(|(i, (node, placed))| {
            let centre = match stored(positions, &node) {
                Some(p) => Point { x: p.x + m.node_w / 2.0, y: p.y + NODE_H / 2.0 },
                None => placed.rect.center(),
            };
            ((row_of(band, centre.y).clamp(0, rows), centre.x), i, node)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.0.cmp(&b.0.0).then(a.0.1.total_cmp(&b.0.1)).then(a.1.cmp(&b.1)));
    keyed.into_iter().map(|(_, _, node)| node).collect()
}

/// The band row a height falls in (may be negative or past the last row).
fn row_of(band: &Rect, y: f64) -> i64 {
    ((y - band.y - BAND_HEADER) / (NODE_H + BAND_ROW_GAP)).floor() as i64
}

/// Orders each lane's stack by the top of stored positions, automatic places otherwise.
fn reorder_zonal(
    design: &Design,
    lanes_x: f64,
    top: f64,
    positions: &BTreeMap<&str, Position>,
    zonal: Vec<Zonal>,
    m: &Metrics,
) -> Vec<Zonal> {
    if !zonal.iter().any(|z| stored(positions, &z.node).is_some()) {
        return zonal;
    }
    let (auto, _) = place_zonal(design, lanes_x, top, &zonal, m);
    let mut keyed: Vec<((usize, usize, f64), usize, Zonal)> = zonal
        .into_iter()
        .zip(&auto)
        .enumerate()
        .map(|(i, (z, placed))| {
            let y = stored(positions, &z.node).map_or(placed.rect.y, |p| p.y);
            ((z.lane, z.tier, y), i, z)
        })
        .collect();
    keyed.sort_by(|a, b| {
        (a.0.0, a.0.1).cmp(&(b.0.0, b.0.1)).then(a.0.2.total_cmp(&b.0.2)).then(a.1.cmp(&b.1))
    });
    keyed.into_iter().map(|(_, _, z)| z).collect()
}

/// Every connection between drawn components, routed around the other boxes.
pub(crate) fn edges(design: &Design, nodes: &[NodeBox]) -> Vec<EdgePath> {
    let primary: BTreeMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.role == NodeRole::Primary)
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let links: Vec<(&nines_sim::design::Connection, (usize, usize))> = design
        .connections
        .iter()
        .filter_map(|c| Some((c, (*primary.get(c.from.as_str())?, *primary.get(c.to.as_str())?))))
        .collect();
    let boxes: Vec<Rect> = nodes.iter().map(|n| n.rect).collect();
    let ends: Vec<(usize, usize)> = links.iter().map(|(_, ends)| *ends).collect();
    let paths = crate::edge_routing::route_all(&boxes, &ends);
    links
        .into_iter()
        .zip(paths)
        .map(|((c, _), points)| EdgePath { from: c.from.clone(), to: c.to.clone(), points })
        .collect()
}

fn lane_x(lanes_x: f64, index: usize, m: &Metrics) -> f64 {
    lanes_x + index as f64 * (m.lane_w + m.lane_gap)
}

/// A zone-scoped drawing: which lane, which tier (0 instances, 1 databases), and what.
struct Zonal {
    lane: usize,
    tier: usize,
    node: NodeBox,
}

/// Regional nodes in palette order, and zonal ones with their lanes (standbys and replicas
/// included). Rects are filled in by the placing functions.
fn split(design: &Design, m: &Metrics) -> (Vec<NodeBox>, Vec<Zonal>) {
    let lane_of = |zone: &str| design.region().zones.iter().position(|z| z == zone);
    let mut regional = Vec::new();
    let mut zonal = Vec::new();
    for c in &design.components {
        let kind = Kind::of(&c.spec);
        let node = |role, zone: Option<&str>, index| NodeBox {
            id: c.id.clone(),
            kind,
            role,
            zone: zone.map(str::to_owned),
            index,
            rect: Rect { x: 0.0, y: 0.0, w: m.node_w, h: NODE_H },
        };
        let zone = match &c.spec {
            ComponentSpec::Instance(i) => Some(i.zone.as_str()),
            ComponentSpec::Database(d) => Some(d.zone.as_str()),
            _ => None,
        };
        match zone.and_then(|z| lane_of(z).map(|lane| (z, lane))) {
            Some((z, lane)) if kind.scope() == Scope::Zone => {
                let tier = usize::from(kind == Kind::Database);
                zonal.push(Zonal { lane, tier, node: node(NodeRole::Primary, Some(z), 0) });
            }
            _ => regional.push(node(NodeRole::Primary, None, 0)),
        }
        if let ComponentSpec::Database(d) = &c.spec {
            let copies = d.standby_zone.iter().map(|z| (NodeRole::Standby, z, 0));
            let copies =
                copies.chain(d.read_replicas.iter().enumerate().map(|(k, z)| (NodeRole::Replica, z, k)));
            for (role, z, k) in copies {
                if let Some(lane) = lane_of(z) {
                    zonal.push(Zonal { lane, tier: 1, node: node(role, Some(z), k) });
                }
            }
        }
    }
    let rank = flow_rank(design);
    regional.sort_by_key(|n| (rank(&n.id), n.kind));
    (regional, zonal)
}

/// Orders components along the flow of work: senders before receivers (the length of the
/// longest chain of connections leading to each), components on no connection last. Cycles
/// are cut off after one pass per component, so this always ends.
pub fn flow_rank(design: &Design) -> impl Fn(&str) -> usize + '_ {
    let n = design.components.len();
    let mut rank: Vec<usize> = vec![0; n];
    let index = |id: &str| design.components.iter().position(|c| c.id == id);
    let links: Vec<(usize, usize)> =
        design.connections.iter().filter_map(|c| Some((index(&c.from)?, index(&c.to)?))).collect();
    for _ in 0..n {
        let mut changed = false;
        for &(from, to) in &links {
            if rank[to] < rank[from] + 1 && rank[from] < n {
                rank[to] = rank[from] + 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    move |id: &str| match index(id) {
        Some(i) if links.iter().any(|&(a, b)| a == i || b == i) => rank[i],
        _ => n + 1,
    }
}

/// How many band nodes fit side by side in a band of this width [px] (at least one).
pub fn band_columns(band_w: f64, m: &Metrics) -> usize {
    (((band_w - 2.0 * m.region_pad + NODE_GAP) / (m.node_w + NODE_GAP)).floor() as usize).max(1)
}

fn band_rect(x: f64, y: f64, w: f64, count: usize, m: &Metrics) -> Rect {
    let rows = count.div_ceil(band_columns(w, m)).max(1) as f64;
    let h = BAND_HEADER + rows * NODE_H + (rows - 1.0) * BAND_ROW_GAP + m.region_pad;
    Rect { x, y, w, h }
}

/// Spreads the regional nodes evenly over the band, row by row.
fn place_band(band: &Rect, nodes: &[NodeBox], m: &Metrics) -> Vec<NodeBox> {
    let columns = band_columns(band.w, m);
    let inner_w = band.w - 2.0 * m.region_pad;
    nodes
        .chunks(columns)
        .enumerate()
        .flat_map(|(row, chunk)| {
            let slot = inner_w / chunk.len() as f64;
            chunk.iter().enumerate().map(move |(i, n)| {
                let x = band.x + m.region_pad + slot * i as f64 + (slot - m.node_w) / 2.0;
                let y = band.y + BAND_HEADER + row as f64 * (NODE_H + BAND_ROW_GAP);
                NodeBox { rect: Rect { x, y, ..n.rect }, ..n.clone() }
            })
        })
        .collect()
}

/// Stacks zonal nodes in their lanes, instances above databases; returns them and the
/// bottom edge of the lowest tier.
fn place_zonal(design: &Design, lanes_x: f64, top: f64, zonal: &[Zonal], m: &Metrics) -> (Vec<NodeBox>, f64) {
    let lanes = design.region().zones.len();
    let depth = |tier: usize| {
        (0..lanes).map(|l| zonal.iter().filter(|z| z.lane == l && z.tier == tier).count()).max().unwrap_or(0)
    };
    let tier_h = |n: usize| if n == 0 { 0.0 } else { n as f64 * (NODE_H + NODE_GAP) - NODE_GAP };
    let (d0, d1) = (depth(0), depth(1));
    let tier_top = [top, top + tier_h(d0) + if d0 > 0 && d1 > 0 { TIER_GAP } else { 0.0 }];
    let mut filled = vec![[0usize; 2]; lanes];
    let mut nodes = Vec::with_capacity(zonal.len());
    for z in zonal {
        let row = filled[z.lane][z.tier];
        filled[z.lane][z.tier] += 1;
        let x = lane_x(lanes_x, z.lane, m) + (m.lane_w - m.node_w) / 2.0;
        let y = tier_top[z.tier] + row as f64 * (NODE_H + NODE_GAP);
        nodes.push(NodeBox { rect: Rect { x, y, ..z.node.rect }, ..z.node.clone() });
    }
    let bottom = if d1 > 0 { tier_top[1] + tier_h(d1) } else { top + tier_h(d0) };
    (nodes, bottom)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nines_sim::design::{
        Component, ComponentSpec, Connection, DatabaseSpec, InstanceSpec, InstanceTemplate, LoadBalancerSpec,
        QueueSpec,
    };

    fn instance(id: &str, zone: &str) -> Component {
        let spec = InstanceSpec { zone: zone.to_owned(), template: InstanceTemplate::default() };
        Component { id: id.to_owned(), position: None, region: None, spec: ComponentSpec::Instance(spec) }
    }

    fn with(components: Vec<Component>, zones: &[&str]) -> Design {
        let mut design = crate::starter::design();
        design.region_mut().zones = zones.iter().map(|z| z.to_string()).collect();
        design.components.extend(components);
        design
    }

    #[test]
    fn starter_design_has_three_lanes_side_by_side() {
        let l = layout(&crate::starter::design());
        let zones: Vec<_> = l.lanes.iter().map(|lane| lane.zone.as_str()).collect();
        assert_eq!(zones, ["a", "b", "c"]);
        for pair in l.lanes.windows(2) {
            assert_eq!(pair[1].rect.x - pair[0].rect.right(), LANE_GAP);
            assert_eq!(pair[0].rect.y, pair[1].rect.y);
            assert_eq!(pair[0].rect.h, pair[1].rect.h);
        }
        assert!(l.lanes.iter().all(|lane| l.region.contains(&lane.rect)));
        assert!(l.region.right() < l.width && l.region.bottom() < l.height);
    }

    #[test]
    fn lane_count_follows_the_zones() {
        assert_eq!(layout(&with(vec![], &["a", "b"])).lanes.len(), 2);
        let six = layout(&with(vec![], &["a", "b", "c", "d", "e", "f"]));
        assert_eq!(six.lanes.len(), 6);
        assert!(six.width > layout(&with(vec![], &["a", "b"])).width);
    }

    #[test]
    fn a_region_without_zones_still_lays_out() {
        let mut design = crate::starter::design();
        design.region_mut().zones.clear();
        let l = layout(&design);
        assert!(l.lanes.is_empty());
        assert!(l.nodes.iter().all(|n| l.band.contains(&n.rect)), "everything falls back to the band");
        assert!(l.width > 0.0 && l.height > 0.0);
    }

    #[test]
    fn zonal_components_sit_inside_their_lane_and_regional_ones_in_the_band() {
        let l = layout(&crate::starter::design());
        let lane_a = l.lanes[0].rect;
        for id in ["web-1", "db-1"] {
            let node = l.node(id).unwrap();
            assert!(lane_a.contains(&node.rect), "{id} not in lane a");
            assert!(node.rect.y > l.band.bottom(), "{id} overlaps the band");
        }
        assert!(l.band.contains(&l.node("clients").unwrap().rect));
        assert!(l.node("web-1").unwrap().rect.bottom() < l.node("db-1").unwrap().rect.y);
    }

    #[test]
    fn instances_in_one_lane_stack_without_overlap() {
        let l = layout(&with(vec![instance("web-2", "a"), instance("web-3", "b")], &["a", "b", "c"]));
        let (w1, w2) = (l.node("web-1").unwrap().rect, l.node("web-2").unwrap().rect);
        assert_eq!(w1.x, w2.x);
        assert_eq!(w2.y - w1.bottom(), NODE_GAP);
        assert!(l.lanes[1].rect.contains(&l.node("web-3").unwrap().rect));
        // Databases start below the deepest instance stack.
        assert!(l.node("db-1").unwrap().rect.y >= w2.bottom() + TIER_GAP);
        assert!(l.lanes.iter().all(|lane| lane.rect.bottom() >= l.node("db-1").unwrap().rect.bottom()));
    }

    #[test]
    fn database_standby_and_replicas_are_drawn_in_their_lanes() {
        let db = DatabaseSpec {
            zone: "a".into(),
            standby_zone: Some("b".into()),
            read_replicas: vec!["c".into()],
            ..Default::default()
        };
        let mut design = crate::starter::design();
        design.components[2].spec = ComponentSpec::Database(db);
        let l = layout(&design);
        let copies: Vec<_> =
            l.nodes.iter().filter(|n| n.id == "db-1").map(|n| (n.role, n.zone.clone())).collect();
        assert_eq!(
            copies,
            [
                (NodeRole::Primary, Some("a".into())),
                (NodeRole::Standby, Some("b".into())),
                (NodeRole::Replica, Some("c".into()))
            ]
        );
        let standby = l.nodes.iter().find(|n| n.role == NodeRole::Standby).unwrap();
        assert!(l.lanes[1].rect.contains(&standby.rect));
        assert_eq!(standby.rect.y, l.node("db-1").unwrap().rect.y);
    }

    #[test]
    fn the_band_follows_the_flow_of_work() {
        let l = layout(&nines_sim::design::reference::three_tier());
        let band: Vec<_> = l.nodes.iter().filter(|n| n.zone.is_none()).map(|n| n.id.as_str()).collect();
        assert_eq!(band, ["clients", "lb-1", "web", "jobs", "workers", "jobs-age"]);
    }

    #[test]
    fn flow_rank_survives_cycles() {
        let mut design = crate::starter::design();
        design.connections.push(Connection { from: "db-1".into(), to: "clients".into() });
        let rank = flow_rank(&design);
        assert!(rank("web-1") <= design.components.len());
        assert_eq!(rank("nobody"), design.components.len() + 1);
    }

    #[test]
    fn every_reference_design_lays_out_without_overlaps() {
        for (name, design) in nines_sim::design::reference::all() {
            let l = layout(&design);
            for (i, a) in l.nodes.iter().enumerate() {
                let inside =
                    l.region.contains(&a.rect) || l.more_regions.iter().any(|r| r.rect.contains(&a.rect));
                assert!(inside, "{name}: {} outside its region", a.id);
                for b in &l.nodes[i + 1..] {
                    let apart = a.rect.right() <= b.rect.x
                        || b.rect.right() <= a.rect.x
                        || a.rect.bottom() <= b.rect.y
                        || b.rect.bottom() <= a.rect.y;
                    assert!(apart, "{name}: {} overlaps {}", a.id, b.id);
                }
            }
            assert_eq!(l.edges.len(), design.connections.len(), "{name}");
        }
    }

    #[test]
    fn unknown_zone_falls_back_to_the_band() {
        let l = layout(&with(vec![instance("lost", "z")], &["a", "b", "c"]));
        let lost = l.node("lost").unwrap();
        assert_eq!(lost.zone, None);
        assert!(l.band.contains(&lost.rect));
    }

    #[test]
    fn a_crowded_band_wraps_into_rows_without_overlap() {
        let lb = |id: &str| Component {
            id: id.into(),
            position: None,
            region: None,
            spec: ComponentSpec::LoadBalancer(LoadBalancerSpec::default()),
        };
        let q = Component {
            id: "q".into(),
            position: None,
            region: None,
            spec: ComponentSpec::Queue(QueueSpec::default()),
        };
        let l = layout(&with(vec![lb("lb-1"), lb("lb-2"), lb("lb-3"), q], &["a", "b", "c"]));
        let band: Vec<_> = l.nodes.iter().filter(|n| n.zone.is_none()).collect();
        assert_eq!(band.len(), 5);
        assert_eq!(band[0].id, "clients", "palette order: clients first");
        assert_eq!(band[4].id, "q", "palette order: queue after load balancers");
        for (i, a) in band.iter().enumerate() {
            assert!(l.band.contains(&a.rect), "{} outside the band", a.id);
            for b in &band[i + 1..] {
                let apart = a.rect.right() <= b.rect.x
                    || b.rect.right() <= a.rect.x
                    || a.rect.bottom() <= b.rect.y
                    || b.rect.bottom() <= a.rect.y;
                assert!(apart, "{} overlaps {}", a.id, b.id);
            }
        }
        assert!(l.node("web-1").unwrap().rect.y > l.band.bottom());
    }

    #[test]
    fn stored_positions_order_a_lane_stack() {
        let mut design = with(vec![instance("web-2", "a")], &["a", "b", "c"]);
        let auto = layout(&design);
        let (w1, w2) = (auto.node("web-1").unwrap().rect, auto.node("web-2").unwrap().rect);
        assert!(w1.y < w2.y, "automatic: design order");
        // Dropped above web-1: web-2 now comes first, in the same tidy slots.
        design.components[3].position = Some(nines_sim::design::Position { x: 0.0, y: w1.y - 30.0 });
        let moved = layout(&design);
        assert_eq!(moved.node("web-2").unwrap().rect, w1);
        assert_eq!(moved.node("web-1").unwrap().rect, w2);
    }

    #[test]
    fn stored_positions_order_the_band_by_row_and_x() {
        let mut design = nines_sim::design::reference::three_tier();
        let auto = layout(&design);
        let first = auto.node("clients").unwrap().rect;
        let i = design.components.iter().position(|c| c.id == "jobs-age").unwrap();
        design.components[i].position = Some(nines_sim::design::Position { x: first.x - 50.0, y: first.y });
        let l = layout(&design);
        assert_eq!(l.node("jobs-age").unwrap().rect, first, "dropped left of clients: first in the band");
        let band: Vec<_> = l.nodes.iter().filter(|n| n.zone.is_none()).map(|n| n.id.as_str()).collect();
        assert_eq!(band, ["jobs-age", "clients", "lb-1", "web", "jobs", "workers"]);
        // A position far below the band still lands in its last row, never outside it.
        design.components[i].position = Some(nines_sim::design::Position { x: 1e4, y: 1e4 });
        let l = layout(&design);
        assert!(l.band.contains(&l.node("jobs-age").unwrap().rect));
    }

    #[test]
    fn connections_run_from_edge_to_edge() {
        let l = layout(&crate::starter::design());
        assert_eq!(l.edges.len(), 2);
        let web = l.node("web-1").unwrap().rect;
        let db = l.node("db-1").unwrap().rect;
        let e = l.edges.iter().find(|e| e.from == "web-1").unwrap();
        assert_eq!(
            e.points,
            [Point { x: web.center().x, y: web.bottom() }, Point { x: db.center().x, y: db.y }]
        );
        assert_eq!(e.d(), format!("M{} {} L{} {}", web.center().x, web.bottom(), db.center().x, db.y));
        let c = l.edges.iter().find(|e| e.from == "clients").unwrap();
        assert_eq!(c.points.last().unwrap(), &Point { x: web.center().x, y: web.y });
    }

    #[test]
    fn connections_to_missing_components_are_skipped() {
        let mut design = crate::starter::design();
        design.connections.push(Connection { from: "web-1".into(), to: "nowhere".into() });
        assert_eq!(layout(&design).edges.len(), 2);
    }
}
