//! `phaen check`: read and check plan files without writing anything.

use std::path::PathBuf;
use std::process::ExitCode;

use phaen::template::Templates;

/// Arguments of `phaen check`.
#[derive(clap::Args)]
pub struct Args {
    /// Plan files (YAML).
    #[arg(required = true)]
    plans: Vec<PathBuf>,
    /// Folder of templates that take precedence over the built-in ones.
    #[arg(long)]
    templates: Option<PathBuf>,
}

/// Prints the findings of a checked file; returns its exit code
/// (0 clean or warnings only, 1 errors in the input, 2 the file could not be read).
pub fn report(checked: &phaen::Checked) -> u8 {
    for d in &checked.diagnostics {
        eprint!("{}", d.render(checked.source.as_deref()));
    }
    if checked.io_error {
        2
    } else if checked.has_errors() {
        1
    } else {
        0
    }
}

/// Runs the command.
pub fn run(args: Args) -> ExitCode {
    let templates = Templates { dir: args.templates };
    let mut code = 0;
    for path in &args.plans {
        let checked = phaen::check(path, &templates);
        let c = report(&checked);
        if c == 0 {
            let warnings = checked.diagnostics.len();
            eprintln!("{}: ok{}", path.display(), if warnings > 0 { format!(" ({warnings} warning{})", if warnings == 1 { "" } else { "s" }) } else { String::new() });
        }
        code = code.max(c);
    }
    ExitCode::from(code)
}
