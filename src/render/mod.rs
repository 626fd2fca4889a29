//! Views → files. Every output is a [`Job`] in one flat list over frozen data; the list runs in
//! one parallel loop and every job writes through [`SiteWriter::write`]. Rendering never fetches and
//! never looks anything up by id: the views already hold what a page shows.
//!
//! Output paths come from ids, slugs and fixed names only, never from raw API text.

mod filters;
pub mod hashed_assets;
mod jobs;
mod maps;
pub mod redirects;
mod seo;
mod sitemap;
pub mod theme;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use thiserror::Error;

use crate::assets::{downloads, map, search};
use crate::config::{extra_as_json, Config};
use crate::content::Content;
use crate::fingerprint::{Digest, Fingerprint};
use crate::model::trek_route::TrekRoute;
use crate::output::{SiteWriter, Written};
use crate::select::LanguageSite;
pub use jobs::{jobs, Job, Page, PageJob};
pub use theme::Theme;

#[derive(Debug, Error)]
pub enum RenderError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Theme(String),
    #[error("template {template}: {message}")]
    Template { template: String, message: String },
    #[error("{0}")]
    Conflict(String),
}

/// Everything the jobs read, frozen before the parallel loop.
pub struct Inputs<'a> {
    pub config: &'a Config,
    pub theme: &'a Theme,
    pub sites: &'a [LanguageSite],
    pub content: &'a Content,
    /// Redirects carried over from the previous build (old slugs).
    pub previous_redirects: &'a [redirects::Redirect],
}

/// What every template receives as `site`.
#[derive(Serialize)]
struct SiteContext<'a> {
    title: &'a str,
    base_url: &'a str,
    lang: &'a str,
    root: &'a str,
    default_language: &'a str,
    languages: Vec<&'a str>,
    menu: &'a [crate::select::MenuEntry],
    practices: Vec<PracticeLink<'a>>,
    /// Whether the lists of each family have any entry in this language.
    has: Families,
    /// The search page, when search is on.
    search: Option<String>,
    /// The site's Markdown pages in this language, by weight.
    pages: Vec<PageLinkContext<'a>>,
    /// The logo, favicon, stylesheet, theme colour and footer links of `[extra]`.
    branding: BrandingContext<'a>,
    extra: std::collections::BTreeMap<String, serde_json::Value>,
}

#[derive(Serialize)]
struct BrandingContext<'a> {
    /// URLs, each set only when `[extra]` sets it.
    logo: Option<&'a str>,
    favicon: Option<&'a str>,
    /// The custom properties' stylesheet, to link after the theme's.
    stylesheet: Option<&'a str>,
    /// `[extra.colors] primary`, for `<meta name="theme-color">`.
    theme_color: Option<&'a str>,
    footer_links: Vec<FooterLinkContext<'a>>,
}

#[derive(Serialize)]
struct FooterLinkContext<'a> {
    /// In the page's language, else the default language's (with its `lang`).
    title: TextContext<'a>,
    url: &'a str,
}

/// The shape of [`crate::select::Local`]: the `local` macros take either.
#[derive(Serialize)]
struct TextContext<'a> {
    text: &'a str,
    lang: Option<&'a str>,
}

#[derive(Serialize)]
struct PracticeLink<'a> {
    id: u64,
    name: &'a crate::select::Local,
    pictogram: &'a str,
    url: &'a str,
    /// The search page showing this practice's treks, when search is on.
    search_url: Option<String>,
    count: usize,
}

#[derive(Serialize)]
struct PageLinkContext<'a> {
    title: &'a str,
    url: &'a str,
    /// Set when the title is the default language's (the translation fallback).
    lang: Option<&'a str>,
}

#[derive(Serialize)]
struct Families {
    treks: bool,
    contents: bool,
    events: bool,
    sites: bool,
    courses: bool,
    flat_pages: bool,
}

