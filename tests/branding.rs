//! Branding from `config.toml`'s `[extra]`, in every theme: the custom properties' stylesheet,
//! the logo, the favicon and the footer links in every language; a bad value stops the build
//! naming its key, before anything is written.

mod support;

use scraper::{Html, Selector};
use support::mock_api::MockApi;
use support::{config, fixture_data, with_theme, Site};

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn attr(html: &Html, css: &str, name: &str) -> Vec<String> {
    select(html, css)
        .iter()
        .filter_map(|e| e.value().attr(name).map(str::to_string))
        .collect()
}

#[test]
fn every_branding_key_shows_in_every_theme_and_language() {
    let api = MockApi::start(fixture_data());
    for theme in support::themes() {
        let site = Site::new(&with_theme(&config(&api.url(), &["fr", "en"], ""), &theme));
        site.brand();
        site.sentier(&["build"]).assert_success();
        for (page, access) in [
            ("public/index.html", "Accès"),
            ("public/en/trek/index.html", "Access"),
        ] {
            let html = Html::parse_document(&site.read(page));
            let at = format!("{theme}: {page}");

            // The stylesheet of custom properties, linked after the theme's own.
            let sheets = attr(&html, "link[rel=stylesheet]", "href");
            let branding = sheets.last().unwrap();
            assert!(
                branding.starts_with("/assets/branding.") && branding.ends_with(".css"),
                "{at}: {sheets:?}"
            );
            let css = site.read(&format!("public{branding}"));
            for property in [
                "--color-primary: #6a2c70;",
                "--color-secondary: rgb(224, 122, 31);",
                "--color-background: #ffffff;",
                "--color-text: #1b1b1b;",
                "--font-body: \"Source Sans 3\", system-ui, sans-serif;",
                "--font-heading: Georgia, serif;",
            ] {
                assert!(css.contains(property), "{at}: {property} in {css}");
            }
            // The theme's stylesheet uses them.
            let theme_css = site.read(&format!("public{}", sheets[sheets.len() - 2]));
            for property in [
                "var(--color-primary)",
                "var(--color-secondary)",
                "var(--color-background)",
                "var(--color-text)",
                "var(--font-body)",
                "var(--font-heading)",
            ] {
                assert!(
                    theme_css.contains(property),
                    "{at}: the theme's CSS uses {property}"
                );
            }

            assert_eq!(
                attr(&html, "meta[name=theme-color]", "content"),
                ["#6a2c70"],
                "{at}"
            );
            assert_eq!(attr(&html, "link[rel=icon]", "href"), ["/favicon.png"], "{at}");
            assert_eq!(
                attr(&html, "header a[href] img[src='/logo.svg']", "alt"),
                ["Test site"],
                "{at}: the logo, with the site's title as its text"
            );
            let footer: Vec<(String, String)> = select(&html, "footer a")
                .iter()
                .map(|a| {
                    (
                        a.text().collect::<String>(),
                        a.value().attr("href").unwrap().to_string(),
                    )
                })
                .collect();
            for link in [
                (
                    "Mentions légales".to_string(),
                    "https://example.org/legal".to_string(),
                ),
                (access.to_string(), "/information/3/".to_string()),
            ] {
                assert!(footer.contains(&link), "{at}: {link:?} in {footer:?}");
            }
        }
        assert!(site.exists("public/favicon.png") && site.exists("public/logo.svg"));

        // Without colours and fonts, no stylesheet of them.
        let plain = site.read("config.toml");
        let plain = &plain[..plain.find("[extra.colors]").unwrap()];
        site.write("config.toml", plain);
        site.sentier(&["build"]).assert_success();
        let html = Html::parse_document(&site.read("public/index.html"));
        let sheets = attr(&html, "link[rel=stylesheet]", "href");
        assert!(
            !sheets.iter().any(|s| s.contains("branding")),
            "{theme}: {sheets:?}"
        );
        assert!(
            !site.exists("public/branding.css"),
            "{theme}: removed with its keys"
        );
        assert_ne!(attr(&html, "meta[name=theme-color]", "content"), ["#6a2c70"]);
    }
}

#[test]
fn a_bad_branding_value_fails_the_build_naming_its_key() {
    let api = MockApi::start(fixture_data());
    for theme in support::themes() {
        let site = Site::new(&with_theme(&config(&api.url(), &["fr"], ""), &theme));
        site.brand();
        let good = site.read("config.toml");
        for (bad, message) in [
            (
                ("primary = \"#6a2c70\"", "primary = \"red;}\""),
                "error: config.toml: extra.colors.primary: \"red;}\" is not a CSS colour",
            ),
            (
                ("heading = \"Georgia, serif\"", "heading = \"Georgia}body{x:y\""),
                "error: config.toml: extra.fonts.heading: \"Georgia}body{x:y\" is not a CSS font-family stack",
            ),
            (
                ("logo = \"logo.svg\"", "logo = \"missing.svg\""),
                "extra.logo: \"missing.svg\" is not a file of the site's static/ folder",
            ),
        ] {
            site.write("config.toml", &good.replace(bad.0, bad.1));
            let run = site.sentier(&["build"]);
            run.assert_failure();
            assert!(run.error().contains(message), "{theme}: {}", run.stderr);
            assert!(!site.exists("public"), "{theme}: nothing written");
        }
    }
}
