//! Atomic output: everything is written into a staging directory beside the target, and the
//! target is replaced only when the whole result is complete. A failed build or pull leaves the
//! previous site or snapshot untouched and removes its staging directory.

pub mod record;
pub mod writer;

use std::io;
use std::path::{Path, PathBuf};

use crate::fs;
pub use record::{BuildRecord, FileRecord};
pub use writer::{commit, Outcome, PreviousSite, SiteWriter, Written};

/// A staging directory that is deleted on drop unless [`Staging::commit`] swapped it in.
#[derive(Debug)]
pub struct Staging {
    staging: PathBuf,
    target: PathBuf,
    committed: bool,
    /// Ancestors of the target this run created, removed again if it fails.
    created: Vec<PathBuf>,
}

impl Staging {
    /// Creates `.<name>.staging-<pid>` in the target's parent directory: the same file system,
    /// so the final rename is atomic.
    pub fn beside(target: &Path) -> io::Result<Staging> {
        let target = std::path::absolute(target)?;
        let name = target
            .file_name()
            .ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("{} cannot be an output directory", target.display()),
                )
            })?
            .to_string_lossy()
            .into_owned();
        let parent = target.parent().unwrap_or(Path::new("/"));
        let created: Vec<PathBuf> = parent
            .ancestors()
            .take_while(|a| !a.exists())
            .map(Path::to_path_buf)
            .collect();
        fs::create_dir_all(parent)?;
        remove_abandoned_staging(parent, &name);
        let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging)?;
        }
        fs::create_dir_all(&staging)?;
        Ok(Staging {
            staging,
            target,
            committed: false,
            created,
        })
    }

    pub fn path(&self) -> &Path {
        &self.staging
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Replaces the target with the staging directory. The previous target is moved aside
    /// first (a directory cannot be renamed over a non-empty one) and removed after.
    pub fn commit(mut self) -> io::Result<()> {
        let name = self.target.file_name().unwrap_or_default().to_string_lossy();
        let previous = self
            .target
            .with_file_name(format!(".{name}.previous-{}", std::process::id()));
        let had_previous = self.target.exists();
        if had_previous {
            if previous.exists() {
                fs::remove_dir_all(&previous)?;
            }
            fs::rename(&self.target, &previous)?;
        }
        if let Err(error) = fs::rename(&self.staging, &self.target) {
            if had_previous {
                let _ = fs::rename(&previous, &self.target);
            }
            return Err(error);
        }
        self.committed = true;
        if had_previous {
            fs::remove_dir_all(&previous)?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
            // Deepest first; `remove_dir` leaves any directory something else wrote into.
            for dir in &self.created {
                let _ = std::fs::remove_dir(dir);
            }
        }
    }
}

/// Staging directories of runs that were killed (Ctrl-C, CI timeout) before they could clean
/// up: those whose process no longer exists. Without a process table to ask, none is touched.
fn remove_abandoned_staging(parent: &Path, name: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let prefix = format!(".{name}.staging-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = file_name
            .strip_prefix(&prefix)
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// What a directory must hold for sentier to replace it: proof that sentier wrote it.
#[derive(Debug, Clone, Copy)]
pub enum Marker {
    /// A built site, marked by [`SITE_MARKER`].
    Site,
    /// A snapshot, marked by its `manifest.json`.
    Snapshot,
}

/// Written at the root of every built site, so a later build knows the directory is its own.
pub const SITE_MARKER: &str = ".sentier";

impl Marker {
    fn file(self) -> &'static str {
        match self {
            Marker::Site => SITE_MARKER,
            Marker::Snapshot => crate::snapshot::MANIFEST,
        }
    }
}

/// Refuses a target that replacing would destroy something else: a directory holding any of
/// `protected` (the site's config, content, theme, the snapshot being read), or an existing,
/// non-empty directory that sentier did not write.
pub fn check_target(target: &Path, marker: Marker, protected: &[&Path]) -> io::Result<()> {
    let refuse = |why: String| Err(io::Error::new(io::ErrorKind::InvalidInput, why));
    let absolute = std::path::absolute(target)?;
    let resolved = absolute.canonicalize().unwrap_or_else(|_| absolute.clone());
    for path in protected {
        let path = std::path::absolute(path)?;
        let path = path.canonicalize().unwrap_or(path);
        if path.starts_with(&resolved) {
            return refuse(format!(
                "refusing to replace {}: it holds {}, which this run needs",
                target.display(),
                path.display()
            ));
        }
    }
    if resolved.is_file() {
        return refuse(format!("{} is a file, not a directory", target.display()));
    }
    let non_empty = std::fs::read_dir(&resolved).is_ok_and(|mut entries| entries.next().is_some());
    if non_empty && !resolved.join(marker.file()).is_file() {
        return refuse(format!(
            "refusing to replace {}: it is not empty and was not written by sentier (no {}); remove it or choose another directory",
            target.display(),
            marker.file()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_the_target_and_leaves_nothing_beside_it() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("public");
        fs::write(&target.join("old.html"), b"old").unwrap();
        let staging = Staging::beside(&target).unwrap();
        fs::write(&staging.path().join("new.html"), b"new").unwrap();
        staging.commit().unwrap();
        assert!(target.join("new.html").is_file());
        assert!(!target.join("old.html").exists());
        let names: Vec<_> = std::fs::read_dir(root.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["public"]);
    }

    #[test]
    fn dropped_staging_leaves_the_target_untouched() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("public");
        fs::write(&target.join("index.html"), b"previous").unwrap();
        {
            let staging = Staging::beside(&target).unwrap();
            fs::write(&staging.path().join("index.html"), b"half").unwrap();
        }
        assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"previous");
        assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_target_holding_protected_files_or_foreign_files_is_refused() {
        let root = tempfile::tempdir().unwrap();
        let site = root.path().join("site");
        fs::write(&site.join("config.toml"), b"").unwrap();
        let config = site.join("config.toml");
        assert!(check_target(&site, Marker::Site, &[&config]).is_err());
        assert!(check_target(root.path(), Marker::Site, &[&config]).is_err());
        assert!(
            check_target(&site.join("public"), Marker::Site, &[&config]).is_ok(),
            "absent"
        );
        fs::write(&site.join("docs/notes.txt"), b"mine").unwrap();
        let message = check_target(&site.join("docs"), Marker::Site, &[&config])
            .unwrap_err()
            .to_string();
        assert!(message.contains("not written by sentier"), "{message}");
        fs::write(&site.join("public/.sentier"), b"").unwrap();
        assert!(
            check_target(&site.join("public"), Marker::Site, &[&config]).is_ok(),
            "ours"
        );
        fs::write(&site.join("snap/manifest.json"), b"{}").unwrap();
        assert!(check_target(&site.join("snap"), Marker::Snapshot, &[&config]).is_ok());
    }

    #[test]
    fn a_failed_run_removes_the_directories_it_created() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("a/b/public");
        drop(Staging::beside(&target).unwrap());
        assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 0);
    }

    #[test]
    fn abandoned_staging_directories_are_removed() {
        let root = tempfile::tempdir().unwrap();
        // No process has pid 4194304 (above Linux's maximum).
        fs::create_dir_all(&root.path().join(".public.staging-4194304/trek")).unwrap();
        let staging = Staging::beside(&root.path().join("public")).unwrap();
        let names: Vec<_> = std::fs::read_dir(root.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        drop(staging);
    }
}
