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
            .link_rel(Some("noopener noreferrer"))
            .add_generic_attributes(["lang"]);
        builder.url_relative(match api.and_then(|a| a.join("/").ok()) {
            Some(origin) => ammonia::UrlRelative::RewriteWithBase(origin),
            None => ammonia::UrlRelative::Deny,
        });
        Sanitizer { builder }
    }

    /// Safe HTML for a rich field; empty when nothing visible is left.
    pub fn clean(&self, html: &str) -> String {
        let clean = self.builder.clean(html).to_string();
        if plain_text(&clean).trim().is_empty() && !clean.contains("<img") {
            String::new()
        } else {
            clean.trim().to_string()
        }
    }
}

/// `url` made absolute against the API host; `None` unless it is http(s).
pub fn absolute_url(url: &str, api: Option<&Url>) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    let parsed = match Url::parse(url) {
        Ok(absolute) => absolute,
        Err(url::ParseError::RelativeUrlWithoutBase) => api?.join(url).ok()?,
        Err(_) => return None,
    };
    matches!(parsed.scheme(), "http" | "https").then(|| parsed.to_string())
}

/// Text with entities decoded and tags removed: for plain fields, titles and meta descriptions.
pub fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let decoded = html_escape::decode_html_entities(&text);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
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
        assert!(clean.contains(r#"rel="noopener noreferrer""#), "{clean}");
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

    #[test]
    fn empty_markup_is_empty() {
        assert_eq!(Sanitizer::new(None).clean("<p>&nbsp;</p>\r\n<p></p>"), "");
    }

    #[test]
    fn plain_text_decodes_entities_and_drops_tags() {
        assert_eq!(
            plain_text("<p>Lac d&eacute;&nbsp;Vallon</p>\r\n<p>suite</p>"),
            "Lac dé Vallon suite"
        );
    }

    #[test]
    fn truncation_cuts_at_a_word() {
        assert_eq!(truncate("Un très joli point de vue", 14), "Un très joli…");
        assert_eq!(truncate("court", 14), "court");
    }
}
