//! `sentier build`: source → select → render → atomic swap into the output directory.
//!
//! Incremental: when the output directory holds a site this sentier built, its record says what
//! each file was rendered from. Unchanged inputs overall mean nothing to do; otherwise outputs
//! whose inputs are unchanged are not rendered, and only files whose bytes changed are written
//! (see `output::writer`). `--full` renders everything.

use std::collections::HashSet;
use std::sync::Arc;

use anyhow::{bail, Context, Result};

use crate::cli::BuildArgs;
use crate::config::Source;
use crate::config::{Config, Overrides};
use crate::fingerprint::{Digest, Fingerprint};
use crate::model::trek_route::RouteFile;
use crate::output::{self, BuildRecord, Marker, PreviousSite, SiteWriter, Staging};
use crate::printer::Printer;
use crate::render::{self, Renderer, Theme};
use crate::report::{BuildReport, Stages};
use crate::select::Caches;
use crate::snapshot::{self, Manifest};
use crate::{content, fs, select};

/// What the command line changes in the config.
pub fn overrides(args: &BuildArgs) -> Overrides {
    Overrides {
        api: args.source.api.clone(),
        snapshot: args.snapshot.clone(),
        base_url: args.base_url.clone(),
    }
}

pub fn run(args: &BuildArgs, printer: &Printer) -> Result<()> {
    let mut selection = Selection::default();
    let result = run_with(args, printer, &mut selection);
    // The process ends after this build: freeing every view one by one took a tenth of a
    // second at 5,000 treks, for memory the system takes back at exit anyway.
    std::mem::forget(selection);
    result
}

/// The selected sites of the last build and the data they were selected from, kept between the
/// builds of one process (`sentier serve`): a save that changes no data, only a template or a
/// page, skips reading, decoding and selecting the snapshot.
#[derive(Default)]
pub struct Selection {
    data: Option<Digest>,
    sites: Vec<select::LanguageSite>,
    /// The file the sites' routes left undecoded are read from.
    route_file: Option<Arc<RouteFile>>,
}

/// [`run`], reusing `selection` when the data it was made from is unchanged, and leaving this
/// build's in it.
pub fn run_with(args: &BuildArgs, printer: &Printer, selection: &mut Selection) -> Result<()> {
    let mut stages = Stages::new();
    let config = Config::load(&args.source.config, &overrides(args))?;
    // Independent reads, side by side: the theme's templates, the previous site's record and
    // the snapshot's fingerprint.
    let (theme, (previous, data)) = rayon::join(
        || Theme::load(&config.root, &config.theme, &config.branding),
        || (PreviousSite::read(&args.output_dir), data_fingerprint(&config)),
    );
    let theme = theme?;
    let mut protected = vec![
        config.path.clone(),
        config.root.join("content"),
        config.root.join("templates"),
        config.root.join("static"),
    ];
    protected.extend(theme.directory.clone());
    if let Some(Source::Snapshot(dir)) = &config.source {
        protected.push(dir.clone());
    }
    let protected: Vec<&std::path::Path> = protected.iter().map(|p| p.as_path()).collect();
    output::check_target(&args.output_dir, Marker::Site, &protected)?;
    let output_name = args.output_dir.display().to_string();

    let data = data?;
    let inputs = match &data {
        Some(data) => Some(inputs_fingerprint(data, &config, &theme)?),
        None => None,
    };
    stages.lap("config");
    if let (Some(inputs), Some(previous), false) = (&inputs, &previous, args.full) {
        if previous.record.inputs.as_ref() == Some(inputs) {
            let mut report = BuildReport::nothing_changed(output_name, &previous.record);
            return finish(&mut report, &stages, args, printer);
        }
    }

    let cache_dir = config.root.join(select::CACHE_DIR);
    let (sites, route_file) = match std::mem::take(selection) {
        Selection {
            data: Some(kept),
            sites,
            route_file,
        } if Some(&kept) == data.as_ref() => (sites, route_file),
        _ => {
            // The routes an earlier build decoded need not be decoded again unless used.
            let known_routes = if args.full {
                HashSet::new()
            } else {
                select::cache::known_routes(&cache_dir)
            };
            let (manifest, decoded) = match &config.source {
                // Read file by file as it is decoded: the "decode" stage includes the reading.
                Some(Source::Snapshot(dir)) => {
                    let files = super::open_snapshot(dir, printer)?;
                    stages.lap("snapshot");
                    let decoded = crate::model::decode_files(&files, &known_routes)
                        .with_context(|| format!("cannot read the snapshot {}", dir.display()))?;
                    (files.manifest, decoded)
                }
                _ => {
                    let snapshot = super::load_snapshot(&config, printer)?;
                    stages.lap("pull");
                    (snapshot.manifest.clone(), crate::model::decode_owned(snapshot))
                }
            };
            let api = url::Url::parse(&manifest.api).ok();
            let today = manifest.fetched_at.date_naive();
            let dataset = super::decoded(decoded, &config, args.source.strict, printer)?;
            let context = select::Context {
                today,
                api: api.as_ref(),
            };
            stages.lap("decode");
            // Read after decoding, not meanwhile: at 20,000 treks, the caches and the snapshot's
            // largest file held together made the peak memory of a rebuild.
            let caches = if args.full {
                Caches::default()
            } else {
                Caches::load(&cache_dir, known_routes)
            };
            let route_file = dataset.route_file.clone();
            // Only a shortcut for the next build, and right whether this one succeeds or not,
            // unless a route could not be read again: what was drawn from it is not that route's.
            let keep = |caches: Caches| {
                if route_file.as_ref().is_some_and(|file| file.failure().is_some()) {
                    return;
                }
                if let Err(e) = caches.save(&cache_dir) {
                    printer.info(format!(
                        "cannot keep what was computed from the routes in {}: {e}",
                        cache_dir.display()
                    ));
                }
            };
            let sites = select::select(&dataset, &config, &context, caches, keep);
            dataset.free();
            (sites, route_file)
        }
    };
    let content = content::load(&config)?;
    stages.lap("select");

    let previous_redirects = render::redirects::previous(
        &args.output_dir,
        previous
            .as_ref()
            .map(|p| p.record.files.keys().map(String::as_str)),
    );
    let render_inputs = render::Inputs {
        config: &config,
        theme: &theme,
        sites: &sites,
        content: &content,
        previous_redirects: &previous_redirects,
    };
    let jobs = render::jobs(&config, &sites, &content, &theme)?;
    let staging = Staging::beside(&args.output_dir).with_context(|| {
        format!(
            "cannot prepare the output directory {}",
            args.output_dir.display()
        )
    })?;
    let writer = SiteWriter::new(staging.path(), previous.as_ref(), args.full);
    let progress = printer.progress("render", "outputs", Some(jobs.len() as u64));
    let written = Renderer::new(&render_inputs).run(&jobs, &writer, &|| progress.inc(1))?;
    drop(progress);
    stages.lap("render");
    if let Some(failure) = route_file.as_ref().and_then(|file| file.failure()) {
        bail!("{failure}: {} left unchanged", args.output_dir.display());
    }

    let warnings = printer.counts().values().sum::<usize>();
    if args.source.fail_on_warnings && warnings > 0 {
        bail!(
            "{warnings} warning(s) and --fail-on-warnings: {} left unchanged",
            args.output_dir.display()
        );
    }
    let mut record = BuildRecord::new(inputs);
    record.files = written
        .iter()
        .map(|w| (w.path.clone(), w.record.clone()))
        .collect();
    let removed = previous
        .as_ref()
        .map(|p| p.record.removed_in(&record))
        .unwrap_or_default();
    output::commit(staging, previous.as_ref(), &written, &removed, &record)
        .with_context(|| format!("cannot update {}", args.output_dir.display()))?;
    stages.lap("write");

    let mut report = BuildReport::new(
        output_name,
        &written,
        previous.as_ref().map(|p| &p.record),
        &removed,
    );
    let per_language: Vec<String> = sites
        .iter()
        .map(|s| format!("{} {}", s.treks.len(), s.lang))
        .collect();
    printer.info(format!(
        "built {} files (treks: {}) into {}",
        written.len(),
        per_language.join(", "),
        args.output_dir.display(),
    ));
    *selection = Selection {
        data,
        sites,
        route_file,
    };
    finish(&mut report, &stages, args, printer)
}

