//! Atomic output: everything is written into a staging directory beside the target, and the
//! target is replaced only when the whole result is complete. A failed build or pull leaves the
//! previous site or snapshot untouched and removes its staging directory.

use std::io;
use std::path::{Path, PathBuf};

use crate::fs;

/// A staging directory that is deleted on drop unless [`Staging::commit`] swapped it in.
#[derive(Debug)]
pub struct Staging {
    staging: PathBuf,
    target: PathBuf,
    committed: bool,
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
        fs::create_dir_all(parent)?;
        let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging)?;
        }
        fs::create_dir_all(&staging)?;
        Ok(Staging {
            staging,
            target,
            committed: false,
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
        }
    }
}

/// Refuses an output directory that would swallow the site itself: replacing it would delete
/// the config, content or theme it was built from.
pub fn check_output_dir(output: &Path, site_root: &Path) -> io::Result<()> {
    let output = std::path::absolute(output)?;
    let site_root = std::path::absolute(site_root)?;
    if site_root.starts_with(&output) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "refusing to write the site into {}: it contains the site's own files ({})",
                output.display(),
                site_root.display()
            ),
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
    fn the_site_directory_is_refused_as_output() {
        assert!(check_output_dir(Path::new("/site"), Path::new("/site")).is_err());
        assert!(check_output_dir(Path::new("/"), Path::new("/site")).is_err());
        assert!(check_output_dir(Path::new("/site/public"), Path::new("/site")).is_ok());
    }
}
