//! Routing the canvas's links: right-angled polylines that go around the other boxes
//! instead of under them, with several links on one side of a box spread apart.
//!
//! The canvas is a grid (band rows, lane stacks) with free corridors between rows and
//! columns, so a few candidate paths per link are enough: straight, one jog in the
//! corridor just below the sender or just above the receiver, or a detour down a
//! corridor beside either box. Each candidate is scored by the boxes it would cross
//! (heavily), its bends and its length; the cheapest wins. Pure geometry, no DOM.

use std::collections::BTreeMap;

use crate::layout::{Point, Rect};

/// One end of a link on a box side: where its other end is along that side, the link's
/// index, and which end it is (0 sender, 1 receiver).
type End = (f64, usize, usize);

/// How a link leaves its sender and enters its receiver.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Top,
    Bottom,
    Left,
    Right,
}

/// Widest corridor half used for a jog [px]; corridors between rows are 20–36 px.
const MAX_CORRIDOR: f64 = 40.0;
/// Distance from a box edge to a detour down its side [px].
const SIDE_GAP: f64 = 10.0;

fn p(x: f64, y: f64) -> Point {
    Point { x, y }
}

/// The sides a link uses, from where the boxes are relative to each other; `None` when
/// they overlap.
fn sides(a: &Rect, b: &Rect) -> Option<(Side, Side)> {
    if b.y >= a.bottom() {
        Some((Side::Bottom, Side::Top))
    } else if b.bottom() <= a.y {
        Some((Side::Top, Side::Bottom))
    } else if b.x >= a.right() {
        Some((Side::Right, Side::Left))
    } else if b.right() <= a.x {
        Some((Side::Left, Side::Right))
    } else {
        None
    }
}

/// The point `k` of `n` along a side, spread over its middle 60 % (the centre for one).
fn port(r: &Rect, side: Side, k: usize, n: usize) -> Point {
    let f = if n <= 1 { 0.5 } else { 0.2 + 0.6 * (k as f64 + 1.0) / (n as f64 + 1.0) };
    match side {
        Side::Top => p(r.x + r.w * f, r.y),
        Side::Bottom => p(r.x + r.w * f, r.bottom()),
        Side::Left => p(r.x, r.y + r.h * f),
        Side::Right => p(r.right(), r.y + r.h * f),
    }
}

/// Routes every link `(from, to)` (indexes into `boxes`) around the other boxes.
/// Returns one polyline per link, in order; a link between overlapping boxes is a
/// straight line between centres.
pub fn route_all(boxes: &[Rect], links: &[(usize, usize)]) -> Vec<Vec<Point>> {
    // Which side of which box each link end uses.
    let ends: Vec<Option<(Side, Side)>> = links.iter().map(|&(a, b)| sides(&boxes[a], &boxes[b])).collect();
    // Ports: links sharing a box side are spread along it, ordered by where the other end is.
    let mut slots: Vec<[(usize, usize); 2]> = vec![[(0, 1); 2]; links.len()];
    let mut groups: BTreeMap<(usize, u8), Vec<End>> = BTreeMap::new();
    for (i, (&(a, b), end)) in links.iter().zip(&ends).enumerate() {
        let Some((sa, sb)) = end else { continue };
        for (which, (node, side, other)) in [(a, *sa, b), (b, *sb, a)].into_iter().enumerate() {
            let c = boxes[other].center();
            let along = if matches!(side, Side::Top | Side::Bottom) { c.x } else { c.y };
            groups.entry((node, side as u8)).or_default().push((along, i, which));
        }
    }
    for members in groups.values_mut() {
        members.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
        let n = members.len();
        for (k, &(_, i, which)) in members.iter().enumerate() {
            slots[i][which] = (k, n);
        }
    }
    links
        .iter()
        .zip(&ends)
        .zip(&slots)
        .map(|((&(a, b), end), slot)| {
            let (ra, rb) = (&boxes[a], &boxes[b]);
            match end {
                None => vec![ra.center(), rb.center()],
                Some((sa, sb)) => {
                    let start = port(ra, *sa, slot[0].0, slot[0].1);
                    let end = port(rb, *sb, slot[1].0, slot[1].1);
                    best(boxes, a, b, *sa, start, end)
                }
            }
        })
        .collect()
}