pub struct Renderer<'a> {
    inputs: &'a Inputs<'a>,
    /// Per language (same order as `sites`): the context every page of it starts from.
    shared: Vec<tera::Context>,
    /// Per language: the theme's UI strings.
    strings: Vec<std::collections::BTreeMap<String, String>>,
    /// Per language: the map controls' labels.
    map_labels: Vec<serde_json::Value>,
    /// Per language: trek id → index in `treks`.
    trek_index: Vec<std::collections::HashMap<u64, usize>>,
    /// What every output depends on: sentier, the config, the theme's strings and static files
    /// (each page adds its templates').
    render_fingerprint: Fingerprint,
    /// Per language: the above and the language's shared context.
    shared_fingerprint: Vec<Fingerprint>,
}

/// A worker's copies of the languages' shared contexts: a page's values go in for its
/// rendering and come out after it. Cloning the shared context for every page, and dropping
/// it, was a thirtieth of a full build.
type SharedCopies = Vec<Option<tera::Context>>;

impl<'a> Renderer<'a> {
    pub fn new(inputs: &'a Inputs<'a>) -> Self {
        let strings: Vec<_> = inputs
            .sites
            .iter()
            .map(|site| inputs.theme.strings(&site.lang, &inputs.config.default_language))
            .collect();
        let shared: Vec<tera::Context> = inputs
            .sites
            .iter()
            .zip(&strings)
            .map(|(site, strings)| {
                let mut context = tera::Context::new();
                context.insert("site", &site_context(inputs, site));
                context.insert("t", strings);
                context.insert("lang", &site.lang);
                context.insert("trek_sections", &inputs.config.pages.trek_sections);
                context
            })
            .collect();
        let map_labels = strings.iter().map(maps::labels).collect();
        let trek_index = inputs
            .sites
            .iter()
            .map(|site| {
                site.treks
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (t.card.id, i))
                    .collect()
            })
            .collect();
        let mut render_fingerprint = Fingerprint::new();
        render_fingerprint
            .text(env!("CARGO_PKG_VERSION"))
            .text(&inputs.config.fingerprint_text())
            .text(&inputs.theme.files_fingerprint);
        let shared_fingerprint = shared
            .iter()
            .map(|context: &tera::Context| {
                let mut fingerprint = render_fingerprint.clone();
                fingerprint.value(&context.clone().into_json());
                fingerprint
            })
            .collect();
        Renderer {
            inputs,
            render_fingerprint,
            shared_fingerprint,
            shared,
            strings,
            map_labels,
            trek_index,
        }
    }

    /// Runs every job in parallel, each writing through `writer` and calling `done` when
    /// finished; returns every file written.
    pub fn run(
        &self,
        jobs: &[Job],
        writer: &SiteWriter,
        done: &(dyn Fn() + Sync),
    ) -> Result<Vec<Written>, RenderError> {
        let pages: Vec<&PageJob> = jobs
            .iter()
            .filter_map(|j| match j {
                Job::Page(page) => Some(page),
                _ => None,
            })
            .collect();
        let alternates = seo::alternate_index(&pages);
        let languages: Vec<&str> = self.inputs.sites.iter().map(|s| s.lang.as_str()).collect();
        let written: Vec<Vec<Written>> = jobs
            .par_iter()
            .map_init(
                || vec![None; self.shared.len()],
                |copies, job| -> Result<Vec<Written>, RenderError> {
                    let written = self.run_job(job, writer, &pages, &alternates, &languages, copies);
                    done();
                    written
                },
            )
            .collect::<Result<_, _>>()?;
        Ok(written.into_iter().flatten().collect())
    }

    fn run_job(
        &self,
        job: &Job,
        writer: &SiteWriter,
        pages: &[&PageJob],
        alternates: &seo::AlternateIndex,
        languages: &[&str],
        copies: &mut SharedCopies,
    ) -> Result<Vec<Written>, RenderError> {
        let write = |path: &str, bytes: &[u8], inputs: Option<Digest>| {
            writer.write(path, bytes, inputs).map_err(RenderError::from)
        };
        match job {
            Job::Page(page) => {
                let path = relative(&page.output_path());
                // Most pages of an incremental build are reused: their values are only
                // fingerprinted, and turned into template values for the others.
                if writer.may_reuse(&path) {
                    let inputs = self.page_context(page, alternates, false).fingerprint.finish();
                    if let Some(reused) = writer.reuse(&path, &inputs) {
                        return Ok(vec![reused]);
                    }
                }
                let context = self.page_context(page, alternates, true);
                let inputs = context.fingerprint.finish();
                let html = self.render_page(page, context, copies)?;
                Ok(vec![write(&path, html.as_bytes(), Some(inputs))?])
            }
            Job::Static { source, to } => Ok(vec![write(
                &relative(to),
                &self.inputs.theme.read_static(source)?,
                None,
            )?]),
            Job::Fingerprinted { to, bytes } => Ok(vec![write(&relative(to), bytes, None)?]),
            Job::Sitemaps => sitemap::sitemaps(&self.inputs.config.base_url, pages, languages)
                .iter()
                .map(|(name, xml)| write(name, xml.as_bytes(), None))
                .collect(),
            Job::Download { format, treks } => {
                let mut geometry_part = GeometryPart::new(treks.len() > 1);
                treks
                    .iter()
                    .map(|&(site, trek)| {
                        let site = &self.inputs.sites[site];
                        let path = format!(
                            "{}{}.{format}",
                            trek.card.url.trim_start_matches('/'),
                            trek.card.slug
                        );
                        let inputs = self.download_inputs(site, trek, format);
                        if let Some(reused) = writer.reuse(&path, &inputs) {
                            return Ok(reused);
                        }
                        let bytes = self.download(site, trek, format, &mut geometry_part)?;
                        write(&path, &bytes, Some(inputs))
                    })
                    .collect()
            }
            Job::MapFiles { site } => {
                let global_map = maps::global_map(&self.inputs.sites[*site]);
                let mut inputs = self.render_fingerprint.clone();
                inputs.text("global map");
                global_map.fingerprint(&mut inputs);
                let inputs = inputs.finish();
                if let Some(kept) = writer.reuse_all(&global_map.dir(), &inputs) {
                    return Ok(kept);
                }
                global_map
                    .files()
                    .iter()
                    .map(|(path, json)| write(path, json.as_bytes(), Some(inputs.clone())))
                    .collect()
            }
            Job::SearchIndex { site } => {
                let strings = &self.strings[*site];
                let site = &self.inputs.sites[*site];
                let word = |key: &str| strings.get(key).map(String::as_str).unwrap_or_default();
                let words = search::Words {
                    day: word("duration_day"),
                    days: word("duration_days"),
                };
                let dir = format!("{}search/", site.root.trim_start_matches('/'));
                // One language's index changes when its texts do: the others are kept.
                let mut inputs = self.render_fingerprint.clone();
                inputs
                    .text("search index")
                    .text(&site.lang)
                    .text(words.day)
                    .text(words.days)
                    .value(&site.search);
                let inputs = inputs.finish();
                if let Some(kept) = writer.reuse_all(&dir, &inputs) {
                    return Ok(kept);
                }
                let files = search::build(&site.search, &site.lang, &self.inputs.config.search, &words);
                files
                    .iter()
                    .map(|(path, json)| write(&format!("{dir}{path}"), json.as_bytes(), Some(inputs.clone())))
                    .collect()
            }
            Job::Robots => Ok(vec![write(
                "robots.txt",
                sitemap::robots(&self.inputs.config.base_url).as_bytes(),
                None,
            )?]),
            Job::Redirects => {
                let text = redirects::netlify_file(self.inputs.sites, self.inputs.previous_redirects);
                Ok(vec![write("_redirects", text.as_bytes(), None)?])
            }
        }
    }

    /// What a page's template receives beyond the language's shared context (when
    /// `template_values`), and the fingerprint of everything it is rendered from.
    fn page_context(
        &self,
        job: &PageJob,
        alternates: &seo::AlternateIndex,
        template_values: bool,
    ) -> PageContext {
        let site = &self.inputs.sites[job.site];
        let template = job.template();
        let mut context = PageContext::new(
            &self.shared_fingerprint[job.site],
            self.inputs.theme.template_fingerprint(template),
            template_values,
        );
        let head = seo::head(
            self.inputs.config,
            self.inputs.sites,
            job,
            &self.strings[job.site],
            alternates,
        );
        context.insert("page", &head);
        // From the head, the page's own values, the config and the language: all fingerprinted.
        context.insert_derived("jsonld", || seo::json_ld(self.inputs.config, site, job, &head));
        match &job.page {
            Page::Home { intro } => {
                context.insert("intro", intro);
                context.insert(
                    "highlighted",
                    &site
                        .highlighted
                        .iter()
                        .map(|i| &site.treks[*i].card)
                        .collect::<Vec<_>>(),
                );
                let upcoming: Vec<_> = site
                    .upcoming
                    .iter()
                    .take(self.inputs.config.pages.upcoming_events)
                    .map(|i| &site.events[*i].card)
                    .collect();
                context.insert("upcoming_events", &upcoming);
                context.insert(
                    "treks",
                    &site
                        .treks
                        .iter()
                        .take(self.inputs.config.pages.list_page_size)
                        .map(|t| &t.card)
                        .collect::<Vec<_>>(),
                );
                context.insert(
                    "flat_pages",
                    &site.flat_pages.iter().map(|p| &p.card).collect::<Vec<_>>(),
                );
            }
            Page::Trek(view) => {
                context.insert("trek", view);
                // No route, no map: the page then loads no map script either.
                if view.geometry.is_some() {
                    let labels = &self.map_labels[job.site];
                    let index = &self.trek_index[job.site];
                    let data = maps::trek(self.inputs.config, site, index, view, labels);
                    context.insert_with("map_data", &data, || map::inline_json(&data));
                }
            }
            Page::Content(view) => {
                context.insert("content", view);
                self.insert_place_map(&mut context, job.site, &view.card, view.location, &view.shape);
            }
            Page::Event(view) => {
                context.insert("event", view);
                self.insert_place_map(&mut context, job.site, &view.card, view.location, &view.shape);
            }
            Page::Site(view) => {
                context.insert("outdoor_site", view);
                self.insert_place_map(&mut context, job.site, &view.card, view.location, &view.shape);
            }
            Page::Course(view) => {
                context.insert("course", view);
                self.insert_place_map(&mut context, job.site, &view.card, view.location, &view.shape);
            }
            Page::Map => context.insert(
                "map_data",
                &maps::overview(self.inputs.config, site, &self.map_labels[job.site]),
            ),
            Page::Search => {
                let labels = &self.map_labels[job.site];
                let strings = &self.strings[job.site];
                context.insert(
                    "map_data",
                    &maps::search(self.inputs.config, site, labels, strings),
                );
            }
            Page::Information(view) => context.insert("flat_page", view),
            Page::List(list) => context.insert("list", list),
            Page::Markdown(page) => context.insert("content_page", page),
            Page::NotFound => {}
        }
        context
    }

    fn render_page(
        &self,
        job: &PageJob,
        page: PageContext,
        copies: &mut SharedCopies,
    ) -> Result<String, RenderError> {
        let shared = &self.shared[job.site];
        let context = copies[job.site].get_or_insert_with(|| shared.clone());
        context.extend(page.context);
        let template = job.template();
        let html = self.inputs.theme.tera.render(template, context);
        // The next page on this worker sees the shared values alone again.
        for key in page.keys {
            debug_assert!(shared.get(key).is_none(), "page value {key} hides a shared one");
            context.remove(key);
        }
        html.map_err(|e| RenderError::Template {
            template: template.to_string(),
            message: theme::error_chain(&e),
        })
    }
}