/// Prints the report and writes it where `--report` says.
fn finish(report: &mut BuildReport, stages: &Stages, args: &BuildArgs, printer: &Printer) -> Result<()> {
    report.finish(stages, &printer.counts());
    printer.info(report.summary());
    if let Some(path) = &args.report {
        fs::write(path, &report.to_json()).context("cannot write the build report")?;
    }
    Ok(())
}

/// Everything a build reads: the data's fingerprint, the theme and the site's overrides, and
/// `content/`.
fn inputs_fingerprint(data: &Digest, config: &Config, theme: &Theme) -> Result<Digest> {
    let mut fingerprint = Fingerprint::new();
    fingerprint.text(data).text(&theme.fingerprint);
    fingerprint.directory(&config.root.join("content"))?;
    Ok(fingerprint.finish())
}

/// What the selected sites are made from, when the build reads only local files: sentier, the
/// config (with the command line's overrides) and the snapshot. `None` when the data comes from
/// the API: it is only known after pulling.
fn data_fingerprint(config: &Config) -> Result<Option<Digest>> {
    let Some(Source::Snapshot(dir)) = &config.source else {
        return Ok(None);
    };
    let mut fingerprint = Fingerprint::new();
    fingerprint
        .text(env!("CARGO_PKG_VERSION"))
        .text(&config.fingerprint_text());
    // The manifest changes at every pull; what the build uses of it does not.
    // Without a readable manifest there is no snapshot: reading it will say so.
    let Some(manifest) = std::fs::read(dir.join(snapshot::MANIFEST))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok())
    else {
        return Ok(None);
    };
    fingerprint.value(&Manifest {
        fetched_at: manifest
            .fetched_at
            .date_naive()
            .and_time(chrono::NaiveTime::MIN)
            .and_utc(),
        requests: 0,
        sentier_version: String::new(),
        ..manifest
    });
    for entry in fs::files_under(dir)? {
        if entry.as_os_str() != snapshot::MANIFEST {
            fingerprint.text(&entry.to_string_lossy());
            let path = dir.join(&entry);
            std::fs::File::open(&path)
                .and_then(|file| fingerprint.reader(file).map(drop))
                .with_context(|| format!("cannot read {}", path.display()))?;
        }
    }
    Ok(Some(fingerprint.finish()))
}