/// The cheapest candidate path from `start` (on side `sa` of box `a`) to `end` on box `b`.
fn best(boxes: &[Rect], a: usize, b: usize, sa: Side, start: Point, end: Point) -> Vec<Point> {
    let (ra, rb) = (&boxes[a], &boxes[b]);
    let candidates = match sa {
        Side::Bottom | Side::Top => {
            let down = sa == Side::Bottom;
            let near_a = corridor(boxes, ra, down);
            let near_b = corridor(boxes, rb, !down);
            let mut c = vec![
                vertical(start, end, (start.y + end.y) / 2.0),
                vertical(start, end, near_a),
                vertical(start, end, near_b),
            ];
            for vx in [ra.x - SIDE_GAP, ra.right() + SIDE_GAP, rb.x - SIDE_GAP, rb.right() + SIDE_GAP] {
                c.push(vec![start, p(start.x, near_a), p(vx, near_a), p(vx, near_b), p(end.x, near_b), end]);
            }
            c
        }
        Side::Left | Side::Right => {
            let mid = (start.x + end.x) / 2.0;
            let mut c = vec![horizontal(start, end, mid)];
            // Around: out of the side, along the corridor above or below both, back in.
            for (above, gap_a, gap_b) in [
                (true, corridor(boxes, ra, false), corridor(boxes, rb, false)),
                (false, corridor(boxes, ra, true), corridor(boxes, rb, true)),
            ] {
                let hy = if above { gap_a.min(gap_b) } else { gap_a.max(gap_b) };
                let out = start.x + if sa == Side::Right { SIDE_GAP } else { -SIDE_GAP };
                let back = end.x + if sa == Side::Right { -SIDE_GAP } else { SIDE_GAP };
                c.push(vec![start, p(out, start.y), p(out, hy), p(back, hy), p(back, end.y), end]);
            }
            c
        }
    };
    candidates
        .into_iter()
        .map(simplify)
        .min_by(|x, y| cost(boxes, a, b, x).total_cmp(&cost(boxes, a, b, y)))
        .unwrap_or_else(|| vec![start, end])
}

/// Down (or up) to height `hy`, across, and on to the end.
fn vertical(start: Point, end: Point, hy: f64) -> Vec<Point> {
    vec![start, p(start.x, hy), p(end.x, hy), end]
}

/// Across to `vx`, up or down, and on to the end.
fn horizontal(start: Point, end: Point, vx: f64) -> Vec<Point> {
    vec![start, p(vx, start.y), p(vx, end.y), end]
}

/// The middle of the free corridor below (or above) box `r`: half the gap to the nearest
/// box edge facing it, at most [`MAX_CORRIDOR`].
fn corridor(boxes: &[Rect], r: &Rect, below: bool) -> f64 {
    let gap = boxes
        .iter()
        .filter_map(|o| {
            let d = if below { o.y - r.bottom() } else { r.y - o.bottom() };
            (d > 0.5).then_some(d)
        })
        .fold(MAX_CORRIDOR, f64::min);
    if below { r.bottom() + gap / 2.0 } else { r.y - gap / 2.0 }
}

/// Drops repeated points and points in the middle of a straight run.
fn simplify(points: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for q in points {
        if out.last().is_some_and(|l| (l.x - q.x).abs() < 0.01 && (l.y - q.y).abs() < 0.01) {
            continue;
        }
        if out.len() >= 2 {
            let (u, v) = (out[out.len() - 2], out[out.len() - 1]);
            let straight = ((u.x - v.x).abs() < 0.01 && (v.x - q.x).abs() < 0.01)
                || ((u.y - v.y).abs() < 0.01 && (v.y - q.y).abs() < 0.01);
            if straight {
                out.pop();
            }
        }
        out.push(q);
    }
    out
}

