//! Exporting the canvas as a standalone SVG file for slides.
//!
//! The canvas is drawn mostly with presentation attributes; the few rules it takes from
//! stylesheets (selection, icon strokes, focus rings, live states) are in a small sheet of
//! its own, `static/css/canvas-export.css`, embedded in a `<style>` element. That sheet
//! spells out the page's custom properties, because slide tools (PowerPoint, Keynote,
//! Inkscape) do not understand `var(--…)`. The root gets an `xmlns`, a `viewBox`, a pixel
//! `width` and `height`, and a `<title>`. The core, [`standalone_svg_with`], is a pure
//! function on strings.

use nines_sim::design::Design;

use super::import::slug;

/// The canvas's rules for a drawing on its own, every value written out.
pub const CANVAS_STYLESHEET: &str = include_str!("../../static/css/canvas-export.css");

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";

/// Why the diagram could not be exported.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SvgExportError {
    /// The markup does not start with an `<svg>` element.
    #[error("The diagram could not be exported: what was given is not an SVG drawing.")]
    NotSvg,
    /// The root has neither a `viewBox` nor a numeric width and height.
    #[error("The diagram could not be exported: the drawing has no size (no viewBox).")]
    NoSize,
    /// The browser could not serialise the drawing (its reason).
    #[error("The diagram could not be exported: the browser said {0}.")]
    Browser(String),
}

/// The download name of the diagram: the design's name as a slug, then `.svg`.
pub fn svg_file_name(design: &Design) -> String {
    format!("{}.svg", slug(&design.name))
}

/// The canvas `<svg>` element as a standalone SVG file titled `title`, styled by
/// [`CANVAS_STYLESHEET`]. Serialised with `XMLSerializer`, so the text is well-formed XML.
pub fn standalone_svg(svg: &web_sys::Element, title: &str) -> Result<String, SvgExportError> {
    let serializer =
        web_sys::XmlSerializer::new().map_err(|e| SvgExportError::Browser(super::js_message(&e)))?;
    let markup =
        serializer.serialize_to_string(svg).map_err(|e| SvgExportError::Browser(super::js_message(&e)))?;
    standalone_svg_markup(&markup, title)
}

/// [`standalone_svg_with`] the canvas's own [`CANVAS_STYLESHEET`].
pub fn standalone_svg_markup(markup: &str, title: &str) -> Result<String, SvgExportError> {
    standalone_svg_with(markup, title, CANVAS_STYLESHEET)
}

/// Makes SVG `markup` (one `<svg>` element) a file of its own: XML declaration, `xmlns`
/// (and `xmlns:xlink` when used), `width`/`height` [px] from the `viewBox` (or a `viewBox`
/// from a numeric width and height), a `<title>`, and a `<style>` holding `css` (none when
/// `css` is blank). The root's own `class` is dropped: it names page-layout rules
/// (`width: 100%`) that have no place on a slide.
pub fn standalone_svg_with(markup: &str, title: &str, css: &str) -> Result<String, SvgExportError> {
    let markup = markup.trim_start();
    let markup = match markup.strip_prefix("<?xml") {
        Some(rest) => rest.split_once("?>").map_or("", |(_, after)| after).trim_start(),
        None => markup,
    };
    let after_name = markup.strip_prefix("<svg").ok_or(SvgExportError::NotSvg)?;
    if !after_name.starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/') {
        return Err(SvgExportError::NotSvg);
    }
    let end = tag_end(after_name).ok_or(SvgExportError::NotSvg)?;
    let self_closing = after_name[..end].ends_with('/');
    let attrs = attributes(after_name[..end].trim_end_matches('/'));
    let body = &after_name[end + 1..];

    let root = root_tag(&attrs, body.contains("xlink:"))?;
    let rules = css.trim();
    let mut out = String::with_capacity(markup.len() + rules.len() + 200);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&root);
    out.push_str("\n<title>");
    out.push_str(&escape(title));
    out.push_str("</title>\n");
    if !rules.is_empty() {
        out.push_str("<style><![CDATA[\n");
        out.push_str(&rules.replace("]]>", "]]]]><![CDATA[>"));
        out.push('\n');
        out.push_str("]]></style>\n");
    }
    if self_closing {
        out.push_str("</svg>\n");
    } else {
        out.push_str(body.trim_end());
        out.push('\n');
    }
    Ok(out)
}

