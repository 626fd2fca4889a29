//! `sentier serve`: builds the site into a temporary directory, serves it on 127.0.0.1, and
//! after each change to a source rebuilds what changed and reloads the open pages.
//!
//! A site whose source is the API is pulled once, at start: a rebuild after each save must not
//! wait for the network. Restarting pulls again.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use anyhow::{Context, Result};

use super::build::Selection;
use crate::cli::{BuildArgs, ServeArgs};
use crate::config::{Config, Source};
use crate::printer::{Printer, Verbosity};
use crate::serve::{router, LiveSite, SourceWatcher, Sources};

enum Wake {
    Changed,
    Quit,
}

pub fn run(args: &ServeArgs, verbosity: Verbosity) -> Result<()> {
    let printer = Printer::new(verbosity);
    let work = tempfile::Builder::new()
        .prefix("sentier-serve-")
        .tempdir()
        .context("cannot create a temporary directory to build into")?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(("127.0.0.1", args.port)))
        .with_context(|| format!("cannot listen on 127.0.0.1:{}", args.port))?;
    let address = listener
        .local_addr()
        .context("cannot read the server's address")?;

    let snapshot = match &args.snapshot {
        Some(dir) => Some(dir.clone()),
        None => pull_once(args, work.path(), &printer)?,
    };
    let build_args = BuildArgs {
        source: args.source.clone(),
        output_dir: work.path().join("site"),
        snapshot,
        base_url: Some(format!("http://{address}/")),
        full: false,
        report: None,
    };

    let (wake, woken) = mpsc::channel();
    let changed = wake.clone();
    let mut watcher = SourceWatcher::new(sources(&build_args), move || {
        let _ = changed.send(Wake::Changed);
    })
    .context("cannot watch the site's files")?;
    let site = LiveSite::new(build_args.output_dir.clone());
    // Kept between builds: a save that changes no data skips decoding and selecting.
    let mut selection = Selection::default();
    build(&build_args, verbosity, &site, &mut selection);

    let server = router(site.clone());
    runtime.spawn(async move {
        if let Err(error) = axum::serve(listener, server).await {
            eprintln!("error: the server stopped: {error}");
        }
    });
    runtime.spawn(async move {
        let _ = tokio::signal::ctrl_c().await;
        let _ = wake.send(Wake::Quit);
    });
    printer.info(format!(
        "serving http://{address}/ (rebuilds and reloads on save; Ctrl-C stops)"
    ));

    while let Ok(Wake::Changed) = woken.recv() {
        // Changes that arrived during the last build are covered by the next one.
        if woken.try_iter().any(|w| matches!(w, Wake::Quit)) {
            break;
        }
        printer.info("change detected, rebuilding");
        build(&build_args, verbosity, &site, &mut selection);
        if let Err(error) = watcher.follow(sources(&build_args)) {
            eprintln!("warning: cannot watch a new folder: {error}");
        }
    }
    runtime.shutdown_background();
    printer.info("stopped");
    Ok(())
}

/// One build into the served directory; its error, if any, goes to the terminal and the pages.
fn build(args: &BuildArgs, verbosity: Verbosity, site: &LiveSite, selection: &mut Selection) {
    // A new printer: warnings are counted per build.
    let printer = Printer::new(verbosity);
    match super::build::run_with(args, &printer, selection) {
        Ok(()) => site.built(None),
        Err(error) => {
            eprintln!("error: {error:#}");
            site.built(Some(format!("{error:#}")));
        }
    }
}

/// What to watch, read from the config as the build will read it.
fn sources(args: &BuildArgs) -> Sources {
    match Config::load(&args.source.config, &super::build::overrides(args)) {
        Ok(config) => Sources::of(&config),
        Err(_) => Sources::config_only(&args.source.config),
    }
}

/// Pulls an API source into `work/snapshot`; `None` for a snapshot source.
fn pull_once(args: &ServeArgs, work: &Path, printer: &Printer) -> Result<Option<PathBuf>> {
    let overrides = crate::config::Overrides {
        api: args.source.api.clone(),
        ..Default::default()
    };
    let config = Config::load(&args.source.config, &overrides)?;
    let Some(Source::Api(api)) = &config.source else {
        return Ok(None);
    };
    let snapshot = super::pull_from(&config, api, printer, None)?;
    let dir = work.join("snapshot");
    snapshot
        .write(&dir)
        .with_context(|| format!("cannot write the snapshot {}", dir.display()))?;
    Ok(Some(dir))
}
