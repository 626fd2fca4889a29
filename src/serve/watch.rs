//! Which files a site's build reads, and a watcher that reports when any of them changes.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify_debouncer_full::notify::{self, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

use crate::config::{Config, Source};

/// Editors save through these; a build must not read them, so they trigger none.
fn is_editor_scratch(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return true;
    };
    name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// The watcher reports absolute paths.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The sources of a build: the config file, and the folders whose files it reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sources {
    pub config: PathBuf,
    pub folders: Vec<PathBuf>,
}

impl Sources {
    /// From the loaded config (with the command line's overrides).
    pub fn of(config: &Config) -> Sources {
        let mut folders: Vec<PathBuf> = ["content", "templates", "static", "translations"]
            .iter()
            .map(|name| config.root.join(name))
            .collect();
        folders.push(config.root.join("themes").join(&config.theme));
        if let Some(Source::Snapshot(dir)) = &config.source {
            folders.push(dir.clone());
        }
        Sources {
            config: absolute(&config.path),
            folders: folders.iter().map(|f| absolute(f)).collect(),
        }
    }

    /// Only the config file: what is known when it does not load.
    pub fn config_only(config: &Path) -> Sources {
        Sources {
            config: absolute(config),
            folders: Vec::new(),
        }
    }

    pub fn concerns(&self, path: &Path) -> bool {
        !is_editor_scratch(path)
            && (path == self.config || self.folders.iter().any(|folder| path.starts_with(folder)))
    }
}

/// Watches a site's sources and calls `changed` after each burst of changes to them.
pub struct SourceWatcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    watched: Vec<PathBuf>,
    sources: std::sync::Arc<std::sync::RwLock<Sources>>,
}

impl SourceWatcher {
    pub fn new(sources: Sources, changed: impl Fn() + Send + 'static) -> notify::Result<SourceWatcher> {
        let shared = std::sync::Arc::new(std::sync::RwLock::new(sources.clone()));
        let filter = shared.clone();
        // Saving a file is often several events (write, rename, chmod) in a few milliseconds.
        let debouncer = new_debouncer(
            Duration::from_millis(80),
            None,
            move |result: DebounceEventResult| {
                let Ok(events) = result else { return };
                let sources = filter.read().unwrap_or_else(|e| e.into_inner());
                // The build reads the sources: opening and closing them is no change.
                if events
                    .iter()
                    .filter(|event| !matches!(event.kind, EventKind::Access(_)))
                    .flat_map(|event| event.paths.iter())
                    .any(|path| sources.concerns(path))
                {
                    changed();
                }
            },
        )?;
        let mut watcher = SourceWatcher {
            debouncer,
            watched: Vec::new(),
            sources: shared,
        };
        watcher.follow(sources)?;
        Ok(watcher)
    }

    /// Watches `sources` from now on: folders created since (a first `templates/`) and a theme
    /// switched in the config.
    pub fn follow(&mut self, sources: Sources) -> notify::Result<()> {
        // The config's folder, not recursively: the config file and folders appearing in it.
        let top = sources
            .config
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let mut wanted: Vec<(PathBuf, RecursiveMode)> = vec![(top, RecursiveMode::NonRecursive)];
        for folder in &sources.folders {
            if folder.is_dir() {
                wanted.push((folder.clone(), RecursiveMode::Recursive));
            } else if let Some(parent) = folder.parent().filter(|p| p.is_dir()) {
                // `themes/NAME` or a snapshot that does not exist yet: its parent says when it does.
                wanted.push((parent.to_path_buf(), RecursiveMode::NonRecursive));
            }
        }
        for (path, mode) in wanted {
            if !self.watched.contains(&path) {
                self.debouncer.watch(&path, mode)?;
                self.watched.push(path);
            }
        }
        *self.sources.write().unwrap_or_else(|e| e.into_inner()) = sources;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_and_no_editor_scratch_files_concern_a_build() {
        let sources = Sources {
            config: PathBuf::from("/site/config.toml"),
            folders: vec![
                PathBuf::from("/site/content"),
                PathBuf::from("/site/themes/default"),
            ],
        };
        assert!(sources.concerns(Path::new("/site/config.toml")));
        assert!(sources.concerns(Path::new("/site/content/about.md")));
        assert!(sources.concerns(Path::new("/site/themes/default/templates/trek.html")));
        assert!(!sources.concerns(Path::new("/site/public/index.html")));
        assert!(!sources.concerns(Path::new("/site/config.toml~")));
        assert!(!sources.concerns(Path::new("/site/content/.about.md.swp")));
        assert!(!sources.concerns(Path::new("/site/content/4913")));
        assert!(!sources.concerns(Path::new("/site/themes/other/templates/trek.html")));
    }
}