/// Index of the `>` that ends a start tag, skipping `>` inside quoted attribute values.
fn tag_end(tag: &str) -> Option<usize> {
    let mut quote = None;
    for (i, ch) in tag.char_indices() {
        match (quote, ch) {
            (None, '"' | '\'') => quote = Some(ch),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// `name="value"` pairs of a start tag, values as written (still escaped).
fn attributes(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let name_end = rest.find(|c: char| c == '=' || c.is_whitespace()).unwrap_or(rest.len());
        let name = rest[..name_end].to_owned();
        rest = rest[name_end..].trim_start();
        let mut value = String::new();
        if let Some(after_eq) = rest.strip_prefix('=') {
            let after_eq = after_eq.trim_start();
            match after_eq.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let inner = &after_eq[1..];
                    let close = inner.find(q).unwrap_or(inner.len());
                    value = inner[..close].to_owned();
                    rest = inner.get(close + 1..).unwrap_or("");
                }
                _ => {
                    let end = after_eq.find(char::is_whitespace).unwrap_or(after_eq.len());
                    value = after_eq[..end].to_owned();
                    rest = &after_eq[end..];
                }
            }
        }
        if !name.is_empty() {
            out.push((name, value));
        }
        rest = rest.trim_start();
    }
    out
}

/// The new root start tag: namespaces first, then size, then the other attributes.
fn root_tag(attrs: &[(String, String)], uses_xlink: bool) -> Result<String, SvgExportError> {
    let get = |name: &str| attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    let (view_box, width, height) = match get("viewBox").and_then(parse_view_box) {
        Some(vb) => (format_view_box(vb), vb[2], vb[3]),
        None => {
            let number = |name| get(name).and_then(|v| v.trim_end_matches("px").trim().parse::<f64>().ok());
            match (number("width"), number("height")) {
                (Some(w), Some(h)) if w > 0.0 && h > 0.0 => (format_view_box([0.0, 0.0, w, h]), w, h),
                _ => return Err(SvgExportError::NoSize),
            }
        }
    };
    let mut tag = format!("<svg xmlns=\"{SVG_NS}\"");
    if uses_xlink || get("xmlns:xlink").is_some() {
        tag.push_str(&format!(" xmlns:xlink=\"{XLINK_NS}\""));
    }
    tag.push_str(&format!(" width=\"{width}\" height=\"{height}\" viewBox=\"{view_box}\""));
    let replaced = ["xmlns", "xmlns:xlink", "width", "height", "viewBox", "class"];
    for (name, value) in attrs.iter().filter(|(n, _)| !replaced.contains(&n.as_str())) {
        tag.push_str(&format!(" {name}=\"{}\"", value.replace('"', "&quot;")));
    }
    tag.push('>');
    Ok(tag)
}

fn parse_view_box(text: &str) -> Option<[f64; 4]> {
    let numbers: Vec<f64> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    match numbers[..] {
        [x, y, w, h] if w > 0.0 && h > 0.0 && w.is_finite() && h.is_finite() => Some([x, y, w, h]),
        _ => None,
    }
}

fn format_view_box([x, y, w, h]: [f64; 4]) -> String {
    format!("{x} {y} {w} {h}")
}

