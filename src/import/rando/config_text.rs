//! The text of the imported files: a commented `config.toml` (each setting says which
//! Geotrek-rando file and key it came from), the home introductions and the UI strings. Values
//! are written by the toml crate, so any text is quoted correctly.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use toml::Value;

use super::{FooterLink, HomeIntro, LinkTitle, Plan, REPORT_FILE};

fn string(text: &str) -> Value {
    Value::String(text.to_string())
}

/// A number as TOML writes it, whole ones without a fraction (`5`, not `5.0`).
fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        Value::Integer(n as i64)
    } else {
        Value::Float(n)
    }
}

fn ranges(ranges: &[[f64; 2]]) -> Value {
    Value::Array(
        ranges
            .iter()
            .map(|[a, b]| Value::Array(vec![number(*a), number(*b)]))
            .collect(),
    )
}

fn ids(ids: &[u64]) -> Value {
    Value::Array(ids.iter().map(|id| Value::Integer(*id as i64)).collect())
}

fn link(link: &FooterLink) -> Value {
    let title = match &link.title {
        LinkTitle::Same(text) => string(text),
        LinkTitle::PerLanguage(titles) => Value::Table(
            titles
                .iter()
                .map(|(lang, text)| (lang.clone(), string(text)))
                .collect(),
        ),
    };
    let mut table = toml::Table::new();
    table.insert("title".into(), title);
    table.insert("url".into(), string(&link.url));
    Value::Table(table)
}

