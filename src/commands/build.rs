//! `sentier build`: source → select → render → atomic swap into the output directory.

use std::time::Instant;

use anyhow::{Context, Result};

use crate::cli::BuildArgs;
use crate::config::Source;
use crate::config::{Config, Overrides};
use crate::output::{self, Marker, Staging};
use crate::printer::Printer;
use crate::render::{self, Renderer, Theme};
use crate::{content, select};

pub fn run(args: &BuildArgs, printer: &Printer) -> Result<()> {
    let started = Instant::now();
    let overrides = Overrides {
        api: args.source.api.clone(),
        snapshot: args.snapshot.clone(),
        base_url: args.base_url.clone(),
    };
    let config = Config::load(&args.source.config, &overrides)?;
    let theme = Theme::load(&config.root, &config.theme)?;
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

    let snapshot = super::load_snapshot(&config, printer)?;
    let dataset = super::decode(&snapshot, &config, args.source.strict, printer)?;
    let api = url::Url::parse(&snapshot.manifest.api).ok();
    let context = select::Context {
        today: snapshot.manifest.fetched_at.date_naive(),
        api: api.as_ref(),
    };
    drop(snapshot);
    let sites = select::select(&dataset, &config, &context);

    let content = content::load(&config)?;
    let previous_redirects = render::redirects::previous(&args.output_dir);
    let inputs = render::Inputs {
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
    let written = Renderer::new(&inputs).run(&jobs, staging.path())?;
    crate::fs::write(
        &staging.path().join(output::SITE_MARKER),
        concat!("built by sentier ", env!("CARGO_PKG_VERSION"), "\n").as_bytes(),
    )?;
    staging
        .commit()
        .with_context(|| format!("cannot replace {}", args.output_dir.display()))?;

    let per_language: Vec<String> = sites
        .iter()
        .map(|s| format!("{} {}", s.treks.len(), s.lang))
        .collect();
    printer.info(format!(
        "built {written} files (treks: {}) into {} in {:.2} s",
        per_language.join(", "),
        args.output_dir.display(),
        started.elapsed().as_secs_f64()
    ));
    Ok(())
}
