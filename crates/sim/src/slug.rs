//! File names from the names people give designs and levels: the same stem in the app's
//! downloads and the CLI's files.

/// Longest file-name stem made from a name [characters].
pub const MAX_STEM_CHARS: usize = 60;

/// A file-name stem from a free-form name: lowercase letters and digits (any script), every
/// other run of characters one `-`, at most 60 characters; `design` when nothing is left.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for ch in name.chars().flat_map(char::to_lowercase) {
        if ch.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(ch);
            if out.chars().count() >= MAX_STEM_CHARS {
                break;
            }
        } else {
            dash = true;
        }
    }
    if out.is_empty() { "design".to_owned() } else { out }
}
