//! `sentier init [DIR]`: a new site that builds at once.

use anyhow::{Context, Result};

use crate::cli::InitArgs;
use crate::printer::Printer;
use crate::scaffold::{self, Data};

pub fn run(args: &InitArgs, printer: &Printer) -> Result<()> {
    let data = match &args.api {
        Some(api) => {
            url::Url::parse(api).with_context(|| format!("--api {api:?} is not a URL"))?;
            Data::Api(api)
        }
        None => Data::Sample,
    };
    let files = scaffold::create(&args.dir, data)
        .with_context(|| format!("cannot create a site in {}", args.dir.display()))?;
    let dir = args.dir.display();
    printer.info(format!(
        "created a site in {dir} ({} files): `cd {dir} && sentier build` writes it into public/, `sentier serve` previews it",
        files.len()
    ));
    Ok(())
}
