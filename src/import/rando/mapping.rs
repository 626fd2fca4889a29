//! The mapping itself: each Geotrek-rando file → its part of the [`Plan`], and a [`Report`]
//! line for each setting that has no sentier equivalent. Pure functions over parsed JSON.
//!
//! Choices worth knowing:
//! * a key Geotrek-rando's customization leaves out takes Geotrek-rando's default (its
//!   `frontend/config/*.json`): `enableOutdoor` and `enableSensitiveAreas` are off there;
//! * colours: `primary1` (its `DEFAULT`) is the brand colour → `primary`, `primary3` (the darker
//!   accent of hovers and chips) → `secondary`. Geotrek-rando has no page background or text
//!   colour setting (`primary2` is a pale tint for hovers, not the page's background), so
//!   `background` and `text` are left to the theme and the rest is reported;
//! * trek sections: `presentation` holds sentier's `facts`, `places` and `teaser`;
//!   `practicalInformations` holds `practical` and `access`; the map comes right after the
//!   gallery (first without one) and downloads last, as Geotrek-rando always shows both;
//! * tile URLs: `//host` becomes `https://host`, `{s}` the `a` subdomain;
//! * home HTML blocks are sanitized (no script, style or class: the Content-Security-Policy
//!   forbids the first two and the theme knows nothing of Geotrek-rando's classes).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{strings, Customization, FooterLink, HomeIntro, LinkTitle, Plan, Report};
use crate::config::TileLayer;

/// Geotrek-rando's trek sections and their default order (`frontend/config/details.json`).
const RANDO_TREK_SECTIONS: &[(&str, f64)] = &[
    ("presentation", 10.0),
    ("medias", 15.0),
    ("itinerancySteps", 20.0),
    ("poi", 30.0),
    ("description", 40.0),
    ("forecastWidget", 50.0),
    ("altimetricProfile", 60.0),
    ("sensitiveAreas", 70.0),
    ("practicalInformations", 80.0),
    ("accessibility", 90.0),
    ("more", 100.0),
    ("source", 110.0),
    ("report", 120.0),
    ("touristicContent", 130.0),
    ("reservationWidget", 140.0),
];

/// Geotrek-rando's filters in their default order (`frontend/config/filter.json`).
const RANDO_FILTERS: &[&str] = &[
    "practices",
    "categories",
    "themes",
    "cities",
    "districts",
    "structures",
    "difficulty",
    "duration",
    "length",
    "ascent",
    "routes",
    "accessibilities",
    "outdoorPractice",
    "event",
    "labels",
    "organizer",
    "networks",
];

/// PWA icons Geotrek-rando's manifest uses; sentier writes no manifest.
const PWA_MEDIAS: &[&str] = &[
    "android-icon.png",
    "maskable-icon.png",
    "apple-icon.png",
    "android-splashscreen.png",
    "ios-splashscreen.png",
];

/// The whole mapping.
pub fn convert(custom: &Customization) -> (Plan, Report) {
    let mut report = Report::default();
    let empty = Value::Null;
    let config = |name: &str| custom.config.get(name).unwrap_or(&empty);
    let (default_language, languages) = languages(config("header"), &mut report);
    let texts = Texts {
        translations: &custom.translations,
        default_language: &default_language,
        languages: &languages,
        used: Default::default(),
    };

    let mut plan = Plan {
        title: String::new(),
        description: None,
        base_url: None,
        default_language: default_language.clone(),
        languages: languages.clone(),
        api: None,
        portals: Vec::new(),
        outdoor: false,
        touristic_events: true,
        sensitive_areas: false,
        highlighted_treks: Vec::new(),
        upcoming_events: None,
        trek_sections: None,
        emergency_number: None,
        tiles: Vec::new(),
        search_page_size: None,
        hidden_filters: Vec::new(),
        duration_hours: None,
        length_km: None,
        ascent_m: None,
        logo: None,
        favicon: None,
        footer_links: Vec::new(),
        colors: BTreeMap::new(),
        fonts: BTreeMap::new(),
        home: BTreeMap::new(),
        strings: BTreeMap::new(),
        medias: custom.medias.clone(),
        origins: BTreeMap::new(),
    };

    global(config("global"), &mut plan, &mut report);
    title_and_description(&texts, &mut plan);
    header(config("header"), &custom.medias, &mut plan, &mut report);
    colors(custom.colors.as_ref(), &mut plan, &mut report);
    if let Some((file, css)) = &custom.style {
        style(file, css, &mut plan, &mut report);
    }
    footer(config("footer"), &texts, &mut plan, &mut report);
    home(config("home"), &texts, &mut plan, &mut report);
    home_html(&custom.html, &texts, &mut plan, &mut report);
    filters(config("filter"), &mut plan, &mut report);
    details(config("details"), &mut plan, &mut report);
    map(config("map"), &mut plan, &mut report);
    medias(&custom.medias, &mut plan, &mut report);
    for (name, value) in &custom.config {
        let file = format!("config/{name}.json");
        let reason = match name.as_str() {
            "global" | "header" | "footer" | "home" | "filter" | "details" | "map" => continue,
            "redirects" => "not carried over: write these rules in your host's redirects (sentier's _redirects covers its own URLs only)",
            "resultCard" => "not carried over: the theme chooses what a card shows",
            "manifest" => "not carried over: sentier writes no web app manifest",
            _ => "not a file Geotrek-rando documents; not carried over",
        };
        match value.as_object() {
            Some(keys) if !keys.is_empty() && name != "manifest" => {
                for key in keys.keys() {
                    report.skip(&file, Some(key), reason);
                }
            }
            _ => report.skip(&file, None, reason),
        }
    }
    for other in &custom.others {
        report.skip(
            other,
            None,
            "not a file Geotrek-rando documents; not carried over",
        );
    }
    translations(&texts, &mut plan, &mut report);
    (plan, report)
}

/// The customization's UI strings, and which keys the mapping used for content.
struct Texts<'a> {
    translations: &'a BTreeMap<String, Value>,
    default_language: &'a str,
    languages: &'a [String],
    used: std::cell::RefCell<BTreeSet<String>>,
}

impl Texts<'_> {
    /// `key` (dotted) in `lang`, marked as used.
    fn get(&self, lang: &str, key: &str) -> Option<String> {
        let text = lookup(self.translations.get(lang)?, key)?;
        self.used.borrow_mut().insert(key.to_string());
        Some(text)
    }

    /// `key` in every site language that has it.
    fn per_language(&self, key: &str) -> BTreeMap<String, String> {
        self.languages
            .iter()
            .filter_map(|lang| self.get(lang, key).map(|t| (lang.clone(), t)))
            .collect()
    }
}

