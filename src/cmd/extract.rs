//! `phaen extract`: write back the plan (and template) a PDF carries.
//!
//! Every PDF phaen builds embeds the plan file it was built from, byte for
//! byte, and the template when it came from a templates folder; an archived
//! PDF alone is enough to rebuild the plan or start next year's.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use phaen::render::pdf::extract;

/// Arguments of `phaen extract`.
#[derive(clap::Args)]
pub struct Args {
    /// A PDF built by phaen.
    pub pdf: PathBuf,
    /// Folder to write the files to [default: the current folder].
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Replace files that already exist.
    #[arg(long)]
    pub force: bool,
}

/// Runs the command: exit 0 when the files were written, 1 when the PDF
/// carries none, 2 when a file could not be read or written.
pub fn run(args: Args) -> ExitCode {
    let bytes = match std::fs::read(&args.pdf) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", args.pdf.display());
            return ExitCode::from(2);
        }
    };
    // a damaged file must give a message, not a crash of the PDF reader
    std::panic::set_hook(Box::new(|_| {}));
    let read = std::panic::catch_unwind(|| extract::embedded_files(&bytes));
    let _ = std::panic::take_hook();
    let files = match read.unwrap_or_else(|_| Err("the file is damaged: its structure cannot be read".into())) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {}: {e}", args.pdf.display());
            return ExitCode::from(2);
        }
    };
    if files.is_empty() {
        eprintln!("error: {} carries no plan file", args.pdf.display());
        eprintln!("  = note: PDFs built by phaen carry the plan they were built from; this one was made by another program or edited since");
        return ExitCode::from(1);
    }
    let dir = args.output.clone().unwrap_or_else(|| PathBuf::from("."));
    let target = |name: &str| -> PathBuf { name.split('/').fold(dir.clone(), |p, part| p.join(part)) };
    // refuse before writing anything
    if !args.force {
        let existing: Vec<PathBuf> = files.iter().map(|f| target(&f.name)).filter(|p| p.exists()).collect();
        if !existing.is_empty() {
            for p in &existing {
                eprintln!("error: {} already exists", p.display());
            }
            eprintln!("  = help: choose another folder with `-o FOLDER`, or replace the files with `--force`");
            return ExitCode::from(2);
        }
    }
    let mut template_dir = None;
    for f in &files {
        let path = target(&f.name);
        if let Err(e) = crate::cmd::build::write_atomic(&path, &f.data) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
        eprintln!("wrote {} ({} bytes)", path.display(), f.data.len());
        if f.name.starts_with("templates/") {
            template_dir = Some(dir.join("templates"));
        }
    }
    if let (Some(t), Some(plan)) = (template_dir, files.iter().find(|f| !f.name.contains('/'))) {
        eprintln!("  = note: build it with `phaen build {} --templates {}`", show(&dir.join(&plan.name)), show(&t));
    }
    ExitCode::SUCCESS
}

fn show(p: &Path) -> String {
    let s = p.display().to_string();
    if s.contains(' ') {
        format!("\"{s}\"")
    } else {
        s
    }
}
