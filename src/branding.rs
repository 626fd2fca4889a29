//! Branding from `config.toml`'s `[extra]`: a logo, a favicon, footer links, colours and font
//! stacks, so that a tourism office makes a theme its own without forking it.
//!
//! The keys are read and checked here, with the config, so that a bad value stops the build
//! with the key at fault and **never reaches a stylesheet**: a colour must be a CSS colour, a
//! font stack names fonts and nothing else. Colours and fonts become CSS custom properties
//! (`--color-primary`, `--font-body`...) in a stylesheet of their own, which themes link after
//! theirs (the Content-Security-Policy forbids inline styles). Every other key of `[extra]`
//! stays free for themes.

use std::collections::BTreeMap;

/// The keys of `[extra]` that sentier reads (the others are the theme's).
pub const KEYS: &[&str] = &["logo", "favicon", "footer_links", "colors", "fonts"];

/// The branding keys of `[extra]`, checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Branding {
    /// A file under `static/` (as written, without a leading `/`) or an https URL.
    pub logo: Option<Reference>,
    pub favicon: Option<Reference>,
    pub footer_links: Vec<FooterLink>,
    /// `[extra.colors]`: name → CSS colour, each written as `--color-NAME`.
    pub colors: BTreeMap<String, String>,
    /// `[extra.fonts]`: name → CSS font-family stack, each written as `--font-NAME`.
    pub fonts: BTreeMap<String, String>,
}

