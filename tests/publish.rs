//! Publishing: `netlify.toml` (its build command, the directory it publishes, its headers), the
//! fingerprinted CSS and JavaScript the pages name, the Content-Security-Policy the pages are
//! served with and honour in Chromium, and the example nightly workflow.

mod support;

use std::collections::BTreeMap;
use std::path::Path;

use clap::{CommandFactory, Parser};
use scraper::{Html, Selector};
use support::mock_api::MockApi;
use support::{config, fixture_data, repo, snapshot_config, Site};

const LONG_CACHE: &str = "public, max-age=31536000, immutable";

/// `netlify.toml`, the parts this repository uses.
struct Netlify {
    command: String,
    publish: String,
    /// `(for, [(header, value)])` in file order.
    rules: Vec<(String, Vec<(String, String)>)>,
}

fn netlify() -> Netlify {
    let text = std::fs::read_to_string(repo().join("netlify.toml")).unwrap();
    let toml: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("netlify.toml: {e}"));
    let build = toml["build"].as_table().expect("[build]");
    let rules = toml["headers"]
        .as_array()
        .expect("[[headers]]")
        .iter()
        .map(|rule| {
            let values = rule["values"]
                .as_table()
                .unwrap()
                .iter()
                .map(|(name, value)| (name.clone(), value.as_str().unwrap().to_string()))
                .collect();
            (rule["for"].as_str().unwrap().to_string(), values)
        })
        .collect();
    Netlify {
        command: build["command"].as_str().unwrap().to_string(),
        publish: build["publish"].as_str().unwrap().to_string(),
        rules,
    }
}

impl Netlify {
    /// The headers Netlify sends for `path`: those of every rule that matches it. Netlify's
    /// documentation does not say how two rules setting one header combine; joining them, as
    /// HTTP would, makes such an overlap visible here instead of picking one.
    fn headers(&self, path: &str) -> Vec<(String, String)> {
        let mut found: BTreeMap<String, (String, String)> = BTreeMap::new();
        for (pattern, values) in &self.rules {
            if !matches(pattern, path) {
                continue;
            }
            for (name, value) in values {
                found
                    .entry(name.to_ascii_lowercase())
                    .and_modify(|(_, v)| *v = format!("{v}, {value}"))
                    .or_insert_with(|| (name.clone(), value.clone()));
            }
        }
        found.into_values().collect()
    }

    fn header(&self, path: &str, name: &str) -> Option<String> {
        self.headers(path)
            .into_iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }
}

/// A Netlify `for` pattern: `*` matches anything (slashes included), `:name` one path segment.
fn matches(pattern: &str, path: &str) -> bool {
    if let Some(rest) = pattern.strip_prefix('*') {
        return (0..=path.len())
            .filter(|i| path.is_char_boundary(*i))
            .any(|i| matches(rest, &path[i..]));
    }
    if let Some(rest) = pattern.strip_prefix(':') {
        let name = rest
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .unwrap_or(rest.len());
        let segment = path.find('/').unwrap_or(path.len());
        return segment > 0 && matches(&rest[name..], &path[segment..]);
    }
    match (pattern.chars().next(), path.chars().next()) {
        (None, None) => true,
        (Some(a), Some(b)) if a == b => matches(&pattern[a.len_utf8()..], &path[b.len_utf8()..]),
        _ => false,
    }
}

#[test]
fn netlify_patterns_match_as_netlify_documents_them() {
    assert!(matches("/*", "/"));
    assert!(matches("/*", "/trek/2-x/index.html"));
    assert!(matches("/assets/*", "/assets/vendor/leaflet/leaflet.0123abcd.js"));
    assert!(!matches("/assets/*", "/style.css"));
    assert!(!matches("/assets/*", "/en/assets/x.js"));
    assert!(matches("/trek/:id/index.html", "/trek/2-x/index.html"));
    assert!(!matches("/trek/:id/index.html", "/trek/a/b/index.html"));
}

/// The fixture instance in French and English, pulled once and built from the snapshot.
fn built() -> Site {
    built_with_origin("default").0
}

