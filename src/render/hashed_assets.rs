//! Content-hashed copies of the theme's CSS and JavaScript, so that a host can let browsers
//! cache them forever: `static/style.css` is also written as `assets/style.3f2a9c1b.css`, a name
//! that changes whenever its bytes do. Templates get the names through `asset(path=...)`.
//!
//! Only CSS and JavaScript get a hashed copy. Images, fonts and the favicon keep their plain
//! names alone, because code the site does not control finds them by name: Leaflet works out
//! its marker images' folder from the URL its CSS gives one of them, and browsers ask for icons
//! on their own. Every static file also stays at its plain path, so that a site template that
//! names `/style.css` keeps working.
//!
//! Everything a host may cache forever is under [`DIRECTORY`], and nothing else is.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

/// The output folder of the hashed copies, and of nothing else.
pub const DIRECTORY: &str = "assets";

/// Hex digits of the hash in a name: 32 bits, so two versions of one file collide once in four
/// billion changes.
const HASH_CHARS: usize = 8;

/// The URL of every static file for `asset()`, and the hashed copies to write.
#[derive(Debug, Default)]
pub struct Assets {
    /// Path under `static/` → site-relative URL.
    urls: BTreeMap<String, String>,
    /// `(path in the output, bytes)` of each hashed copy.
    pub copies: Vec<(std::path::PathBuf, Vec<u8>)>,
}

impl Assets {
    /// `files` are every static file as (path under `static/`, bytes), with the bytes of those
    /// [`is_hashed`] takes only.
    pub fn new<'a>(files: impl IntoIterator<Item = (&'a str, Option<Vec<u8>>)>) -> Assets {
        let mut assets = Assets::default();
        for (path, bytes) in files {
            let Some(mut bytes) = bytes else {
                assets.urls.insert(path.to_string(), format!("/{path}"));
                continue;
            };
            if path.ends_with(".css") {
                if let Ok(css) = std::str::from_utf8(&bytes) {
                    bytes = rebase_css(css, path).into_bytes();
                }
            }
            let hashed = hashed_path(path, &hash(&bytes));
            assets.urls.insert(path.to_string(), format!("/{hashed}"));
            assets.copies.push((hashed.into(), bytes));
        }
        assets
    }

    /// The URL a page should use for `static/PATH`.
    pub fn url(&self, path: &str) -> Option<&str> {
        self.urls.get(path.trim_start_matches('/')).map(String::as_str)
    }
}

/// Whether `static/PATH` gets a hashed copy.
pub fn is_hashed(path: &str) -> bool {
    path.ends_with(".css") || path.ends_with(".js")
}

/// The first hex digits of the bytes' SHA-256.
pub fn hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(HASH_CHARS / 2)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `vendor/leaflet/leaflet.css` → `assets/vendor/leaflet/leaflet.HASH.css`.
pub fn hashed_path(path: &str, hash: &str) -> String {
    let (dir, name) = match path.rfind('/') {
        Some(i) => (&path[..=i], &path[i + 1..]),
        None => ("", path),
    };
    match name.rfind('.') {
        Some(dot) if dot > 0 => format!("{DIRECTORY}/{dir}{}.{hash}{}", &name[..dot], &name[dot..]),
        _ => format!("{DIRECTORY}/{dir}{name}.{hash}"),
    }
}

