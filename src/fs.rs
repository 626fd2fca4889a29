//! File-system calls that name the path in their error, so no caller has to remember to.

use std::io;
use std::path::Path;

fn with_path(error: io::Error, action: &str, path: &Path) -> io::Error {
    io::Error::new(
        error.kind(),
        format!("cannot {action} {}: {error}", path.display()),
    )
}

pub fn read_to_string(path: &Path) -> io::Result<String> {
    std::fs::read_to_string(path).map_err(|e| with_path(e, "read", path))
}

/// A large file's text, read in as many parts at once as there are worker threads: a large
/// instance's treks file is hundreds of megabytes, and reading it on one core, the kernel
/// copying it and mapping fresh memory for it, was a tenth of a one-trek rebuild. The file
/// stays open, for parts of it to be read again ([`read_exact_at`]) from the very file read,
/// even if another is written in its place meanwhile.
pub fn read_large_to_string(path: &Path) -> io::Result<(std::fs::File, String)> {
    let file = std::fs::File::open(path).map_err(|e| with_path(e, "read", path))?;
    let text = read_parts(&file).map_err(|e| with_path(e, "read", path))?;
    Ok((file, text))
}

#[cfg(not(unix))]
fn read_parts(mut file: &std::fs::File) -> io::Result<String> {
    use std::io::Read;
    let mut text = String::new();
    file.read_to_string(&mut text)?;
    Ok(text)
}

#[cfg(unix)]
fn read_parts(file: &std::fs::File) -> io::Result<String> {
    use rayon::prelude::*;
    use std::io::Read;
    use std::os::unix::fs::FileExt;
    const PART: usize = 16 << 20;
    let whole = |mut file: &std::fs::File| {
        use std::io::Seek;
        let mut text = String::new();
        file.seek(io::SeekFrom::Start(0))?;
        file.read_to_string(&mut text)?;
        Ok(text)
    };
    let len = file.metadata()?.len() as usize;
    if len <= PART {
        return whole(file);
    }
    let part = len.div_ceil(rayon::current_num_threads()).max(PART);
    let mut bytes = vec![0; len];
    bytes
        .par_chunks_mut(part)
        .enumerate()
        .try_for_each(|(i, chunk)| file.read_exact_at(chunk, (i * part) as u64))?;
    // A file that grew while it was read is read again whole, as one read would have seen it.
    if file.read_at(&mut [0], len as u64)? != 0 {
        return whole(file);
    }
    String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.utf8_error()))
}

/// `buffer.len()` bytes of `file` from `offset`.
#[cfg(unix)]
pub fn read_exact_at(file: &std::fs::File, buffer: &mut [u8], offset: u64, path: &Path) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buffer, offset).map_err(|e| with_path(e, "read", path))
}

/// `buffer.len()` bytes of `file` from `offset`.
#[cfg(not(unix))]
pub fn read_exact_at(
    mut file: &std::fs::File,
    buffer: &mut [u8],
    offset: u64,
    path: &Path,
) -> io::Result<()> {
    use std::io::{Read, Seek};
    // Seeking moves the position every reader of the handle shares: one at a time.
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    file.seek(io::SeekFrom::Start(offset))
        .and_then(|_| file.read_exact(buffer))
        .map_err(|e| with_path(e, "read", path))
}

pub fn read(path: &Path) -> io::Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| with_path(e, "read", path))
}

/// Writes `contents` at `path`, creating its directory when missing. The directory is created
/// after a first attempt fails: most files of a site share their directory with others, and
/// checking it before each of them was a fiftieth of a full build.
pub fn write(path: &Path, contents: &[u8]) -> io::Result<()> {
    match std::fs::write(path, contents) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => {
                create_dir_all(parent)?;
                std::fs::write(path, contents).map_err(|e| with_path(e, "write", path))
            }
            _ => Err(with_path(error, "write", path)),
        },
        result => result.map_err(|e| with_path(e, "write", path)),
    }
}