/// `config.toml`.
pub fn render(plan: &Plan, source: &Path) -> String {
    let origin = |key: &str| plan.origins.get(key).map(String::as_str).unwrap_or("");
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(
        w,
        "# Imported by `sentier import-rando` from the Geotrek-rando v3 customization folder\n# {}.\n# The settings it could not carry over are listed in {REPORT_FILE}; every key is described\n# in sentier's README (config.toml).\n",
        source.display()
    );
    let _ = writeln!(w, "# From {}.", origin("title"));
    let _ = writeln!(w, "title = {}", string(&plan.title));
    if let Some(description) = &plan.description {
        let _ = writeln!(w, "# From {}.", origin("description"));
        let _ = writeln!(w, "description = {}", string(description));
    }
    match &plan.base_url {
        Some(url) => {
            let _ = writeln!(
                w,
                "# From config/global.json baseUrl.\nbase_url = {}",
                string(url)
            );
        }
        None => {
            let _ = writeln!(
                w,
                "# config/global.json has no baseUrl: write the site's public URL here.\nbase_url = \"https://example.org\""
            );
        }
    }
    let _ = writeln!(
        w,
        "# From config/header.json menu.defaultLanguage and menu.supportedLanguages.\ndefault_language = {}\nlanguages = {}",
        string(&plan.default_language),
        Value::Array(plan.languages.iter().map(|l| string(l)).collect())
    );
    let _ = writeln!(w, "theme = \"default\"\n");

    let _ = writeln!(w, "[source]");
    match &plan.api {
        Some(api) => {
            let _ = writeln!(w, "# From {}.\napi = {}", origin("api"), string(api));
        }
        None => {
            let _ = writeln!(
                w,
                "# config/global.json has no usable apiUrl: set your Geotrek-admin API here.\n# api = \"https://geotrek-admin.example.org/api/v2/\""
            );
        }
    }
    if !plan.portals.is_empty() {
        let _ = writeln!(
            w,
            "# From config/global.json portalIds.\nportals = {}",
            ids(&plan.portals)
        );
    }
    let _ = writeln!(
        w,
        "\n[source.include]\n# Geotrek-rando's enableTouristicEvents, enableOutdoor and enableSensitiveAreas (unset, it\n# takes them as true, false and false); it always shows touristic contents and flat pages.\ntreks = true\ntouristic_contents = true\ntouristic_events = {}\noutdoor = {}\nsensitive_areas = {}\nflat_pages = true\n",
        plan.touristic_events, plan.outdoor, plan.sensitive_areas
    );

    let pages_set = !plan.highlighted_treks.is_empty()
        || plan.upcoming_events.is_some()
        || plan.trek_sections.is_some()
        || plan.emergency_number.is_some();
    if pages_set {
        let _ = writeln!(w, "[pages]");
        if !plan.highlighted_treks.is_empty() {
            let _ = writeln!(
                w,
                "# The trek suggestions of config/home.json.\nhighlighted_treks = {}",
                ids(&plan.highlighted_treks)
            );
        }
        match plan.upcoming_events {
            Some(0) => {
                let _ = writeln!(
                    w,
                    "# config/home.json has no upcomingEvents suggestion block: no events on the home page.\nupcoming_events = 0"
                );
            }
            Some(n) => {
                let _ = writeln!(
                    w,
                    "# The upcomingEvents suggestion block of config/home.json.\nupcoming_events = {n}"
                );
            }
            None => {}
        }
        if let Some(sections) = &plan.trek_sections {
            let _ = writeln!(
                w,
                "# From {}: Geotrek-rando's order, hidden sections left out.\ntrek_sections = {}",
                origin("trek_sections"),
                Value::Array(sections.iter().map(|s| string(s)).collect())
            );
        }
        if let Some(number) = &plan.emergency_number {
            let _ = writeln!(
                w,
                "# From config/global.json accessibilityCodeNumber.\nemergency_number = {}",
                string(number)
            );
        }
        let _ = writeln!(w);
    }

    if !plan.tiles.is_empty() {
        let _ = writeln!(w, "[maps]\n# From {}.", origin("tiles"));
        for tiles in &plan.tiles {
            let _ = writeln!(
                w,
                "[[maps.tiles]]\nname = {}\nurl = {}\nattribution = {}\nmax_zoom = {}",
                string(&tiles.name),
                string(&tiles.url),
                string(&tiles.attribution),
                tiles.max_zoom
            );
        }
        let _ = writeln!(w);
    }

    let _ = writeln!(w, "[search]");
    if let Some(size) = plan.search_page_size {
        let _ = writeln!(
            w,
            "# From config/global.json searchResultsPageSize.\npage_size = {size}"
        );
    }
    let search_ranges = [
        ("duration_hours", "duration", &plan.duration_hours, ""),
        (
            "length_km",
            "length",
            &plan.length_km,
            " (metres there, kilometres here)",
        ),
        ("ascent_m", "ascent", &plan.ascent_m, ""),
    ];
    for (key, rando, value, note) in search_ranges {
        if let Some(value) = value {
            let _ = writeln!(
                w,
                "# The {rando} filter's options in config/filter.json{note}.\n{key} = {}",
                ranges(value)
            );
        }
    }
    if !plan.hidden_filters.is_empty() {
        let _ = writeln!(
            w,
            "# The filters config/filter.json hides (display = false).\nhidden_filters = {}",
            Value::Array(plan.hidden_filters.iter().map(|f| string(f)).collect())
        );
    }
    let _ = writeln!(w);

    let _ = writeln!(w, "# Branding, read by the themes.\n[extra]");
    for (key, value) in [("logo", &plan.logo), ("favicon", &plan.favicon)] {
        if let Some(value) = value {
            let _ = writeln!(w, "# From {}.\n{key} = {}", origin(key), string(value));
        }
    }
    if !plan.footer_links.is_empty() {
        let _ = writeln!(w, "# From {}.\nfooter_links = [", origin("footer_links"));
        for l in &plan.footer_links {
            let _ = writeln!(w, "  {},", link(l));
        }
        let _ = writeln!(w, "]");
    }
    if !plan.colors.is_empty() {
        let _ = writeln!(
            w,
            "\n# From theme/colors.json: primary1 is the primary colour, primary3 the secondary one.\n[extra.colors]"
        );
        for (name, color) in &plan.colors {
            let _ = writeln!(w, "{name} = {}", string(color));
        }
    }
    if !plan.fonts.is_empty() {
        let _ = writeln!(w, "\n# From {}.\n[extra.fonts]", origin("fonts"));
        for (name, font) in &plan.fonts {
            let _ = writeln!(w, "{name} = {}", string(font));
        }
    }
    out
}