/// [`built`] with `theme`, and the origin the instance's media URLs have (the mock API's).
fn built_with_origin(theme: &str) -> (Site, String) {
    let api = MockApi::start(fixture_data());
    let url = url::Url::parse(&api.url()).unwrap();
    let site = Site::new(&config(&api.url(), &["fr", "en"], ""));
    site.sentier(&["pull", "--snapshot", "snap"]).assert_success();
    drop(api);
    let config = snapshot_config("snap", &["fr", "en"], "");
    site.write("config.toml", &support::with_theme(&config, theme));
    site.sentier(&["build"]).assert_success();
    (site, url.origin().ascii_serialization())
}

fn files(dir: &Path) -> Vec<String> {
    sentier::fs::files_under(dir)
        .unwrap()
        .into_iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect()
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

/// The file a site-relative URL is served from.
fn served_file(public: &Path, url: &str) -> std::path::PathBuf {
    let path = url.split(['?', '#']).next().unwrap().trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        public.join(path).join("index.html")
    } else {
        public.join(path)
    }
}

/// `name.0123abcd.ext` → `0123abcd`.
fn hash_in_name(path: &str) -> Option<&str> {
    let name = path.rsplit('/').next().unwrap();
    let mut parts = name.rsplitn(3, '.');
    let (_ext, hash) = (parts.next()?, parts.next()?);
    parts.next()?;
    (hash.len() == 8 && hash.chars().all(|c| c.is_ascii_hexdigit())).then_some(hash)
}

/// The default output directory, as `sentier build --help` has it.
fn default_output_dir() -> String {
    let mut cli = sentier::cli::Cli::command();
    let build = cli.find_subcommand_mut("build").unwrap();
    let output = build
        .get_arguments()
        .find(|a| a.get_id() == "output_dir")
        .unwrap();
    output.get_default_values()[0].to_string_lossy().into_owned()
}

#[test]
fn netlify_builds_the_example_site_into_the_directory_it_publishes() {
    let netlify = netlify();
    assert_eq!(netlify.publish, default_output_dir());
    // Netlify runs the command at the repository's top: the example site. Run what follows
    // `cargo run --release --locked --` with the binary under test, in a copy of that site.
    let (cargo, sentier) = netlify
        .command
        .split_once(" -- ")
        .unwrap_or_else(|| panic!("{}", netlify.command));
    assert_eq!(cargo, "cargo run --release --locked");
    let args: Vec<&str> = sentier.split_whitespace().collect();
    sentier::cli::Cli::try_parse_from(std::iter::once("sentier").chain(args.iter().copied()))
        .unwrap_or_else(|e| panic!("{}: {e}", netlify.command));
    let site = Site::new(&std::fs::read_to_string(repo().join("config.toml")).unwrap());
    std::os::unix::fs::symlink(repo().join("sample"), site.path().join("sample")).unwrap();
    std::os::unix::fs::symlink(repo().join("content"), site.path().join("content")).unwrap();
    site.sentier(&args).assert_success();
    let publish = site.path().join(&netlify.publish);
    assert!(publish.join("index.html").is_file());
    assert!(publish.join("trek/index.html").is_file());
    assert!(
        files(&publish).iter().any(|f| f.starts_with("assets/style.")),
        "the fingerprinted files are published"
    );
}

