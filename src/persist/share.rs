//! Share links: the design compressed into the URL fragment, so a link is the whole design
//! and no server is involved.
//!
//! ```text
//! …/#/d=<payload>                     the Playground, opening that design
//! …/#/embed?d=<payload>&seed=7&play=1 embed mode (LEVELS.md); other params kept for later
//! payload = base64url(zlib(compact JSON of the design)), no padding
//! ```
//!
//! The codec is zlib from `miniz_oxide` (pure Rust, fuzzed, the backend of `flate2`):
//! its decoder takes an output limit, so a hostile link cannot inflate into gigabytes, and
//! zlib's Adler-32 checksum tells a link cut short or mangled from a design that is wrong.
//! A decoded design passes the same gate as an imported file ([`import_text`]).

use std::collections::BTreeMap;
use std::fmt;

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use nines_sim::design::Design;
use wasm_bindgen_futures::JsFuture;

use super::BrowserError;
use super::import::{ImportError, MAX_FILE_BYTES, Source, describe, import_text};

/// Longest fragment read [characters] (64 KiB); a three-tier design is about 1 KB.
pub const MAX_FRAGMENT_CHARS: usize = 64 * 1024;

/// The query parameter that carries the design.
pub const DESIGN_PARAM: &str = "d";

/// zlib level: 9, the smallest output; designs are small, so it costs nothing noticeable.
const LEVEL: u8 = 9;

/// URL-safe base64 without padding; padding is accepted on reading, in case a tool adds it.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Which screen a link opens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Route {
    /// The editor (`#/`, `#/d=…`, `#/?d=…`).
    #[default]
    Playground,
    /// The minimal iframe view (`#/embed?…`).
    Embed,
    /// The path of levels (`#/levels`).
    Levels,
    /// One level: a shipped one (`#/level/NAME`, the name in [`LEVEL_NAME_PARAM`]) or one
    /// made with the level builder (`#/level=PAYLOAD`, the payload in [`LEVEL_PARAM`]);
    /// `crate::persist::level_link` reads either.
    Level,
}

impl Route {
    /// The route's path in a fragment: `` or `embed`.
    fn path(self) -> &'static str {
        match self {
            Route::Playground => "",
            Route::Embed => "embed",
            Route::Levels => "levels",
            Route::Level => "level",
        }
    }
}

/// The parameter that carries a level made with the builder: `#/level=<payload>`.
pub const LEVEL_PARAM: &str = "level";

/// Where the name of a shipped level goes when `#/level/NAME` is parsed.
pub const LEVEL_NAME_PARAM: &str = "name";

/// A parsed URL fragment: the screen, the design it carries, and every other parameter
/// (`seed`, `play`, `script`, `charts`, …), percent-decoded, for the code that needs them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fragment {
    /// The screen to show.
    pub route: Route,
    /// The design in the `d` parameter, already validated; `None` when there is none.
    pub design: Option<Design>,
    /// Every parameter but `d`, by name; a repeated name keeps its last value.
    pub params: BTreeMap<String, String>,
}

impl Fragment {
    /// The fragment as a string starting with `#/`: `#/d=…` for the Playground,
    /// `#/embed?d=…&seed=…` for embeds; other parameters in name order, percent-encoded.
    pub fn to_hash(&self) -> String {
        let mut pairs: Vec<String> = Vec::new();
        if let Some(design) = &self.design {
            pairs.push(format!("{DESIGN_PARAM}={}", payload(design)));
        }
        for (name, value) in self.params.iter().filter(|(name, _)| *name != DESIGN_PARAM) {
            pairs.push(format!("{}={}", percent_encode(name), percent_encode(value)));
        }
        let query = pairs.join("&");
        if self.route == Route::Level {
            return level_hash(&self.params);
        }
        match (self.route, query.is_empty()) {
            (Route::Playground, _) => format!("#/{query}"),
            (route, true) => format!("#/{}", route.path()),
            (route, false) => format!("#/{}?{query}", route.path()),
        }
    }
}