fn lookup(value: &Value, key: &str) -> Option<String> {
    let mut current = value;
    for part in key.split('.') {
        current = current.get(part)?;
    }
    current
        .as_str()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

/// `header.json` `menu.defaultLanguage` and `menu.supportedLanguages` (Geotrek-rando's
/// defaults: `fr`, and `fr`, `en`).
fn languages(header: &Value, report: &mut Report) -> (String, Vec<String>) {
    let menu = &header["menu"];
    let valid = |lang: &str| {
        !lang.is_empty() && lang.len() <= 10 && lang.chars().all(|c| c.is_ascii_lowercase() || c == '-')
    };
    let default = menu["defaultLanguage"]
        .as_str()
        .map(str::to_ascii_lowercase)
        .filter(|l| valid(l))
        .unwrap_or_else(|| "fr".to_string());
    let mut languages = vec![default.clone()];
    let supported: Vec<String> = match menu["supportedLanguages"].as_array() {
        Some(list) => list
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_ascii_lowercase)
            .collect(),
        None => vec!["fr".into(), "en".into()],
    };
    for lang in supported {
        if !valid(&lang) {
            report.skip(
                "config/header.json",
                Some("menu.supportedLanguages"),
                format!("{lang:?} is not a language code; left out"),
            );
        } else if !languages.contains(&lang) {
            languages.push(lang);
        }
    }
    for key in ["primaryItemsNumber", "shouldDisplayFavorite"] {
        if menu.get(key).is_some() {
            report.skip(
                "config/header.json",
                Some(&format!("menu.{key}")),
                "not carried over: the theme's menu shows every item and has no favourites",
            );
        }
    }
    (default, languages)
}

/// `https://host/api/v2/` from Geotrek-rando's `apiUrl` (`https://host/api/v2`, `//host`...).
pub fn api_url(url: &str) -> Option<String> {
    let url = url.trim();
    let url = if let Some(rest) = url.strip_prefix("//") {
        format!("https://{rest}")
    } else if url.starts_with("http://") || url.starts_with("https://") {
        url.to_string()
    } else {
        format!("https://{url}")
    };
    let parsed = url::Url::parse(&url).ok()?;
    parsed.host_str()?;
    let mut path = parsed.path().trim_end_matches('/').to_string();
    if !path.ends_with("/api/v2") {
        path.push_str("/api/v2");
    }
    let mut normalized = parsed.clone();
    normalized.set_path(&format!("{path}/"));
    normalized.set_query(None);
    Some(normalized.to_string())
}

fn global(global: &Value, plan: &mut Plan, report: &mut Report) {
    const FILE: &str = "config/global.json";
    let Some(keys) = global.as_object() else { return };
    for (key, value) in keys {
        if value.is_null() {
            continue;
        }
        let reason = match key.as_str() {
            "apiUrl" => match value.as_str().and_then(api_url) {
                Some(api) => {
                    plan.api = Some(api);
                    plan.origins.insert("api", format!("{FILE} apiUrl"));
                    continue;
                }
                None => "not a URL; set [source] api by hand",
            },
            "portalIds" => match value.as_array() {
                Some(ids) => {
                    plan.portals = ids.iter().filter_map(id_of).collect();
                    continue;
                }
                None => "not a list of ids",
            },
            "enableOutdoor" | "enableTouristicEvents" | "enableSensitiveAreas" => match value.as_bool() {
                Some(on) => {
                    match key.as_str() {
                        "enableOutdoor" => plan.outdoor = on,
                        "enableTouristicEvents" => plan.touristic_events = on,
                        _ => plan.sensitive_areas = on,
                    }
                    continue;
                }
                None => "not true or false",
            },
            "baseUrl" => match value.as_str().filter(|u| url::Url::parse(u).is_ok()) {
                Some(url) => {
                    plan.base_url = Some(url.trim_end_matches('/').to_string());
                    continue;
                }
                None => "not a URL; set base_url by hand",
            },
            "applicationName" => match value.as_str().filter(|t| !t.trim().is_empty()) {
                Some(name) => {
                    plan.title = name.trim().to_string();
                    plan.origins.insert("title", format!("{FILE} applicationName"));
                    continue;
                }
                None => "empty",
            },
            "searchResultsPageSize" => match value.as_u64().filter(|n| (1..=200).contains(n)) {
                Some(n) => {
                    plan.search_page_size = Some(n as usize);
                    continue;
                }
                None => "not a page size between 1 and 200",
            },
            "accessibilityCodeNumber" => match value {
                Value::String(_) | Value::Number(_) => {
                    let number = value.as_str().map_or_else(|| value.to_string(), str::to_string);
                    plan.emergency_number = Some(number);
                    continue;
                }
                _ => "not a phone number",
            },
            "googleAnalyticsId" | "googleSiteVerificationToken" => {
                "not carried over: the theme has no analytics or site verification (the Content-Security-Policy of netlify.toml would also have to allow a third-party script)"
            }
            "privacyPolicyLink" => "not carried over: add the link to [extra] footer_links",
            "enableServerCache" => "not needed: a static site has no server cache",
            "enableIndexation" => "not carried over: sentier's robots.txt always allows indexing",
            "maxPoiPerPage" | "maxTouristicContentPerPage" => {
                "not carried over: a trek page lists every point of interest and content within [pages] poi_distance_m and nearby_distance_m"
            }
            "mapResultsPageSize" => "not needed: the search map shows every result from a static index",
            "fallbackImageUri" | "touristicContentLabelImageUri" => {
                "not carried over: the theme shows no placeholder picture or label logo"
            }
            "enableReport" | "hCaptchaKey" => "not carried over: sentier has no report form",
            "enableSearchByMap" => "not carried over: the search map does not filter by the visible area",
            "maxLengthTrekAllowedFor3DRando" => "not carried over: sentier has no 3D view",
            "minAltitudeDifferenceToDisplayElevationProfile" => {
                "not carried over: every trek with altitudes gets its profile"
            }
            "groupTreksAndOutdoorFilters" => "not carried over: the search page has one set of filters for every family",
            "displayObjectsRelatedToItinerantTreks" => {
                "not carried over: an itinerant trek's page shows what is along its whole route"
            }
            "reservationPartner" | "reservationProject" => "not carried over: sentier has no booking widget",
            _ => "no sentier equivalent; not carried over",
        };
        report.skip(FILE, Some(key), reason);
    }
}

/// An id written as a number or a string (`home.json` suggestion ids are strings).
fn id_of(value: &Value) -> Option<u64> {
    value
        .as_u64()
        .or_else(|| value.as_str().and_then(|s| s.trim().parse().ok()))
}

fn title_and_description(texts: &Texts, plan: &mut Plan) {
    let lang = texts.default_language;
    if let Some(title) = texts.get(lang, "home.title") {
        plan.title = title;
        plan.origins
            .insert("title", format!("translations/{lang}.json home.title"));
    } else if plan.title.is_empty() {
        plan.title = "Geotrek-rando".into();
        plan.origins.insert(
            "title",
            "Geotrek-rando's default title: no home.title or applicationName".into(),
        );
    }
    if let Some(description) = texts.get(lang, "home.description") {
        plan.description = Some(description);
        plan.origins.insert(
            "description",
            format!("translations/{lang}.json home.description"),
        );
    }
}

/// A path under `static/` for a Geotrek-rando `/medias/NAME` URL whose file was imported, or
/// the URL itself when it is https.
fn media_reference(url: &str, medias: &[String]) -> Result<String, &'static str> {
    if url.starts_with("https://") {
        return Ok(url.to_string());
    }
    let name = url.trim_start_matches('/');
    let Some(name) = name.strip_prefix("medias/") else {
        return Err("neither a file of medias/ nor an https URL");
    };
    if !medias.iter().any(|m| m == name) {
        return Err("names a file that is not in medias/");
    }
    let safe = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-' | '_'));
    if !safe {
        return Err(
            "its file name has characters sentier does not accept in [extra] (letters, digits, . - _ only)",
        );
    }
    Ok(format!("medias/{name}"))
}

