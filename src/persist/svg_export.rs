//! Exporting the canvas as a standalone SVG file for slides.
//!
//! The canvas is drawn mostly with presentation attributes; the few rules it takes from the
//! page's stylesheet (node shadows, icon strokes, focus rings) are copied into a `<style>`
//! element, with the page's `:root` custom properties substituted, because slide tools
//! (PowerPoint, Keynote, Inkscape) do not understand `var(--…)`. The root gets an `xmlns`,
//! a `viewBox`, a pixel `width` and `height`, and a `<title>`. The core,
//! [`standalone_svg_with`], is a pure function on strings.

use std::collections::{BTreeMap, BTreeSet};

use nines_sim::design::Design;

use super::import::slug;

/// The app's stylesheet, as built into the page; the export keeps only the rules it needs.
pub const STYLESHEET: &str = include_str!("../../static/style.css");

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";

/// Deepest chain of custom properties that refer to each other that is followed.
const MAX_VAR_DEPTH: u32 = 8;

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

/// The canvas `<svg>` element as a standalone SVG file titled `title`, styled by the
/// app's stylesheet. Serialised with `XMLSerializer`, so the text is well-formed XML.
pub fn standalone_svg(svg: &web_sys::Element, title: &str) -> Result<String, SvgExportError> {
    let serializer =
        web_sys::XmlSerializer::new().map_err(|e| SvgExportError::Browser(super::js_message(&e)))?;
    let markup =
        serializer.serialize_to_string(svg).map_err(|e| SvgExportError::Browser(super::js_message(&e)))?;
    standalone_svg_markup(&markup, title)
}

/// [`standalone_svg_with`] the app's own [`STYLESHEET`].
pub fn standalone_svg_markup(markup: &str, title: &str) -> Result<String, SvgExportError> {
    standalone_svg_with(markup, title, STYLESHEET)
}

/// Makes SVG `markup` (one `<svg>` element) a file of its own: XML declaration, `xmlns`
/// (and `xmlns:xlink` when used), `width`/`height` [px] from the `viewBox` (or a `viewBox`
/// from a numeric width and height), a `<title>`, and a `<style>` with the rules of `css`
/// that name a class used inside the drawing. The root's own `class` is dropped, with the
/// page-layout rules it would pull in (`width: 100%`).
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
    let classes = classes_in(body);
    let rules = svg_rules(css, &classes);
    let mut out = String::with_capacity(markup.len() + rules.len() + 200);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&root);
    out.push_str("\n<title>");
    out.push_str(&escape(title));
    out.push_str("</title>\n");
    if !rules.is_empty() {
        out.push_str("<style><![CDATA[\n");
        out.push_str(&rules.replace("]]>", "]]]]><![CDATA[>"));
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

/// Every class named in a `class` attribute of `markup`.
fn classes_in(markup: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = markup;
    while let Some(at) = rest.find("class=") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "class=".len()..];
        let Some(q @ ('"' | '\'')) = rest.chars().next() else { continue };
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let inner = &rest[1..];
        let close = inner.find(q).unwrap_or(inner.len());
        out.extend(inner[..close].split_whitespace().map(str::to_owned));
        rest = inner.get(close..).unwrap_or("");
    }
    out
}

/// The rules of `css` whose selectors name one of `classes`, with only those selectors, and
/// with `var(--x)` replaced by the value `:root` gives `--x`. At-rules (`@media`, …) are
/// left out: they concern the page, not a drawing on a slide.
pub fn svg_rules(css: &str, classes: &BTreeSet<String>) -> String {
    let css = strip_comments(css);
    let rules = top_level_rules(&css);
    let mut vars: BTreeMap<&str, &str> = BTreeMap::new();
    let root_rules = rules.iter().filter(|(selector, _)| selector.split(',').any(|s| s.trim() == ":root"));
    for decl in root_rules.flat_map(|(_, body)| body.split(';')) {
        if let Some((name, value)) = decl.split_once(':').filter(|(name, _)| name.trim().starts_with("--")) {
            vars.insert(name.trim(), value.trim());
        }
    }
    let mut out = String::new();
    for (selectors, body) in &rules {
        let kept: Vec<&str> = selectors
            .split(',')
            .map(str::trim)
            .filter(|s| class_names(s).any(|c| classes.contains(c)))
            .collect();
        if kept.is_empty() {
            continue;
        }
        let body = resolve_vars(body.trim(), &vars, 0);
        let declarations: Vec<&str> = body.split(';').map(str::trim).filter(|d| !d.is_empty()).collect();
        out.push_str(&format!("{} {{ {}; }}\n", kept.join(", "), declarations.join("; ")));
    }
    out
}

fn strip_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start + 2..].split_once("*/").map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    out
}

/// `(selector list, declarations)` of every plain top-level rule; at-rules are skipped
/// whole, blocks included.
fn top_level_rules(css: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = css.trim_start();
    while !rest.is_empty() {
        let Some(open) = rest.find(['{', ';']) else { break };
        if rest[open..].starts_with(';') {
            rest = rest[open + 1..].trim_start(); // `@import …;` and stray semicolons
            continue;
        }
        let close = matching_brace(rest, open).unwrap_or(rest.len());
        let prelude = rest[..open].trim();
        if !prelude.starts_with('@') {
            out.push((prelude, rest.get(open + 1..close).unwrap_or("")));
        }
        rest = rest.get(close + 1..).unwrap_or("").trim_start();
    }
    out
}