/// Why a link's fragment could not be opened. Messages say what to do.
#[derive(Clone, Debug, PartialEq)]
pub enum ShareError {
    /// The fragment is longer than any design link [characters].
    TooLong { chars: usize, max: usize },
    /// The fragment names a screen this Nines does not have.
    UnknownRoute(String),
    /// The link has no `d=` parameter.
    NoDesign,
    /// The payload has a character base64url never uses, or a length it cannot have.
    NotBase64(String),
    /// The payload is not zlib data, or is cut short or altered (checksum).
    Corrupt(String),
    /// The payload inflates to more than any design [bytes].
    TooLargeUnpacked { max: usize },
    /// The payload inflates to bytes that are not UTF-8 text.
    NotText,
    /// The payload is text, but not a usable design.
    Design(ImportError),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const COPY_AGAIN: &str = "Copy the whole link again (some chat and mail apps cut long links), or ask for the .nines.json file.";
        match self {
            ShareError::TooLong { chars, max } => write!(
                f,
                "This link is {chars} characters long after the #; Nines makes links of at most {max}. \
                 It was not made by Nines: ask for the .nines.json file instead."
            ),
            ShareError::UnknownRoute(path) => write!(
                f,
                "This link opens \"#/{path}\", a page this version of Nines does not have. Links to designs \
                 look like …#/d=… or …#/embed?d=…"
            ),
            ShareError::NoDesign => write!(f, "This link has no design in it (no \"d=\" part). {COPY_AGAIN}"),
            ShareError::NotBase64(reason) => {
                write!(f, "This link is damaged: its design part {reason}. {COPY_AGAIN}")
            }
            ShareError::Corrupt(reason) => write!(
                f,
                "This link is damaged or cut short: its design does not unpack ({reason}). {COPY_AGAIN}"
            ),
            ShareError::TooLargeUnpacked { max } => write!(
                f,
                "This link unpacks to more than {max} bytes, more than any design; it was not made by Nines. \
                 Ask for the .nines.json file instead."
            ),
            ShareError::NotText => {
                write!(f, "This link unpacks to something that is not text, so not a design. {COPY_AGAIN}")
            }
            ShareError::Design(ImportError::Design(error)) => {
                write!(f, "The design in this link cannot be opened. {}", describe(error, Source::Link))
            }
            ShareError::Design(error) => write!(f, "The design in this link cannot be opened. {error}"),
        }
    }
}

impl std::error::Error for ShareError {}

/// The Playground link fragment for `design`: `#/d=<payload>`.
pub fn encode(design: &Design) -> String {
    Fragment { route: Route::Playground, design: Some(design.clone()), params: BTreeMap::new() }.to_hash()
}

/// The design's payload alone: base64url (no padding) of zlib of its compact JSON.
pub fn payload(design: &Design) -> String {
    // Serialising a design cannot fail: every key is a string and serde_json writes
    // non-finite floats as null. Through a `Value`, as `parse_design` does (smaller wasm).
    let json = serde_json::to_value(design).map(|v| v.to_string()).unwrap_or_default();
    pack(&json)
}

/// A full link for `page_url` (the current address; any fragment is replaced).
pub fn link(page_url: &str, design: &Design) -> String {
    let base = page_url.split_once('#').map_or(page_url, |(base, _)| base);
    format!("{base}{}", encode(design))
}

/// The design a link's fragment carries, validated like an imported file.
pub fn decode(fragment: &str) -> Result<Design, ShareError> {
    parse_fragment(fragment)?.design.ok_or(ShareError::NoDesign)
}