pub fn create_dir_all(path: &Path) -> io::Result<()> {
    std::fs::create_dir_all(path).map_err(|e| with_path(e, "create directory", path))
}

pub fn rename(from: &Path, to: &Path) -> io::Result<()> {
    std::fs::rename(from, to).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!("cannot rename {} to {}: {e}", from.display(), to.display()),
        )
    })
}

pub fn remove_dir_all(path: &Path) -> io::Result<()> {
    std::fs::remove_dir_all(path).map_err(|e| with_path(e, "remove", path))
}

pub fn remove_file(path: &Path) -> io::Result<()> {
    std::fs::remove_file(path).map_err(|e| with_path(e, "remove", path))
}

pub fn copy(from: &Path, to: &Path) -> io::Result<()> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| with_path(e, "copy", from))
}

/// Every regular file under `dir`, as paths relative to it, sorted; nothing when `dir` is absent.
pub fn files_under(dir: &Path) -> io::Result<Vec<std::path::PathBuf>> {
    let mut found = Vec::new();
    if !dir.is_dir() {
        return Ok(found);
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let entries = std::fs::read_dir(&current).map_err(|e| with_path(e, "list", &current))?;
        for entry in entries {
            let entry = entry.map_err(|e| with_path(e, "list", &current))?;
            let path = entry.path();
            let kind = entry.file_type().map_err(|e| with_path(e, "inspect", &path))?;
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() {
                if let Ok(relative) = path.strip_prefix(dir) {
                    found.push(relative.to_path_buf());
                }
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_file_read_in_parts_is_the_file() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("trek.json");
        // Over 40 MiB, with two- and three-byte characters where a part may end.
        let text = "[{\"name\": \"Crête de l'Éstive — 2 000 m\"},\n".repeat(1_100_000);
        std::fs::write(&path, &text).unwrap();
        assert!(text.len() > 40 << 20);
        let (file, read) = read_large_to_string(&path).unwrap();
        assert_eq!(read, text);
        // Read again in part from the file kept open, even once another replaced it.
        std::fs::write(root.path().join("other"), "x").unwrap();
        std::fs::rename(root.path().join("other"), &path).unwrap();
        let mut part = vec![0; 12];
        read_exact_at(&file, &mut part, 40 + 11, &path).unwrap();
        assert_eq!(part, text.as_bytes()[51..63]);
        let small = root.path().join("city.json");
        std::fs::write(&small, "[]\n").unwrap();
        assert_eq!(read_large_to_string(&small).unwrap().1, "[]\n");
        let error = read_exact_at(&file, &mut part, text.len() as u64 - 4, &path).unwrap_err();
        assert!(error.to_string().contains("trek.json"), "{error}");
        let mut broken = text.into_bytes();
        broken[30 << 20] = 0xff;
        std::fs::write(&path, &broken).unwrap();
        let error = read_large_to_string(&path).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        assert!(error.to_string().contains("trek.json"), "{error}");
        let missing = read_large_to_string(&root.path().join("poi.json")).unwrap_err();
        assert!(missing.to_string().contains("poi.json"), "{missing}");
    }

    #[test]
    fn write_creates_missing_directories_and_names_the_path_it_cannot_write() {
        let root = tempfile::tempdir().unwrap();
        let deep = root.path().join("trek/1-boucle/index.html");
        write(&deep, b"first").unwrap();
        write(&root.path().join("trek/1-boucle/boucle.gpx"), b"second").unwrap();
        assert_eq!(std::fs::read(&deep).unwrap(), b"first");
        write(&deep, b"again").unwrap();
        assert_eq!(std::fs::read(&deep).unwrap(), b"again");
        // A file where a directory should be.
        let error = write(&deep.join("below.html"), b"x").unwrap_err();
        assert!(error.to_string().contains("below.html"), "{error}");
    }
}