/// A trek's geometry and the part of its download written from it alone
/// ([`downloads::Part`]), kept for the trek's download in its next language.
struct GeometryPart {
    geometry: Option<Arc<TrekRoute>>,
    part: downloads::Part,
    /// Whether the trek has a download in another language to copy the part into.
    shared: bool,
}

impl GeometryPart {
    fn new(shared: bool) -> Self {
        GeometryPart {
            geometry: None,
            part: downloads::Part::new(shared),
            shared,
        }
    }

    /// The part kept for `geometry`; a new one when it was kept for another geometry.
    fn of(&mut self, geometry: &Arc<TrekRoute>) -> &mut downloads::Part {
        if !self
            .geometry
            .as_ref()
            .is_some_and(|kept| Arc::ptr_eq(kept, geometry))
        {
            self.geometry = Some(Arc::clone(geometry));
            self.part = downloads::Part::new(self.shared);
        }
        &mut self.part
    }
}

fn site_context<'a>(inputs: &'a Inputs, site: &'a LanguageSite) -> SiteContext<'a> {
    let (config, sites) = (inputs.config, inputs.sites);
    SiteContext {
        pages: inputs
            .content
            .pages
            .iter()
            .filter(|p| p.lang == site.lang)
            .map(|p| PageLinkContext {
                title: &p.title,
                url: &p.url,
                lang: p.text_lang.as_deref(),
            })
            .collect(),
        title: &config.title,
        base_url: &config.base_url,
        lang: &site.lang,
        root: &site.root,
        default_language: &config.default_language,
        languages: sites.iter().map(|s| s.lang.as_str()).collect(),
        menu: &site.menu,
        practices: site
            .practices
            .iter()
            .map(|p| PracticeLink {
                id: p.practice.id,
                name: &p.practice.name,
                pictogram: &p.practice.pictogram,
                url: &p.url,
                search_url: config
                    .search
                    .enabled
                    .then(|| format!("{}search/?practices={}", site.root, p.practice.id)),
                count: p.treks.len(),
            })
            .collect(),
        has: Families {
            treks: !site.treks.is_empty(),
            contents: !site.contents.is_empty(),
            events: !site.events.is_empty(),
            sites: !site.sites.is_empty(),
            courses: !site.courses.is_empty(),
            flat_pages: !site.flat_pages.is_empty(),
        },
        search: config.search.enabled.then(|| format!("{}search/", site.root)),
        branding: BrandingContext {
            logo: inputs.theme.branding.logo.as_deref(),
            favicon: inputs.theme.branding.favicon.as_deref(),
            stylesheet: inputs.theme.branding.stylesheet.as_deref(),
            theme_color: config.branding.theme_color(),
            footer_links: config
                .branding
                .footer_links
                .iter()
                .map(|link| {
                    let (text, lang) = link.title.get(&site.lang, &config.default_language);
                    FooterLinkContext {
                        title: TextContext { text, lang },
                        url: &link.url,
                    }
                })
                .collect(),
        },
        extra: extra_as_json(&config.extra),
    }
}

