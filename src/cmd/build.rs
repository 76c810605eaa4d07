//! `phaen build`: plan files → PDF and DOCX in an output folder.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use phaen::render::pdf::{self, text::Typesetter};
use phaen::template::Templates;

/// Arguments of `phaen build`.
#[derive(clap::Args)]
pub struct Args {
    /// Plan files (YAML).
    #[arg(required = true)]
    plans: Vec<PathBuf>,
    /// Folder the documents are written to.
    #[arg(short, long, default_value = "out")]
    output: PathBuf,
    /// Folder of templates that take precedence over the built-in ones.
    #[arg(long)]
    templates: Option<PathBuf>,
    /// Which documents to write.
    #[arg(long, value_enum, default_value_t = Format::All)]
    format: Format,
}

/// Output formats.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// PDF only.
    Pdf,
    /// DOCX only.
    Docx,
    /// PDF and DOCX.
    All,
}

/// Runs the command; exit code 0 when every plan was built, 1 when a plan has
/// errors, 2 when files could not be read or written. The checks of `phaen
/// check` run first; a plan with errors writes nothing.
pub fn run(args: Args) -> ExitCode {
    let templates = Templates { dir: args.templates.clone() };
    let ts = Typesetter::new();
    let mut code = 0u8;
    for path in &args.plans {
        let start = Instant::now();
        let checked = phaen::check(path, &templates);
        let c = crate::cmd::check::report(&checked);
        let Some((doc, tpl)) = checked.document.filter(|_| c == 0) else {
            code = code.max(c.max(1));
            continue;
        };
        match write_documents(path, &args.output, &doc, &tpl, &ts, args.format, start) {
            Ok(written) => {
                for (file, secs) in written {
                    eprintln!("wrote {} ({:.2} s)", file.display(), secs);
                }
            }
            Err((c, msg)) => {
                eprintln!("error: {msg}");
                code = code.max(c);
            }
        }
    }
    ExitCode::from(code)
}

fn write_documents(path: &Path, out: &Path, doc: &phaen::doc::Document, tpl: &phaen::template::Template, ts: &Typesetter, format: Format, start: Instant) -> Result<Vec<(PathBuf, f64)>, (u8, String)> {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "plan".into());
    // render everything first, so a failure writes nothing
    let mut files = Vec::new();
    if format != Format::Docx {
        let (bytes, laid) = pdf::render_laid(doc, ts, pdf::Options { timeline: tpl.timeline.style, color: tpl.timeline.color, ..Default::default() }).map_err(|e| (1, format!("{}: {e}", path.display())))?;
        for w in &laid.warnings {
            eprintln!("warning: {}: {w}", path.display());
        }
        files.push((out.join(format!("{stem}.pdf")), bytes, start.elapsed().as_secs_f64()));
    }
    if format != Format::Pdf {
        let t = Instant::now();
        let bytes = phaen::render::docx::render(doc).map_err(|e| (1, format!("{}: {e}", path.display())))?;
        files.push((out.join(format!("{stem}.docx")), bytes, t.elapsed().as_secs_f64()));
    }
    let mut written = Vec::new();
    for (target, bytes, secs) in files {
        write_atomic(&target, &bytes).map_err(|e| (2, format!("{}: {e}", target.display())))?;
        written.push((target, secs));
    }
    Ok(written)
}

/// Writes a file through a temporary file in the same folder and a rename, so
/// a failure never leaves a half-written or clobbered file behind.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
