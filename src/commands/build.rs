//! `sentier build`: source → select → render → atomic swap into the output directory.

use std::time::Instant;

use anyhow::{Context, Result};

use crate::cli::BuildArgs;
use crate::config::{Config, Overrides};
use crate::output::{self, Staging};
use crate::printer::Printer;
use crate::render::{self, Renderer, Theme};
use crate::select;

pub fn run(args: &BuildArgs, printer: &Printer) -> Result<()> {
    let started = Instant::now();
    let overrides = Overrides {
        api: args.source.api.clone(),
        snapshot: args.snapshot.clone(),
        base_url: args.base_url.clone(),
    };
    let config = Config::load(&args.source.config, &overrides)?;
    output::check_output_dir(&args.output_dir, &config.root)?;
    let theme = Theme::load(&config.root, &config.theme)?;

    let snapshot = super::load_snapshot(&config, printer)?;
    let dataset = super::decode(&snapshot, &config, args.source.strict, printer)?;
    drop(snapshot);
    let sites = select::select(&dataset, &config);

    let staging = Staging::beside(&args.output_dir).with_context(|| {
        format!(
            "cannot prepare the output directory {}",
            args.output_dir.display()
        )
    })?;
    let renderer = Renderer::new(&config, &theme, &sites);
    let written = renderer.run(&render::jobs(&sites, &theme), staging.path())?;
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