/// `content/_index[.LANG].md`.
pub fn home_page(intro: &HomeIntro) -> String {
    let mut out = String::from("+++\n");
    if let Some(title) = &intro.title {
        let _ = writeln!(out, "title = {}", string(title));
    }
    if let Some(description) = &intro.description {
        let _ = writeln!(out, "description = {}", string(description));
    }
    out.push_str("+++\n");
    if !intro.body.is_empty() {
        out.push('\n');
        out.push_str(&intro.body);
    }
    out
}

/// `translations/LANG.toml`.
pub fn strings(lang: &str, strings: &BTreeMap<String, String>) -> String {
    let mut out = format!(
        "# UI strings imported from Geotrek-rando's translations/{lang}.json; they override the theme's.\n"
    );
    for (key, text) in strings {
        let _ = writeln!(out, "{key} = {}", string(text));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Overrides};
    use crate::import::rando::{convert, Customization};
    use serde_json::json;

    #[test]
    fn the_written_config_loads_with_sentiers_parser() {
        let mut custom = Customization::default();
        custom.config.insert(
            "global".into(),
            json!({"apiUrl": "https://g.example.org/api/v2", "portalIds": [2], "baseUrl": "https://rando.example.org",
                   "searchResultsPageSize": 12}),
        );
        custom.config.insert(
            "map".into(),
            json!({"mapClassicLayers": [{"url": "https://t.example.org/{z}/{x}/{y}.png", "options": {"attribution": "© \"T\""}}]}),
        );
        custom.config.insert(
            "filter".into(),
            json!([{"id": "length", "options": [{"minValue": 0, "maxValue": 7500}]}]),
        );
        custom.config.insert(
            "footer".into(),
            json!({"links": [{"label": "Legal \"notice\"", "url": "https://x.example.org/"}]}),
        );
        custom.colors = Some(json!({"primary1": "#112233"}));
        custom
            .translations
            .insert("fr".into(), json!({"home": {"title": "Rando \"des\" crêtes"}}));
        let (plan, report) = convert(&custom);
        let text = render(&plan, Path::new("/sites/rando/customization"));
        let config = Config::parse(
            &text,
            Path::new("config.toml"),
            Path::new("/site"),
            &Overrides::default(),
        )
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(config.title, "Rando \"des\" crêtes");
        assert_eq!(config.filters.portals, [2]);
        assert_eq!(config.search.page_size, 12);
        assert_eq!(config.search.length_km, [[0.0, 7.5]]);
        assert_eq!(config.maps.tiles[0].attribution, "© \"T\"");
        assert_eq!(config.extra["colors"]["primary"].as_str(), Some("#112233"));
        assert_eq!(
            config.extra["footer_links"][0]["title"].as_str(),
            Some("Legal \"notice\"")
        );
        assert!(text.contains("length_km = [[0, 7.5]]"), "{text}");
        assert!(report.not_carried.is_empty(), "{:?}", report.not_carried);
    }

    #[test]
    fn an_empty_customization_still_gives_a_loadable_config() {
        let (plan, _) = convert(&Customization::default());
        let text = render(&plan, Path::new("c"));
        Config::parse(
            &text,
            Path::new("config.toml"),
            Path::new("/site"),
            &Overrides::default(),
        )
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    }

    #[test]
    fn home_pages_have_front_matter_and_body() {
        let intro = HomeIntro {
            title: Some("Accueil".into()),
            description: None,
            body: "Bienvenue\n".into(),
        };
        assert_eq!(home_page(&intro), "+++\ntitle = \"Accueil\"\n+++\n\nBienvenue\n");
    }
}