/// Where a logo or favicon is.
#[derive(Debug, Clone, PartialEq)]
pub enum Reference {
    /// A path under the site's (or the theme's) `static/`.
    Static(String),
    Url(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct FooterLink {
    pub title: LinkTitle,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LinkTitle {
    Same(String),
    /// Language → title.
    PerLanguage(BTreeMap<String, String>),
}

impl LinkTitle {
    /// The title in `lang`, else in `default`, else the first one; with its language when it
    /// is not `lang`.
    pub fn get<'a>(&'a self, lang: &str, default: &str) -> (&'a str, Option<&'a str>) {
        match self {
            LinkTitle::Same(text) => (text, None),
            LinkTitle::PerLanguage(titles) => {
                if let Some(text) = titles.get(lang) {
                    return (text, None);
                }
                let (language, text) = titles
                    .get_key_value(default)
                    .or_else(|| titles.iter().next())
                    .expect("checked: at least one title");
                (text, Some(language))
            }
        }
    }
}

impl Branding {
    /// Reads the branding keys of `[extra]`; an error names the key, as `extra.colors.primary:
    /// "red;}" is not a CSS colour`.
    pub fn from_extra(extra: &toml::Table) -> Result<Branding, String> {
        let mut branding = Branding::default();
        for (key, slot) in [("logo", &mut branding.logo), ("favicon", &mut branding.favicon)] {
            if let Some(value) = extra.get(key) {
                *slot = Some(reference(&format!("extra.{key}"), value)?);
            }
        }
        if let Some(value) = extra.get("footer_links") {
            let links = value
                .as_array()
                .ok_or("extra.footer_links: must be an array of { title, url } tables")?;
            for (i, link) in links.iter().enumerate() {
                branding
                    .footer_links
                    .push(footer_link(&format!("extra.footer_links[{i}]"), link)?);
            }
        }
        for (table, check, out) in [
            ("colors", check_color as fn(&str) -> bool, &mut branding.colors),
            ("fonts", check_font_stack, &mut branding.fonts),
        ] {
            let Some(value) = extra.get(table) else { continue };
            let entries = value
                .as_table()
                .ok_or_else(|| format!("extra.{table}: must be a table of names and values"))?;
            for (name, value) in entries {
                let key = format!("extra.{table}.{name}");
                if !is_property_name(name) {
                    return Err(format!(
                        "{key}: {name:?} is not a name for a CSS custom property (lowercase letters, digits and -)"
                    ));
                }
                let text = value.as_str().ok_or_else(|| format!("{key}: must be a string"))?;
                if !check(text) {
                    let what = if table == "colors" {
                        "a CSS colour (#rrggbb, rgb(), hsl() or a colour name)"
                    } else {
                        "a CSS font-family stack (font names, quoted or not, separated by commas)"
                    };
                    return Err(format!("{key}: {text:?} is not {what}"));
                }
                out.insert(name.clone(), text.trim().to_string());
            }
        }
        Ok(branding)
    }

    /// The stylesheet of the custom properties, when there is any.
    pub fn stylesheet(&self) -> Option<String> {
        if self.colors.is_empty() && self.fonts.is_empty() {
            return None;
        }
        let mut css = String::from(
            "/* Written by sentier from config.toml [extra.colors] and [extra.fonts]. */\n:root {\n",
        );
        for (prefix, values) in [("color", &self.colors), ("font", &self.fonts)] {
            for (name, value) in values {
                css.push_str(&format!("  --{prefix}-{name}: {value};\n"));
            }
        }
        css.push_str("}\n");
        Some(css)
    }

    /// The browser's `theme-color`: the primary colour, when set.
    pub fn theme_color(&self) -> Option<&str> {
        self.colors.get("primary").map(String::as_str)
    }
}

fn reference(key: &str, value: &toml::Value) -> Result<Reference, String> {
    let text = value
        .as_str()
        .ok_or_else(|| format!("{key}: must be a string, a file under static/ or an https:// URL"))?;
    if text.starts_with("https://") {
        return url::Url::parse(text)
            .map(|_| Reference::Url(text.to_string()))
            .map_err(|e| format!("{key}: {text:?} is not a URL: {e}"));
    }
    let path = text.trim_start_matches('/');
    let safe = !path.is_empty()
        && !path.contains(':')
        && path.split('/').all(|s| !s.is_empty() && s != "." && s != "..")
        && path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-' | '_'));
    if !safe {
        return Err(format!(
            "{key}: {text:?} is neither a file under static/ (such as \"logo.svg\") nor an https:// URL"
        ));
    }
    Ok(Reference::Static(path.to_string()))
}

fn footer_link(key: &str, value: &toml::Value) -> Result<FooterLink, String> {
    let table = value
        .as_table()
        .ok_or_else(|| format!("{key}: must be a table {{ title = \"...\", url = \"...\" }}"))?;
    if let Some(unknown) = table.keys().find(|k| !["title", "url"].contains(&k.as_str())) {
        return Err(format!(
            "{key}: unknown key `{unknown}` (a link has `title` and `url`)"
        ));
    }
    let title = match table.get("title") {
        Some(toml::Value::String(text)) if !text.trim().is_empty() => LinkTitle::Same(text.clone()),
        Some(toml::Value::Table(titles)) if !titles.is_empty() => {
            let mut per_language = BTreeMap::new();
            for (lang, text) in titles {
                let text = text
                    .as_str()
                    .filter(|t| !t.trim().is_empty())
                    .ok_or_else(|| format!("{key}.title.{lang}: must be a non-empty string"))?;
                per_language.insert(lang.clone(), text.to_string());
            }
            LinkTitle::PerLanguage(per_language)
        }
        _ => {
            return Err(format!(
                "{key}.title: must be a non-empty string or a table of one per language"
            ))
        }
    };
    let url = table
        .get("url")
        .and_then(toml::Value::as_str)
        .ok_or_else(|| format!("{key}.url: must be a string"))?;
    let lowered = url.to_ascii_lowercase();
    let allowed = ["https://", "http://", "mailto:", "tel:"]
        .iter()
        .any(|scheme| lowered.starts_with(scheme))
        || (url.starts_with('/') && !url.starts_with("//"));
    if !allowed || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "{key}.url: {url:?} must be an http(s), mailto: or tel: URL, or a path from the site's root"
        ));
    }
    Ok(FooterLink {
        title,
        url: url.to_string(),
    })
}

