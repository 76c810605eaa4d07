//! `phaen build`: plan files → PDF and DOCX in an output folder.
//!
//! Plans of a batch are built on all cores (one worker per core, each with its
//! own typesetter); their messages are printed in the order the plans were
//! given, whatever order they finish in. On a terminal a counter on stderr
//! shows progress; redirected output gets only the messages.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use phaen::render::pdf::{self, text::Typesetter};
use phaen::template::Templates;

/// Arguments of `phaen build`.
#[derive(clap::Args)]
pub struct Args {
    /// Plan files (YAML), folders of plans, or patterns such as `plans/*.yaml`.
    #[arg(required = true)]
    pub plans: Vec<PathBuf>,
    /// Folder the documents are written to [default: out; beside each plan
    /// when phaen is run with plan files only].
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Write each plan's documents beside it (what `phaen PLAN.yaml` does).
    #[arg(long, hide = true)]
    pub beside: bool,
    /// Folder of templates that take precedence over the built-in ones.
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// Which documents to write.
    #[arg(long, value_enum, default_value_t = Format::All)]
    pub format: Format,
    /// Which standards the PDF meets: PDF/A-3u (archival), PDF/UA-1
    /// (accessible, tagged) or both. The DOCX is not affected.
    #[arg(long, value_enum, default_value_t = PdfStandard::Both, value_name = "STANDARD")]
    pub pdf_standard: PdfStandard,
}

/// The `--pdf-standard` choices.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PdfStandard {
    /// A plain PDF: no archival metadata or output intent, no structure tree.
    None,
    /// PDF/A-3u only.
    #[value(name = "a-3u")]
    Archival,
    /// PDF/UA-1 only.
    #[value(name = "ua")]
    Accessible,
    /// PDF/A-3u and PDF/UA-1 in one file.
    #[value(name = "a-3u+ua")]
    Both,
}

