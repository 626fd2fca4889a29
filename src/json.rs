//! JSON as Geotrek serves it: Django REST framework runs with `STRICT_JSON = False`, so a float
//! field may hold a bare `NaN`, `Infinity` or `-Infinity` token, which no JSON parser accepts.
//! Those tokens are rewritten to `null` (read as "absent") before parsing; strings are left
//! untouched.

use std::borrow::Cow;
use std::sync::LazyLock;

use memchr::memmem;

/// `text` with every bare non-finite number token outside strings replaced by `null`.
/// Borrows when there is nothing to replace, which is the common case.
pub fn sanitize_non_finite(text: &str) -> Cow<'_, str> {
    // Searching for the tokens is several times faster than walking the strings byte by byte,
    // and almost every object has none. The `memchr` crate's searchers, not `str::contains`:
    // every line of the snapshot goes through here, routes included, and they took a twentieth
    // of a one-trek rebuild's instructions.
    static NAN: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new("NaN"));
    static INFINITY: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new("Infinity"));
    if NAN.find(text.as_bytes()).is_none() && INFINITY.find(text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied_up_to = 0;
    let mut in_string = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        let token_len = match b {
            b'"' => {
                in_string = true;
                i += 1;
                continue;
            }
            b'N' if bytes[i..].starts_with(b"NaN") => 3,
            b'I' if bytes[i..].starts_with(b"Infinity") => 8,
            b'-' if bytes[i..].starts_with(b"-Infinity") => 9,
            _ => {
                i += 1;
                continue;
            }
        };
        let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
        out.push_str(&text[copied_up_to..i]);
        out.push_str("null");
        i += token_len;
        copied_up_to = i;
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(&text[copied_up_to..]);
            Cow::Owned(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_non_finite_numbers_become_null() {
        let text = r#"{"a": NaN, "b": [Infinity, -Infinity, 1.5]}"#;
        let clean = sanitize_non_finite(text);
        assert_eq!(clean, r#"{"a": null, "b": [null, null, 1.5]}"#);
        let value: serde_json::Value = serde_json::from_str(&clean).unwrap();
        assert!(value["a"].is_null());
    }

    #[test]
    fn tokens_inside_strings_are_kept() {
        let text = r#"{"name": "NaN \"Infinity\" -Infinity", "x": NaN}"#;
        assert_eq!(
            sanitize_non_finite(text),
            r#"{"name": "NaN \"Infinity\" -Infinity", "x": null}"#
        );
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(sanitize_non_finite(r#"{"a": 1}"#), Cow::Borrowed(_)));
    }
}
