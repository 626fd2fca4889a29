//! `sentier import-rando DIR`: a Geotrek-rando v3 `customization/` folder → a sentier site in
//! `--out` (config.toml, content, translations, static files), and the report of what could
//! not be carried over, printed and written beside `config.toml`.

use anyhow::Result;

use crate::cli::ImportRandoArgs;
use crate::import::rando;
use crate::printer::Printer;

pub fn run(args: &ImportRandoArgs, printer: &Printer) -> Result<()> {
    let customization = rando::read(&args.dir)?;
    let (plan, report) = rando::convert(&customization);
    let files = plan.files(&customization.dir, &report);
    rando::write(&args.out, &files)?;
    printer.info(format!(
        "imported {} into {}: {} files written",
        customization.dir.display(),
        args.out.display(),
        files.len()
    ));
    if report.not_carried.is_empty() {
        printer.info("every setting was carried over");
    } else {
        printer.info(format!(
            "{} setting(s) not carried over (also in {}):",
            report.not_carried.len(),
            args.out.join(rando::REPORT_FILE).display()
        ));
        for line in &report.not_carried {
            printer.info(format!("  {line}"));
        }
    }
    printer.info(format!(
        "build it with: sentier build --config {}",
        args.out.join("config.toml").display()
    ));
    Ok(())
}