impl Renderer<'_> {
    /// The map of a content, event, outdoor site or course page.
    fn insert_place_map(
        &self,
        context: &mut PageContext,
        site: usize,
        card: &crate::select::Card,
        location: Option<[f64; 2]>,
        shape: &crate::assets::map::Shape,
    ) {
        let data = maps::place(
            self.inputs.config,
            &card.name.text,
            location,
            shape,
            &self.map_labels[site],
        );
        context.insert("map_data", &data);
    }

    /// The fingerprint of what [`Renderer::download`] reads.
    fn download_inputs(&self, site: &LanguageSite, trek: &crate::select::TrekView, format: &str) -> Digest {
        let mut fingerprint = self.render_fingerprint.clone();
        fingerprint.text(&site.lang).text(format).value(&(
            trek.card.id,
            &trek.card.url,
            &trek.card.name.text,
            &trek.plain_description,
            (trek.card.length_m, trek.card.duration_hours),
            (trek.card.ascent_m, trek.descent_m),
            trek.card.practice.as_ref().map(|p| &p.name.text),
        ));
        if let Some(profile) = &trek.profile {
            fingerprint.text(profile.route_digest());
        }
        fingerprint.finish()
    }

    /// A trek's download in one format; `geometry_part` is kept from, or for, its download in
    /// another language.
    fn download(
        &self,
        site: &LanguageSite,
        trek: &crate::select::TrekView,
        format: &str,
        geometry_part: &mut GeometryPart,
    ) -> Result<Vec<u8>, RenderError> {
        let Some(route) = &trek.geometry else {
            return Ok(Vec::new());
        };
        let part = geometry_part.of(route);
        let geometry = route.geometry();
        let url = format!("{}{}", self.inputs.config.base_url, trek.card.url);
        let described = downloads::Described {
            name: &trek.card.name.text,
            description: &trek.plain_description,
            url: &url,
        };
        Ok(match format {
            "gpx" => downloads::gpx(&described, geometry, part)
                .map_err(|e| RenderError::Theme(format!("trek {}: {e}", trek.card.id)))?,
            "kml" => downloads::kml(&described, geometry, part)
                .map_err(|e| RenderError::Theme(format!("trek {}: {e}", trek.card.id)))?,
            _ => {
                let mut properties = serde_json::Map::new();
                properties.insert("id".into(), trek.card.id.into());
                properties.insert("language".into(), site.lang.clone().into());
                for (key, value) in [
                    ("length_m", trek.card.length_m),
                    ("duration_hours", trek.card.duration_hours),
                    ("ascent_m", trek.card.ascent_m),
                    ("descent_m", trek.descent_m),
                ] {
                    if let Some(value) = value {
                        properties.insert(key.into(), value.into());
                    }
                }
                if let Some(practice) = &trek.card.practice {
                    properties.insert("practice".into(), practice.name.text.clone().into());
                }
                downloads::geojson(&described, geometry, properties, part)
            }
        })
    }
}

