//! A new site that builds at once: `config.toml` with every key explained, a home page, empty
//! `templates/` and `static/` to override the theme, and a snapshot to build from (the sample
//! one) unless the site reads an API.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::fs;

const CONFIG: &str = include_str!("config.toml");

const HOME: &str = "+++
title = \"Welcome\"
description = \"Walks and hikes, with maps, downloads and search.\"
+++
This text is `content/_index.md`: write the home page's introduction here, in Markdown. Other
Markdown files in `content/` become pages of their own (`content/about.md` is `/about/`), and
`content/_index.en.md` is the home page in English.
";

/// The sample site's snapshot, so that a new site builds offline at once.
#[derive(rust_embed::Embed)]
#[folder = "sample/snapshot/"]
struct SampleSnapshot;

#[derive(Debug, Error)]
pub enum ScaffoldError {
    #[error("{} already exists; sentier init does not overwrite files (nothing was written)", .0.display())]
    Exists(PathBuf),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Where the new site's data comes from.
pub enum Data<'a> {
    /// A copy of the sample snapshot, in `snapshot/`.
    Sample,
    /// A Geotrek API v2 URL.
    Api(&'a str),
}

/// Creates the site in `dir` (created if needed) and returns the files written.
pub fn create(dir: &Path, data: Data) -> Result<Vec<PathBuf>, ScaffoldError> {
    let mut files: Vec<(PathBuf, std::borrow::Cow<'static, [u8]>)> = vec![
        (dir.join("config.toml"), config_text(&data).into_bytes().into()),
        (dir.join("content/_index.md"), HOME.as_bytes().into()),
    ];
    if let Data::Sample = data {
        for name in SampleSnapshot::iter() {
            let file = SampleSnapshot::get(&name).expect("an embedded file");
            files.push((dir.join("snapshot").join(name.as_ref()), file.data));
        }
    }
    // Checked before anything is written, so that a refusal leaves nothing half-made.
    let mut taken: Vec<PathBuf> = vec![dir.join("config.toml"), dir.join("content/_index.md")];
    if let Data::Sample = data {
        taken.push(dir.join("snapshot"));
    }
    if let Some(path) = taken.into_iter().find(|p| p.exists()) {
        return Err(ScaffoldError::Exists(path));
    }
    for (path, bytes) in &files {
        fs::write(path, bytes)?;
    }
    for folder in ["templates", "static"] {
        fs::create_dir_all(&dir.join(folder))?;
    }
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

fn config_text(data: &Data) -> String {
    let source = match data {
        Data::Sample => "# The sample data (the Écrins national park and Geotrek-admin's multilingual samples),\n\
                         # pulled from a Geotrek API; replace with `api = \"https://your-geotrek-admin/api/v2/\"`.\n\
                         snapshot = \"snapshot\""
            .to_string(),
        Data::Api(api) => format!(
            "# The Geotrek-admin instance. `sentier pull --snapshot DIR` saves its data for offline builds.\n\
             api = \"{api}\"\n\
             # snapshot = \"snapshot\""
        ),
    };
    CONFIG.replace("{{SOURCE}}", &source)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Overrides};

    #[test]
    fn the_new_config_loads_with_either_source() {
        for data in [Data::Sample, Data::Api("https://geotrek.example.org/api/v2/")] {
            let dir = tempfile::tempdir().unwrap();
            create(dir.path(), data).unwrap();
            let config = Config::load(&dir.path().join("config.toml"), &Overrides::default()).unwrap();
            assert_eq!(config.languages, ["fr", "en"]);
        }
    }

    /// Every key the config accepts is explained: uncommenting them all gives a config that
    /// loads, and each table's keys, as serde lists them, appear in it.
    #[test]
    fn the_new_config_explains_every_key() {
        let api = Data::Api("https://geotrek.example.org/api/v2/");
        // `snapshot` stays commented: a source is an API or a snapshot.
        let explained = config_text(&api);
        let uncommented: String = explained
            .lines()
            .map(|line| match line.strip_prefix("# ") {
                Some(rest) if is_key_line(rest) && !rest.starts_with("snapshot") => rest.to_string(),
                _ => line.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        let root = Path::new("/site");
        Config::parse(
            &uncommented,
            Path::new("/site/config.toml"),
            root,
            &Overrides::default(),
        )
        .unwrap_or_else(|e| panic!("the uncommented config does not load: {e}"));

        for table in [
            "",
            "source",
            "source.include",
            "pages",
            "maps",
            "search",
            "maps.tiles",
        ] {
            let probe = insert_unknown_key(&uncommented, table);
            let error = Config::parse(
                &probe,
                Path::new("/site/config.toml"),
                root,
                &Overrides::default(),
            )
            .expect_err("an unknown key is an error")
            .to_string();
            let expected = error
                .split_once("expected one of ")
                .unwrap_or_else(|| panic!("no list of keys in: {error}"))
                .1;
            for key in expected
                .split(", ")
                .map(|k| k.trim_matches(|c: char| !c.is_alphanumeric() && c != '_'))
            {
                let documented = explained
                    .lines()
                    .map(|l| l.strip_prefix("# ").unwrap_or(l))
                    .any(|l| {
                        l.starts_with(&format!("{key} ="))
                            || l == format!("[{table}.{key}]")
                            || l == format!("[{key}]")
                            || l == format!("[[{table}.{key}]]")
                    });
                assert!(
                    documented,
                    "`{table}.{key}` is not explained in the new site's config.toml"
                );
            }
        }
    }

    fn is_key_line(text: &str) -> bool {
        let key = text.split(" = ").next().unwrap_or_default();
        (text.contains(" = ") && key.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            || text.starts_with("[[")
            || text.starts_with("[extra.")
    }

    /// The config with `zz_unknown` added to `table` ("" for the top level).
    fn insert_unknown_key(config: &str, table: &str) -> String {
        let header = match table {
            "" => return format!("zz_unknown = 1\n{config}"),
            "maps.tiles" => "[[maps.tiles]]".to_string(),
            _ => format!("[{table}]"),
        };
        config.replacen(&format!("{header}\n"), &format!("{header}\nzz_unknown = 1\n"), 1)
    }

    #[test]
    fn existing_files_are_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/_index.md"), "mine").unwrap();
        let error = create(dir.path(), Data::Sample).unwrap_err();
        assert!(error.to_string().contains("_index.md already exists"), "{error}");
        assert!(!dir.path().join("config.toml").exists(), "nothing was written");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("content/_index.md")).unwrap(),
            "mine"
        );
    }
}
