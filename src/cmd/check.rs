//! `phaen check`: read and check plan files without writing anything.

use std::path::PathBuf;
use std::process::ExitCode;

use phaen::template::Templates;

/// Arguments of `phaen check`.
#[derive(clap::Args)]
pub struct Args {
    /// Plan files (YAML), folders of plans, or patterns such as `plans/*.yaml`.
    #[arg(required = true)]
    plans: Vec<PathBuf>,
    /// Folder of templates that take precedence over the built-in ones.
    #[arg(long)]
    templates: Option<PathBuf>,
}

/// Prints the findings of a checked file; returns its exit code
/// (0 clean or warnings only, 1 errors in the input, 2 the file could not be read).
pub fn report(checked: &phaen::Checked) -> u8 {
    let (text, code) = report_text(checked);
    eprint!("{text}");
    code
}

/// The findings of a checked file as text, and its exit code (see [`report`]).
pub fn report_text(checked: &phaen::Checked) -> (String, u8) {
    let text: String = checked.diagnostics.iter().map(|d| d.render(checked.source.as_deref())).collect();
    let code = if checked.io_error {
        2
    } else if checked.has_errors() {
        1
    } else {
        0
    };
    (text, code)
}

/// Runs the command.
pub fn run(args: Args) -> ExitCode {
    let plans = match crate::cmd::inputs::plans(&args.plans, args.templates.as_deref()) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let templates = Templates { dir: args.templates };
    let mut code = 0;
    for path in &plans {
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
