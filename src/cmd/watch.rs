//! `phaen watch`: build, then build again each time the plan is saved.
//!
//! Changes are found by polling modification times and sizes every 300 ms
//! rather than with the operating system's file events (the `notify` crate):
//! a handful of files is watched, a poll costs a few `stat` calls (well under
//! a millisecond), it behaves the same on Linux, Windows and network drives,
//! and editors that save by writing a new file and renaming it (vim, VS Code,
//! Word-like editors) need no special case — the name is watched, not the
//! file. A build starts only once the files have been still for one poll, so
//! a file caught in the middle of being saved is not built; if it is anyway,
//! the errors are printed like `phaen check` prints them, and the next save
//! builds again. Watched: the plans, every file of the `--templates` folder,
//! and the pictures a plan names (emblem, images), re-read after each build.
//! Ctrl-C stops.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, SystemTime};


use clap::Parser;

/// Arguments of `phaen watch`: those of `phaen build`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    build: crate::cmd::build::Args,
}

/// `phaen build`'s command line, parsed again for every build.
#[derive(Parser)]
#[command(name = "phaen watch")]
struct BuildLine {
    #[command(flatten)]
    build: crate::cmd::build::Args,
}

/// How often files are looked at.
const POLL: Duration = Duration::from_millis(300);

/// What a file looked like at a poll: modification time and size, or absent.
type Stamp = Option<(SystemTime, u64)>;

fn stamp(p: &Path) -> Stamp {
    std::fs::metadata(p).ok().map(|m| (m.modified().unwrap_or(SystemTime::UNIX_EPOCH), m.len()))
}

/// Runs until interrupted; returns only when the command line itself is wrong.
pub fn run(args: Args) -> ExitCode {
    // the build options as typed, to build with exactly them each time
    let raw: Vec<OsString> = std::env::args_os().skip_while(|a| a != "watch").skip(1).collect();
    let templates = args.build.templates.clone();
    let plans = match crate::cmd::inputs::plans(&args.build.plans, templates.as_deref()) {
        Ok(p) => p,
        Err(code) => return code,
    };
    for n in 1.. {
        // the pictures a plan names may change with it: listed again for each build
        let files = watched(&plans, templates.as_deref());
        let last: Vec<(PathBuf, Stamp)> = files.iter().map(|f| (f.clone(), stamp(f))).collect();
        eprintln!("[{n}] building…");
        let line = BuildLine::parse_from(std::iter::once(OsString::from("phaen watch")).chain(raw.iter().cloned()));
        let _ = crate::cmd::build::run_and_continue(line.build);
        eprintln!("watching {} file{} for changes; Ctrl-C to stop", files.len(), if files.len() == 1 { "" } else { "s" });
        // wait for a change, then for the files to be still for one poll
        let mut seen = last.clone();
        loop {
            std::thread::sleep(POLL);
            let now: Vec<(PathBuf, Stamp)> = files.iter().map(|f| (f.clone(), stamp(f))).collect();
            let changed = now != last;
            let still = now == seen;
            seen = now;
            if changed && still {
                break;
            }
        }
    }
    ExitCode::SUCCESS
}

/// The plans, the files of the templates folder and the pictures the plans name.
fn watched(plans: &[PathBuf], templates: Option<&Path>) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = plans.to_vec();
    if let Some(dir) = templates {
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&d) else { continue };
            let mut names: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
            names.sort();
            for p in names {
                if p.is_dir() {
                    stack.push(p);
                } else {
                    out.push(p);
                }
            }
        }
    }
    for plan in plans {
        let base = plan.parent().unwrap_or(Path::new(""));
        if let Ok(text) = phaen::plan::read(plan) {
            for f in phaen::plan::pictures(&text) {
                let p = base.join(f);
                if !out.contains(&p) {
                    out.push(p);
                }
            }
        }
    }
    out
}