fn header(header: &Value, medias: &[String], plan: &mut Plan, report: &mut Report) {
    let Some(logo) = header["logo"].as_str() else {
        return;
    };
    match media_reference(logo, medias) {
        Ok(reference) => {
            plan.logo = Some(reference);
            plan.origins.insert("logo", "config/header.json logo".into());
        }
        Err(why) => report.skip(
            "config/header.json",
            Some("logo"),
            format!("{logo:?} {why}; not carried over"),
        ),
    }
}

/// A CSS colour as sentier's branding accepts it: `#rgb(a)`, `#rrggbb(aa)`, `rgb()`, `hsl()`
/// or a colour name.
pub fn is_css_color(text: &str) -> bool {
    let text = text.trim();
    if let Some(hex) = text.strip_prefix('#') {
        return [3, 4, 6, 8].contains(&hex.len()) && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    let functional = ["rgb(", "rgba(", "hsl(", "hsla("]
        .iter()
        .any(|f| text.starts_with(f))
        && text.ends_with(')')
        && text[..text.len() - 1].split_once('(').is_some_and(|(_, args)| {
            args.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '%' | '/'))
        });
    functional || (!text.is_empty() && text.chars().all(|c| c.is_ascii_alphabetic()))
}

/// `theme/colors.json` → `[extra.colors]`.
fn colors(colors: Option<&Value>, plan: &mut Plan, report: &mut Report) {
    const FILE: &str = "theme/colors.json";
    let Some(entries) = colors.and_then(Value::as_object) else {
        return;
    };
    for (name, value) in entries {
        let (target, color) = match (name.as_str(), value) {
            ("primary1", Value::Object(shades)) => {
                let rest: Vec<&String> = shades.keys().filter(|k| *k != "DEFAULT").collect();
                for shade in rest {
                    report.skip(
                        FILE,
                        Some(&format!("primary1.{shade}")),
                        "not carried over: the theme derives its own shades",
                    );
                }
                ("primary", shades.get("DEFAULT").and_then(Value::as_str))
            }
            ("primary1", Value::String(color)) => ("primary", Some(color.as_str())),
            ("primary3", Value::String(color)) => ("secondary", Some(color.as_str())),
            ("primary2", _) => {
                report.skip(
                    FILE,
                    Some(name),
                    "not carried over: Geotrek-rando's pale tint for hovers and chips has no sentier equivalent (it is not the page background)",
                );
                continue;
            }
            _ => {
                report.skip(FILE, Some(name), "no sentier colour for it; not carried over");
                continue;
            }
        };
        match color.filter(|c| is_css_color(c)) {
            Some(color) => {
                plan.colors.insert(target.to_string(), color.trim().to_string());
            }
            None => report.skip(FILE, Some(name), "not a CSS colour; not carried over"),
        }
    }
}

/// `theme/style.css`: its `--font-main` → `[extra.fonts] body`; the rules themselves target
/// Geotrek-rando's markup.
fn style(file: &str, css: &str, plan: &mut Plan, report: &mut Report) {
    let font = css.split_once("--font-main:").and_then(|(_, rest)| {
        let value = rest.split([';', '}']).next()?.trim();
        let safe = !value.is_empty()
            && value
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, ' ' | ',' | '"' | '\'' | '-' | '_' | '.'));
        safe.then(|| value.to_string())
    });
    if let Some(font) = font {
        plan.fonts.insert("body".into(), font);
        plan.origins.insert("fonts", format!("{file} --font-main"));
    }
    let rules: String = css.chars().filter(|c| !c.is_whitespace()).collect();
    let only_font = rules.is_empty() || (font_only(&rules) && plan.fonts.contains_key("body"));
    if !only_font {
        report.skip(
            file,
            None,
            "its rules target Geotrek-rando's markup and are not carried over; write a static/ stylesheet for the theme's (see README, Content and themes)",
        );
    }
}

fn font_only(rules: &str) -> bool {
    rules
        .strip_prefix(":root{")
        .and_then(|r| r.strip_suffix('}'))
        .is_some_and(|body| {
            body.split(';')
                .filter(|d| !d.is_empty())
                .all(|d| d.starts_with("--font-main:"))
        })
}

/// `footer.json`: `links` (a `label` translation key or text, and `url`; or `informationID`, a
/// flat page) and `socialNetworks` → `[extra] footer_links`; `contact` is reported.
fn footer(footer: &Value, texts: &Texts, plan: &mut Plan, report: &mut Report) {
    const FILE: &str = "config/footer.json";
    for (i, link) in footer["links"].as_array().into_iter().flatten().enumerate() {
        let key = format!("links[{i}]");
        if let Some(id) = link.get("informationID").and_then(id_of) {
            plan.footer_links.push(FooterLink {
                title: LinkTitle::Same(format!("Information {id}")),
                url: format!("/information/{id}"),
            });
            report.skip(
                FILE,
                Some(&format!("{key}.informationID")),
                format!("carried over as /information/{id}, titled \"Information {id}\": give it the page's title in config.toml (Netlify's _redirects sends /information/{id} to the page)"),
            );
            continue;
        }
        let (Some(label), Some(url)) = (link["label"].as_str(), link["url"].as_str()) else {
            report.skip(
                FILE,
                Some(&key),
                "neither label and url nor informationID; not carried over",
            );
            continue;
        };
        if !link_url_allowed(url) {
            report.skip(
                FILE,
                Some(&key),
                format!("{url:?} is not an http(s), mailto: or tel: URL or a path; not carried over"),
            );
            continue;
        }
        let titles = texts.per_language(label);
        let title = link_title(titles, texts.default_language).unwrap_or_else(|| {
            let looks_like_key = label.contains('.') && !label.contains(' ');
            if looks_like_key {
                report.skip(
                    FILE,
                    Some(&format!("{key}.label")),
                    format!("{label:?} is one of Geotrek-rando's own strings, absent from translations/; the link is titled with the key, edit it"),
                );
            }
            LinkTitle::Same(label.to_string())
        });
        plan.footer_links.push(FooterLink {
            title,
            url: url.to_string(),
        });
    }
    for (i, network) in footer["socialNetworks"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        match (network["id"].as_str(), network["url"].as_str()) {
            (Some(id), Some(url)) if link_url_allowed(url) => {
                let mut title = id.to_string();
                if let Some(first) = title.get_mut(..1) {
                    first.make_ascii_uppercase();
                }
                plan.footer_links.push(FooterLink {
                    title: LinkTitle::Same(title),
                    url: url.to_string(),
                });
            }
            _ => report.skip(
                FILE,
                Some(&format!("socialNetworks[{i}]")),
                "no id and http(s) url; not carried over",
            ),
        }
    }
    if footer["contact"].as_object().is_some_and(|c| !c.is_empty()) {
        report.skip(
            FILE,
            Some("contact"),
            "not carried over: the theme's footer has no contact block; add it to a page of content/ or a footer link",
        );
    }
    if !plan.footer_links.is_empty() {
        plan.origins
            .insert("footer_links", format!("{FILE} links and socialNetworks"));
    }
}