impl PdfStandard {
    fn standard(self) -> pdf::Standard {
        pdf::Standard { archival: matches!(self, Self::Archival | Self::Both), accessible: matches!(self, Self::Accessible | Self::Both) }
    }
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
/// errors, 2 when files could not be read or written (or the command line
/// names something that is not there). The checks of `phaen check` run first;
/// a plan with errors writes nothing. The process ends after it: what a
/// single plan's build made is left for the process's end to free.
pub fn run(args: Args) -> ExitCode {
    build(args, true)
}

/// [`run`], in a process that goes on afterwards (`phaen watch`): everything
/// the build made is freed.
pub fn run_and_continue(args: Args) -> ExitCode {
    build(args, false)
}

fn build(args: Args, process_ends: bool) -> ExitCode {
    let plans = match crate::cmd::inputs::plans(&args.plans, args.templates.as_deref()) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let out_dir = |plan: &Path| -> PathBuf {
        match (&args.output, args.beside) {
            (Some(o), _) => o.clone(),
            (None, true) => plan.parent().map_or_else(PathBuf::new, Path::to_path_buf),
            (None, false) => PathBuf::from("out"),
        }
    };
    // two plans must not write the same file
    let mut targets: Vec<(PathBuf, &Path)> = Vec::new();
    for plan in &plans {
        let stem = plan.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "plan".into());
        let target = out_dir(plan).join(&stem);
        let key = PathBuf::from(target.to_string_lossy().to_lowercase());
        if let Some((_, other)) = targets.iter().find(|(t, _)| *t == key) {
            if *other == plan.as_path() {
                eprintln!("error: {} is named twice", plan.display());
            } else {
                eprintln!("error: {} and {} would both be written to {}.pdf", other.display(), plan.display(), target.display());
                eprintln!("  = help: rename one of them, or build them one at a time with different `-o` folders");
            }
            return ExitCode::from(2);
        }
        targets.push((key, plan));
    }
    let date = match source_date() {
        Ok(d) => d,
        Err(msg) => {
            eprintln!("error: {msg}");
            return ExitCode::from(2);
        }
    };
    let templates = Templates { dir: args.templates.clone() };
    let progress = plans.len() > 1 && std::io::stderr().is_terminal();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = cores.min(plans.len()).max(1);
    // one plan alone shapes its text on every core before layout
    let threads = if plans.len() == 1 { cores } else { 1 };
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<(usize, String, u8)>();
    let mut code = 0u8;
    let mut failed = 0usize;
    std::thread::scope(|scope| {
        let (next, plans, templates, out_dir) = (&next, &plans, &templates, &out_dir);
        let (format, standard) = (args.format, args.pdf_standard.standard());
        let work = move |tx: mpsc::Sender<(usize, String, u8)>| {
            let ts = Typesetter::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = plans.get(i) else { break };
                let (log, c) = build_one(path, &out_dir(path), templates, &ts, Settings { format, standard, date, threads, alone: process_ends && plans.len() == 1 });
                if tx.send((i, log, c)).is_err() {
                    break;
                }
            }
            if process_ends && plans.len() == 1 {
                // its caches are freed when the process ends (see `Settings::alone`)
                std::mem::forget(ts);
            }
        };
        if workers == 1 {
            // one plan (or one core): built on this thread, whose memory
            // grows in larger steps than a spawned thread's (glibc's main
            // arena), with fewer system calls
            work(tx);
        } else {
            for _ in 0..workers {
                let tx = tx.clone();
                scope.spawn(move || work(tx));
            }
            drop(tx);
        }
        // print in input order
        let mut done: Vec<Option<(String, u8)>> = vec![None; plans.len()];
        let (mut printed, mut finished) = (0, 0);
        for (i, log, c) in rx {
            done[i] = Some((log, c));
            finished += 1;
            while let Some(Some((log, c))) = done.get_mut(printed).map(Option::take) {
                if progress {
                    eprint!("\r\x1b[K");
                }
                eprint!("{log}");
                code = code.max(c);
                failed += usize::from(c != 0);
                printed += 1;
            }
            if progress && finished < plans.len() {
                eprint!("\r[{finished}/{}] building…", plans.len());
            }
        }
    });
    if plans.len() > 1 {
        let built = plans.len() - failed;
        eprintln!("built {built} plan{}{}", if built == 1 { "" } else { "s" }, if failed > 0 { format!(", {failed} failed") } else { String::new() });
    }
    ExitCode::from(code)
}

/// The date `SOURCE_DATE_EPOCH` sets for every document, if it is set (the
/// reproducible-builds convention: seconds since 1970-01-01 UTC).
fn source_date() -> Result<Option<phaen::doc::Timestamp>, String> {
    let Some(v) = std::env::var_os("SOURCE_DATE_EPOCH") else { return Ok(None) };
    let v = v.to_string_lossy();
    match v.trim().parse::<i64>() {
        Ok(secs) if (0..=253_402_300_799).contains(&secs) => Ok(Some(phaen::doc::Timestamp::from_unix(secs))),
        _ => Err(format!("SOURCE_DATE_EPOCH is `{v}`; it must be a number of seconds since 1970-01-01 (or unset it)")),
    }
}

/// How every plan of a run is built.
#[derive(Clone, Copy)]
struct Settings {
    format: Format,
    standard: pdf::Standard,
    /// Overrides the documents' own date (`SOURCE_DATE_EPOCH`).
    date: Option<phaen::doc::Timestamp>,
    /// Threads one plan's text is shaped on before layout (1 in a batch,
    /// whose plans are built side by side).
    threads: usize,
    /// The run builds this one plan and the process ends after it: what it
    /// made is left for the process's end to free, all at once, instead of
    /// freed piece by piece (never in `phaen watch`, which builds again).
    alone: bool,
}

