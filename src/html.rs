//! API text made safe for a page. Rich fields (descriptions, advice...) are HTML from a WYSIWYG
//! editor: an allow-list sanitizer (ammonia) keeps structure, pictures and links and drops
//! scripts, iframes, styles, event handlers and any URL that is not http(s), mailto or tel;
//! relative URLs (`/media/...`) are resolved against the API host. Plain fields (names, places)
//! may carry HTML entities (`&eacute;` from imports): decoded to text, which templates escape.

use std::collections::HashSet;

use url::Url;

/// The allow-list, built once per site (it holds the API host for relative URLs).
pub struct Sanitizer {
    builder: ammonia::Builder<'static>,
}

impl Sanitizer {
    pub fn new(api: Option<&Url>) -> Sanitizer {
        let mut builder = ammonia::Builder::default();
        builder
            .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
            // `target` is not allowed, so no API link opens a window: no `rel` needed (and
            // `rel` on an `<a>` without `href`, which editors leave, is invalid HTML).
            .link_rel(None)
            .add_generic_attributes(["lang"])
            // The page owns its top headings: an API `<h1>` or `<h2>` would break the outline.
            .rm_tags(["h1", "h2"]);
        builder.url_relative(match api.and_then(|a| a.join("/").ok()) {
            Some(origin) => ammonia::UrlRelative::RewriteWithBase(origin),
            None => ammonia::UrlRelative::Deny,
        });
        Sanitizer { builder }
    }

    /// Safe HTML for a rich field; empty when nothing visible is left.
    pub fn clean(&self, html: &str) -> String {
        let clean = fix_images(&self.builder.clean(html).to_string());
        if plain_text(&clean).trim().is_empty() && !clean.contains("<img") {
            String::new()
        } else {
            clean.trim().to_string()
        }
    }
}

/// Valid images only: an `<img>` whose `src` the sanitizer removed is dropped, and one without
/// `alt` gets an empty one (decorative: the editor gave no text). Works on ammonia's output,
/// which writes every tag the same way.
fn fix_images(html: &str) -> String {
    if !html.contains("<img") {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<img") {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('>') else {
            rest = &rest[start..];
            break;
        };
        let tag = &rest[start..start + end + 1];
        if tag.contains(" src=\"") {
            if tag.contains(" alt=\"") {
                out.push_str(tag);
            } else {
                out.push_str(&format!("<img alt=\"\"{}", &tag[4..]));
            }
        }
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    out
}

/// A `tel:` URI for a phone number written for people, when it is one.
pub fn phone_uri(phone: &str) -> Option<String> {
    let digits: String = phone
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')' | '\u{a0}'))
        .collect();
    let valid = digits.len() >= 3
        && digits
            .chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || (i == 0 && c == '+'));
    valid.then(|| format!("tel:{digits}"))
}

/// A `mailto:` URI for an e-mail address, when it looks like one.
pub fn mailto_uri(email: &str) -> Option<String> {
    let email = email.trim();
    let (local, domain) = email.split_once('@')?;
    let allowed = |c: char| c.is_alphanumeric() || "._%+-'".contains(c);
    let valid = !local.is_empty()
        && domain.contains('.')
        && local.chars().all(allowed)
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    valid.then(|| format!("mailto:{email}"))
}

/// `url` made absolute against the API host; `None` unless it is http(s).
pub fn absolute_url(url: &str, api: Option<&Url>) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    if let Some(api) = api {
        if let Some(same) = api_path_as_written(url, api) {
            return Some(same);
        }
    }
    let parsed = match Url::parse(url) {
        Ok(absolute) => absolute,
        Err(url::ParseError::RelativeUrlWithoutBase) => api?.join(url).ok()?,
        Err(_) => return None,
    };
    // Copied from the URL's own text: `to_string` grows a buffer and keeps its slack, and
    // pages hold hundreds of thousands of these.
    matches!(parsed.scheme(), "http" | "https").then(|| parsed.as_str().to_owned())
}

/// `url` when it is on the API's host and parsing would not change a byte of it: a path of
/// plain characters without dot segments, written after the API's scheme and host or alone.
/// Every view of every language asks for its pictures and pictograms, mostly such URLs, and
/// parsing them was a twentieth of a one-trek rebuild.
fn api_path_as_written(url: &str, api: &Url) -> Option<String> {
    let origin = &api[..url::Position::BeforePath];
    let path = url.strip_prefix(origin).unwrap_or(url);
    let plain = path.strip_prefix('/').is_some_and(|rest| {
        // Bytes, not `str::split`, whose search for each short segment cost more than reading it.
        let mut segments = rest.as_bytes().split(|&b| b == b'/').peekable();
        while let Some(segment) = segments.next() {
            let empty_inside = segment.is_empty() && segments.peek().is_some();
            let plain_bytes = segment
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~'));
            if empty_inside || segment == b"." || segment == b".." || !plain_bytes {
                return false;
            }
        }
        true
    });
    plain.then(|| {
        let mut absolute = String::with_capacity(origin.len() + path.len());
        absolute.push_str(origin);
        absolute.push_str(path);
        absolute
    })
}