fn link_url_allowed(url: &str) -> bool {
    let lowered = url.to_ascii_lowercase();
    let scheme = ["https://", "http://", "mailto:", "tel:"]
        .iter()
        .any(|s| lowered.starts_with(s));
    (scheme || (url.starts_with('/') && !url.starts_with("//"))) && !url.chars().any(char::is_whitespace)
}

/// One title when every language has the same, else a table; `None` when none has one.
fn link_title(titles: BTreeMap<String, String>, default_language: &str) -> Option<LinkTitle> {
    let first = titles
        .get(default_language)
        .or_else(|| titles.values().next())?
        .clone();
    if titles.values().all(|t| *t == first) {
        Some(LinkTitle::Same(first))
    } else {
        Some(LinkTitle::PerLanguage(titles))
    }
}

/// `home.json`: trek suggestions → `[pages] highlighted_treks` (the `default` blocks, else the
/// default language's), an `upcomingEvents` block → `[pages] upcoming_events` (0 without one,
/// as Geotrek-rando then shows none), the first trek
/// block's title (when the customization translates it) → the `highlighted_treks` UI string.
fn home(home: &Value, texts: &Texts, plan: &mut Plan, report: &mut Report) {
    const FILE: &str = "config/home.json";
    let suggestions = &home["suggestions"];
    let (chosen_key, blocks) = match suggestions {
        Value::Array(blocks) => ("suggestions".to_string(), blocks.clone()),
        Value::Object(by_lang) => {
            let key = if by_lang.contains_key("default") {
                "default".to_string()
            } else if by_lang.contains_key(texts.default_language) {
                texts.default_language.to_string()
            } else {
                by_lang.keys().next().cloned().unwrap_or_default()
            };
            for other in by_lang.keys().filter(|k| **k != key) {
                report.skip(
                    FILE,
                    Some(&format!("suggestions.{other}")),
                    format!("not carried over: sentier highlights the same treks in every language (those of suggestions.{key})"),
                );
            }
            let blocks = by_lang
                .get(&key)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            (format!("suggestions.{key}"), blocks)
        }
        _ => (String::new(), Vec::new()),
    };
    let mut title_done = false;
    for (i, block) in blocks.iter().enumerate() {
        let key = format!("{chosen_key}[{i}]");
        let kind = block["type"].as_str().unwrap_or("trek");
        match kind {
            "trek" => {
                for id in block["ids"].as_array().into_iter().flatten().filter_map(id_of) {
                    if !plan.highlighted_treks.contains(&id) {
                        plan.highlighted_treks.push(id);
                    }
                }
                let title_key = block["titleTranslationId"].as_str();
                if title_done {
                    if let Some(title_key) = title_key {
                        report.skip(FILE, Some(&format!("{key}.titleTranslationId")), format!("{title_key:?}: sentier shows the trek suggestions as one block under one title; its treks were added to it"));
                    }
                } else if let Some(title_key) = title_key {
                    let titles = texts.per_language(title_key);
                    if titles.is_empty() {
                        report.skip(FILE, Some(&format!("{key}.titleTranslationId")), format!("{title_key:?} is one of Geotrek-rando's own strings; the block keeps the theme's title"));
                    }
                    for (lang, title) in titles {
                        plan.strings.entry(lang).or_default().insert("highlighted_treks".into(), title);
                    }
                }
                title_done = true;
            }
            "upcomingEvents" => match block["numberOfItemsToDisplay"].as_u64() {
                Some(n) => plan.upcoming_events = Some(n as usize),
                None => plan.upcoming_events = Some(crate::config::Pages::default().upcoming_events),
            },
            other => report.skip(
                FILE,
                Some(&key),
                format!("a block of {other:?} suggestions: not carried over (the home page highlights treks only)"),
            ),
        }
        if block.get("iconUrl").is_some() {
            report.skip(
                FILE,
                Some(&format!("{key}.iconUrl")),
                "not carried over: the theme's home blocks have no icon",
            );
        }
    }
    // Geotrek-rando's home shows upcoming events only in such a block.
    if plan.upcoming_events.is_none() {
        plan.upcoming_events = Some(0);
    }
    for (key, reason) in [
        ("welcomeBanner", "not carried over: the theme's home page has no picture, carousel or video banner (its text is the introduction, content/_index.md)"),
        ("activityBar", "not carried over: the home page always lists every practice"),
    ] {
        if home.get(key).is_some() {
            report.skip(FILE, Some(key), reason);
        }
    }
}

/// The home introductions: `home.title` and `home.welcome-text` per language, followed by
/// `html/homeTop-LANG.html` or else `html/homeTop.html`. The other HTML blocks are reported.
fn home_html(html: &BTreeMap<String, String>, texts: &Texts, plan: &mut Plan, report: &mut Report) {
    let mut reported = BTreeSet::new();
    for lang in texts.languages {
        let own_block = format!("homeTop-{lang}.html");
        let title = texts.get(lang, "home.title");
        let welcome = texts.get(lang, "home.welcome-text");
        let is_default = lang == texts.default_language;
        // A language with nothing of its own shows the default language's page (the
        // translation fallback), marked as such, rather than a copy of it.
        if !is_default && title.is_none() && welcome.is_none() && !html.contains_key(&own_block) {
            continue;
        }
        let had_title = title.is_some();
        let mut intro = HomeIntro {
            // Without one, the page would be titled after its file name.
            title: Some(title.unwrap_or_else(|| plan.title.clone())),
            description: texts.get(lang, "home.description"),
            body: String::new(),
        };
        if let Some(welcome) = welcome {
            intro.body.push_str(&escape_markdown(&welcome));
            intro.body.push('\n');
        }
        let block = [own_block, "homeTop.html".to_string()]
            .into_iter()
            .find_map(|name| html.get(&name).map(|text| (name, text)));
        if let Some((name, text)) = block {
            let (clean, removed) = clean_html(text);
            if !removed.is_empty() && reported.insert(name.clone()) {
                report.skip(
                    &format!("html/{name}"),
                    None,
                    format!("{} removed (the site's Content-Security-Policy forbids inline styles and scripts; the theme knows no Geotrek-rando class)", removed.join(", ")),
                );
            }
            if !clean.is_empty() {
                if !intro.body.is_empty() {
                    intro.body.push('\n');
                }
                intro.body.push_str(&clean);
                intro.body.push('\n');
            }
        }
        if !had_title && intro.body.is_empty() && intro.description.is_none() {
            continue;
        }
        plan.home.insert(lang.clone(), intro);
    }
    for name in html.keys() {
        if let Some(lang) = name
            .strip_prefix("homeTop-")
            .and_then(|n| n.strip_suffix(".html"))
        {
            if texts.languages.iter().any(|l| l == lang) {
                continue;
            }
            report.skip(
                &format!("html/{name}"),
                None,
                format!("{lang} is not a site language; not carried over"),
            );
            continue;
        }
        let reason = match name.as_str() {
            "homeTop.html" => continue,
            n if n.starts_with("scripts") => "not carried over: the Content-Security-Policy allows no third-party or inline script; add scripts through a template override and allow them in netlify.toml",
            n if n.starts_with("details/") => "a trek page widget: not carried over (add it to a template override of trek.html)",
            n if n.starts_with("homeBottom") => "not carried over: the home page has no block at its end; extend default/index.html to add one",
            _ => "not carried over: write it into a template override (templates/ extending the theme's)",
        };
        report.skip(&format!("html/{name}"), None, reason);
    }
}