/// Boxes crossed (each a heavy penalty), bends and length.
fn cost(boxes: &[Rect], a: usize, b: usize, path: &[Point]) -> f64 {
    let crossings = boxes
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != a && *i != b)
        .filter(|(_, r)| path.windows(2).any(|s| crosses(r, s[0], s[1])))
        .count();
    let length: f64 = path.windows(2).map(|s| (s[0].x - s[1].x).abs() + (s[0].y - s[1].y).abs()).sum();
    // Going back on itself (a segment reversing the previous one) reads badly.
    let reversals = path
        .windows(3)
        .filter(|w| {
            let (d1, d2) = ((w[1].x - w[0].x, w[1].y - w[0].y), (w[2].x - w[1].x, w[2].y - w[1].y));
            d1.0 * d2.0 + d1.1 * d2.1 < -0.01
        })
        .count();
    crossings as f64 * 10_000.0 + reversals as f64 * 2_000.0 + (path.len() as f64 - 2.0) * 24.0 + length
}

/// Whether the axis-parallel segment `u`–`v` passes through box `r` (edges grazed are fine).
fn crosses(r: &Rect, u: Point, v: Point) -> bool {
    let inset = 2.0;
    let (x0, x1) = (u.x.min(v.x), u.x.max(v.x));
    let (y0, y1) = (u.y.min(v.y), u.y.max(v.y));
    x1 > r.x + inset && x0 < r.right() - inset && y1 > r.y + inset && y0 < r.bottom() - inset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: f64, y: f64) -> Rect {
        Rect { x, y, w: 100.0, h: 40.0 }
    }

    fn crossings(boxes: &[Rect], a: usize, b: usize, path: &[Point]) -> usize {
        boxes
            .iter()
            .enumerate()
            .filter(|(i, r)| *i != a && *i != b && path.windows(2).any(|s| crosses(r, s[0], s[1])))
            .count()
    }

    #[test]
    fn aligned_boxes_get_a_straight_line() {
        let boxes = [rect(0.0, 0.0), rect(0.0, 100.0)];
        assert_eq!(route_all(&boxes, &[(0, 1)]), vec![vec![p(50.0, 40.0), p(50.0, 100.0)]]);
    }

    #[test]
    fn a_box_in_the_way_is_gone_around() {
        // 0 sends to 2 far below; 1 sits right under 0.
        let boxes = [rect(0.0, 0.0), rect(0.0, 70.0), rect(0.0, 200.0)];
        let path = &route_all(&boxes, &[(0, 2)])[0];
        assert_eq!(crossings(&boxes, 0, 2, path), 0, "{path:?}");
        assert_eq!(path.first(), Some(&p(50.0, 40.0)));
        assert_eq!(path.last(), Some(&p(50.0, 200.0)));
    }

    #[test]
    fn the_jog_uses_a_free_corridor() {
        // 0 → 3 diagonal, with 1 beside 3's row in the way of a mid-height jog.
        let boxes = [rect(300.0, 0.0), rect(0.0, 70.0), rect(150.0, 70.0), rect(0.0, 160.0)];
        let path = &route_all(&boxes, &[(0, 3)])[0];
        assert_eq!(crossings(&boxes, 0, 3, path), 0, "{path:?}");
    }

    #[test]
    fn links_sharing_a_side_are_spread_apart() {
        let boxes = [rect(0.0, 0.0), rect(200.0, 0.0), rect(100.0, 150.0)];
        let paths = route_all(&boxes, &[(0, 2), (1, 2)]);
        let (e0, e1) = (paths[0].last().unwrap(), paths[1].last().unwrap());
        assert_eq!(e0.y, 150.0);
        assert!(e0.x < e1.x, "the link from the left enters left of the other: {e0:?} {e1:?}");
    }

    #[test]
    fn side_by_side_boxes_link_sideways_and_overlaps_go_centre_to_centre() {
        let boxes = [rect(0.0, 0.0), rect(200.0, 0.0), rect(50.0, 10.0)];
        let paths = route_all(&boxes, &[(0, 1), (0, 2)]);
        assert_eq!(paths[0], vec![p(100.0, 20.0), p(200.0, 20.0)]);
        assert_eq!(paths[1], vec![boxes[0].center(), boxes[2].center()]);
    }

    #[test]
    fn simplify_merges_straight_runs() {
        let path = simplify(vec![p(0.0, 0.0), p(0.0, 5.0), p(0.0, 10.0), p(0.0, 10.0), p(5.0, 10.0)]);
        assert_eq!(path, vec![p(0.0, 0.0), p(0.0, 10.0), p(5.0, 10.0)]);
    }
}