/// Checks and builds one plan; returns its messages and exit code.
fn build_one(path: &Path, out: &Path, templates: &Templates, ts: &Typesetter, settings: Settings) -> (String, u8) {
    let start = Instant::now();
    let checked = phaen::check(path, templates);
    let (mut log, c) = crate::cmd::check::report_text(&checked);
    let Some((mut doc, tpl)) = checked.document.filter(|_| c == 0) else {
        return (log, c.max(1));
    };
    if let Some(d) = settings.date {
        doc.meta.date = Some(d);
    }
    let result = write_documents(path, checked.source.as_deref(), out, &doc, &tpl, ts, settings, start, &mut log);
    if settings.alone {
        std::mem::forget((doc, tpl, checked.source));
    }
    match result {
        Ok(written) => {
            for (file, secs) in written {
                log.push_str(&format!("wrote {} ({:.2} s)\n", file.display(), secs));
            }
            (log, 0)
        }
        Err((c, msg)) => {
            log.push_str(&format!("error: {msg}\n"));
            (log, c)
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn write_documents(path: &Path, source: Option<&str>, out: &Path, doc: &phaen::doc::Document, tpl: &phaen::template::Template, ts: &Typesetter, settings: Settings, start: Instant, log: &mut String) -> Result<Vec<(PathBuf, f64)>, (u8, String)> {
    // render everything first, so a failure writes nothing; the DOCX pages
    // like the PDF: it takes hints from the PDF's layout, which runs even
    // when only the DOCX is asked for. A second core sets text ahead, then
    // compresses the fonts the DOCX embeds while layout finishes.
    std::thread::scope(|scope| {
        if settings.threads > 1 {
            scope.spawn(|| {
                pdf::prepare::ahead(doc, ts);
                if settings.format != Format::Pdf {
                    phaen::render::docx::prepare_fonts();
                }
            });
        }
        render_documents(path, source, out, doc, tpl, ts, settings, start, log)
    })
}

/// Renders the documents of one plan (see [`write_documents`]).
#[allow(clippy::too_many_arguments)]
fn render_documents(path: &Path, source: Option<&str>, out: &Path, doc: &phaen::doc::Document, tpl: &phaen::template::Template, ts: &Typesetter, settings: Settings, start: Instant, log: &mut String) -> Result<Vec<(PathBuf, f64)>, (u8, String)> {
    let format = settings.format;
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "plan".into());
    let opts = pdf::Options { timeline: tpl.timeline.style, color: tpl.timeline.color, standard: settings.standard };
    let laid = pdf::layout::layout(doc, ts, (opts.timeline, opts.color)).map_err(|e| (1, format!("{}: {e}", path.display())))?;
    for w in unique(&laid.warnings) {
        log.push_str(&layout_warning(path, source, w));
    }
    let hints = phaen::render::Hints::from_laid(&laid);
    let docx_opts = phaen::render::docx::Options { timeline: opts.timeline, color: opts.color };
    // the DOCX is made on another thread while the PDF is, and written
    // there under a temporary name; both files take their names only once
    // both are made (a failure drops the staged file, which removes it)
    let docx_target = out.join(format!("{stem}.docx"));
    let (pdf_bytes, docx_staged) = std::thread::scope(|scope| {
        let docx = (format != Format::Pdf).then(|| {
            scope.spawn(|| {
                let t = Instant::now();
                let bytes = phaen::render::docx::render(doc, &docx_opts, &hints).map_err(|e| (1, format!("{}: {e}", path.display())))?;
                let secs = t.elapsed().as_secs_f64();
                let staged = Staged::write(&docx_target, &bytes).map_err(|e| (2, format!("{}: {e}", docx_target.display())))?;
                Ok::<_, (u8, String)>((staged, secs))
            })
        });
        let pdf = (format != Format::Docx).then(|| pdf::write_laid(doc, &laid, opts).map(|b| (b, start.elapsed().as_secs_f64())));
        let docx = docx.map(|h| h.join().unwrap_or_else(|_| Err((1, "the DOCX writer stopped unexpectedly".into()))));
        (pdf, docx)
    });
    if settings.alone {
        std::mem::forget((laid, hints));
    }
    let pdf = match pdf_bytes {
        Some(pdf) => {
            let (bytes, secs) = pdf.map_err(|e| (1, format!("{}: {e}", path.display())))?;
            let target = out.join(format!("{stem}.pdf"));
            Some((Staged::write(&target, &bytes).map_err(|e| (2, format!("{}: {e}", target.display())))?, secs))
        }
        None => None,
    };
    let docx = docx_staged.transpose()?;
    let mut written = Vec::new();
    for (staged, secs) in pdf.into_iter().chain(docx) {
        let target = staged.target.clone();
        staged.commit().map_err(|e| (2, format!("{}: {e}", target.display())))?;
        written.push((target, secs));
    }
    Ok(written)
}

/// Writes a file through a temporary file in the same folder and a rename, so
/// a failure never leaves a half-written or clobbered file behind.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    Staged::write(target, bytes)?.commit()
}

/// A file written in full, and flushed to disk, under a temporary name in
/// its target's folder, waiting to take the target's name
/// ([`Staged::commit`]); dropped uncommitted, it is removed.
pub struct Staged {
    /// The name it is to take.
    pub target: PathBuf,
    /// Where it is now (None once committed).
    tmp: Option<PathBuf>,
}

impl Staged {
    /// Writes `bytes` under a temporary name beside `target` (creating the folder).
    pub fn write(target: &Path, bytes: &[u8]) -> std::io::Result<Staged> {
        use std::io::Write;
        let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        // from here on, a failure removes what was written
        let staged = Staged { target: target.to_path_buf(), tmp: Some(tmp.clone()) };
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        Ok(staged)
    }

    /// Gives the file its name, replacing any file of that name.
    pub fn commit(mut self) -> std::io::Result<()> {
        let tmp = self.tmp.take().unwrap_or_default();
        let result = std::fs::rename(&tmp, &self.target);
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some(tmp) = self.tmp.take() {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// A warning of the layout, pointing at the place in the plan where the text
/// it quotes (between backticks) was typed, when it can be found there: as
/// typed, or with Arabic digits and without thousands commas.
fn layout_warning(path: &Path, source: Option<&str>, warning: &str) -> String {
    use phaen::diagnostic::{Diagnostic, Severity};
    let position = source.zip(warning.split('`').nth(1)).and_then(|(src, piece)| locate(src, piece));
    let d = Diagnostic { severity: Severity::Warning, file: path.display().to_string(), position, message: warning.to_string(), help: None };
    d.render(source)
}

/// Line and column of the first place `piece` was typed in `source`.
fn locate(source: &str, piece: &str) -> Option<phaen::plan::positions::Position> {
    // digits compared as Arabic, commas and spaces ignored; kept with the column each came from
    let norm = |c: char| -> Option<char> {
        match c {
            ',' | ' ' => None,
            _ => Some(phaen::thai::arabic_digit(c)),
        }
    };
    let want: String = piece.chars().filter_map(norm).collect();
    if want.chars().count() < 2 {
        return None;
    }
    for (n, line) in source.lines().enumerate() {
        let mut text = String::new();
        let mut cols = Vec::new();
        for (col, c) in line.chars().enumerate() {
            if let Some(k) = norm(c) {
                text.push(k);
                cols.push(col);
            }
        }
        if let Some(at) = text.find(&want) {
            let ch = text[..at].chars().count();
            return Some(phaen::plan::positions::Position { line: n + 1, column: cols[ch] + 1 });
        }
    }
    None
}

/// The warnings once each, in order (a table repeats one for every cell it concerns).
fn unique(warnings: &[String]) -> impl Iterator<Item = &String> {
    let mut seen = std::collections::HashSet::new();
    warnings.iter().filter(move |w| seen.insert(w.as_str()))
}
