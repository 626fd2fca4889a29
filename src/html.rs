//! API text made safe for a page. Rich fields (descriptions, advice...) are HTML from a WYSIWYG
//! editor: sanitized with ammonia, which keeps structure and links and drops scripts, styles
//! and event handlers. Plain fields (names, places) may carry HTML entities (`&eacute;` from
//! imports): decoded to text, which templates then escape.

use std::sync::LazyLock;

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .link_rel(Some("noopener noreferrer"))
        .url_relative(ammonia::UrlRelative::PassThrough)
        .add_generic_attributes(["lang"]);
    builder
});

/// Safe HTML for a rich field; empty when nothing visible is left.
pub fn sanitize(html: &str) -> String {
    let clean = SANITIZER.clean(html).to_string();
    if plain_text(&clean).trim().is_empty() && !clean.contains("<img") {
        String::new()
    } else {
        clean.trim().to_string()
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_and_handlers_are_removed() {
        let clean = sanitize(
            r#"<p style="color:red" onclick="x()">Vue <script>alert(1)</script><a href="http://geotrek.fr/" target="_blank">ici</a></p>"#,
        );
        assert!(
            !clean.contains("script") && !clean.contains("onclick") && !clean.contains("style"),
            "{clean}"
        );
        assert!(clean.contains(r#"rel="noopener noreferrer""#), "{clean}");
        assert!(clean.contains("Vue"));
    }

    #[test]
    fn empty_markup_is_empty() {
        assert_eq!(sanitize("<p>&nbsp;</p>\r\n<p></p>"), "");
    }

    #[test]
    fn plain_text_decodes_entities_and_drops_tags() {
        assert_eq!(
            plain_text("<p>Lac d&eacute;&nbsp;Vallon</p>\r\n<p>suite</p>"),
            "Lac dé Vallon suite"
        );
    }
}