/// The copy of a CSS file lives elsewhere than the file: its relative references (`url(...)`,
/// `@import "..."`) become root-relative, so that they name what the plain file names.
pub fn rebase_css(css: &str, path: &str) -> String {
    let dir = path.rfind('/').map_or("", |i| &path[..=i]);
    // ASCII lowercasing keeps byte offsets, so positions found in it hold in `css`.
    let lower = css.to_ascii_lowercase();
    let mut out = String::with_capacity(css.len() + 64);
    let mut copied = 0;
    let mut at = 0;
    while at < css.len() {
        let Some((start, end)) = reference_at(css, &lower, at) else {
            at += lower[at..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        if let Some(rebased) = rebase(dir, &css[start..end]) {
            out.push_str(&css[copied..start]);
            out.push_str(&rebased);
            copied = end;
        }
        at = end.max(at + 1);
    }
    out.push_str(&css[copied..]);
    out
}

/// The byte range of the reference in a `url(` or `@import "` starting at `at`.
fn reference_at(css: &str, lower: &str, at: usize) -> Option<(usize, usize)> {
    let rest = &lower[at..];
    let boundary = at == 0
        || !lower[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let after = if rest.starts_with("url(") && boundary {
        at + 4
    } else if rest.starts_with("@import") {
        at + 7
    } else {
        return None;
    };
    let skipped = css[after..].len() - css[after..].trim_start().len();
    let start = after + skipped;
    let quote = css[start..].chars().next()?;
    if quote == '"' || quote == '\'' {
        let len = css[start + 1..].find(quote)?;
        Some((start + 1, start + 1 + len))
    } else if rest.starts_with("url(") {
        let len = css[start..].find(|c: char| c == ')' || c.is_whitespace())?;
        Some((start, start + len))
    } else {
        // `@import url(...)` is found at its `url(`.
        None
    }
}

/// A relative reference from a file in `dir`, made root-relative; `None` for any other.
fn rebase(dir: &str, reference: &str) -> Option<String> {
    let has_scheme = reference.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    if reference.is_empty() || reference.starts_with(['/', '#']) || has_scheme {
        return None;
    }
    let split = reference.find(['?', '#']).unwrap_or(reference.len());
    let (target, suffix) = reference.split_at(split);
    let mut segments: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                // Above the site's root: left as it was, as broken as it was.
                segments.pop()?;
            }
            name => segments.push(name),
        }
    }
    let trailing = if target.ends_with('/') { "/" } else { "" };
    Some(format!("/{}{trailing}{suffix}", segments.join("/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_changes_with_the_bytes_and_only_with_them() {
        let a = hash(b"body { color: black }");
        assert_eq!(a.len(), HASH_CHARS);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_eq!(a, hash(b"body { color: black }"), "same bytes, same name");
        assert_ne!(a, hash(b"body { color: black}"));
        assert_ne!(a, hash(b"body { color: black }\n"));
        // A known value: the name must not depend on the platform or the Rust version.
        assert_eq!(hash(b""), "e3b0c442");
    }

    #[test]
    fn hashed_copies_keep_their_folder_under_assets() {
        assert_eq!(hashed_path("style.css", "0123abcd"), "assets/style.0123abcd.css");
        assert_eq!(
            hashed_path(
                "vendor/leaflet.markercluster/leaflet.markercluster.js",
                "0123abcd"
            ),
            "assets/vendor/leaflet.markercluster/leaflet.markercluster.0123abcd.js"
        );
        assert_eq!(hashed_path("LICENSE", "0123abcd"), "assets/LICENSE.0123abcd");
        assert_eq!(hashed_path("x/.hidden", "0123abcd"), "assets/x/.hidden.0123abcd");
    }

    #[test]
    fn relative_references_in_css_name_the_plain_files() {
        let css = ".a{background-image:url(images/layers.png)}\n\
                   .b{background:URL( \"../fonts/x.woff2?v=2#f\" )}\n\
                   .c{behavior:url(#default#VML)}\n\
                   .d{background:url(data:image/png;base64,AAAA)}\n\
                   .e{background:url('/abs.png') url(https://tiles.example.org/a.png) url(//cdn.example.org/b.png)}\n\
                   @import \"other.css\";\n@import url(./more.css);\n\
                   .f{mask:myurl(images/no.png)}\n\
                   .g{background:url(../../../../above.png)}";
        let rebased = rebase_css(css, "vendor/lib/css/lib.css");
        assert_eq!(
            rebased,
            ".a{background-image:url(/vendor/lib/css/images/layers.png)}\n\
             .b{background:URL( \"/vendor/lib/fonts/x.woff2?v=2#f\" )}\n\
             .c{behavior:url(#default#VML)}\n\
             .d{background:url(data:image/png;base64,AAAA)}\n\
             .e{background:url('/abs.png') url(https://tiles.example.org/a.png) url(//cdn.example.org/b.png)}\n\
             @import \"/vendor/lib/css/other.css\";\n@import url(/vendor/lib/css/more.css);\n\
             .f{mask:myurl(images/no.png)}\n\
             .g{background:url(../../../../above.png)}"
        );
        assert_eq!(rebase_css("a{b:url(c.png)}", "top.css"), "a{b:url(/c.png)}");
        // Text that is not a reference, and text that ends mid-way, come out unchanged.
        for text in ["é{}", "a{b:url(", "@import", "@import \"open", "url(x"] {
            assert_eq!(rebase_css(text, "a/b.css"), text);
        }
    }

    #[test]
    fn pages_get_hashed_urls_for_css_and_js_and_plain_ones_for_the_rest() {
        let assets = Assets::new([
            ("favicon.svg", None),
            ("style.css", Some(b"a{}".to_vec())),
            ("vendor/l/l.css", Some(b"a{b:url(images/i.png)}".to_vec())),
        ]);
        assert_eq!(assets.url("favicon.svg"), Some("/favicon.svg"));
        assert_eq!(
            assets.url("/style.css"),
            Some(format!("/assets/style.{}.css", hash(b"a{}")).as_str())
        );
        let rebased = b"a{b:url(/vendor/l/images/i.png)}";
        assert_eq!(
            assets.url("vendor/l/l.css"),
            Some(format!("/assets/vendor/l/l.{}.css", hash(rebased)).as_str()),
            "a CSS file's name is the hash of the bytes written"
        );
        assert_eq!(assets.copies[1].1, rebased);
        assert_eq!(assets.url("missing.css"), None);
    }
}