/// Text escaped for Markdown: it renders as written.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Sanitized HTML, one line per line with no blank line, so that Markdown keeps it as one HTML
/// block; and what was removed.
pub fn clean_html(html: &str) -> (String, Vec<&'static str>) {
    let lowered = html.to_ascii_lowercase();
    let removed: Vec<&'static str> = [
        (" style=", "style attributes"),
        ("<style", "style elements"),
        ("<script", "scripts"),
        ("<iframe", "iframes"),
        (" class=", "class attributes"),
    ]
    .into_iter()
    .filter(|(needle, _)| lowered.contains(needle))
    .map(|(_, what)| what)
    .collect();
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(std::collections::HashSet::from([
            "http", "https", "mailto", "tel",
        ]))
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .add_generic_attributes(["lang"])
        .rm_tags(["h1"]);
    let clean = builder.clean(html).to_string();
    let lines: Vec<&str> = clean.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    (lines.join("\n"), removed)
}

/// `filter.json` → `[search]` ranges and `hidden_filters` (Geotrek-rando's filter ids are
/// sentier's); changed labels, the filters' order and `withExclude` are reported.
fn filters(filter: &Value, plan: &mut Plan, report: &mut Report) {
    const FILE: &str = "config/filter.json";
    let Some(list) = filter.as_array() else {
        if !filter.is_null() {
            report.skip(FILE, None, "not a list of filters; not carried over");
        }
        return;
    };
    let mut order = Vec::new();
    for entry in list {
        let Some(id) = entry["id"].as_str() else { continue };
        order.push(id);
        if entry["display"].as_bool() == Some(false) {
            if crate::config::SEARCH_FILTERS.contains(&id) {
                plan.hidden_filters.push(id.to_string());
                if id == "labels" {
                    plan.hidden_filters.push("labels_exclude".into());
                }
            } else {
                report.skip(
                    FILE,
                    Some(&format!("{id}.display")),
                    "sentier's search page has no such filter; nothing to hide",
                );
            }
        }
        if id == "labels" && entry["withExclude"].as_bool() == Some(false) {
            report.skip(
                FILE,
                Some("labels.withExclude"),
                "not carried over: the search page always offers to exclude labels",
            );
        }
        let Some(options) = entry["options"].as_array() else {
            continue;
        };
        let scale = match id {
            "duration" | "ascent" => 1.0,
            "length" => 1000.0,
            _ => {
                report.skip(
                    FILE,
                    Some(&format!("{id}.options")),
                    "not carried over: only duration, length and ascent have ranges in sentier",
                );
                continue;
            }
        };
        let mut ranges = Vec::new();
        for option in options {
            match (option["minValue"].as_f64(), option["maxValue"].as_f64()) {
                (Some(min), Some(max)) if 0.0 <= min && min < max => ranges.push([min / scale, max / scale]),
                _ => report.skip(
                    FILE,
                    Some(&format!("{id}.options")),
                    format!("{option} is not a range from a number ≥ 0 to a larger one; left out"),
                ),
            }
            if let Some(label) = option["translatedKey"].as_str() {
                if !label.starts_with("search.filters.") {
                    report.skip(
                        FILE,
                        Some(&format!("{id}.options.translatedKey")),
                        format!("{label:?}: sentier writes range labels itself; not carried over"),
                    );
                }
            }
        }
        if ranges.is_empty() {
            continue;
        }
        match id {
            "duration" => plan.duration_hours = Some(ranges),
            "length" => plan.length_km = Some(ranges),
            _ => plan.ascent_m = Some(ranges),
        }
    }
    let ranked: Vec<usize> = order
        .iter()
        .filter_map(|id| RANDO_FILTERS.iter().position(|f| f == id))
        .collect();
    if ranked.windows(2).any(|w| w[0] > w[1]) {
        report.skip(
            FILE,
            None,
            "the order of the filters is not carried over: the search page has its own",
        );
    }
}

/// sentier's sections for one of Geotrek-rando's trek sections, when it has any.
fn trek_section(rando: &str) -> Option<&'static [&'static str]> {
    Some(match rando {
        "presentation" => &["facts", "places", "teaser"],
        "medias" => &["gallery"],
        "itinerancySteps" => &["steps"],
        "poi" => &["pois"],
        "description" => &["description"],
        "altimetricProfile" => &["profile"],
        "sensitiveAreas" => &["sensitive_areas"],
        "practicalInformations" => &["practical", "access"],
        "accessibility" => &["accessibility"],
        "more" => &["links"],
        "source" => &["sources"],
        "touristicContent" => &["nearby"],
        _ => return None,
    })
}

/// `details.json` `sections.trek` (merged over Geotrek-rando's defaults by name, sorted by
/// `order`, hidden ones left out) → `[pages] trek_sections`.
fn details(details: &Value, plan: &mut Plan, report: &mut Report) {
    const FILE: &str = "config/details.json";
    let Some(sections) = details["sections"].as_object() else {
        return;
    };
    for family in sections.keys().filter(|f| *f != "trek") {
        report.skip(
            FILE,
            Some(&format!("sections.{family}")),
            "not carried over: sentier configures the sections of trek pages only",
        );
    }
    let Some(custom) = sections.get("trek").and_then(Value::as_array) else {
        return;
    };
    let mut merged: Vec<(String, f64, bool)> = RANDO_TREK_SECTIONS
        .iter()
        .map(|(name, order)| (name.to_string(), *order, true))
        .collect();
    let mut anchors = false;
    for entry in custom {
        let Some(name) = entry["name"].as_str() else {
            continue;
        };
        anchors |= entry.get("anchor").is_some();
        let position = match merged.iter().position(|(n, _, _)| n == name) {
            Some(i) => i,
            None => {
                merged.push((name.to_string(), 1000.0, true));
                merged.len() - 1
            }
        };
        if let Some(order) = entry["order"].as_f64() {
            merged[position].1 = order;
        }
        if let Some(display) = entry["display"].as_bool() {
            merged[position].2 = display;
        }
    }
    merged.sort_by(|a, b| a.1.total_cmp(&b.1));
    let mut out: Vec<&'static str> = Vec::new();
    for (name, _, display) in &merged {
        if !display {
            continue;
        }
        let targets: &[&'static str] = match (trek_section(name), name.as_str()) {
            (Some(targets), _) => targets,
            // The report form and the booking widget need settings of global.json (reported
            // there); only sections the file names, and the weather widget Geotrek-rando shows
            // by default, are worth a line.
            (None, "report" | "reservationWidget") if !custom.iter().any(|e| e["name"] == name.as_str()) => {
                continue
            }
            (None, other) => {
                let reason = match other {
                    "forecastWidget" => "the weather widget: not carried over (sentier has no widgets; a template override of trek.html can add one)",
                    "report" => "not carried over: sentier has no report form",
                    "reservationWidget" => "not carried over: sentier has no booking widget",
                    _ => "a custom widget: not carried over (sentier has no widgets; a template override of trek.html can add one)",
                };
                report.skip(FILE, Some(&format!("sections.trek[{other}]")), reason);
                continue;
            }
        };
        for target in targets {
            if !out.contains(target) {
                out.push(target);
            }
        }
    }
    let map_at = out.iter().position(|s| *s == "gallery").map_or(0, |i| i + 1);
    out.insert(map_at, "map");
    out.push("downloads");
    if anchors {
        report.skip(
            FILE,
            Some("sections.trek[].anchor"),
            "not carried over: the trek page has no menu of anchors",
        );
    }
    plan.trek_sections = Some(out.into_iter().map(str::to_string).collect());
    plan.origins
        .insert("trek_sections", format!("{FILE} sections.trek"));
}