fn is_property_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A hex colour, an `rgb()`/`rgba()`/`hsl()`/`hsla()` of numbers, or a colour name.
pub fn check_color(value: &str) -> bool {
    let value = value.trim().to_ascii_lowercase();
    if let Some(hex) = value.strip_prefix('#') {
        return [3, 4, 6, 8].contains(&hex.len()) && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    for function in ["rgba(", "rgb(", "hsla(", "hsl("] {
        if let Some(arguments) = value.strip_prefix(function) {
            let Some(arguments) = arguments.strip_suffix(')') else {
                return false;
            };
            let numbers: Vec<&str> = arguments
                .split([',', ' ', '/'])
                .filter(|part| !part.is_empty())
                .collect();
            return (3..=4).contains(&numbers.len())
                && numbers.iter().all(|n| {
                    let n = n.strip_suffix("deg").or_else(|| n.strip_suffix('%')).unwrap_or(n);
                    !n.is_empty() && n.parse::<f64>().is_ok_and(f64::is_finite)
                });
        }
    }
    NAMED_COLORS.binary_search(&value.as_str()).is_ok()
}

/// Font names, quoted or not, separated by commas: letters, digits, spaces, `-`, `_`, `.`.
pub fn check_font_stack(value: &str) -> bool {
    let families: Vec<&str> = value.split(',').map(str::trim).collect();
    !value.trim().is_empty()
        && families.iter().all(|family| {
            let bare = match family.as_bytes() {
                [b'"', .., b'"'] | [b'\'', .., b'\''] if family.len() >= 2 => &family[1..family.len() - 1],
                _ => family,
            };
            !bare.trim().is_empty()
                && bare
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.'))
        })
}

/// CSS Color Module 4 named colours, sorted.
const NAMED_COLORS: &[&str] = &[
    "aliceblue",
    "antiquewhite",
    "aqua",
    "aquamarine",
    "azure",
    "beige",
    "bisque",
    "black",
    "blanchedalmond",
    "blue",
    "blueviolet",
    "brown",
    "burlywood",
    "cadetblue",
    "chartreuse",
    "chocolate",
    "coral",
    "cornflowerblue",
    "cornsilk",
    "crimson",
    "cyan",
    "darkblue",
    "darkcyan",
    "darkgoldenrod",
    "darkgray",
    "darkgreen",
    "darkgrey",
    "darkkhaki",
    "darkmagenta",
    "darkolivegreen",
    "darkorange",
    "darkorchid",
    "darkred",
    "darksalmon",
    "darkseagreen",
    "darkslateblue",
    "darkslategray",
    "darkslategrey",
    "darkturquoise",
    "darkviolet",
    "deeppink",
    "deepskyblue",
    "dimgray",
    "dimgrey",
    "dodgerblue",
    "firebrick",
    "floralwhite",
    "forestgreen",
    "fuchsia",
    "gainsboro",
    "ghostwhite",
    "gold",
    "goldenrod",
    "gray",
    "green",
    "greenyellow",
    "grey",
    "honeydew",
    "hotpink",
    "indianred",
    "indigo",
    "ivory",
    "khaki",
    "lavender",
    "lavenderblush",
    "lawngreen",
    "lemonchiffon",
    "lightblue",
    "lightcoral",
    "lightcyan",
    "lightgoldenrodyellow",
    "lightgray",
    "lightgreen",
    "lightgrey",
    "lightpink",
    "lightsalmon",
    "lightseagreen",
    "lightskyblue",
    "lightslategray",
    "lightslategrey",
    "lightsteelblue",
    "lightyellow",
    "lime",
    "limegreen",
    "linen",
    "magenta",
    "maroon",
    "mediumaquamarine",
    "mediumblue",
    "mediumorchid",
    "mediumpurple",
    "mediumseagreen",
    "mediumslateblue",
    "mediumspringgreen",
    "mediumturquoise",
    "mediumvioletred",
    "midnightblue",
    "mintcream",
    "mistyrose",
    "moccasin",
    "navajowhite",
    "navy",
    "oldlace",
    "olive",
    "olivedrab",
    "orange",
    "orangered",
    "orchid",
    "palegoldenrod",
    "palegreen",
    "paleturquoise",
    "palevioletred",
    "papayawhip",
    "peachpuff",
    "peru",
    "pink",
    "plum",
    "powderblue",
    "purple",
    "rebeccapurple",
    "red",
    "rosybrown",
    "royalblue",
    "saddlebrown",
    "salmon",
    "sandybrown",
    "seagreen",
    "seashell",
    "sienna",
    "silver",
    "skyblue",
    "slateblue",
    "slategray",
    "slategrey",
    "snow",
    "springgreen",
    "steelblue",
    "tan",
    "teal",
    "thistle",
    "tomato",
    "transparent",
    "turquoise",
    "violet",
    "wheat",
    "white",
    "whitesmoke",
    "yellow",
    "yellowgreen",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn extra(text: &str) -> Result<Branding, String> {
        Branding::from_extra(&toml::from_str(text).unwrap())
    }

    #[test]
    fn colours_are_hex_functions_of_numbers_or_names() {
        assert!(
            NAMED_COLORS.windows(2).all(|w| w[0] < w[1]),
            "sorted for the binary search"
        );
        for good in [
            "#1f5130",
            "#FFF",
            "#1f513080",
            "rgb(31, 81, 48)",
            "rgb(31 81 48 / 50%)",
            "hsl(140deg 45% 22%)",
            "rgba(0,0,0,.5)",
            "RebeccaPurple",
            " teal ",
        ] {
            assert!(check_color(good), "{good}");
        }
        for bad in [
            "red;}",
            "#12345",
            "#ggg",
            "rgb(1,2)",
            "rgb(1,2,3",
            "rgb(var(--x),1,2)",
            "url(x)",
            "",
            "notacolour",
            "red}body{color:red",
        ] {
            assert!(!check_color(bad), "{bad}");
        }
    }

    #[test]
    fn font_stacks_name_fonts_and_nothing_else() {
        for good in [
            "\"Source Sans 3\", system-ui, sans-serif",
            "Georgia, serif",
            "'Fira Sans'",
        ] {
            assert!(check_font_stack(good), "{good}");
        }
        for bad in [
            "Georgia; color: red",
            "a{}",
            "</style>",
            "x, , serif",
            "\"open",
            "url(x)",
            "a/*b*/",
            "",
        ] {
            assert!(!check_font_stack(bad), "{bad}");
        }
    }

    #[test]
    fn every_key_is_read_and_the_stylesheet_holds_the_properties() {
        let branding = extra(
            r##"
logo = "logo.svg"
favicon = "https://cdn.example.org/f.png"
footer_links = [ { title = "Mentions légales", url = "https://example.org/legal" }, { title = { fr = "Accès", en = "Access" }, url = "/information/3/" } ]
theme_only = { anything = 1 }
[colors]
primary = "#1f5130"
text = "black"
[fonts]
heading = "Georgia, serif"
"##,
        )
        .unwrap();
        assert_eq!(branding.logo, Some(Reference::Static("logo.svg".into())));
        assert_eq!(
            branding.favicon,
            Some(Reference::Url("https://cdn.example.org/f.png".into()))
        );
        assert_eq!(branding.footer_links[1].title.get("en", "fr"), ("Access", None));
        assert_eq!(
            branding.footer_links[1].title.get("de", "fr"),
            ("Accès", Some("fr"))
        );
        assert_eq!(branding.theme_color(), Some("#1f5130"));
        let css = branding.stylesheet().unwrap();
        for line in [
            "--color-primary: #1f5130;",
            "--color-text: black;",
            "--font-heading: Georgia, serif;",
        ] {
            assert!(css.contains(line), "{css}");
        }
        assert_eq!(extra("").unwrap().stylesheet(), None);
    }

    #[test]
    fn a_bad_value_names_its_key() {
        for (text, message) in [
            (
                "[colors]\nprimary = \"red;}\"",
                "extra.colors.primary: \"red;}\" is not a CSS colour",
            ),
            (
                "[fonts]\nbody = \"x; }\"",
                "extra.fonts.body: \"x; }\" is not a CSS font-family stack",
            ),
            (
                "[colors]\nPrimary = \"red\"",
                "extra.colors.Primary: \"Primary\" is not a name",
            ),
            ("logo = \"../secret\"", "extra.logo: \"../secret\" is neither"),
            ("favicon = 3", "extra.favicon: must be a string"),
            (
                "footer_links = [ { title = \"x\", url = \"javascript:alert(1)\" } ]",
                "extra.footer_links[0].url: \"javascript:alert(1)\" must be",
            ),
            (
                "footer_links = [ { title = {}, url = \"/\" } ]",
                "extra.footer_links[0].title: must be",
            ),
            (
                "footer_links = [ { titel = \"x\", url = \"/\" } ]",
                "extra.footer_links[0]: unknown key `titel`",
            ),
        ] {
            let error = extra(text).unwrap_err();
            assert!(error.starts_with(message), "{text}: {error}");
        }
    }
}
