//! What a build did, for people (a summary on stderr) and for pipelines (`--report FILE`, the
//! same as JSON): pages and files added, changed, removed and unchanged, what was rendered or
//! reused, warnings by kind, and the time of each stage.

use std::collections::BTreeMap;
use std::time::Instant;

use serde::Serialize;

use crate::output::{BuildRecord, Outcome, Written};
use crate::printer::WarningKind;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    pub unchanged: usize,
}

impl Counts {
    fn describe(&self) -> String {
        format!(
            "{} added, {} changed, {} removed, {} unchanged",
            self.added, self.changed, self.removed, self.unchanged
        )
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Stage {
    pub name: &'static str,
    pub seconds: f64,
}

/// Times consecutive stages: each [`Stages::lap`] closes the stage running since the last one.
#[derive(Debug)]
pub struct Stages {
    started: Instant,
    last: Instant,
    list: Vec<Stage>,
}

impl Default for Stages {
    fn default() -> Self {
        Self::new()
    }
}

impl Stages {
    pub fn new() -> Self {
        let now = Instant::now();
        Stages {
            started: now,
            last: now,
            list: Vec::new(),
        }
    }

    pub fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.list.push(Stage {
            name,
            seconds: round_ms(now.duration_since(self.last).as_secs_f64()),
        });
        self.last = now;
    }

    pub fn total_seconds(&self) -> f64 {
        round_ms(self.started.elapsed().as_secs_f64())
    }
}

fn round_ms(seconds: f64) -> f64 {
    (seconds * 1000.0).round() / 1000.0
}

#[derive(Debug, Clone, Serialize)]
pub struct BuildReport {
    pub sentier: &'static str,
    pub output: String,
    /// Whether a previous build of this output was found and used.
    pub incremental: bool,
    /// Whether the inputs were those of the previous build, so nothing was done at all.
    pub nothing_changed: bool,
    /// HTML pages.
    pub pages: Counts,
    /// Every file, pages included.
    pub files: Counts,
    /// Outputs rendered, and outputs reused from the previous build without rendering.
    pub rendered: usize,
    pub reused: usize,
    /// Bytes of the files written (not linked), and of the whole site.
    pub bytes_written: u64,
    pub bytes_total: u64,
    pub warnings: Warnings,
    pub stages: Vec<Stage>,
    pub seconds: f64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Warnings {
    pub total: usize,
    pub by_kind: BTreeMap<&'static str, usize>,
}

impl Warnings {
    pub fn from_counts(counts: &BTreeMap<WarningKind, usize>) -> Self {
        Warnings {
            total: counts.values().sum(),
            by_kind: counts.iter().map(|(kind, n)| (kind.key(), *n)).collect(),
        }
    }
}

fn is_page(path: &str) -> bool {
    path.ends_with(".html")
}

impl BuildReport {
    /// The report of a build that wrote `outputs`, after a previous build recorded in `previous`.
    /// `removed`: the previous build's files this one has not written
    /// ([`BuildRecord::removed_in`]).
    pub fn new(
        output: String,
        outputs: &[Written],
        previous: Option<&BuildRecord>,
        removed: &[&str],
    ) -> Self {
        let (mut pages, mut files) = (Counts::default(), Counts::default());
        let (mut rendered, mut reused, mut bytes_written, mut bytes_total) = (0, 0, 0, 0);
        for written in outputs {
            let bump = |counts: &mut Counts| match written.outcome {
                Outcome::Added => counts.added += 1,
                Outcome::Changed => counts.changed += 1,
                Outcome::Unchanged => counts.unchanged += 1,
            };
            bump(&mut files);
            if is_page(&written.path) {
                bump(&mut pages);
            }
            if written.rendered {
                rendered += 1;
            } else {
                reused += 1;
            }
            if written.outcome != Outcome::Unchanged {
                bytes_written += written.size;
            }
            bytes_total += written.size;
        }
        for path in removed {
            files.removed += 1;
            if is_page(path) {
                pages.removed += 1;
            }
        }
        BuildReport {
            sentier: env!("CARGO_PKG_VERSION"),
            output,
            incremental: previous.is_some(),
            nothing_changed: false,
            pages,
            files,
            rendered,
            reused,
            bytes_written,
            bytes_total,
            warnings: Warnings::default(),
            stages: Vec::new(),
            seconds: 0.0,
        }
    }