/// A page's own template values, fingerprinted as they are inserted: the fingerprint covers
/// the template, the language's shared context and every value, so two pages with the same
/// fingerprint render to the same bytes.
struct PageContext {
    context: tera::Context,
    /// The keys of `context`, taken out of a worker's shared copy after rendering.
    keys: Vec<&'static str>,
    fingerprint: Fingerprint,
    /// Whether values go into `context` too, or are only fingerprinted.
    template_values: bool,
}

impl PageContext {
    /// `template` is the fingerprint of the page's template and the templates it uses.
    fn new(shared: &Fingerprint, template: &str, template_values: bool) -> Self {
        let mut fingerprint = shared.clone();
        fingerprint.text(template);
        PageContext {
            context: tera::Context::new(),
            keys: Vec::new(),
            fingerprint,
            template_values,
        }
    }

    fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.fingerprint.text(key).value(value);
        if self.template_values {
            self.context.insert(key, value);
            self.keys.push(key);
        }
    }

    /// `template` made from `fingerprinted`, which is cheaper to fingerprint.
    fn insert_with<T: Serialize, U: Serialize>(
        &mut self,
        key: &'static str,
        fingerprinted: &T,
        template: impl FnOnce() -> U,
    ) {
        self.fingerprint.text(key).value(fingerprinted);
        if self.template_values {
            self.context.insert(key, &template());
            self.keys.push(key);
        }
    }

    /// A value that only depends on what the page's fingerprint already covers: made for the
    /// template, never for the fingerprint. Building the JSON-LD of every page that was then
    /// reused was a thirtieth of a one-trek rebuild.
    fn insert_derived<T: Serialize>(&mut self, key: &'static str, value: impl FnOnce() -> T) {
        if self.template_values {
            self.context.insert(key, &value());
            self.keys.push(key);
        }
    }
}

/// An output path as the build record keys it: relative, `/`-separated.
fn relative(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// `/en/trek/2-boucle/` → `en/trek/2-boucle/index.html`.
fn url_to_file(url: &str) -> PathBuf {
    Path::new(url.trim_start_matches('/')).join("index.html")
}
