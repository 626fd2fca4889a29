//! One module per verb. Commands wire the stages together and own no logic.

pub mod build;
pub mod import_rando;
pub mod init;
pub mod pull;
pub mod serve;

use anyhow::{bail, Context, Result};

use crate::config::{Config, Source};
use crate::model::{self, Dataset, IssueKind};
use crate::printer::{Printer, WarningKind};
use crate::snapshot::{Snapshot, SnapshotFiles};
use crate::{fetch, printer};

/// Reads the snapshot or pulls from the API, whichever the config and flags chose.
pub fn load_snapshot(config: &Config, printer: &Printer) -> Result<Snapshot> {
    match &config.source {
        Some(Source::Snapshot(dir)) => {
            let files = open_snapshot(dir, printer)?;
            Snapshot::read_files(files).with_context(|| format!("cannot read the snapshot {}", dir.display()))
        }
        Some(Source::Api(api)) => pull_from(config, api, printer, None),
        None => bail!(
            "{}: no data source: set `api` or `snapshot` in [source], or pass --api URL or --snapshot DIR",
            config.path.display()
        ),
    }
}

/// Opens a snapshot directory (its manifest only) and says which it is.
pub fn open_snapshot(dir: &std::path::Path, printer: &Printer) -> Result<SnapshotFiles> {
    let files =
        SnapshotFiles::open(dir).with_context(|| format!("cannot read the snapshot {}", dir.display()))?;
    printer.info(format!(
        "snapshot {} ({}, pulled {})",
        dir.display(),
        files.manifest.api,
        files.manifest.fetched_at.format("%Y-%m-%d %H:%M UTC")
    ));
    Ok(files)
}

pub fn pull_from(
    config: &Config,
    api: &str,
    printer: &Printer,
    previous: Option<&Snapshot>,
) -> Result<Snapshot> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    Ok(runtime.block_on(fetch::pull(config, api, printer, previous))?)
}

/// Reports what decoding found, each object that could not be read or reference that is not an
/// id (with `strict`, the first is an error), and returns the dataset.
pub fn decoded(decoded: model::Decoded, config: &Config, strict: bool, printer: &Printer) -> Result<Dataset> {
    if strict {
        if let Some(first) = decoded.issues.first() {
            bail!(
                "{first} (and {} more issues; --strict makes them errors)",
                decoded.issues.len() - 1
            );
        }
    }
    for issue in &decoded.issues {
        let kind = match issue.kind {
            IssueKind::Skipped => WarningKind::Decode,
            IssueKind::BadReference => WarningKind::MissingReference,
        };
        printer.warn(kind, issue);
    }
    let missing = fetch::languages_missing(&config.languages, &decoded.dataset.languages);
    if !missing.is_empty() {
        printer.warn(
            printer::WarningKind::Data,
            format!(
                "{}: the instance has no content in {} (it has {}); those pages fall back to `translation_fallback`",
                config.path.display(),
                missing.into_iter().collect::<Vec<_>>().join(", "),
                decoded.dataset.languages.join(", ")
            ),
        );
    }
    Ok(decoded.dataset)
}