    /// The report of a build whose inputs were those of the previous one: every file kept.
    pub fn nothing_changed(output: String, previous: &BuildRecord) -> Self {
        let pages = previous.files.keys().filter(|p| is_page(p)).count();
        BuildReport {
            nothing_changed: true,
            pages: Counts {
                unchanged: pages,
                ..Counts::default()
            },
            files: Counts {
                unchanged: previous.files.len(),
                ..Counts::default()
            },
            ..BuildReport::new(output, &[], None, &[])
        }
    }

    pub fn finish(&mut self, stages: &Stages, warnings: &BTreeMap<WarningKind, usize>) {
        self.stages = stages.list.clone();
        self.seconds = stages.total_seconds();
        self.warnings = Warnings::from_counts(warnings);
    }

    /// The summary printed at the end of a build.
    pub fn summary(&self) -> String {
        let mut lines = Vec::new();
        if self.nothing_changed {
            lines.push(format!(
                "{}: nothing changed since the last build ({} pages, {} files kept)",
                self.output, self.pages.unchanged, self.files.unchanged
            ));
        } else {
            lines.push(format!("pages: {}", self.pages.describe()));
            lines.push(format!(
                "files: {}; rendered {}, reused {}; {} written of {}",
                self.files.describe(),
                self.rendered,
                self.reused,
                human_bytes(self.bytes_written),
                human_bytes(self.bytes_total)
            ));
        }
        if self.warnings.total > 0 {
            let kinds: Vec<String> = self
                .warnings
                .by_kind
                .iter()
                .map(|(kind, n)| format!("{n} {kind}"))
                .collect();
            lines.push(format!(
                "warnings: {} ({})",
                self.warnings.total,
                kinds.join(", ")
            ));
        }
        let stages: Vec<String> = self
            .stages
            .iter()
            .map(|s| format!("{} {:.2} s", s.name, s.seconds))
            .collect();
        lines.push(format!(
            "time: {}; total {:.2} s",
            stages.join(", "),
            self.seconds
        ));
        lines.join("\n")
    }

    pub fn to_json(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).expect("a report serializes");
        bytes.push(b'\n');
        bytes
    }
}

fn human_bytes(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{:.1} GiB", b as f64 / (1u64 << 30) as f64),
        b if b >= 1 << 20 => format!("{:.1} MiB", b as f64 / (1u64 << 20) as f64),
        b if b >= 1 << 10 => format!("{:.1} KiB", b as f64 / 1024.0),
        b => format!("{b} B"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::FileRecord;

    fn written(path: &str, outcome: Outcome, rendered: bool) -> Written {
        Written {
            path: path.into(),
            record: FileRecord {
                bytes: "x".into(),
                inputs: None,
            },
            outcome,
            size: 10,
            rendered,
        }
    }

    #[test]
    fn counts_follow_outcomes_and_the_previous_record() {
        let mut previous = BuildRecord::new(None);
        for path in ["a/index.html", "b/index.html", "gone/index.html", "gone.gpx"] {
            previous.files.insert(
                path.into(),
                FileRecord {
                    bytes: "x".into(),
                    inputs: None,
                },
            );
        }
        let outputs = [
            written("a/index.html", Outcome::Unchanged, false),
            written("b/index.html", Outcome::Changed, true),
            written("c/index.html", Outcome::Added, true),
            written("c.gpx", Outcome::Added, true),
        ];
        let mut current = BuildRecord::new(None);
        for output in &outputs {
            current.files.insert(output.path.clone(), output.record.clone());
        }
        let removed = previous.removed_in(&current);
        let report = BuildReport::new("public".into(), &outputs, Some(&previous), &removed);
        let counts = |added, changed, removed, unchanged| Counts {
            added,
            changed,
            removed,
            unchanged,
        };
        assert_eq!(report.pages, counts(1, 1, 1, 1));
        assert_eq!(report.files, counts(2, 1, 2, 1));
        assert_eq!((report.rendered, report.reused), (3, 1));
        assert_eq!((report.bytes_written, report.bytes_total), (30, 40));
        assert!(report
            .summary()
            .contains("pages: 1 added, 1 changed, 1 removed, 1 unchanged"));
    }
}