/// Text with entities decoded and tags removed: for plain fields, titles and meta descriptions.
/// Every card, search entry and download of every language reads one: text between tags is
/// copied in runs, not a character at a time.
pub fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    // `memchr`, not `str::find`: every card's summary and every search entry's text comes
    // through here.
    while let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) {
        // `<` starts a tag only before a letter, `/`, `!` or `?`: `Lauzon < 2000 m` is text.
        let opens_tag = rest
            .as_bytes()
            .get(lt + 1)
            .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, b'/' | b'!' | b'?'));
        if !opens_tag {
            text.push_str(&rest[..=lt]);
            rest = &rest[lt + 1..];
            continue;
        }
        text.push_str(&rest[..lt]);
        match memchr::memchr(b'>', &rest.as_bytes()[lt..]) {
            Some(gt) => {
                text.push(' ');
                rest = &rest[lt + gt + 1..];
            }
            // A tag left open hides the rest.
            None => rest = "",
        }
    }
    text.push_str(rest);
    collapse_whitespace(&html_escape::decode_html_entities(&text))
}

/// The words of `text` (split at Unicode whitespace, as `str::split_whitespace` does) joined
/// by single spaces. Byte by byte with only non-ASCII characters decoded: iterating over the
/// characters of every card's and search entry's text was a thirtieth of a one-trek rebuild.
fn collapse_whitespace(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut plain = String::with_capacity(text.len());
    let mut word_start = None;
    let mut i = 0;
    while i < bytes.len() {
        let (space, width) = if bytes[i] < 0x80 {
            // `char::is_whitespace` for ASCII, which counts the vertical tab.
            (matches!(bytes[i], b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'), 1)
        } else {
            // `i` is at a character's start: it only ever moves by whole characters.
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        match (space, word_start) {
            (true, Some(start)) => {
                if !plain.is_empty() {
                    plain.push(' ');
                }
                plain.push_str(&text[start..i]);
                word_start = None;
            }
            (false, None) => word_start = Some(i),
            _ => {}
        }
        i += width;
    }
    if let Some(start) = word_start {
        if !plain.is_empty() {
            plain.push(' ');
        }
        plain.push_str(&text[start..]);
    }
    plain
}

/// The first `max` characters of `text`, cut at a word, with an ellipsis when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api() -> Url {
        Url::parse("https://geotrek.example.org/api/v2/").unwrap()
    }

    #[test]
    fn scripts_styles_handlers_iframes_and_unsafe_urls_are_removed() {
        let clean = Sanitizer::new(Some(&api())).clean(
            r#"<p style="color:red" onclick="x()">Vue <script>alert(1)</script><a href="javascript:alert(1)">a</a>
               <a href="http://geotrek.fr/" target="_blank">ici</a><iframe src="https://evil.example"></iframe>
               <img src="data:image/png;base64,AAAA" onerror="x()"><object data="x"></object></p>"#,
        );
        for forbidden in [
            "script",
            "onclick",
            "style",
            "javascript",
            "iframe",
            "data:",
            "onerror",
            "object",
        ] {
            assert!(!clean.contains(forbidden), "{forbidden} in {clean}");
        }
        assert!(
            clean.contains(r#"<a href="http://geotrek.fr/">ici</a>"#),
            "target dropped: {clean}"
        );
        assert!(clean.contains("Vue"));
    }

    #[test]
    fn relative_media_is_resolved_against_the_api_host() {
        let clean = Sanitizer::new(Some(&api())).clean(r#"<img src="/media/upload/a.jpg" alt="Lac">"#);
        assert_eq!(
            clean,
            r#"<img src="https://geotrek.example.org/media/upload/a.jpg" alt="Lac">"#
        );
        assert_eq!(
            absolute_url("/media/b.png", Some(&api())).as_deref(),
            Some("https://geotrek.example.org/media/b.png")
        );
        assert_eq!(absolute_url("javascript:alert(1)", Some(&api())), None);
        assert_eq!(absolute_url("/media/b.png", None), None);
    }

    /// URLs taken as written are the ones parsing gives back unchanged.
    #[test]
    fn urls_taken_as_written_are_what_parsing_gives() {
        for api in [
            "https://geotrek.example.org/api/v2/",
            "http://geotrek.local:8000/api/v2/",
            "https://Geotrek.Example.org:443/api/v2/",
        ] {
            let api = Url::parse(api).unwrap();
            let origin = &api[..url::Position::BeforePath];
            for url in [
                "/media/paperclip/trekking_trek/905611/la-cascade.jpg.500x500_q85.jpg".to_string(),
                format!("{origin}/media/upload/practice-foot.svg"),
                format!("{origin}/media/a/./b.png"),
                format!("{origin}/media/a/../b.png"),
                format!("{origin}/media/a/.."),
                format!("{origin}//media/b.png"),
                format!("{origin}/media/b c.png"),
                format!("{origin}/media/é.png"),
                format!("{origin}/media/b.png?x=1#y"),
                format!("{origin}/media/%41.png"),
                format!("{origin}:8080/media/b.png"),
                format!("{origin}.evil.org/media/b.png"),
                "https://other.example.org/media/b.png".into(),
                "HTTPS://GEOTREK.EXAMPLE.ORG/media/b.png".into(),
                "//geotrek.example.org/media/b.png".into(),
                "/".into(),
                "media/b.png".into(),
                "/media\\b.png".into(),
            ] {
                let parsed = Url::parse(&url).or_else(|_| api.join(&url));
                if let Some(written) = api_path_as_written(&url, &api) {
                    assert_eq!(
                        Ok(written.as_str()),
                        parsed.as_ref().map(Url::as_str),
                        "{url} against {api}"
                    );
                }
            }
            assert!(api_path_as_written(&format!("{origin}/media/b.png"), &api).is_some());
            assert!(api_path_as_written("/media/b.png", &api).is_some());
        }
    }

    #[test]
    fn images_are_kept_valid() {
        let clean =
            Sanitizer::new(None).clean(r#"<p>a<img src="data:x"> b <img src="https://x.org/a.jpg"></p>"#);
        assert_eq!(clean, r#"<p>a b <img alt="" src="https://x.org/a.jpg"></p>"#);
    }

    #[test]
    fn contacts_become_links_only_when_well_formed() {
        assert_eq!(phone_uri("04 92 21 08 49").as_deref(), Some("tel:0492210849"));
        assert_eq!(
            phone_uri("+33 (0)5 61 04 41 35").as_deref(),
            Some("tel:+330561044135")
        );
        assert_eq!(phone_uri("<img src=x onerror=alert(18)>"), None);
        assert_eq!(
            mailto_uri("contact@parc.fr").as_deref(),
            Some("mailto:contact@parc.fr")
        );
        assert_eq!(mailto_uri("\"><script>alert(17)</script>"), None);
    }

    #[test]
    fn empty_markup_is_empty() {
        assert_eq!(Sanitizer::new(None).clean("<p>&nbsp;</p>\r\n<p></p>"), "");
    }

    #[test]
    fn whitespace_is_collapsed_as_split_whitespace_does() {
        for text in [
            "",
            " ",
            "a",
            "  Col\u{a0}:  du\tLautaret\n\r\x0b\x0cé ",
            "x\u{85}y\u{2009}z\u{3000} \u{200b}w",
            "Saint-Véran — 2\u{202f}042 m",
            "\u{a0}\u{a0}",
        ] {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_whitespace(text), expected, "{text:?}");
        }
    }

    #[test]
    fn plain_text_decodes_entities_and_drops_tags() {
        assert_eq!(
            plain_text("<p>Lac d&eacute;&nbsp;Vallon</p>\r\n<p>suite</p>"),
            "Lac dé Vallon suite"
        );
    }

    #[test]
    fn a_lone_less_than_sign_is_text() {
        assert_eq!(plain_text("Lauzon < 2000 m &lt;b&gt;"), "Lauzon < 2000 m <b>");
        assert_eq!(plain_text("a<b>c</b>"), "a c");
        assert_eq!(plain_text("<"), "<");
        assert_eq!(plain_text("x <3 y<"), "x <3 y<");
        assert_eq!(plain_text("été <br/>  à <!-- note --> 2 > 1"), "été à 2 > 1");
        assert_eq!(plain_text("<a title=\"<b\">lien</a>"), "lien");
        assert_eq!(plain_text("début <em ouvert"), "début");
        assert_eq!(plain_text("  \t\n "), "");
    }

    #[test]
    fn api_headings_cannot_compete_with_the_page() {
        let clean = Sanitizer::new(None).clean("<h1>Titre</h1><h3>Sous-titre</h3>");
        assert!(
            !clean.contains("<h1") && clean.contains("Titre") && clean.contains("<h3>"),
            "{clean}"
        );
    }

    #[test]
    fn truncation_cuts_at_a_word() {
        assert_eq!(truncate("Un très joli point de vue", 14), "Un très joli…");
        assert_eq!(truncate("court", 14), "court");
    }
}