/// Index of the `}` that closes the `{` at `open`.
fn matching_brace(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0u32;
    for (i, ch) in text[open..].char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Class names a selector mentions: `.node.selected .node-body` → node, selected, node-body.
fn class_names(selector: &str) -> impl Iterator<Item = &str> {
    selector.split('.').skip(1).map(|part| {
        let end = part.find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')).unwrap_or(part.len());
        &part[..end]
    })
}

/// Replaces `var(--name)` and `var(--name, fallback)` by the value in `vars`, then the
/// fallback; an unknown name without fallback stays as written (a browser may know it).
fn resolve_vars(text: &str, vars: &BTreeMap<&str, &str>, depth: u32) -> String {
    if depth > MAX_VAR_DEPTH {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("var(") {
        out.push_str(&rest[..start]);
        let inner_start = start + "var(".len();
        let Some(close) = matching_paren(rest, inner_start) else {
            out.push_str(&rest[start..]);
            return out;
        };
        let inner = &rest[inner_start..close];
        let (name, fallback) = match inner.split_once(',') {
            Some((name, fallback)) => (name.trim(), Some(fallback.trim())),
            None => (inner.trim(), None),
        };
        match vars.get(name).copied().or(fallback) {
            Some(value) => out.push_str(&resolve_vars(value, vars, depth + 1)),
            None => out.push_str(&rest[start..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Index of the `)` that closes a parenthesis opened just before `from`.
fn matching_paren(text: &str, from: usize) -> Option<usize> {
    let mut depth = 1u32;
    for (i, ch) in text[from..].char_indices() {
        match ch {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(from + i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Escapes text for XML content and attribute values.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSS: &str = "/* a comment .node */
:root { --accent: #4338ca; --soft: var(--accent); --focus: #2563eb; }
html, body { margin: 0; }
.canvas { width: 100%; min-width: 640px; }
.node .node-body { filter: drop-shadow(0 1px 1.5px rgb(15 23 42 / 0.12)); }
.node.selected .node-body, .palette-item { stroke: var(--accent); fill: var(--missing, #fff); }
.ring { stroke: var(--soft); color: var(--unknown); }
@media (max-width: 100px) { .node { display: none; } }
.palette { position: sticky; }
";

    const SVG: &str = r#"<svg class="canvas" viewBox="0 0 800 450" role="group" aria-label="Region &quot;x&quot;"><desc>a &gt; b</desc><g class="node selected" data-x='1>0'><rect class="node-body ring" width="10" height="10"/></g></svg>"#;

    #[test]
    fn a_small_svg_becomes_a_standalone_file() {
        let out = standalone_svg_with(SVG, "Three tier <draft> & co", CSS).unwrap();
        assert!(out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"450\" viewBox=\"0 0 800 450\" role=\"group\" aria-label=\"Region &quot;x&quot;\">\n<title>Three tier &lt;draft&gt; &amp; co</title>\n<style><![CDATA[\n"), "{out}");
        assert!(
            out.contains(".node .node-body { filter: drop-shadow(0 1px 1.5px rgb(15 23 42 / 0.12)); }"),
            "{out}"
        );
        assert!(out.contains(".node.selected .node-body { stroke: #4338ca; fill: #fff; }"), "{out}");
        assert!(out.contains(".ring { stroke: #4338ca; color: var(--unknown); }"), "{out}");
        assert!(!out.contains("palette") && !out.contains("@media") && !out.contains("min-width"), "{out}");
        assert!(!out.contains("class=\"canvas\""), "{out}");
        assert!(out.trim_end().ends_with("</g></svg>"), "{out}");
        assert!(out.contains("data-x='1>0'"), "the body is kept as it was: {out}");
    }

    #[test]
    fn size_comes_from_width_and_height_when_there_is_no_view_box() {
        let out = standalone_svg_with("<svg width=\"300px\" height='200'/>", "t", "").unwrap();
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
    fn the_real_stylesheet_gives_the_canvas_rules_without_variables() {
        let classes: BTreeSet<String> = ["node", "node-body", "focus-ring", "selected", "icon", "lane"]
            .into_iter()
            .map(String::from)
            .collect();
        let rules = svg_rules(STYLESHEET, &classes);
        assert!(rules.contains(".node .node-body {"), "{rules}");
        assert!(rules.contains(".icon {"), "{rules}");
        assert!(!rules.contains("var(--accent") && !rules.contains("var(--focus"), "{rules}");
        assert!(
            !rules.contains(".palette") && !rules.contains(".btn") && !rules.contains("@media"),
            "{rules}"
        );
        assert!(rules.len() < STYLESHEET.len() / 3, "{} bytes", rules.len());
    }

    #[test]
    fn cdata_terminators_in_css_are_split() {
        let out = standalone_svg_with(SVG, "t", ".ring { content: \"]]>\"; }").unwrap();
        assert_eq!(out.matches("]]>").count(), 2, "{out}");
    }

    #[test]
    fn vars_that_refer_to_themselves_stop() {
        let vars = BTreeMap::from([("--a", "var(--a)")]);
        let resolved = resolve_vars("var(--a)", &vars, 0);
        assert_eq!(resolved, "var(--a)");
        assert_eq!(resolve_vars("var(--a", &vars, 0), "var(--a");
    }

    #[test]
    fn file_names() {
        let design = nines_sim::design::reference::three_tier();
        assert_eq!(svg_file_name(&design), "three-tier.svg");
    }
}