/// One of Geotrek-rando's Leaflet layers → a tile layer, or why not.
pub fn tile_layer(layer: &Value, name: String, default_max_zoom: u8) -> Result<TileLayer, String> {
    let url = layer["url"].as_str().ok_or("no url")?.trim();
    if url.ends_with(".geojson") || url.ends_with(".json") {
        return Err("a GeoJSON overlay: sentier's maps draw tile layers only".into());
    }
    let url = if let Some(rest) = url.strip_prefix("//") {
        format!("https://{rest}")
    } else if let Some(rest) = url.strip_prefix("http://") {
        format!("https://{rest}")
    } else {
        url.to_string()
    };
    let url = url.replace("{s}", "a");
    if !url.starts_with("https://") || !["{z}", "{x}", "{y}"].iter().all(|p| url.contains(p)) {
        return Err(format!(
            "{url:?} is not a tile URL template with {{z}}, {{x}} and {{y}}"
        ));
    }
    let options = &layer["options"];
    let max_zoom = options["maxZoom"]
        .as_u64()
        .map(|z| z.min(u8::MAX as u64) as u8)
        .unwrap_or(default_max_zoom);
    Ok(TileLayer {
        name,
        url,
        attribution: options["attribution"].as_str().unwrap_or_default().to_string(),
        max_zoom,
    })
}

/// `map.json` `mapClassicLayers` then `mapSatelliteLayers` → `[maps] tiles`.
fn map(map: &Value, plan: &mut Plan, report: &mut Report) {
    const FILE: &str = "config/map.json";
    let Some(keys) = map.as_object() else { return };
    let default_max_zoom = map["maximumZoomLevel"].as_u64().map_or(17, |z| z.min(24) as u8);
    for (key, value) in keys {
        let (base, layers) = match (key.as_str(), value) {
            ("mapClassicLayers", Value::Array(layers)) => ("Map", layers),
            ("mapSatelliteLayers", Value::Array(layers)) => ("Satellite", layers),
            ("mapSatelliteLayers", Value::Null) | ("maximumZoomLevel", _) => continue,
            ("mapOfflineLayer", Value::Null) => continue,
            ("mapOfflineLayer" | "zoomAvailableOffline", _) => {
                report.skip(FILE, Some(key), "not carried over: sentier has no offline mode");
                continue;
            }
            ("searchMapCenter" | "searchMapZoom", _) => {
                report.skip(
                    FILE,
                    Some(key),
                    "not carried over: the maps fit the treks they show",
                );
                continue;
            }
            _ => {
                report.skip(FILE, Some(key), "no sentier equivalent; not carried over");
                continue;
            }
        };
        for (i, layer) in layers.iter().enumerate() {
            let name = if layers.len() == 1 {
                base.to_string()
            } else {
                format!("{base} {}", i + 1)
            };
            match tile_layer(layer, name, default_max_zoom) {
                Ok(tiles) => plan.tiles.push(tiles),
                Err(why) => report.skip(
                    FILE,
                    Some(&format!("{key}[{i}]")),
                    format!("{why}; not carried over"),
                ),
            }
            for option in ["minZoom", "bounds"] {
                if layer["options"].get(option).is_some() || layer.get(option).is_some() {
                    report.skip(
                        FILE,
                        Some(&format!("{key}[{i}].{option}")),
                        "not carried over: each sentier layer covers every zoom level and the whole map (it is a separate choice in the layer switch)",
                    );
                }
            }
        }
    }
    if !plan.tiles.is_empty() {
        plan.origins
            .insert("tiles", format!("{FILE} mapClassicLayers and mapSatelliteLayers"));
    }
}

/// `medias/`: copied to `static/medias/` (their `/medias/NAME` URLs keep working); the favicon
/// becomes `[extra] favicon`; the web app icons are reported.
fn medias(medias: &[String], plan: &mut Plan, report: &mut Report) {
    for name in ["favicon.png", "favicon.svg", "favicon.ico"] {
        if plan.favicon.is_none() && medias.iter().any(|m| m == name) {
            plan.favicon = Some(format!("medias/{name}"));
            plan.origins.insert("favicon", format!("medias/{name}"));
        }
    }
    for media in medias.iter().filter(|m| PWA_MEDIAS.contains(&m.as_str())) {
        report.skip(
            &format!("medias/{media}"),
            None,
            "copied to static/medias/ but unused: sentier writes no web app manifest",
        );
    }
}

/// `translations/LANG.json`: strings with a sentier equivalent → `translations/LANG.toml`;
/// the others, except those the mapping used, are reported.
fn translations(texts: &Texts, plan: &mut Plan, report: &mut Report) {
    let used = texts.used.borrow().clone();
    for (lang, value) in texts.translations {
        let file = format!("translations/{lang}.json");
        if !texts.languages.iter().any(|l| l == lang) {
            report.skip(&file, None, format!("{lang} is not a site language (config/header.json menu.supportedLanguages); not carried over"));
            continue;
        }
        let mut flat = Vec::new();
        flatten("", value, &mut flat);
        for (key, text) in flat {
            if used.contains(&key) {
                continue;
            }
            match strings::equivalent(&key) {
                Some(_) if text.contains('{') => report.skip(
                    &file,
                    Some(&key),
                    "has placeholders sentier's string does not take; not carried over",
                ),
                Some(target) => {
                    plan.strings
                        .entry(lang.clone())
                        .or_default()
                        .insert(target.to_string(), text);
                }
                None => report.skip(&file, Some(&key), "no sentier UI string for it; not carried over"),
            }
        }
    }
}

fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(entries) => {
            for (key, value) in entries {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(&path, value, out);
            }
        }
        Value::String(text) => out.push((prefix.to_string(), text.clone())),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn custom(config: &[(&str, Value)]) -> Customization {
        Customization {
            config: config.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
            ..Default::default()
        }
    }

    fn lines(report: &Report) -> Vec<String> {
        report.not_carried.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn api_urls_are_normalized_to_the_v2_root() {
        for (given, expected) in [
            (
                "https://geotrek.example.org/api/v2",
                "https://geotrek.example.org/api/v2/",
            ),
            (
                "https://geotrek.example.org/api/v2/",
                "https://geotrek.example.org/api/v2/",
            ),
            (
                "https://geotrek.example.org",
                "https://geotrek.example.org/api/v2/",
            ),
            (
                "//geotrek.example.org/api/v2",
                "https://geotrek.example.org/api/v2/",
            ),
            (
                "geotrek.example.org/admin/api/v2",
                "https://geotrek.example.org/admin/api/v2/",
            ),
        ] {
            assert_eq!(api_url(given).as_deref(), Some(expected), "{given}");
        }
        assert_eq!(api_url("not a url at all"), None);
    }

    #[test]
    fn global_settings_fill_the_source_and_missing_flags_take_rando_defaults() {
        let (plan, report) = convert(&custom(&[(
            "global",
            json!({"apiUrl": "https://g.example.org/api/v2", "portalIds": [1, "3"], "enableOutdoor": true,
                   "googleAnalyticsId": "G-1", "enableServerCache": true, "hCaptchaKey": null}),
        )]));
        assert_eq!(plan.api.as_deref(), Some("https://g.example.org/api/v2/"));
        assert_eq!(plan.portals, [1, 3]);
        assert!(plan.outdoor && plan.touristic_events && !plan.sensitive_areas);
        let lines = lines(&report);
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("config/global.json: googleAnalyticsId: ")),
            "{lines:?}"
        );
        assert!(lines
            .iter()
            .any(|l| l.starts_with("config/global.json: enableServerCache: ")));
        assert!(
            !lines.iter().any(|l| l.contains("hCaptchaKey")),
            "null means unset: {lines:?}"
        );
    }

    #[test]
    fn languages_come_from_the_header_menu_lowercased() {
        let mut report = Report::default();
        let header = json!({"menu": {"supportedLanguages": ["EN", "FR", "it"], "defaultLanguage": "fr"}});
        assert_eq!(
            languages(&header, &mut report),
            ("fr".into(), vec!["fr".into(), "en".into(), "it".into()])
        );
        assert_eq!(languages(&Value::Null, &mut report).1, ["fr", "en"]);
    }

    #[test]
    fn primary_colours_map_and_the_others_are_reported() {
        let mut plan = convert(&Customization::default()).0;
        let mut report = Report::default();
        let colors_json = json!({"primary1": {"DEFAULT": "#123456", "light": "#abcdef"}, "primary2": "#eee",
                                 "primary3": "rgb(10, 20, 30)", "greySoft": "#ddd", "warning": "red;}"});
        colors(Some(&colors_json), &mut plan, &mut report);
        assert_eq!(plan.colors.get("primary").map(String::as_str), Some("#123456"));
        assert_eq!(
            plan.colors.get("secondary").map(String::as_str),
            Some("rgb(10, 20, 30)")
        );
        assert_eq!(plan.colors.len(), 2);
        let mut keys: Vec<_> = report.not_carried.iter().filter_map(|n| n.key.clone()).collect();
        keys.sort();
        assert_eq!(keys, ["greySoft", "primary1.light", "primary2", "warning"]);
    }

    #[test]
    fn css_colours_are_recognized() {
        for ok in [
            "#fff",
            "#1d4e89",
            "#1d4e89cc",
            "rgb(1, 2, 3)",
            "hsl(210 50% 40%)",
            "teal",
        ] {
            assert!(is_css_color(ok), "{ok}");
        }
        for bad in ["#12345", "red;}", "url(x)", "", "var(--x)"] {
            assert!(!is_css_color(bad), "{bad}");
        }
    }

    #[test]
    fn footer_labels_are_translated_per_language_and_flat_pages_linked() {
        let mut custom = custom(&[
            (
                "header",
                json!({"menu": {"supportedLanguages": ["fr", "en"], "defaultLanguage": "fr"}}),
            ),
            (
                "footer",
                json!({"links": [{"label": "footer.legal", "url": "https://x.example.org/legal"},
                                        {"label": "Plain text", "url": "/about/"},
                                        {"informationID": 3},
                                        {"label": "bad", "url": "javascript:alert(1)"}],
                              "socialNetworks": [{"id": "facebook", "url": "https://facebook.com/x"}],
                              "contact": {"name": "Park"}}),
            ),
        ]);
        custom
            .translations
            .insert("fr".into(), json!({"footer": {"legal": "Mentions légales"}}));
        custom
            .translations
            .insert("en".into(), json!({"footer": {"legal": "Legal notice"}}));
        let (plan, report) = convert(&custom);
        let links: Vec<(LinkTitle, &str)> = plan
            .footer_links
            .iter()
            .map(|l| (l.title.clone(), l.url.as_str()))
            .collect();
        assert_eq!(
            links[0],
            (
                LinkTitle::PerLanguage(BTreeMap::from([
                    ("en".into(), "Legal notice".into()),
                    ("fr".into(), "Mentions légales".into())
                ])),
                "https://x.example.org/legal"
            )
        );
        assert_eq!(links[1], (LinkTitle::Same("Plain text".into()), "/about/"));
        assert_eq!(links[2].1, "/information/3");
        assert_eq!(
            links[3],
            (LinkTitle::Same("Facebook".into()), "https://facebook.com/x")
        );
        assert_eq!(links.len(), 4);
        let lines = lines(&report);
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("config/footer.json: links[3]: ")),
            "{lines:?}"
        );
        assert!(lines
            .iter()
            .any(|l| l.starts_with("config/footer.json: contact: ")));
        assert!(
            !lines.iter().any(|l| l.contains("footer.legal")),
            "used labels are not reported: {lines:?}"
        );
    }

    #[test]
    fn trek_suggestions_become_highlighted_treks_and_other_blocks_are_reported() {
        let home_json = json!({"suggestions": {
            "default": [
                {"titleTranslationId": "home.mine", "ids": ["2", "582"], "type": "trek"},
                {"ids": ["582", "7"]},
                {"ids": ["1"], "type": "service"},
                {"type": "upcomingEvents", "numberOfItemsToDisplay": 3}],
            "en": [{"ids": ["9"], "type": "trek"}]}});
        let mut custom = custom(&[("home", home_json)]);
        custom
            .translations
            .insert("en".into(), json!({"home": {"mine": "Our picks"}}));
        let (plan, report) = convert(&custom);
        assert_eq!(plan.highlighted_treks, [2, 582, 7]);
        assert_eq!(plan.upcoming_events, Some(3));
        assert_eq!(plan.strings["en"]["highlighted_treks"], "Our picks");
        let keys: Vec<_> = report.not_carried.iter().filter_map(|n| n.key.clone()).collect();
        assert!(keys.contains(&"suggestions.en".to_string()), "{keys:?}");
        assert!(keys.contains(&"suggestions.default[2]".to_string()), "{keys:?}");
    }

    #[test]
    fn filter_ranges_convert_units_and_hidden_filters_are_hidden() {
        let (plan, report) = convert(&custom(&[(
            "filter",
            json!([{"id": "cities", "display": false}, {"id": "labels", "display": false}, {"id": "organizer", "display": false},
                   {"id": "length", "options": [{"minValue": 0, "maxValue": 8000}, {"minValue": 8000, "maxValue": 20000}]},
                   {"id": "duration", "options": [{"minValue": 0, "maxValue": 2}, {"minValue": 3, "maxValue": 1}]}]),
        )]));
        assert_eq!(plan.length_km, Some(vec![[0.0, 8.0], [8.0, 20.0]]));
        assert_eq!(plan.duration_hours, Some(vec![[0.0, 2.0]]));
        assert_eq!(plan.ascent_m, None);
        assert_eq!(plan.hidden_filters, ["cities", "labels", "labels_exclude"]);
        let lines = lines(&report);
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("config/filter.json: organizer.display: ")),
            "{lines:?}"
        );
        assert!(lines
            .iter()
            .any(|l| l.starts_with("config/filter.json: duration.options: ")));
    }

    #[test]
    fn trek_sections_follow_rando_order_and_hidden_ones_are_left_out() {
        let (plan, report) = convert(&custom(&[(
            "details",
            json!({"sections": {"trek": [
                {"name": "description", "order": 12},
                {"name": "medias", "display": false},
                {"name": "forecastWidget", "display": false},
                {"name": "report", "display": false},
                {"name": "myWidget", "display": true, "order": 65}],
              "outdoorSite": []}}),
        )]));
        assert_eq!(
            plan.trek_sections.unwrap(),
            [
                "map",
                "facts",
                "places",
                "teaser",
                "description",
                "steps",
                "pois",
                "profile",
                "sensitive_areas",
                "practical",
                "access",
                "accessibility",
                "links",
                "sources",
                "nearby",
                "downloads"
            ]
        );
        let keys: Vec<_> = report.not_carried.iter().filter_map(|n| n.key.clone()).collect();
        assert_eq!(
            keys,
            ["sections.outdoorSite", "sections.trek[myWidget]"],
            "report is hidden, reservationWidget unmentioned"
        );
    }

    #[test]
    fn every_mapped_trek_section_is_one_of_sentiers() {
        for (rando, _) in RANDO_TREK_SECTIONS {
            for section in trek_section(rando).unwrap_or_default() {
                assert!(
                    crate::config::TREK_SECTIONS.contains(section),
                    "{rando} → {section}"
                );
            }
        }
    }

    #[test]
    fn tile_layers_become_https_templates_without_subdomains() {
        let layer = json!({"url": "//{s}.tile.opentopomap.org/{z}/{x}/{y}.png", "options": {"attribution": "© OTM", "maxZoom": 16}});
        let tiles = tile_layer(&layer, "Map".into(), 17).unwrap();
        assert_eq!(tiles.url, "https://a.tile.opentopomap.org/{z}/{x}/{y}.png");
        assert_eq!((tiles.attribution.as_str(), tiles.max_zoom), ("© OTM", 16));
        assert!(tile_layer(
            &json!({"url": "https://x.example.org/parc.geojson"}),
            "x".into(),
            17
        )
        .is_err());
        let (plan, report) = convert(&custom(&[(
            "map",
            json!({"mapClassicLayers": [layer], "mapSatelliteLayers": null, "searchMapZoom": 10, "maximumZoomLevel": 18}),
        )]));
        assert_eq!(plan.tiles.len(), 1);
        assert_eq!(
            lines(&report),
            ["config/map.json: searchMapZoom: not carried over: the maps fit the treks they show"]
        );
    }

    #[test]
    fn a_language_without_home_text_of_its_own_falls_back_to_the_default_page() {
        let mut custom = custom(&[(
            "header",
            json!({"menu": {"supportedLanguages": ["fr", "en", "it"], "defaultLanguage": "fr"}}),
        )]);
        custom
            .html
            .insert("homeTop.html".into(), "<p>Bienvenue</p>".into());
        custom
            .html
            .insert("homeTop-it.html".into(), "<p>Benvenuti</p>".into());
        custom
            .translations
            .insert("fr".into(), json!({"home": {"title": "Rando"}}));
        let (plan, _) = convert(&custom);
        assert_eq!(plan.home.keys().collect::<Vec<_>>(), ["fr", "it"]);
        assert_eq!(plan.home["fr"].body, "<p>Bienvenue</p>\n");
        assert_eq!(
            plan.home["it"].title.as_deref(),
            Some("Rando"),
            "the site's title, not `_index`"
        );
        assert!(convert(&Customization::default()).0.home.is_empty());
    }

    #[test]
    fn home_html_is_sanitized_into_one_markdown_block() {
        let (clean, removed) = clean_html(
            "<!-- note -->\n<div class=\"x\" style=\"color:red\">\n\n    <p>Hello <b>you</b></p>\n<script>alert(1)</script>\n<img src=\"/medias/a.png\"></div>",
        );
        assert_eq!(removed, ["style attributes", "scripts", "class attributes"]);
        assert!(
            !clean.contains("\n\n") && !clean.contains("script") && !clean.contains("style"),
            "{clean}"
        );
        assert!(
            clean.contains("<p>Hello <b>you</b></p>") && clean.contains("src=\"/medias/a.png\""),
            "{clean}"
        );
    }

    #[test]
    fn translations_with_an_equivalent_override_ui_strings_and_the_rest_is_reported() {
        let mut custom = custom(&[]);
        custom.translations.insert(
            "fr".into(),
            json!({"details": {"poi": "À voir"}, "report": {"title": "Signaler"}, "home": {"title": "Rando"},
                   "search": {"resultsFound": "{count} résultats", "filters": {"practices": "Activités"}}}),
        );
        custom
            .translations
            .insert("de".into(), json!({"home": {"title": "Wandern"}}));
        let (plan, report) = convert(&custom);
        assert_eq!(plan.title, "Rando");
        assert_eq!(plan.strings["fr"]["points_of_interest"], "À voir");
        assert_eq!(plan.strings["fr"]["filter_practices"], "Activités");
        let lines = lines(&report);
        assert!(
            lines.contains(
                &"translations/fr.json: report.title: no sentier UI string for it; not carried over"
                    .to_string()
            ),
            "{lines:?}"
        );
        assert!(lines
            .iter()
            .any(|l| l.starts_with("translations/de.json: de is not a site language")));
        assert!(!lines.iter().any(|l| l.contains("home.title")), "{lines:?}");
    }

    #[test]
    fn the_main_font_of_style_css_becomes_the_body_font_and_other_rules_are_reported() {
        let mut plan = convert(&Customization::default()).0;
        let mut report = Report::default();
        style(
            "theme/style.css",
            ":root {\n  --font-main: 'Open Sans', sans-serif;\n}\n",
            &mut plan,
            &mut report,
        );
        assert_eq!(plan.fonts["body"], "'Open Sans', sans-serif");
        assert!(report.not_carried.is_empty(), "{:?}", report.not_carried);
        style(
            "theme/style.css",
            ":root { --font-main: x; }\n.title { color: red; }",
            &mut plan,
            &mut report,
        );
        assert_eq!(lines(&report).len(), 1);
        assert!(lines(&report)[0].starts_with("theme/style.css: its rules target"));
    }

    #[test]
    fn a_logo_in_medias_becomes_a_static_path() {
        let medias = vec!["logo.svg".to_string()];
        assert_eq!(
            media_reference("/medias/logo.svg", &medias),
            Ok("medias/logo.svg".into())
        );
        assert_eq!(
            media_reference("https://x.example.org/l.png", &medias),
            Ok("https://x.example.org/l.png".into())
        );
        assert!(media_reference("http://x.example.org/l.png", &medias).is_err());
        assert!(media_reference("/medias/other.svg", &medias).is_err());
    }
}