/// Escapes text for XML content and attribute values.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// Every stylesheet the page links, in index.html's order.
    const PAGE_CSS: [&str; 14] = [
        include_str!("../../static/css/base.css"),
        include_str!("../../static/css/layout.css"),
        include_str!("../../static/css/controls.css"),
        include_str!("../../static/css/header.css"),
        include_str!("../../static/css/palette.css"),
        include_str!("../../static/css/canvas.css"),
        include_str!("../../static/css/editor.css"),
        include_str!("../../static/css/inspector.css"),
        include_str!("../../static/css/live.css"),
        include_str!("../../static/css/charts.css"),
        include_str!("../../static/css/run-summary.css"),
        include_str!("../../static/css/timeline.css"),
        include_str!("../../static/css/event-log.css"),
        include_str!("../../static/css/faults.css"),
    ];

    const CSS: &str = ".node.selected .node-body { stroke: #4338ca; }\n.ring { stroke: #e0e7ff; }\n";

    const SVG: &str = r#"<svg class="canvas" viewBox="0 0 800 450" role="group" aria-label="Region &quot;x&quot;"><desc>a &gt; b</desc><g class="node selected" data-x='1>0'><rect class="node-body ring" width="10" height="10"/></g></svg>"#;

    /// Class names in the selectors of `css` (comments and declarations skipped).
    fn selector_classes(css: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut rest = css;
        while let Some(open) = rest.find(['{', '/']) {
            let (head, tail) = rest.split_at(open);
            if tail.starts_with("/*") {
                out.extend(classes_of(head));
                rest = tail.split_once("*/").map_or("", |(_, after)| after);
                continue;
            }
            if let Some(after) = tail.strip_prefix('/') {
                out.extend(classes_of(head));
                rest = after;
                continue;
            }
            out.extend(classes_of(head));
            rest = tail.split_once('}').map_or("", |(_, after)| after);
        }
        out
    }

    fn classes_of(selectors: &str) -> impl Iterator<Item = String> + '_ {
        selectors.split('.').skip(1).map(|after| {
            after.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
        })
    }

    #[test]
    fn a_small_svg_becomes_a_standalone_file() {
        let out = standalone_svg_with(SVG, "Three tier <draft> & co", CSS).unwrap();
        assert!(out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"450\" viewBox=\"0 0 800 450\" role=\"group\" aria-label=\"Region &quot;x&quot;\">\n<title>Three tier &lt;draft&gt; &amp; co</title>\n<style><![CDATA[\n"), "{out}");
        assert!(out.contains("<![CDATA[\n.node.selected .node-body { stroke: #4338ca; }\n.ring { stroke: #e0e7ff; }\n]]></style>"), "{out}");
        assert!(!out.contains("class=\"canvas\""), "{out}");
        assert!(out.trim_end().ends_with("</g></svg>"), "{out}");
        assert!(out.contains("data-x='1>0'"), "the body is kept as it was: {out}");
    }

    #[test]
    fn size_comes_from_width_and_height_when_there_is_no_view_box() {
        let out = standalone_svg_with("<svg width=\"300px\" height='200'/>", "t", " \n").unwrap();
        assert!(out.contains("width=\"300\" height=\"200\" viewBox=\"0 0 300 200\">"), "{out}");
        assert!(out.trim_end().ends_with("<title>t</title>\n</svg>"), "{out}");
        assert!(!out.contains("<style>"), "no rules, no style element: {out}");
    }

    #[test]
    fn existing_declarations_and_namespaces_are_not_doubled() {
        let markup = format!(
            "<?xml version=\"1.0\"?>\n<svg xmlns=\"{SVG_NS}\" xmlns:xlink=\"{XLINK_NS}\" viewBox=\"0,0,10,5\"><use xlink:href=\"#a\"/></svg>"
        );
        let out = standalone_svg_with(&markup, "t", CSS).unwrap();
        assert_eq!(out.matches("<?xml").count(), 1, "{out}");
        assert_eq!(out.matches("xmlns=").count(), 1, "{out}");
        assert_eq!(out.matches("xmlns:xlink=").count(), 1, "{out}");
        assert!(out.contains("viewBox=\"0 0 10 5\""), "{out}");
        let bare =
            standalone_svg_with("<svg viewBox=\"0 0 1 1\"><use xlink:href=\"#a\"/></svg>", "t", "").unwrap();
        assert!(bare.contains(&format!("xmlns:xlink=\"{XLINK_NS}\"")), "{bare}");
    }

    #[test]
    fn what_is_not_an_svg_is_refused() {
        for markup in ["", "<div></div>", "<svgx viewBox=\"0 0 1 1\">", "<svg viewBox=\"0 0 1 1\"", "hello"] {
            assert_eq!(standalone_svg_with(markup, "t", CSS), Err(SvgExportError::NotSvg), "{markup:?}");
        }
        for markup in ["<svg></svg>", "<svg viewBox=\"0 0 0 0\"></svg>", "<svg width=\"100%\" height=\"1\"/>"]
        {
            assert_eq!(standalone_svg_with(markup, "t", CSS), Err(SvgExportError::NoSize), "{markup:?}");
        }
    }

    #[test]
    fn the_canvas_stylesheet_stands_alone_on_a_slide() {
        let css = CANVAS_STYLESHEET;
        assert!(css.contains(".node.selected .node-body {"), "{css}");
        assert!(css.contains(".icon {"), "{css}");
        let rules = css.split_once("*/").map_or(css, |(_, after)| after);
        assert!(!rules.contains("var("), "slide tools read no custom properties");
        assert!(!rules.contains('@'), "no media queries or keyframes: a slide is no page");
        assert!(!rules.contains(":hover") && !rules.contains(":focus"), "a slide is not interactive");
        assert!(css.len() < PAGE_CSS.iter().map(|s| s.len()).sum::<usize>() / 5, "{} bytes", css.len());
    }

    #[test]
    fn every_class_the_canvas_stylesheet_names_is_still_in_the_page() {
        let page: BTreeSet<String> = PAGE_CSS.iter().flat_map(|css| selector_classes(css)).collect();
        let exported = selector_classes(CANVAS_STYLESHEET);
        assert!(exported.len() > 20, "{exported:?}");
        let gone: Vec<&String> = exported.iter().filter(|c| !page.contains(*c)).collect();
        assert!(
            gone.is_empty(),
            "classes renamed or removed in the page; update canvas-export.css: {gone:?}"
        );
    }

    #[test]
    fn the_classes_of_a_stylesheet_are_read_from_its_selectors_only() {
        let classes = selector_classes("/* .no */ .a .b-c, .d:hover > rect { fill: url(#x.y); } .e{}");
        assert_eq!(classes, ["a", "b-c", "d", "e"].map(String::from).into());
    }

    #[test]
    fn cdata_terminators_in_css_are_split() {
        let out = standalone_svg_with(SVG, "t", ".ring { content: \"]]>\"; }").unwrap();
        assert_eq!(out.matches("]]>").count(), 2, "{out}");
    }

    #[test]
    fn file_names() {
        let design = nines_sim::design::reference::three_tier();
        assert_eq!(svg_file_name(&design), "three-tier.svg");
    }
}
