//! `sentier import-rando`: the fixture customization of a fictional park
//! (`tests/fixtures/rando-customization/full`) becomes a site whose config, home page, search
//! ranges and UI strings match it, which builds against the mock API, and whose report lists
//! what was not carried over; bad input fails with one error naming the file; nothing is ever
//! overwritten.

mod support;

use std::path::Path;

use sentier::config::{Config, Overrides};
use support::mock_api::MockApi;
use support::{fixture_data, fixtures, Run, Site};

fn customization(name: &str) -> String {
    fixtures()
        .join("rando-customization")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// A scratch directory (its `config.toml` is the harness's, unused) and the import into
/// `imported/`.
fn import(name: &str) -> (Site, Run) {
    let site = Site::new("");
    let run = site.sentier(&["import-rando", &customization(name), "--out", "imported"]);
    (site, run)
}

fn load(site: &Site) -> Config {
    Config::load(&site.path().join("imported/config.toml"), &Overrides::default())
        .unwrap_or_else(|e| panic!("{e}\n{}", site.read("imported/config.toml")))
}

#[test]
fn the_imported_config_carries_the_customization() {
    let (site, run) = import("full");
    run.assert_success();
    let config = load(&site);
    assert_eq!(config.title, "Randonnées dans les Crêtes Bleues");
    assert_eq!(config.base_url, "https://rando.cretes-bleues.example.org");
    assert_eq!(config.languages, ["fr", "en", "it"]);
    assert_eq!(
        config.api_url().unwrap(),
        "https://geotrek-admin.cretes-bleues.example.org/api/v2/"
    );
    assert_eq!(config.filters.portals, [2]);
    assert!(config.include.outdoor && config.include.sensitive_areas);
    assert!(!config.include.touristic_events && config.include.touristic_contents);

    // Branding: the keys the themes read.
    let extra = &config.extra;
    assert_eq!(extra["logo"].as_str(), Some("medias/logo-cretes-bleues.svg"));
    assert_eq!(extra["favicon"].as_str(), Some("medias/favicon.png"));
    assert_eq!(extra["colors"]["primary"].as_str(), Some("#1d4e89"));
    assert_eq!(extra["colors"]["secondary"].as_str(), Some("#e07a1f"));
    assert_eq!(
        extra["fonts"]["body"].as_str(),
        Some("\"Fira Sans\", Arial, sans-serif")
    );
    let links: Vec<(String, String)> = extra["footer_links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["title"].to_string(), l["url"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(links[0].1, "/information/3");
    assert_eq!(
        links[1],
        (
            "{ en = \"Legal notice\", fr = \"Mentions légales\" }".into(),
            "https://www.cretes-bleues.example.org/mentions-legales".into()
        )
    );
    assert_eq!(links[2].1, "https://www.cretes-bleues.example.org/");
    assert_eq!(
        links[3],
        (
            "\"Facebook\"".into(),
            "https://www.facebook.com/cretesbleues".into()
        )
    );
    assert_eq!(links.len(), 5);

    // Home blocks, filters, trek sections, map layers.
    assert_eq!(config.pages.highlighted_treks, [903486, 905611, 904177]);
    assert_eq!(config.pages.upcoming_events, 4);
    assert_eq!(config.pages.emergency_number.as_deref(), Some("114"));
    assert_eq!(config.search.page_size, 12);
    assert_eq!(config.search.duration_hours, [[0.0, 2.0], [2.0, 4.0], [4.0, 8.0]]);
    assert_eq!(config.search.length_km, [[0.0, 8.0], [8.0, 20.0]]);
    assert_eq!(
        config.search.ascent_m,
        [[0.0, 300.0], [300.0, 800.0], [800.0, 2000.0]]
    );
    assert_eq!(config.search.hidden_filters, ["cities", "structures"]);
    assert_eq!(
        config.pages.trek_sections,
        [
            "facts",
            "places",
            "teaser",
            "description",
            "gallery",
            "map",
            "steps",
            "pois",
            "profile",
            "sensitive_areas",
            "practical",
            "access",
            "accessibility",
            "links",
            "nearby",
            "downloads"
        ]
    );
    let tiles: Vec<(&str, &str, u8)> = config
        .maps
        .tiles
        .iter()
        .map(|t| (t.name.as_str(), t.url.as_str(), t.max_zoom))
        .collect();
    assert_eq!(
        tiles[0],
        ("Map 1", "https://a.tile.opentopomap.org/{z}/{x}/{y}.png", 17)
    );
    assert!(tiles[1].1.contains("PLANIGNV2") && tiles[1].2 == 19, "{tiles:?}");
    assert!(tiles[2].0 == "Satellite" && tiles[2].1.starts_with("https://data.geopf.fr/"));
    assert_eq!(tiles[2].2, 18, "maximumZoomLevel is the default max zoom");

    // Overrides: UI strings, media, the home introductions.
    let fr = site.read("imported/translations/fr.toml");
    assert!(fr.contains("points_of_interest = \"À voir en chemin\""), "{fr}");
    assert!(fr.contains("home = \"Accueil du Parc\""), "{fr}");
    assert!(
        !site.exists("imported/translations/de.toml"),
        "de is not a site language"
    );
    assert_eq!(
        std::fs::read(site.path().join("imported/static/medias/logo-cretes-bleues.svg")).unwrap(),
        std::fs::read(Path::new(&customization("full")).join("medias/logo-cretes-bleues.svg")).unwrap()
    );
    let home_fr = site.read("imported/content/_index.md");
    assert!(
        home_fr.starts_with("+++\ntitle = \"Randonnées dans les Crêtes Bleues\"\n"),
        "{home_fr}"
    );
    assert!(
        !home_fr.contains("style=") && !home_fr.contains("\n\n    "),
        "{home_fr}"
    );
    assert!(site
        .read("imported/content/_index.en.md")
        .contains("The Blue Ridges Park"));
    assert!(
        !site.exists("imported/content/_index.it.md"),
        "Italian has no text of its own: its home falls back to the French one"
    );
}

#[test]
fn the_report_names_each_setting_not_carried_over() {
    let (site, run) = import("full");
    run.assert_success();
    let report = site.read("imported/rando-import-report.txt");
    for line in [
        "config/global.json: googleAnalyticsId: ",
        "config/global.json: maxLengthTrekAllowedFor3DRando: ",
        "config/header.json: menu.primaryItemsNumber: ",
        "config/home.json: suggestions.en: ",
        "config/home.json: suggestions.default[1]: ",
        "config/home.json: welcomeBanner: ",
        "config/footer.json: contact: ",
        "config/filter.json: labels.withExclude: ",
        "config/details.json: sections.trek[meteoWidget]: ",
        "config/details.json: sections.touristicContent: ",
        "config/map.json: searchMapCenter: ",
        "config/map.json: mapClassicLayers[1].minZoom: ",
        "config/redirects.json: rules: ",
        "theme/colors.json: primary2: ",
        "theme/colors.json: primary1.light: ",
        "theme/colors.json: categories: ",
        "theme/style.css: ",
        "html/homeTop.html: style attributes, class attributes removed",
        "html/homeBottom.html: ",
        "html/scriptsHeader.html: ",
        "html/details/meteoWidget.html: ",
        "translations/fr.json: report.title: ",
        "translations/fr.json: search.filters.durationOptions.H:0-2: ",
        "translations/de.json: de is not a site language",
        "medias/apple-icon.png: ",
    ] {
        assert!(
            report.lines().any(|l| l.starts_with(line)),
            "no line {line:?} in the report:\n{report}"
        );
        assert!(run.stderr.contains(line), "{line:?} not printed:\n{}", run.stderr);
    }
    for carried in [
        "cities.display",
        "apiUrl",
        "portalIds",
        "home.title",
        "footer.park",
        "details.poi",
        "primary3",
    ] {
        assert!(
            !report.contains(&format!(": {carried}: ")),
            "{carried} was carried:\n{report}"
        );
    }
}

#[test]
fn the_imported_site_builds_and_shows_the_customization() {
    let (site, run) = import("full");
    run.assert_success();
    // The mock instance's treks belong to no portal: with `portals = [2]` nothing would be left;
    // its points of interest lie up to 5 km from the treks.
    let config = site
        .read("imported/config.toml")
        .replace("portals = [2]", "")
        .replace("[pages]\n", "[pages]\npoi_distance_m = 5000\n");
    site.write("imported/config.toml", &config);
    let api = MockApi::start(fixture_data());
    site.sentier(&[
        "build",
        "--config",
        "imported/config.toml",
        "--api",
        &api.url(),
        "-o",
        "imported/public",
    ])
    .assert_success();

    let home = site.read("imported/public/index.html");
    assert!(home.contains("Randonnées dans les Crêtes Bleues"), "intro title");
    // The branding, as the theme shows it: colours and font, logo, favicon, footer links.
    let branding = site.read("imported/public/branding.css");
    assert!(branding.contains("--color-primary: #1d4e89;"), "{branding}");
    assert!(branding.contains("--color-secondary: #e07a1f;"), "{branding}");
    assert!(branding.contains("--font-body:"), "{branding}");
    assert!(home.contains("<meta name=\"theme-color\" content=\"#1d4e89\">"));
    let document = scraper::Html::parse_document(&home);
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    let logo = document
        .select(&select("header img.site-logo"))
        .next()
        .expect("the logo");
    assert!(logo.value().attr("src").unwrap().contains("logo-cretes-bleues"));
    let icon = document.select(&select("link[rel=icon]")).next().unwrap();
    assert!(icon.value().attr("href").unwrap().contains("favicon"));
    assert!(
        document
            .select(&select("footer a"))
            .any(|a| a.value().attr("href") == Some("https://www.cretes-bleues.example.org/")),
        "the imported footer links"
    );
    assert!(home.contains("300 km de sentiers balisés"), "homeTop.html");
    assert!(home.contains("src=\"/medias/banner.png\""));
    assert!(
        site.exists("imported/public/medias/banner.png"),
        "medias/ copied to static/"
    );
    assert!(
        home.contains("Nos itinéraires de crête"),
        "the trek block's title"
    );
    let highlighted = home
        .split("id=\"highlighted-title\"")
        .nth(1)
        .expect("highlighted block");
    let highlighted = highlighted.split("</section>").next().unwrap();
    for id in [903486, 905611, 904177] {
        assert!(
            highlighted.contains(&format!("/trek/{id}-")),
            "trek {id} highlighted"
        );
    }
    let home_en = site.read("imported/public/en/index.html");
    for text in ["Hiking the Blue Ridges", "The Blue Ridges Park"] {
        assert!(home_en.contains(text), "{text:?} not in /en/:\n{home_en}");
    }
    // The highlighted treks are not published in English in the mock instance, so /en/ has no
    // block to title; its imported title is in the English strings.
    assert!(site
        .read("imported/translations/en.toml")
        .contains("highlighted_treks = \"Our ridge routes\""));

    let home_it = site.read("imported/public/it/index.html");
    assert!(
        home_it.contains("<div class=\"intro\" lang=\"fr\">") && home_it.contains("300 km"),
        "the French introduction, marked as French"
    );

    // Overridden UI strings.
    assert!(site.read("imported/public/404.html").contains("Accueil du Parc"));
    assert!(site
        .read("imported/public/search/index.html")
        .contains("Activités"));
    let pois = sentier::fs::files_under(&site.path().join("imported/public/trek"))
        .unwrap()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| site.read(&format!("imported/public/trek/{}", p.display())))
        .filter(|page| page.contains("id=\"pois-title\""))
        .collect::<Vec<_>>();
    assert!(!pois.is_empty(), "some trek has points of interest");
    assert!(pois
        .iter()
        .all(|page| page.contains("id=\"pois-title\">À voir en chemin<")));

    // The search ranges of filter.json.
    let index = site.json("imported/public/search/index.json");
    let facet = |key: &str| -> Vec<String> {
        index["facets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["key"] == key)
            .unwrap_or_else(|| panic!("no facet {key}"))["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v[0].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(facet("duration"), ["0", "2", "4"]);
    assert_eq!(facet("length"), ["0", "8000"]);
    assert_eq!(facet("ascent"), ["0", "300", "800"]);
    // The rendered colours and logo are not checked here: the themes do not read the branding
    // keys of [extra] yet (see the config assertions above).
}

#[test]
fn a_minimal_customization_gives_a_site_that_loads() {
    let (site, run) = import("minimal");
    run.assert_success();
    let config = load(&site);
    assert_eq!(config.api_url().unwrap(), "https://geotrek.example.net/api/v2/");
    assert_eq!(
        config.languages,
        ["fr", "en"],
        "Geotrek-rando's default languages"
    );
    assert!(!config.include.outdoor, "Geotrek-rando's default: no outdoor");
    assert_eq!(
        config.pages.upcoming_events, 0,
        "no upcomingEvents block, no events"
    );
    assert!(site.read("imported/config.toml").contains("has no baseUrl"));
    assert!(!site.exists("imported/content"));
}

#[test]
fn existing_files_are_never_overwritten() {
    let (site, run) = import("minimal");
    run.assert_success();
    site.write("imported/config.toml", "# mine\n");
    let again = site.sentier(&["import-rando", &customization("full"), "--out", "imported"]);
    again.assert_failure();
    assert!(
        again.error().contains("imported/config.toml already exists"),
        "{}",
        again.error()
    );
    assert_eq!(site.read("imported/config.toml"), "# mine\n");
    assert!(!site.exists("imported/static"), "nothing written");
}

#[test]
fn broken_json_is_an_error_naming_the_file() {
    let (site, run) = import("malformed");
    run.assert_failure();
    let error = run.error();
    assert!(
        error.contains("malformed/config/global.json: not valid JSON") && error.contains("line 4"),
        "{error}"
    );
    assert!(!site.exists("imported"), "nothing written");
}

#[test]
fn a_missing_or_unrelated_directory_is_an_error() {
    let site = Site::new("");
    let run = site.sentier(&["import-rando", "nowhere", "--out", "imported"]);
    run.assert_failure();
    assert!(
        run.error().contains("nowhere: no such directory"),
        "{}",
        run.error()
    );
    site.write("empty/readme.txt", "x");
    let run = site.sentier(&["import-rando", "empty", "--out", "imported"]);
    run.assert_failure();
    assert!(
        run.error().contains("not a Geotrek-rando customization folder"),
        "{}",
        run.error()
    );
    assert!(!site.exists("imported"));
}

#[test]
fn the_folder_may_be_given_by_its_parent() {
    let site = Site::new("");
    let parent = Path::new(&customization("minimal")).to_path_buf();
    let copy = site.path().join("rando/customization/config");
    std::fs::create_dir_all(&copy).unwrap();
    std::fs::copy(parent.join("config/global.json"), copy.join("global.json")).unwrap();
    site.sentier(&["import-rando", "rando", "--out", "imported"])
        .assert_success();
    assert!(site.read("imported/config.toml").contains("geotrek.example.net"));
}