#[test]
fn only_fingerprinted_files_are_cached_for_a_year_and_every_asset_url_resolves() {
    let netlify = netlify();
    let caching: Vec<&String> = netlify
        .rules
        .iter()
        .filter(|(_, values)| {
            values
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case("cache-control"))
        })
        .map(|(pattern, _)| pattern)
        .collect();
    assert_eq!(
        caching,
        ["/assets/*"],
        "one rule sets Cache-Control; the rest keeps Netlify's default, which revalidates"
    );
    let site = built();
    let public = site.path().join("public");
    let all = files(&public);
    let fingerprinted: Vec<&String> = all.iter().filter(|f| f.starts_with("assets/")).collect();
    assert!(fingerprinted.len() >= 8, "{fingerprinted:?}");
    for file in &all {
        let cache = netlify.header(&format!("/{file}"), "Cache-Control");
        if file.starts_with("assets/") {
            assert_eq!(cache.as_deref(), Some(LONG_CACHE), "{file}");
            let bytes = std::fs::read(public.join(file)).unwrap();
            assert_eq!(
                hash_in_name(file),
                Some(sentier::render::hashed_assets::hash(&bytes).as_str()),
                "{file}: its name is the hash of its bytes"
            );
            // The plain file stays, for templates that name it.
            let plain = file
                .trim_start_matches("assets/")
                .replace(&format!(".{}", hash_in_name(file).unwrap()), "");
            assert!(public.join(&plain).is_file(), "{plain}");
        } else {
            assert_eq!(cache, None, "{file}: short cache");
        }
    }

    // Every URL of a file the pages load is there; CSS and JavaScript are the hashed copies.
    let mut checked = 0;
    for file in all.iter().filter(|f| f.ends_with(".html")) {
        let html = Html::parse_document(&std::fs::read_to_string(public.join(file)).unwrap());
        let loaded = select(
            &html,
            "link[rel=stylesheet], link[rel=icon], script[src], img[src]",
        );
        for element in loaded {
            let url = element
                .value()
                .attr("href")
                .or(element.value().attr("src"))
                .unwrap();
            if !url.starts_with('/') || url.starts_with("//") {
                assert!(element.value().name() == "img", "{file}: {url}");
                continue;
            }
            assert!(served_file(&public, url).is_file(), "{file}: {url}");
            let code =
                element.value().name() == "script" || element.value().attr("rel") == Some("stylesheet");
            assert_eq!(code, url.starts_with("/assets/"), "{file}: {url}");
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked}");
    // References in the hashed CSS lead to files too (Leaflet's images).
    let mut references = 0;
    for css in fingerprinted.iter().filter(|f| f.ends_with(".css")) {
        let text = std::fs::read_to_string(public.join(css)).unwrap();
        for reference in text.split("url(").skip(1) {
            let reference = reference[..reference.find(')').unwrap()].trim_matches(['"', '\'']);
            if reference.starts_with('#') || reference.starts_with("data:") {
                continue;
            }
            assert!(reference.starts_with('/'), "{css}: {reference}");
            assert!(served_file(&public, reference).is_file(), "{css}: {reference}");
            references += 1;
        }
    }
    assert!(references >= 3, "leaflet.css names its images");

    // Same input, same bytes: a second build writes the same files, names included.
    site.sentier(&["build", "-o", "again"]).assert_success();
    let again = site.path().join("again");
    assert_eq!(files(&again).len(), all.len());
    for file in &all {
        assert!(
            std::fs::read(public.join(file)).unwrap() == std::fs::read(again.join(file)).unwrap(),
            "{file} differs between two builds"
        );
    }
}

#[test]
fn a_changed_file_gets_a_new_name_that_every_page_follows() {
    let site = built();
    let stylesheet = |site: &Site, page: &str| -> String {
        let html = Html::parse_document(&site.read(page));
        select(&html, "link[rel=stylesheet]")[0]
            .value()
            .attr("href")
            .unwrap()
            .to_string()
    };
    let scripts = |site: &Site| -> Vec<String> {
        let html = Html::parse_document(&site.read("public/map/index.html"));
        select(&html, "script[src]")
            .iter()
            .map(|s| s.value().attr("src").unwrap().to_string())
            .collect()
    };
    let before = stylesheet(&site, "public/index.html");
    let scripts_before = scripts(&site);
    site.write(
        "static/style.css",
        &format!(
            "{}\n.site-title {{ color: red }}\n",
            site.read("public/style.css")
        ),
    );
    site.sentier(&["build"]).assert_success();
    let after = stylesheet(&site, "public/index.html");
    assert_ne!(before, after);
    assert!(
        after.starts_with("/assets/style.") && after.ends_with(".css"),
        "{after}"
    );
    assert!(site.read(&format!("public{after}")).contains("color: red"));
    assert!(!site.exists(&format!("public{before}")), "the old name is gone");
    assert_eq!(stylesheet(&site, "public/en/trek/index.html"), after);
    assert_eq!(
        scripts(&site),
        scripts_before,
        "files that did not change keep their names"
    );
}