/// Reads a whole fragment (`location.hash`, with or without `#`): route, design, params.
/// An empty fragment is the Playground with no design.
pub fn parse_fragment(fragment: &str) -> Result<Fragment, ShareError> {
    // `location.hash` is ASCII (the browser percent-encodes the rest), so bytes are characters.
    if fragment.len() > MAX_FRAGMENT_CHARS {
        return Err(ShareError::TooLong { chars: fragment.len(), max: MAX_FRAGMENT_CHARS });
    }
    let rest = fragment.strip_prefix('#').unwrap_or(fragment);
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, query),
        // `#/d=…`: the Playground's parameters right after the slash.
        None if rest.contains('=') => ("", rest),
        None => (rest, ""),
    };
    let mut params = parse_query(query);
    let route = match path.trim_end_matches('/') {
        "" if params.contains_key(LEVEL_PARAM) => Route::Level,
        "" => Route::Playground,
        "embed" => Route::Embed,
        "levels" => Route::Levels,
        other => match other.strip_prefix("level/") {
            Some(name) if !name.is_empty() && !name.contains('/') => {
                params.insert(LEVEL_NAME_PARAM.to_owned(), percent_decode(name));
                Route::Level
            }
            _ => return Err(ShareError::UnknownRoute(percent_decode(other))),
        },
    };
    let design = params.remove(DESIGN_PARAM).map(|p| decode_payload(&p)).transpose()?;
    Ok(Fragment { route, design, params })
}

/// `#/level/NAME` or `#/level=PAYLOAD` from a level route's parameters.
fn level_hash(params: &BTreeMap<String, String>) -> String {
    match (params.get(LEVEL_NAME_PARAM), params.get(LEVEL_PARAM)) {
        (Some(name), _) => format!("#/level/{}", percent_encode(name)),
        (None, Some(payload)) => format!("#/{LEVEL_PARAM}={payload}"),
        (None, None) => "#/levels".to_owned(),
    }
}

/// The design in a payload made by [`payload`], validated like an imported file.
pub fn decode_payload(payload: &str) -> Result<Design, ShareError> {
    let text = unpack(payload)?;
    import_text(&text).map_err(ShareError::Design)
}

/// Packs any text the way design links are packed: base64url (no padding) of zlib of it.
pub fn pack(text: &str) -> String {
    BASE64.encode(miniz_oxide::deflate::compress_to_vec_zlib(text.as_bytes(), LEVEL))
}

/// The text in a payload made by [`pack`], with the same limits as design links: at most
/// [`MAX_FILE_BYTES`] unpacked, checksum checked, UTF-8 only.
pub fn unpack(payload: &str) -> Result<String, ShareError> {
    let packed = BASE64.decode(payload.trim()).map_err(|e| ShareError::NotBase64(base64_reason(&e)))?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&packed, MAX_FILE_BYTES).map_err(
        |e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                ShareError::TooLargeUnpacked { max: MAX_FILE_BYTES }
            }
            miniz_oxide::inflate::TINFLStatus::Adler32Mismatch => {
                ShareError::Corrupt("its checksum does not match".to_owned())
            }
            miniz_oxide::inflate::TINFLStatus::FailedCannotMakeProgress => {
                ShareError::Corrupt("it ends too early".to_owned())
            }
            _ => ShareError::Corrupt("it is not compressed data".to_owned()),
        },
    )?;
    String::from_utf8(bytes).map_err(|_| ShareError::NotText)
}

fn base64_reason(error: &base64::DecodeError) -> String {
    match error {
        base64::DecodeError::InvalidByte(at, byte) => {
            format!("has {:?} at position {}, a character share links never use", char::from(*byte), at + 1)
        }
        base64::DecodeError::InvalidLength(_) | base64::DecodeError::InvalidLastSymbol(..) => {
            "ends in the middle of a character group".to_owned()
        }
        base64::DecodeError::InvalidPadding => "has misplaced = signs".to_owned(),
    }
}

/// `a=1&b=x%20y` → {a: 1, b: "x y"}; a name without `=` has an empty value.
fn parse_query(query: &str) -> BTreeMap<String, String> {
    // Inserted one by one: `collect` into a map would pull a sort routine into the wasm.
    let mut params = BTreeMap::new();
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        params.insert(percent_decode(name), percent_decode(value));
    }
    params
}

