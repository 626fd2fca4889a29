//! `sentier pull`: API → snapshot directory.

use anyhow::{Context, Result};

use crate::cli::PullArgs;
use crate::config::{Config, Overrides};
use crate::output::{self, Marker};
use crate::printer::Printer;
use crate::snapshot::Snapshot;

pub fn run(args: &PullArgs, printer: &Printer) -> Result<()> {
    let overrides = Overrides {
        api: args.source.api.clone(),
        ..Overrides::default()
    };
    let config = Config::load(&args.source.config, &overrides)?;
    let api = config.api_url()?;
    let protected = [
        config.path.as_path(),
        &config.root.join("content"),
        &config.root.join("themes"),
    ];
    output::check_target(&args.snapshot, Marker::Snapshot, &protected)?;
    let previous = if args.full || !args.snapshot.join(crate::snapshot::MANIFEST).is_file() {
        None
    } else {
        match Snapshot::read(&args.snapshot) {
            Ok(previous) => Some(previous),
            Err(error) => {
                printer.info(format!("{error}; pulling everything"));
                None
            }
        }
    };
    let snapshot = super::pull_from(&config, api, printer, previous.as_ref())?;
    drop(previous);
    // Decoding here reports undecodable objects now, not at the next build.
    super::decoded(
        crate::model::decode(&snapshot),
        &config,
        args.source.strict,
        printer,
    )?;
    let warnings = printer.counts().values().sum::<usize>();
    if args.source.fail_on_warnings && warnings > 0 {
        anyhow::bail!(
            "{warnings} warning(s) and --fail-on-warnings: {} left unchanged",
            args.snapshot.display()
        );
    }
    snapshot
        .write(&args.snapshot)
        .with_context(|| format!("cannot write the snapshot {}", args.snapshot.display()))?;
    printer.info(format!("snapshot written to {}", args.snapshot.display()));
    Ok(())
}