#[test]
fn the_fingerprinted_folder_is_kept_for_fingerprinted_files() {
    let api = MockApi::start(fixture_data());
    let site = Site::new(&config(&api.url(), &["fr"], ""));
    site.sentier(&["pull", "--snapshot", "snap"]).assert_success();
    drop(api);
    site.write("config.toml", &snapshot_config("snap", &["fr"], ""));

    site.write("static/assets/logo.png", "png");
    let run = site.sentier(&["build"]);
    run.assert_failure();
    assert!(run.error().contains("static/assets/logo.png"), "{}", run.error());
    std::fs::remove_dir_all(site.path().join("static/assets")).unwrap();

    site.write("content/assets.md", "+++\ntitle = \"Assets\"\n+++\nText.");
    let run = site.sentier(&["build"]);
    run.assert_failure();
    assert!(
        run.error().contains("content/assets.md") && run.error().contains("/assets/"),
        "{}",
        run.error()
    );
    std::fs::remove_file(site.path().join("content/assets.md")).unwrap();

    site.write("templates/404.html", "{{ asset(path=\"nowhere.css\") }}");
    let run = site.sentier(&["build"]);
    run.assert_failure();
    assert!(run.error().contains("nowhere.css"), "{}", run.error());
    assert!(!site.exists("public"), "nothing was published");
}

/// No page runs code or styles the policy would have to allow by name: scripts are files or
/// JSON data, and there is no style element or attribute, event handler or `javascript:` URL.
#[test]
fn no_page_holds_inline_code_or_style_in_any_theme() {
    for theme in support::themes() {
        eprintln!("theme {theme}");
        let (site, _) = built_with_origin(&theme);
        let public = site.path().join("public");
        let mut pages = 0;
        for file in files(&public).iter().filter(|f| f.ends_with(".html")) {
            let html = Html::parse_document(&std::fs::read_to_string(public.join(file)).unwrap());
            for script in select(&html, "script") {
                let kind = script.value().attr("type");
                let data = matches!(kind, Some("application/json" | "application/ld+json"));
                assert!(
                    data || (script.value().attr("src").is_some() && script.text().next().is_none()),
                    "{file}: {}",
                    script.html()
                );
            }
            assert!(select(&html, "style, [style]").is_empty(), "{file}");
            for element in html
                .root_element()
                .descendants()
                .filter_map(scraper::ElementRef::wrap)
            {
                for (name, value) in element.value().attrs() {
                    assert!(!name.starts_with("on"), "{file}: {}", element.html());
                    assert!(
                        !value.trim_start().to_ascii_lowercase().starts_with("javascript:"),
                        "{file}: {}",
                        element.html()
                    );
                }
            }
            pages += 1;
        }
        assert!(pages > 50, "{pages}");
    }
}

#[test]
fn pages_honour_the_content_security_policy_in_chromium_in_every_theme() {
    let netlify = netlify();
    let policy = netlify
        .header("/", "Content-Security-Policy")
        .expect("a CSP on the pages");
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "upgrade-insecure-requests",
    ] {
        assert!(
            policy.split(';').any(|d| d.trim() == directive),
            "{directive} in {policy}"
        );
    }
    assert!(!policy.contains("unsafe-"), "{policy}");
    for header in ["X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"] {
        assert!(netlify.header("/trek/2-x/", header).is_some(), "{header}");
    }

    // The mock instance serves its photos over plain http from 127.0.0.1, where a real one uses
    // https; upgrade-insecure-requests upgrades other http images, but leaves 127.0.0.1, a
    // trustworthy origin, as it is. The test allows that one origin for images, and changes
    // nothing else.
    for theme in support::themes() {
        eprintln!("theme {theme}");
        let (site, media) = built_with_origin(&theme);
        // With every branding key: the generated stylesheet, the logo and the favicon too.
        site.brand();
        site.sentier(&["build"]).assert_success();
        let served: String = policy
            .split(';')
            .map(|d| match d.trim() {
                d if d.starts_with("img-src ") => format!("{d} {media}"),
                d => d.to_string(),
            })
            .collect::<Vec<_>>()
            .join("; ");
        assert_ne!(served, policy);
        let pages = [
            "/",
            "/trek/2-boucle-du-pic-des-trois-seigneurs/",
            "/map/",
            "/search/?text=lac",
        ];
        let args: Vec<&std::ffi::OsStr> = pages.iter().map(std::ffi::OsStr::new).collect();
        let result = support::browser_script_with_headers("csp.mjs", &site.path().join("public"), &args, {
            let served = served.clone();
            move |path| {
                let mut headers = crate::netlify().headers(path);
                for (name, value) in &mut headers {
                    if name.eq_ignore_ascii_case("content-security-policy") {
                        value.clone_from(&served);
                    }
                }
                headers
            }
        });
        for page in ["home", "trek", "map", "search"] {
            let report = &result[page];
            assert_eq!(
                report["policy"],
                served.as_str(),
                "{page} served with the policy: {report}"
            );
            assert_eq!(report["violations"], serde_json::json!([]), "{page}: {report}");
            assert_eq!(report["csp"], serde_json::json!([]), "{page}: {report}");
            assert_eq!(report["errors"], serde_json::json!([]), "{page}: {report}");
            assert_eq!(report["styled"], true, "{page}: style.css applies: {report}");
        }
        let trek = &result["trek"];
        assert_eq!(trek["routes"], 1, "{trek}");
        assert!(
            trek["markers"].as_u64().unwrap() >= 2,
            "departure and more: {trek}"
        );
        let map = &result["map"];
        assert_eq!(map["markersLoaded"], 46, "{map}");
        assert_eq!(map["linesLoaded"], 46, "{map}");
        let images = map["images"].as_array().unwrap();
        assert!(!images.is_empty(), "single markers at that zoom: {map}");
        for image in images {
            assert!(
                image["src"]
                    .as_str()
                    .unwrap()
                    .contains("/vendor/leaflet/images/marker-icon"),
                "{image}"
            );
            assert_eq!(image["loaded"], true, "{image}");
        }
        let search = &result["search"];
        assert_eq!(search["failed"], serde_json::Value::Null, "{search}");
        assert!(search["count"].as_u64().unwrap() >= 1, "{search}");
        assert!(search["results"].as_u64().unwrap() >= 1, "{search}");
        assert!(search["markersShown"].as_u64().unwrap() >= 1, "{search}");
    }
}

