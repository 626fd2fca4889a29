//! Command-line definitions. Verbs appear here only once they work.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "sentier",
    version,
    about = "Build a hiking portal as a static website from a Geotrek instance"
)]
pub struct Cli {
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print every request and stage detail.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output directory (from the API, or from a snapshot offline).
    Build(BuildArgs),
    /// Fetch everything the site needs from the API and write it as a snapshot.
    Pull(PullArgs),
    /// Build the site, serve it on 127.0.0.1, and rebuild and reload open pages on every save.
    Serve(ServeArgs),
    /// Create a new site that builds at once (from the sample data, or from --api URL).
    Init(InitArgs),
    /// Write a sentier site from a Geotrek-rando v3 `customization/` folder, listing what
    /// could not be carried over.
    ImportRando(ImportRandoArgs),
}

#[derive(Debug, Clone, Args)]
pub struct SourceArgs {
    /// The site's configuration file.
    #[arg(short, long, default_value = "config.toml")]
    pub config: PathBuf,
    /// Geotrek API to use instead of `[source] api` (https://host/api/v2/).
    #[arg(long, value_name = "URL")]
    pub api: Option<String>,
    /// Make undecodable objects an error instead of a warning.
    #[arg(long)]
    pub strict: bool,
    /// Exit with an error, leaving the output untouched, when there was any warning.
    #[arg(long)]
    pub fail_on_warnings: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Where to write the site.
    #[arg(short, long, default_value = "public", value_name = "DIR")]
    pub output_dir: PathBuf,
    /// Build from this snapshot, with no network access.
    #[arg(long, value_name = "DIR", conflicts_with = "api")]
    pub snapshot: Option<PathBuf>,
    /// Public URL of the site, instead of `base_url`.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Render every page, even those whose inputs did not change since the last build, and
    /// compute what is drawn from each route and what lies near it again instead of taking
    /// them from `.sentier-cache/`.
    #[arg(long)]
    pub full: bool,
    /// Also write the build report as JSON to this file.
    #[arg(long, value_name = "FILE")]
    pub report: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct PullArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Directory to write the snapshot to (replaced atomically). When it holds a snapshot of
    /// the same API and query, only what changed since is asked for.
    #[arg(long, value_name = "DIR")]
    pub snapshot: PathBuf,
    /// Pull everything, even when the snapshot directory could be updated incrementally.
    #[arg(long)]
    pub full: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Serve this snapshot, with no network access.
    #[arg(long, value_name = "DIR", conflicts_with = "api")]
    pub snapshot: Option<PathBuf>,
    /// Port to listen on, on 127.0.0.1 (0 picks a free one).
    #[arg(short, long, default_value_t = 1111)]
    pub port: u16,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to create the site (created if needed; existing files are never overwritten).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The Geotrek API to build from (https://host/api/v2/), instead of a copy of the sample data.
    #[arg(long, value_name = "URL")]
    pub api: Option<String>,
}

#[derive(Debug, Args)]
pub struct ImportRandoArgs {
    /// The Geotrek-rando v3 `customization/` folder (or the directory holding it).
    pub dir: PathBuf,
    /// Where to write the site; existing files are never overwritten.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub out: PathBuf,
}
