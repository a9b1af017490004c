//! A small YAML emitter for JSON values: block mappings and sequences, plain scalars where
//! a reader cannot mistake them, JSON double quotes everywhere else.
//!
//! Why not a crate: serde_yaml is archived, and its maintained forks (serde_yaml_ng,
//! serde_norway) carry a Rust translation of libyaml that would ship in the app's wasm;
//! yaml-rust2 and saphyr are parsers first and bring their own dependencies. Emitting is
//! the easy half of YAML: every JSON string in double quotes is already a valid YAML
//! double-quoted scalar (JSON's escapes are a subset of YAML's), so correctness only
//! rests on choosing when a string may go unquoted, and that rule is deliberately narrow.

use serde_json::{Map, Value};

/// Spaces per nesting level.
const INDENT: usize = 2;

/// `value` as a YAML document (no `---`), ending in a newline.
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => mapping(&mut out, map, 0, false),
        Value::Array(items) if !items.is_empty() => sequence(&mut out, items, 0),
        other => {
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
    out
}

/// Whether a value is written on its key's line (scalars and empty collections).
fn is_inline(value: &Value) -> bool {
    match value {
        Value::Object(map) => map.is_empty(),
        Value::Array(items) => items.is_empty(),
        _ => true,
    }
}

/// A scalar or empty collection on one line.
fn inline(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => scalar(s),
        Value::Array(_) => "[]".to_owned(),
        Value::Object(_) => "{}".to_owned(),
    }
}

/// A block mapping at `indent`; `continued` when the first key follows a `- ` already written.
fn mapping(out: &mut String, map: &Map<String, Value>, indent: usize, continued: bool) {
    for (i, (key, value)) in map.iter().enumerate() {
        if i > 0 || !continued {
            pad(out, indent);
        }
        out.push_str(&scalar(key));
        out.push(':');
        if is_inline(value) {
            out.push(' ');
            out.push_str(&inline(value));
            out.push('\n');
        } else {
            out.push('\n');
            nested(out, value, indent + INDENT);
        }
    }
}

/// A block sequence at `indent`.
fn sequence(out: &mut String, items: &[Value], indent: usize) {
    for item in items {
        pad(out, indent);
        out.push('-');
        match item {
            Value::Object(map) if !map.is_empty() => {
                out.push(' ');
                mapping(out, map, indent + INDENT, true);
            }
            Value::Array(inner) if !inner.is_empty() => {
                out.push('\n');
                sequence(out, inner, indent + INDENT);
            }
            scalar_item => {
                out.push(' ');
                out.push_str(&inline(scalar_item));
                out.push('\n');
            }
        }
    }
}

/// A non-empty collection on the lines after its key.
fn nested(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Object(map) => mapping(out, map, indent, false),
        Value::Array(items) => sequence(out, items, indent),
        other => {
            pad(out, indent);
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// A string as a YAML scalar: plain when [`is_plain_safe`], else JSON double-quoted.
pub fn scalar(s: &str) -> String {
    if is_plain_safe(s) {
        s.to_owned()
    } else {
        serde_json::to_string(s).expect("a string always serialises")
    }
}

/// Words YAML 1.1 or 1.2 reads as booleans or null when unquoted (compared ignoring case).
const RESERVED: [&str; 10] = ["y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"];

/// Whether `s` reads back as the same string when written plain: it starts with a letter,
/// `/` or `$` (never a digit, sign or dot, so never a number, date or time), uses only
/// letters, digits, spaces and `_ . - / : ( ) , @ + = < > $ % { }` (braces are
/// plain text inside a block scalar; this emitter writes no flow collections), never contains `: ` or
/// ` #`, does not end in `:` or a space, and is not a boolean or null word.
pub fn is_plain_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else { return false };
    if !(first.is_ascii_alphabetic() || first == '/' || first == '$') {
        return false;
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || " _.-/:(),@+=<>$%{}".contains(c);
    s.chars().all(allowed)
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.ends_with(' ')
        && !RESERVED.iter().any(|w| w.eq_ignore_ascii_case(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nests_mappings_and_sequences_in_block_style() {
        let value = json!({
            "Resources": {
                "Queue": { "Type": "AWS::SQS::Queue", "Properties": { "VisibilityTimeout": 30 } },
                "Group": { "Properties": { "VPCZoneIdentifier": [{ "Ref": "PrivateSubnetA" }, { "Ref": "PrivateSubnetB" }], "Tags": [] } }
            },
            "List": [[1, 2], "x", {}]
        });
        let expected = "\
List:
  -
    - 1
    - 2
  - x
  - {}
Resources:
  Group:
    Properties:
      Tags: []
      VPCZoneIdentifier:
        - Ref: PrivateSubnetA
        - Ref: PrivateSubnetB
  Queue:
    Properties:
      VisibilityTimeout: 30
    Type: AWS::SQS::Queue
";
        assert_eq!(to_yaml(&value), expected);
    }

    #[test]
    fn maps_in_sequences_continue_on_the_dash_line() {
        let value = json!([{ "Key": "Name", "Value": "web" }, { "Fn::GetAtt": ["Db", "Endpoint.Address"] }]);
        let expected = "- Key: Name\n  Value: web\n- Fn::GetAtt:\n    - Db\n    - Endpoint.Address\n";
        assert_eq!(to_yaml(&value), expected);
    }

    #[test]
    fn quotes_whatever_a_reader_could_take_for_something_else() {
        for s in [
            "",
            "yes",
            "No",
            "ON",
            "y",
            "null",
            "~",
            "true",
            "2010-09-09",
            "30",
            "1.5",
            "-1",
            ".inf",
            "a: b",
            "a #b",
            "#x",
            "ends:",
            "trail ",
            " lead",
            "- item",
            "*ref",
            "&anchor",
            "!tag",
            "{x}",
            "[x]",
            "it's",
            "\"q\"",
            "line\nbreak",
            "tab\t",
            "→ arrow",
            "@at",
            "%pct",
            "`tick`",
            "a|b",
            "a>b?",
        ] {
            let written = scalar(s);
            assert!(written.starts_with('"') && written.ends_with('"'), "{s:?} written as {written}");
            let back: String = serde_json::from_str(&written).expect("JSON string");
            assert_eq!(back, s);
        }
    }

    #[test]
    fn leaves_ordinary_names_plain() {
        for s in [
            "AWS::EC2::Subnet::Id",
            "Fn::GetAtt",
            "web",
            "lb-1",
            "/",
            "/aws/service/x",
            "${AWS::Region}a",
            "m5.large",
            "Nines web, load balancer",
        ] {
            assert_eq!(scalar(s), s);
        }
    }

    #[test]
    fn scalars_at_the_top_are_one_line() {
        assert_eq!(to_yaml(&json!(null)), "null\n");
        assert_eq!(to_yaml(&json!({})), "{}\n");
        assert_eq!(to_yaml(&json!({ "a": null, "b": false, "c": 2.5 })), "a: null\nb: false\nc: 2.5\n");
    }
}