#[test]
fn the_nightly_example_caches_the_snapshot_and_runs_commands_that_exist() {
    let text = std::fs::read_to_string(repo().join("examples/nightly.yml")).unwrap();
    assert!(!text.contains('\t'), "YAML is indented with spaces");
    for needed in [
        "schedule:",
        "cron:",
        "workflow_dispatch:",
        "actions/checkout@",
        "actions/cache@",
        "restore-keys:",
        "secrets.NETLIFY_AUTH_TOKEN",
        "secrets.NETLIFY_SITE_ID",
    ] {
        assert!(text.contains(needed), "{needed}");
    }
    // The directory the cache keeps is the one pull and build use.
    let cached = text
        .lines()
        .map(str::trim)
        .find_map(|l| {
            l.strip_prefix("path: ")
                .filter(|p| !p.starts_with('|') && !p.contains('~'))
        })
        .expect("the cache's path");
    let commands: Vec<Vec<&str>> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("run: sentier "))
        .map(|c| c.split_whitespace().collect())
        .collect();
    let verbs: Vec<&str> = commands.iter().map(|c| c[0]).collect();
    assert_eq!(verbs, ["pull", "build"]);
    for command in &commands {
        sentier::cli::Cli::try_parse_from(std::iter::once("sentier").chain(command.iter().copied()))
            .unwrap_or_else(|e| panic!("sentier {}: {e}", command.join(" ")));
        let snapshot = command
            .iter()
            .position(|a| *a == "--snapshot")
            .expect("--snapshot");
        assert_eq!(command[snapshot + 1], cached, "sentier {}", command.join(" "));
    }
    // sentier is installed with a profile its manifest defines.
    let install: Vec<&str> = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("run: cargo install "))
        .expect("sentier installed with cargo")
        .split_whitespace()
        .collect();
    let profile = install
        .iter()
        .position(|a| *a == "--profile")
        .map(|i| install[i + 1])
        .expect("--profile");
    let manifest: toml::Table = std::fs::read_to_string(repo().join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        manifest["profile"].get(profile).is_some(),
        "profile {profile} in Cargo.toml"
    );
    let deploy = text
        .lines()
        .find(|l| l.contains("netlify-cli") && l.contains(" deploy "))
        .expect("a netlify deploy");
    assert!(deploy.contains("--prod"), "{deploy}");
    assert!(
        deploy.contains("--no-build"),
        "built above, not by Netlify's CLI: {deploy}"
    );
    assert!(
        deploy.contains(&format!("--dir {}", default_output_dir())),
        "it deploys what build wrote: {deploy}"
    );
}
