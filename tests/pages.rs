//! The generated pages, parsed as HTML: sections and their data, URLs, hreflang, SEO tags,
//! Markdown pages, lists, sitemap and redirects, and a hostile instance whose every text tries
//! to inject script.
//!
//! What pages show is checked in every theme under `themes/` with the same assertions. They
//! select by the class names every theme keeps as hooks (`.facts`, `.places`, `.steps`,
//! `.practical`, `.desk`, `.pois`, `.gallery`, `.cards .card`, `.card-title`, `.pagination`,
//! `.languages`, `.skip-link`...), not by layout; the order of `article > section` is the
//! default theme's alone (carnet puts facts, places and downloads in a side panel).

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use scraper::{Html, Selector};
use serde_json::{json, Value};
use support::mock_api::MockApi;
use support::{config, fixture_data, snapshot_config, with_theme, Site};

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn text(html: &Html, css: &str) -> Vec<String> {
    select(html, css)
        .iter()
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn attr(html: &Html, css: &str, name: &str) -> Vec<String> {
    select(html, css)
        .iter()
        .filter_map(|e| e.value().attr(name).map(str::to_string))
        .collect()
}

fn page(site: &Site, path: &str) -> Html {
    Html::parse_document(&site.read(path))
}

fn html_files(dir: &Path) -> Vec<std::path::PathBuf> {
    sentier::fs::files_under(dir)
        .unwrap()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect()
}

/// A site built with `theme` from a snapshot of the fixture instance.
fn built(theme: &str, languages: &[&str], top: &str) -> Site {
    // Says which theme a failed assertion was about.
    eprintln!("theme {theme}");
    let api = MockApi::start(fixture_data());
    let site = Site::new(&config(&api.url(), languages, ""));
    site.sentier(&["pull", "--snapshot", "snap"]).assert_success();
    drop(api);
    let config = snapshot_config("snap", languages, top);
    site.write("config.toml", &with_theme(&config, theme));
    site.sentier(&["build"]).assert_success();
    site
}

/// Headings never skip a level going down, and there is exactly one `h1`.
fn assert_heading_outline(html: &Html, path: &str) {
    let levels: Vec<u8> = select(html, "h1, h2, h3, h4, h5, h6")
        .iter()
        .map(|h| h.value().name()[1..].parse().unwrap())
        .collect();
    assert_eq!(
        levels.iter().filter(|l| **l == 1).count(),
        1,
        "{path}: one h1, got {levels:?}"
    );
    assert_eq!(levels.first(), Some(&1), "{path}: {levels:?}");
    for pair in levels.windows(2) {
        assert!(
            pair[1] <= pair[0] + 1,
            "{path}: heading level jumps in {levels:?}"
        );
    }
}

#[test]
fn a_trek_page_shows_every_section_with_its_data_in_every_theme() {
    for theme in support::themes() {
        let site = built(&theme, &["fr", "en"], "[pages]\nemergency_number = \"112\"");
        let fr = page(
            &site,
            "public/trek/2-boucle-du-pic-des-trois-seigneurs/index.html",
        );
        assert_eq!(text(&fr, "h1"), ["Boucle du Pic des Trois Seigneurs"]);
        assert_eq!(text(&fr, ".object-header .subtitle"), ["Cheval"]);
        let facts: Vec<String> = text(&fr, ".facts dd");
        for fact in ["1 jour", "7,6 km", "+666 m", "−777 m", "Boucle"] {
            assert!(facts.iter().any(|f| f == fact), "{fact} in {facts:?}");
        }
        assert!(
            facts
                .iter()
                .any(|f| f.starts_with("1") && f.contains("358 m – 2") && f.ends_with("042 m")),
            "{facts:?}"
        );
        assert_eq!(text(&fr, ".places dd"), ["Port de Lers", "Sur la route"]);
        assert_eq!(text(&fr, ".steps li a"), ["Foo"]);
        assert_eq!(attr(&fr, ".steps li a", "href"), ["/trek/10439-foo/"]);
        assert!(text(&fr, ".practical h3").iter().any(|h| h == "Recommandations"));
        assert_eq!(
            select(&fr, ".practical .desk").len(),
            3,
            "three information desks"
        );
        assert!(text(&fr, ".accessibility dd")
            .iter()
            .any(|d| d.contains("Fauteuil roulant")));
        assert!(text(&fr, ".accessibility .emergency")
            .iter()
            .any(|e| e.contains("112")));
        assert!(text(&fr, ".web-links a").iter().any(|l| l == "Camping"));
        assert_eq!(
            text(&fr, ".gallery figcaption").len(),
            attr(&fr, ".gallery img", "src").len()
        );
        assert_heading_outline(&fr, "trek 2");

        // The step knows its itinerary, and the page links to the same trek in English.
        let step = page(&site, "public/trek/10439-foo/index.html");
        assert!(
            text(&step, ".step-nav p")
                .iter()
                .any(|p| p.contains("Étape 1 sur 1 de") && p.contains("Boucle du Pic")),
            "{:?}",
            text(&step, ".step-nav p")
        );
        let en = page(&site, "public/en/trek/2-loop-of-the-pic-of-3-lords/index.html");
        assert!(
            text(&en, ".facts dd").iter().any(|f| f == "7.6 km"),
            "{:?}",
            text(&en, ".facts dd")
        );
        assert!(text(&en, ".facts dd").iter().any(|f| f == "1 day"));
    }
}

#[test]
fn every_page_has_its_language_canonical_url_alternates_and_sharing_tags_in_every_theme() {
    for theme in support::themes() {
        let site = built(&theme, &["fr", "en"], "description = \"Randonnées de test\"");
        let public = site.path().join("public");
        let files = html_files(&public);
        assert!(files.len() > 100, "{}", files.len());
        for file in &files {
            let path = file.to_string_lossy();
            let html = page(&site, &format!("public/{path}"));
            let lang = if path.starts_with("en/") { "en" } else { "fr" };
            assert_eq!(attr(&html, "html", "lang"), [lang], "{path}");
            assert_eq!(select(&html, "head > title").len(), 1, "{path}");
            assert_eq!(
                attr(&html, "meta[name=description]", "content").len(),
                1,
                "{path}"
            );
            assert!(
                !attr(&html, "meta[name=description]", "content")[0].is_empty(),
                "{path}"
            );
            let canonical = attr(&html, "link[rel=canonical]", "href");
            assert_eq!(canonical.len(), 1, "{path}");
            assert!(canonical[0].starts_with("https://rando.example.org/"), "{path}");
            let hreflang = attr(&html, "link[rel=alternate][hreflang]", "hreflang");
            assert!(hreflang.contains(&lang.to_string()), "{path}: {hreflang:?}");
            assert!(
                hreflang.contains(&"x-default".to_string()),
                "{path}: {hreflang:?}"
            );
            assert_eq!(
                attr(&html, "meta[property='og:url']", "content"),
                canonical,
                "{path}"
            );
            assert_eq!(select(&html, "a.skip-link[href='#main']").len(), 1, "{path}");
            assert_eq!(select(&html, "main#main").len(), 1, "{path}");
            for ld in select(&html, "script[type='application/ld+json']") {
                let json: Value = serde_json::from_str(&ld.text().collect::<String>())
                    .unwrap_or_else(|e| panic!("{path}: {e}"));
                assert_eq!(json["@context"], "https://schema.org", "{path}");
            }
            if !path.ends_with("404.html") {
                assert_heading_outline(&html, &path);
            }
        }
        let trek = page(
            &site,
            "public/trek/2-boucle-du-pic-des-trois-seigneurs/index.html",
        );
        let alternates: BTreeSet<(String, String)> = select(&trek, "link[rel=alternate][hreflang]")
            .iter()
            .map(|l| {
                (
                    l.value().attr("hreflang").unwrap().to_string(),
                    l.value().attr("href").unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(
            alternates,
            BTreeSet::from([
                (
                    "fr".to_string(),
                    "https://rando.example.org/trek/2-boucle-du-pic-des-trois-seigneurs/".to_string()
                ),
                (
                    "en".into(),
                    "https://rando.example.org/en/trek/2-loop-of-the-pic-of-3-lords/".into()
                ),
                (
                    "x-default".into(),
                    "https://rando.example.org/trek/2-boucle-du-pic-des-trois-seigneurs/".into()
                ),
            ])
        );
        assert_eq!(
            attr(&trek, ".languages a[hreflang=en]", "href"),
            ["/en/trek/2-loop-of-the-pic-of-3-lords/"]
        );
        let og_image = attr(&trek, "meta[property='og:image']", "content");
        assert_eq!(og_image.len(), 1);
        assert!(og_image[0].starts_with("https://foo.fr/media/"), "{og_image:?}");
        let ld: Value = serde_json::from_str(
            &select(&trek, "script[type='application/ld+json']")[0]
                .text()
                .collect::<String>(),
        )
        .unwrap();
        assert_eq!(ld["@type"], "TouristTrip");
        assert_eq!(ld["additionalProperty"]["value"], 7.6);
        assert_eq!(
            ld["itinerary"]["itemListElement"][0]["item"]["name"],
            "Port de Lers"
        );
        // A trek published only in French has no English alternate, and its switcher offers none.
        let french_only = page(
            &site,
            "public/trek/10443-de-bethmale-au-col-de-la-core/index.html",
        );
        assert_eq!(
            attr(&french_only, "link[rel=alternate][hreflang]", "hreflang"),
            ["fr", "x-default"]
        );
        assert!(select(&french_only, ".languages a").is_empty());
        // Touristic contents and events carry their schema.org type.
        let content_page = html_files(&public)
            .into_iter()
            .find(|p| p.starts_with("service/"))
            .unwrap();
        let content = page(&site, &format!("public/{}", content_page.display()));
        let ld: Value = serde_json::from_str(
            &select(&content, "script[type='application/ld+json']")[0]
                .text()
                .collect::<String>(),
        )
        .unwrap();
        assert!(
            ["Place", "LocalBusiness"].contains(&ld["@type"].as_str().unwrap()),
            "{ld}"
        );
        let event_page = html_files(&public)
            .into_iter()
            .find(|p| p.starts_with("event/") && !p.starts_with("event/index"))
            .unwrap();
        let event = page(&site, &format!("public/{}", event_page.display()));
        let ld: Value = serde_json::from_str(
            &select(&event, "script[type='application/ld+json']")[0]
                .text()
                .collect::<String>(),
        )
        .unwrap();
        assert_eq!(ld["@type"], "Event");
        assert!(ld["startDate"].as_str().unwrap().starts_with("20"), "{ld}");
        assert!(ld["location"]["name"].is_string(), "{ld}");
    }
}

#[test]
fn lists_are_paginated_and_every_object_is_reachable_without_javascript_in_every_theme() {
    for theme in support::themes() {
        let site = built(&theme, &["fr"], "[pages]\nlist_page_size = 10");
        let first = page(&site, "public/trek/index.html");
        assert_eq!(select(&first, ".cards .card").len(), 10);
        assert_eq!(attr(&first, ".pagination a[rel=next]", "href"), ["/trek/page/2/"]);
        let last = page(&site, "public/trek/page/5/index.html");
        assert_eq!(select(&last, ".cards .card").len(), 6, "46 treks, 10 a page");
        assert!(select(&last, ".pagination a[rel=next]").is_empty());
        // Links from lists and pages reach every object page.
        let public = site.path().join("public");
        let mut linked = BTreeSet::new();
        for file in html_files(&public) {
            let html = page(&site, &format!("public/{}", file.display()));
            linked.extend(attr(&html, "a", "href"));
        }
        for file in html_files(&public) {
            let url = format!("/{}", file.display())
                .trim_end_matches("index.html")
                .to_string();
            if url != "/" && !url.ends_with(".html") {
                assert!(linked.contains(&url), "{url} is linked from no page");
            }
        }
        // One list per practice.
        let practice_lists: Vec<_> = std::fs::read_dir(public.join("practice")).unwrap().collect();
        assert_eq!(practice_lists.len(), 2);
    }
}

#[test]
fn site_files_sitemap_robots_404_and_redirects() {
    let site = built("default", &["fr", "en"], "");
    let robots = site.read("public/robots.txt");
    assert!(
        robots.contains("Sitemap: https://rando.example.org/sitemap.xml"),
        "{robots}"
    );
    let sitemap = site.read("public/sitemap.xml");
    let pages = html_files(&site.path().join("public"))
        .into_iter()
        .filter(|p| !p.ends_with("404.html"))
        .count();
    assert_eq!(sitemap.matches("<url>").count(), pages);
    assert!(sitemap.contains("<loc>https://rando.example.org/trek/2-boucle-du-pic-des-trois-seigneurs/</loc><lastmod>2022-05-16</lastmod>"), "{sitemap}");
    assert!(sitemap.contains(r#"<xhtml:link rel="alternate" hreflang="en" href="https://rando.example.org/en/trek/2-loop-of-the-pic-of-3-lords/"/>"#));
    assert!(site.exists("public/404.html") && site.exists("public/en/404.html"));
    let redirects = site.read("public/_redirects");
    assert!(
        redirects.contains("/trek/2 /trek/2-boucle-du-pic-des-trois-seigneurs/ 301"),
        "{redirects}"
    );
    assert!(redirects.contains("/en/trek/2/ /en/trek/2-loop-of-the-pic-of-3-lords/ 301"));
    assert!(redirects.contains("/en/* /en/404.html 404"));

    // A renamed trek: its former URL redirects, build after build.
    let mut snapshot: Value = site.json("snap/trek.json");
    let trek = snapshot
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|t| t["id"] == 2)
        .unwrap();
    trek["name"]["fr"] = json!("Tour du Pic des Trois Seigneurs");
    site.write("snap/trek.json", &snapshot.to_string());
    site.sentier(&["build"]).assert_success();
    let redirects = site.read("public/_redirects");
    assert!(
        redirects.contains(
            "/trek/2-boucle-du-pic-des-trois-seigneurs/ /trek/2-tour-du-pic-des-trois-seigneurs/ 301"
        ),
        "{redirects}"
    );
    site.sentier(&["build"]).assert_success();
    assert!(
        site.read("public/_redirects").contains(
            "/trek/2-boucle-du-pic-des-trois-seigneurs/ /trek/2-tour-du-pic-des-trois-seigneurs/ 301"
        ),
        "kept after another build"
    );
}

#[test]
fn markdown_pages_are_rendered_at_their_path_in_each_language_in_every_theme() {
    for theme in support::themes() {
        let api = MockApi::start(fixture_data());
        eprintln!("theme {theme}");
        let site = Site::new(&with_theme(&config(&api.url(), &["fr", "en"], ""), &theme));
        site.write(
            "content/_index.md",
            "+++\ntitle = \"Bienvenue\"\ndescription = \"Le portail\"\n+++\nDes **sentiers** pour tous.\n",
        );
        site.write(
            "content/about.md",
            "+++\ntitle = \"À propos\"\nweight = 2\n+++\n## Qui sommes-nous\n\nUne *équipe*.\n",
        );
        site.write(
            "content/about.en.md",
            "+++\ntitle = \"About\"\n+++\n## Who we are\n",
        );
        site.write(
            "content/guides/winter.md",
            "+++\ntitle = \"Hiver\"\n+++\nNeige.\n",
        );
        site.write(
            "content/secret.md",
            "+++\ntitle = \"Brouillon\"\ndraft = true\n+++\nPas encore.\n",
        );
        site.sentier(&["build"]).assert_success();
        let home = page(&site, "public/index.html");
        assert_eq!(text(&home, "h1"), ["Bienvenue"]);
        assert_eq!(text(&home, ".intro strong"), ["sentiers"]);
        assert_eq!(attr(&home, "meta[name=description]", "content"), ["Le portail"]);
        let about = page(&site, "public/about/index.html");
        assert_eq!(text(&about, "h1"), ["À propos"]);
        assert_eq!(text(&about, "h2"), ["Qui sommes-nous"]);
        assert_eq!(
            attr(&about, "link[rel=alternate][hreflang=en]", "href"),
            ["https://rando.example.org/en/about/"]
        );
        assert_eq!(text(&page(&site, "public/en/about/index.html"), "h1"), ["About"]);
        // Untranslated: the French text, marked as French, under /en/.
        let winter_en = page(&site, "public/en/guides/winter/index.html");
        assert_eq!(attr(&winter_en, "article.markdown", "lang"), ["fr"]);
        assert!(!site.exists("public/secret"));

        site.write("content/trek.md", "+++\ntitle = \"Conflit\"\n+++\n");
        let run = site.sentier(&["build"]);
        run.assert_failure();
        assert!(
            run.error().contains("two pages want the URL /trek/"),
            "{}",
            run.stderr
        );
        site.write("content/trek.md", "+++\ntitel = \"typo\"\n+++\n");
        let run = site.sentier(&["build"]);
        run.assert_failure();
        assert!(
            run.error()
                .contains("content/trek.md: front matter: unknown field `titel`"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn the_built_in_theme_needs_no_themes_folder_and_one_block_can_be_overridden() {
    let api = MockApi::start(fixture_data());
    let site = Site::new("");
    std::fs::remove_file(site.path().join("themes")).unwrap();
    site.write(
        "config.toml",
        &format!("title = \"T\"\nbase_url = \"https://rando.example.org\"\n[pages]\ntrek_sections = [\"description\", \"facts\"]\n[source]\napi = \"{}\"\n", api.url()),
    );
    site.write("templates/trek.html", "{% extends \"default/trek.html\" %}{% block trek_footer %}<p id=\"custom-footer\">{{ trek.id }}</p>{% endblock trek_footer %}");
    site.write("translations/fr.toml", "list_trek = \"Balades\"\n");
    site.sentier(&["build"]).assert_success();
    let trek = page(
        &site,
        "public/trek/2-boucle-du-pic-des-trois-seigneurs/index.html",
    );
    assert_eq!(text(&trek, "#custom-footer"), ["2"]);
    assert_eq!(
        text(&trek, ".main-nav a")[0],
        "Balades",
        "a site's UI string overrides the theme's"
    );
    assert!(
        text(&trek, ".main-nav a").contains(&"Tourisme".to_string()),
        "the others are kept"
    );
    assert!(
        site.exists("public/style.css"),
        "the built-in theme's static files"
    );
    // Sections in the configured order, the others left out.
    let sections: Vec<String> = select(&trek, "article > section")
        .iter()
        .map(|s| s.value().attr("class").unwrap_or("").to_string())
        .collect();
    assert_eq!(sections, ["description", "facts"]);
}

#[test]
fn a_hostile_instance_gets_no_executable_payload_into_any_page_in_every_theme() {
    for theme in support::themes() {
        let api = MockApi::start(support::hostile::instance());
        eprintln!("theme {theme}");
        let site = Site::new(&with_theme(&config(&api.url(), &["fr", "en"], ""), &theme));
        let run = site.sentier(&["build"]);
        run.assert_success();
        assert!(
            run.stderr
                .contains("trek 1 references trek 404, which the API does not have"),
            "{}",
            run.stderr
        );
        assert_eq!(
            site.entries(),
            BTreeSet::from([
                ".sentier-cache".to_string(),
                "config.toml".into(),
                "public".into(),
                "themes".into()
            ])
        );

        let public = site.path().join("public");
        let files = sentier::fs::files_under(&public).unwrap();
        for file in &files {
            let name = file.to_string_lossy();
            assert!(
                !name.contains("..") && name.is_ascii(),
                "file names come from ids and slugs: {name}"
            );
        }
        let html_pages = html_files(&public);
        assert!(html_pages.len() >= 10, "{}", html_pages.len());
        for file in &html_pages {
            let path = file.display().to_string();
            let html = page(&site, &format!("public/{path}"));
            // Scripts are the site's own files, or data: JSON-LD and map data, which must parse.
            for script in select(&html, "script") {
                match (script.value().attr("src"), script.value().attr("type")) {
                    (Some(src), None) => {
                        assert!(
                            ["/assets/map.", "/assets/search.", "/assets/vendor/"]
                                .iter()
                                .any(|prefix| src.starts_with(prefix)),
                            "{path}: {}",
                            script.html()
                        );
                        assert!(script.text().collect::<String>().is_empty());
                    }
                    (None, Some("application/ld+json" | "application/json")) => {
                        let json = script.text().collect::<String>();
                        assert!(serde_json::from_str::<Value>(&json).is_ok(), "{path}: {json}");
                    }
                    _ => panic!("{path}: {}", script.html()),
                }
            }
            for forbidden in [
                "iframe",
                "object",
                "embed",
                "style",
                "form:not([data-search-form])",
            ] {
                assert!(select(&html, forbidden).is_empty(), "{path}: <{forbidden}>");
            }
            // The theme's own search form, on the search pages only.
            assert!(
                select(&html, "form").is_empty() || path.ends_with("search/index.html"),
                "{path}"
            );
            // The only SVG is the theme's own drawing of the route and profile.
            for svg in select(&html, "svg") {
                let class = svg.value().attr("class").unwrap_or("");
                assert!(
                    ["card-route", "trek-route", "profile-chart"].contains(&class),
                    "{path}: {}",
                    svg.html()
                );
            }
            for element in select(&html, "*") {
                for (name, value) in element.value().attrs() {
                    assert!(
                        !name.starts_with("on"),
                        "{path}: {name}={value} on <{}>",
                        element.value().name()
                    );
                    assert_ne!(name, "style", "{path}: style on <{}>", element.value().name());
                    if ["href", "src", "action", "content"].contains(&name) {
                        let lowered = value.trim().to_ascii_lowercase();
                        assert!(
                            !lowered.starts_with("javascript:") && !lowered.starts_with("data:"),
                            "{path}: {name}={value}"
                        );
                    }
                }
            }
        }
        // The data is still there, as text.
        // Plain fields lose their tags; the rest of the name stays, entities and a lone `<` as text.
        let trek_url = attr(&page(&site, "public/trek/index.html"), ".card-title a", "href")
            .into_iter()
            .find(|u| u.starts_with("/trek/1-"))
            .unwrap();
        assert_eq!(trek_url, "/trek/1-etc-passwd-alert-0-script-lauzon-2000-m/");
        let trek = page(&site, &format!("public{trek_url}index.html"));
        assert_eq!(
            text(&trek, "h1"),
            ["../../etc/passwd alert(0) <!--<script> Lauzon < 2000 m"]
        );
        for file in &html_pages {
            let path = file.display().to_string();
            if !path.ends_with("404.html") {
                assert_heading_outline(&page(&site, &format!("public/{path}")), &path);
            }
            let raw = site.read(&format!("public/{path}"));
            for ld in raw.split("<script type=\"application/ld+json\">").skip(1) {
                let body = ld.split("</script>").next().unwrap();
                assert!(
                    !body.contains('<') && !body.contains('>'),
                    "{path}: JSON-LD carries raw markup: {body}"
                );
            }
        }
        assert!(text(&trek, ".description .rich")
            .iter()
            .any(|t| t.contains("description") && t.contains("texte")));
        assert_eq!(
            text(&trek, ".steps a"),
            ["Ωμέγα ☃ 🥾 étape"],
            "the missing step is dropped"
        );
        let step_url = &attr(&trek, ".steps a", "href")[0];
        assert!(
            step_url.starts_with("/trek/2-omega-") && step_url.is_ascii(),
            "{step_url}"
        );
        assert!(site.exists(&format!("public{step_url}index.html")));
        assert_eq!(select(&trek, ".pois li").len(), 1);
        assert_eq!(text(&trek, ".sensitive-areas dd"), ["janvier, décembre"]);
        // The untranslated name falls back to French, marked as such, on the English page.
        let en = page(&site, &format!("public/en{trek_url}index.html"));
        assert_eq!(attr(&en, "h1 span", "lang"), ["fr"]);
    }
}

#[test]
fn a_trek_shows_its_points_of_interest_desks_labels_sources_and_what_is_nearby_in_every_theme() {
    for theme in support::themes() {
        let site = built(
            &theme,
            &["fr", "en"],
            "[pages]\npoi_distance_m = 5000\nnearby_distance_m = 10000",
        );
        let trek = page(
            &site,
            "public/trek/2-boucle-du-pic-des-trois-seigneurs/index.html",
        );
        // Both fixture POIs lie within 5 km of the route, numbered along it.
        assert_eq!(
            text(&trek, ".pois li h3"),
            ["Pic des Trois Seigneurs", "Étang d'Arbu"]
        );
        assert_eq!(attr(&trek, ".pois li", "id"), ["poi-2867", "poi-2869"]);
        assert_eq!(text(&trek, ".pois .poi-kind")[0], "Sommet");
        let desks = text(&trek, ".practical .desk");
        assert!(
            desks
                .iter()
                .any(|d| d.contains("Maison du Parc du Briançonnais") && d.contains("04 92 21 08 49")),
            "{desks:?}"
        );
        let labels = text(&trek, ".practical .label h3");
        assert!(labels.iter().any(|l| l == "Chien autorisé"), "{labels:?}");
        assert!(!text(&trek, ".sources li").is_empty());
        let nearby = text(&trek, ".nearby .card-title");
        assert!(nearby.iter().any(|n| n.contains("Balad'âne")), "{nearby:?}");
        // And the other way round: the content lists the trek.
        let content_url = attr(&trek, ".nearby .card-title a", "href")
            .into_iter()
            .find(|u| u.starts_with("/service/"))
            .unwrap();
        let content = page(&site, &format!("public{content_url}index.html"));
        assert!(
            text(&content, "section .card-title")
                .iter()
                .any(|t| t == "Boucle du Pic des Trois Seigneurs"),
            "{:?}",
            text(&content, "section .card-title")
        );
        // Neither POI is published in English: the English page lists none.
        let en = page(&site, "public/en/trek/2-loop-of-the-pic-of-3-lords/index.html");
        assert!(select(&en, ".pois li").is_empty());
    }
}
