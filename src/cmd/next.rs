//! `phaen next`: next fiscal year's plan file from this year's.
//!
//! The new file is this year's text edited in place (see
//! [`phaen::plan::rollover`]): comments and layout stay, the years move on,
//! and every place that needs a decision is marked `# ตรวจสอบ:` and listed.
//! The new file is written through a temporary file in the same folder,
//! checked there like `phaen check` would, and only then renamed: a failure
//! leaves nothing behind, and an existing file is replaced only with `--force`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use phaen::plan::rollover;
use phaen::template::Templates;

/// Arguments of `phaen next`.
#[derive(clap::Args)]
pub struct Args {
    /// This year's plan file.
    plan: PathBuf,
    /// The new file [default: the plan's name with the next year, e.g.
    /// plan-2568.yaml → plan-2569.yaml, beside it].
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// The new plan's fiscal year [default: the plan's fiscal year + 1]; needed
    /// for a plan without `fiscal_year`.
    #[arg(long)]
    fiscal_year: Option<String>,
    /// Replace the output file if it exists.
    #[arg(long)]
    force: bool,
    /// Folder of templates that take precedence over the built-in ones.
    #[arg(long)]
    templates: Option<PathBuf>,
}

/// Runs the command: 0 written, 1 the plan has errors or a wrong value,
/// 2 a file could not be read or written, or exists.
pub fn run(args: Args) -> ExitCode {
    let templates = match crate::cmd::inputs::plans(&[], args.templates.as_deref()) {
        Ok(_) => Templates { dir: args.templates.clone() },
        Err(code) => return code,
    };
    let to_year = match args.fiscal_year.as_deref().map(crate::cmd::new::fiscal_year).transpose() {
        Ok(y) => y.map(|y| y as u16),
        Err(()) => return ExitCode::from(1),
    };
    // this year's plan must be sound: the edits follow its structure
    let checked = phaen::check(&args.plan, &templates);
    if checked.has_errors() {
        let (text, code) = crate::cmd::check::report_text(&checked);
        eprint!("{text}");
        if !checked.io_error {
            eprintln!("error: {} has errors; correct them first, then run phaen next again", args.plan.display());
        }
        return ExitCode::from(code.max(1));
    }
    let Some(source) = checked.source.as_deref() else { return ExitCode::from(2) };
    let rolled = match rollover::next_year(source, to_year) {
        Ok(r) => r,
        Err(m) => {
            eprintln!("error: {}: {m}", args.plan.display());
            return ExitCode::from(1);
        }
    };
    let target = args.output.clone().unwrap_or_else(|| default_output(&args.plan, rolled.from_year, rolled.to_year));
    if same_file(&target, &args.plan) {
        eprintln!("error: {} is the plan the new one is made from; phaen next never replaces it", target.display());
        eprintln!("  = help: give another name: phaen next {} -o NEW.yaml", args.plan.display());
        return ExitCode::from(2);
    }
    if target.exists() && !args.force {
        eprintln!("error: {} already exists", target.display());
        eprintln!("  = help: use --force to replace it, or -o to choose another name");
        return ExitCode::from(2);
    }
    // write beside the target, check it there (pictures resolve the same way), then rename
    let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("error: {}: {e}", dir.display());
        return ExitCode::from(2);
    }
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp.yaml", std::process::id()));
    if let Err(e) = std::fs::write(&tmp, &rolled.text) {
        let _ = std::fs::remove_file(&tmp);
        eprintln!("error: {}: {e}", target.display());
        return ExitCode::from(2);
    }
    let plan_dir = args.plan.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    // pictures are named relative to the plan: check in the plan's folder when the target is elsewhere
    let check_path = if same_dir(dir, plan_dir) { tmp.clone() } else { plan_dir.join(format!(".{name}.{}.check.yaml", std::process::id())) };
    if check_path != tmp {
        let _ = std::fs::write(&check_path, &rolled.text);
    }
    let after = phaen::check(&check_path, &templates);
    if check_path != tmp {
        let _ = std::fs::remove_file(&check_path);
    }
    if after.has_errors() {
        let _ = std::fs::remove_file(&tmp);
        let (text, _) = crate::cmd::check::report_text(&after);
        eprint!("{text}");
        eprintln!("error: the new plan would not check, so it was not written; this is a fault in phaen, please report it with the plan file");
        return ExitCode::from(1);
    }
    if let Err(e) = std::fs::rename(&tmp, &target) {
        let _ = std::fs::remove_file(&tmp);
        eprintln!("error: {}: {e}", target.display());
        return ExitCode::from(2);
    }
    // pictures are named relative to the plan's folder: say which the new folder lacks
    if !same_dir(dir, plan_dir) {
        for pic in phaen::plan::pictures(&rolled.text) {
            if plan_dir.join(&pic).exists() && !dir.join(&pic).exists() {
                eprintln!("warning: the new plan names the picture {pic}, which is not in {}", dir.display());
                eprintln!("  = help: copy {} there, or the new plan will not build", plan_dir.join(&pic).display());
            }
        }
    }
    for note in &rolled.notes {
        eprintln!("warning: {}", note.message);
        eprintln!("  --> {}:{}", target.display(), note.line);
    }
    let from = rolled.from_year.map_or(String::new(), |y| format!(" from {y}"));
    eprintln!("wrote {} (fiscal year {}{from})", target.display(), rolled.to_year);
    if !rolled.notes.is_empty() {
        eprintln!("  {} place{} to decide, each marked `# {}` in the file", rolled.notes.len(), if rolled.notes.len() == 1 { "" } else { "s" }, rollover::MARK);
    }
    eprintln!("next: edit it, then `phaen check {0}` and `phaen {0}`", target.display());
    ExitCode::SUCCESS
}

/// The plan's file name with its year moved on (`แผน2568.yaml` → `แผน2569.yaml`,
/// Thai digits stay Thai), or with `-YEAR` added, in the plan's folder.
fn default_output(plan: &Path, from: Option<u16>, to: u16) -> PathBuf {
    let stem = plan.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "plan".into());
    let ext = plan.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_else(|| "yaml".into());
    let runs = rollover::year_runs(&stem);
    let pick = runs.iter().rev().find(|r| Some(r.2) == from.map(u32::from)).or_else(|| runs.iter().rev().find(|r| (2400..2700).contains(&r.2)));
    let new_stem = match pick {
        Some(&(s, e, y, thai)) => {
            let year = if Some(y) == from.map(u32::from) { u32::from(to) } else { y + 1 };
            format!("{}{}{}", &stem[..s], rollover::written(year, thai), &stem[e..])
        }
        None => format!("{stem}-{to}"),
    };
    plan.with_file_name(format!("{new_stem}.{ext}"))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::default_output;
    use std::path::Path;

    #[test]
    fn names_move_on() {
        assert_eq!(default_output(Path::new("data/chachoengsao2-2563.yaml"), Some(2563), 2564), Path::new("data/chachoengsao2-2564.yaml"));
        assert_eq!(default_output(Path::new("แผน๒๕๖๘.yml"), Some(2568), 2569), Path::new("แผน๒๕๖๙.yml"));
        assert_eq!(default_output(Path::new("drive.yaml"), None, 2569), Path::new("drive-2569.yaml"));
        assert_eq!(default_output(Path::new("plan-2567.yaml"), Some(2568), 2569), Path::new("plan-2568.yaml"));
    }
}