/// Decodes `%XX` escapes; a `%` not followed by two hex digits stays as it is, and bytes
/// that are not UTF-8 become U+FFFD.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Escapes everything but RFC 3986's unreserved characters.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The share link of `design` for the page the app runs on (`location.href`, fragment
/// replaced).
pub fn current_link(design: &Design) -> Result<String, BrowserError> {
    let missing = || BrowserError { action: "make the link", detail: "no page address".to_owned() };
    let href = web_sys::window().ok_or_else(missing)?.location().href().map_err(|_| missing())?;
    Ok(link(&href, design))
}

/// Copies `text` to the clipboard (`navigator.clipboard.writeText`). Fails with a reason
/// on pages that are not secure (plain http other than localhost), when the page has no
/// focus, or when the learner denied the permission: then show the link in a text field
/// to copy by hand.
pub async fn copy_to_clipboard(text: &str) -> Result<(), BrowserError> {
    use wasm_bindgen::JsCast;
    const ACTION: &str = "copy to the clipboard";
    let navigator = web_sys::window()
        .map(|w| w.navigator())
        .ok_or_else(|| BrowserError { action: ACTION, detail: "no window".to_owned() })?;
    // `navigator.clipboard` is undefined outside secure contexts; calling through it would throw.
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .ok()
        .and_then(|c| c.dyn_into::<web_sys::Clipboard>().ok())
        .ok_or_else(|| BrowserError {
            action: ACTION,
            detail: "this page may not use the clipboard (it needs https)".to_owned(),
        })?;
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|e| BrowserError::from_js(ACTION, &e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use nines_sim::design::reference;

    fn payload_of(fragment: &str) -> &str {
        fragment.strip_prefix("#/d=").unwrap()
    }

    #[test]
    fn every_reference_design_round_trips() {
        for (name, design) in reference::all() {
            let fragment = encode(&design);
            assert!(fragment.starts_with("#/d="), "{fragment}");
            assert!(
                payload_of(&fragment).bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
                "{fragment}"
            );
            assert_eq!(decode(&fragment).as_ref(), Ok(&design), "{name}");
            // Without the leading # (as some routers hand it over) and in the query form.
            assert_eq!(decode(&fragment[1..]).as_ref(), Ok(&design), "{name}");
            assert_eq!(decode(&format!("#/?d={}", payload_of(&fragment))).as_ref(), Ok(&design), "{name}");
        }
    }

    #[test]
    fn links_are_short() {
        let three_tier = encode(&reference::three_tier());
        let json = serde_json::to_string(&reference::three_tier()).unwrap();
        // About 1.1 KB for 2.2 KB of JSON (base64 gives back a third of what zlib saves).
        assert!(three_tier.len() * 10 < json.len() * 6, "{} vs {} JSON", three_tier.len(), json.len());
        assert!(three_tier.len() < 1500, "{}", three_tier.len());
    }

    #[test]
    fn embed_fragments_keep_their_other_params() {
        let design = reference::three_tier();
        let fragment =
            format!("#/embed?d={}&seed=7&play=1&script=at%202%3A00%20kill%20zone%20a", payload(&design));
        let parsed = parse_fragment(&fragment).unwrap();
        assert_eq!(parsed.route, Route::Embed);
        assert_eq!(parsed.design.as_ref(), Some(&design));
        assert_eq!(parsed.params.get("seed").map(String::as_str), Some("7"));
        assert_eq!(parsed.params.get("script").map(String::as_str), Some("at 2:00 kill zone a"));
        assert!(!parsed.params.contains_key("d"));
        // And back: the same fragment (parameters in name order).
        let again = parse_fragment(&parsed.to_hash()).unwrap();
        assert_eq!(again, parsed);
        assert!(parsed.to_hash().starts_with("#/embed?d="));
    }

    #[test]
    fn empty_fragments_are_the_playground_without_a_design() {
        for fragment in ["", "#", "#/", "/"] {
            assert_eq!(parse_fragment(fragment), Ok(Fragment::default()), "{fragment:?}");
        }
        assert_eq!(decode("#/"), Err(ShareError::NoDesign));
        assert_eq!(Fragment::default().to_hash(), "#/");
        let embed = Fragment { route: Route::Embed, ..Fragment::default() };
        assert_eq!(embed.to_hash(), "#/embed");
        assert_eq!(parse_fragment("#/embed"), Ok(embed));
    }

    #[test]
    fn unknown_routes_are_named() {
        let err = parse_fragment("#/levels/3").unwrap_err();
        assert_eq!(err, ShareError::UnknownRoute("levels/3".to_owned()));
        assert!(err.to_string().contains("#/levels/3"), "{err}");
        for bad in ["#/level/", "#/level/a/b", "#/level"] {
            assert!(matches!(parse_fragment(bad), Err(ShareError::UnknownRoute(_))), "{bad}");
        }
    }

    #[test]
    fn the_three_level_routes() {
        let levels = parse_fragment("#/levels").unwrap();
        assert_eq!(levels.route, Route::Levels);
        assert_eq!(levels.to_hash(), "#/levels");
        assert_eq!(parse_fragment("#/levels/").unwrap().route, Route::Levels);

        let shipped = parse_fragment("#/level/one-server").unwrap();
        assert_eq!(shipped.route, Route::Level);
        assert_eq!(shipped.params.get(LEVEL_NAME_PARAM).map(String::as_str), Some("one-server"));
        assert_eq!(shipped.to_hash(), "#/level/one-server");
        assert_eq!(parse_fragment("level/two%20words").unwrap().params[LEVEL_NAME_PARAM], "two words");

        let made = parse_fragment("#/level=eJxLTEpOSU1LBwAIxQKw").unwrap();
        assert_eq!(made.route, Route::Level);
        assert_eq!(made.params.get(LEVEL_PARAM).map(String::as_str), Some("eJxLTEpOSU1LBwAIxQKw"));
        assert_eq!(made.to_hash(), "#/level=eJxLTEpOSU1LBwAIxQKw");
        assert_eq!(parse_fragment("#/?level=eJx").unwrap().route, Route::Level);
    }

    #[test]
    fn packed_text_round_trips_with_the_link_limits() {
        let text = "a level, say ✓";
        assert_eq!(unpack(&super::pack(text)).as_deref(), Ok(text));
        let bomb = super::pack(&" ".repeat(MAX_FILE_BYTES + 1));
        assert_eq!(unpack(&bomb), Err(ShareError::TooLargeUnpacked { max: MAX_FILE_BYTES }));
        assert!(matches!(unpack("eJx$"), Err(ShareError::NotBase64(_))));
    }

    #[test]
    fn truncated_links_are_damaged() {
        let fragment = encode(&reference::three_tier());
        for cut in [fragment.len() - 1, fragment.len() - 3, fragment.len() / 2, 6] {
            let err = decode(&fragment[..cut]).unwrap_err();
            assert!(matches!(err, ShareError::Corrupt(_) | ShareError::NotBase64(_)), "cut {cut}: {err:?}");
            assert!(err.to_string().contains("Copy the whole link again"), "{err}");
        }
    }

    #[test]
    fn bad_base64_names_the_character() {
        let err = decode("#/d=eJx$$$").unwrap_err();
        assert_eq!(
            err,
            ShareError::NotBase64("has '$' at position 4, a character share links never use".into())
        );
        assert!(err.to_string().starts_with("This link is damaged"), "{err}");
    }

    #[test]
    fn a_flipped_character_fails_the_checksum_or_the_unpacking() {
        let fragment = encode(&reference::single_server());
        let mut bytes = fragment.into_bytes();
        let at = bytes.len() - 10;
        bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
        let err = decode(std::str::from_utf8(&bytes).unwrap()).unwrap_err();
        assert!(matches!(err, ShareError::Corrupt(_)), "{err:?}");
    }

    fn pack(bytes: &[u8]) -> String {
        format!("#/d={}", BASE64.encode(miniz_oxide::deflate::compress_to_vec_zlib(bytes, LEVEL)))
    }

    #[test]
    fn valid_compression_of_junk_is_not_a_design() {
        let err = decode(&pack(b"hello, this is not JSON")).unwrap_err();
        assert!(matches!(err, ShareError::Design(ImportError::Design(_))), "{err:?}");
        assert!(err.to_string().contains("not JSON"), "{err}");
        assert_eq!(decode(&pack(&[0xff, 0xfe, 0x00, 0x80])), Err(ShareError::NotText));
        assert!(matches!(decode("#/d=aGVsbG8"), Err(ShareError::Corrupt(_))), "base64 of plain text");
    }

    #[test]
    fn valid_json_of_an_invalid_design_lists_its_problems() {
        let mut v = serde_json::to_value(reference::three_tier()).unwrap();
        v["components"][2]["min"] = 50.into();
        v["components"][5]["zone"] = "z".into();
        let err = decode(&pack(v.to_string().as_bytes())).unwrap_err();
        let m = err.to_string();
        assert!(m.starts_with("The design in this link cannot be opened. 3 problems to fix:"), "{m}");
        assert!(m.contains("Ask whoever sent the link"), "{m}");
        assert!(m.contains("components[2]") && m.contains("components[5].zone"), "{m}");
    }

    #[test]
    fn oversized_fragments_are_refused_before_decoding() {
        let huge = format!("#/d={}", "A".repeat(MAX_FRAGMENT_CHARS));
        assert!(matches!(decode(&huge), Err(ShareError::TooLong { max: MAX_FRAGMENT_CHARS, .. })));
        // A small link that inflates past the limit: a zip bomb of spaces.
        let bomb = pack(&vec![b' '; MAX_FILE_BYTES + 1]);
        assert!(bomb.len() < 8000, "{}", bomb.len());
        assert_eq!(decode(&bomb), Err(ShareError::TooLargeUnpacked { max: MAX_FILE_BYTES }));
    }

    #[test]
    fn padding_and_surrounding_space_are_tolerated() {
        let design = reference::single_server();
        let p = payload(&design);
        let padded = format!("{p}{}", "=".repeat((4 - p.len() % 4) % 4));
        assert_eq!(decode_payload(&padded).as_ref(), Ok(&design));
        assert_eq!(decode_payload(&format!(" {p}\n")).as_ref(), Ok(&design));
    }

    #[test]
    fn links_replace_any_fragment_of_the_page() {
        let design = reference::single_server();
        let expected = format!("https://nines.example/app/{}", encode(&design));
        assert_eq!(link("https://nines.example/app/", &design), expected);
        assert_eq!(link("https://nines.example/app/#/d=old", &design), expected);
    }

    #[test]
    fn percent_coding() {
        assert_eq!(percent_decode("a%20b%zz%4"), "a b%zz%4");
        assert_eq!(percent_decode("%E2%9C%93%FF"), "✓\u{fffd}");
        assert_eq!(percent_encode("at 2:00 ✓"), "at%202%3A00%20%E2%9C%93");
        assert_eq!(percent_decode(&percent_encode("x=y&z ✓")), "x=y&z ✓");
    }

    #[test]
    fn arbitrary_fragments_never_panic() {
        let samples = [
            "#/d=",
            "#/d",
            "#/?",
            "#/embed?",
            "#/embed?&&&",
            "#/d=%",
            "#/d=%ZZ",
            "#//",
            "#/embed/",
            "#?d=",
            "#/d=====",
            "#/d=A",
            "#/d=AA",
            "#/d=AAA",
            "#/d=AAAA",
            "#/d=eJw",
            "#/d=eJwDAAAAAAE",
            "###",
        ];
        for s in samples {
            let _ = parse_fragment(s);
        }
        // Every prefix of a real link, and every one-byte change of it.
        let fragment = encode(&reference::single_server());
        for cut in 0..fragment.len() {
            let _ = parse_fragment(&fragment[..cut]);
        }
        let alphabet = b"AZaz09-_%=&?#/";
        let mut bytes = fragment.clone().into_bytes();
        for at in 4..bytes.len() {
            let original = bytes[at];
            for &b in alphabet {
                bytes[at] = b;
                let _ = parse_fragment(std::str::from_utf8(&bytes).unwrap());
            }
            bytes[at] = original;
        }
    }
}
