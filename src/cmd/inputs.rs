//! Plan files named on the command line: glob patterns (`*.yaml`, `plans/2567-*.yaml`)
//! and folders expand here, because cmd.exe on Windows passes them unexpanded.

use std::path::{Path, PathBuf};

/// What `build` and `check` read first: the plan files named on the command
/// line (patterns and folders expanded) after making sure a `--templates`
/// folder exists. Prints the error and returns exit code 2 otherwise.
pub fn plans(args: &[PathBuf], templates: Option<&Path>) -> Result<Vec<PathBuf>, std::process::ExitCode> {
    if let Some(dir) = templates.filter(|d| !d.is_dir()) {
        eprintln!("error: the templates folder {} does not exist", dir.display());
        eprintln!("  = help: `phaen template export NAME DIR` writes a template to edit into DIR");
        return Err(std::process::ExitCode::from(2));
    }
    expand(args).map_err(|m| {
        eprintln!("error: {m}");
        std::process::ExitCode::from(2)
    })
}

/// Expands patterns and folders into plan files, in the order given (the
/// files of one pattern or folder sorted by name). A pattern that matches
/// nothing, or a folder without plans, is an error.
pub fn expand(args: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for arg in args {
        let text = arg.to_string_lossy();
        if arg.is_dir() {
            let mut found = list(arg, |name| is_plan(name))?;
            if found.is_empty() {
                return Err(format!("the folder {} holds no plan files (.yaml or .yml)", arg.display()));
            }
            out.append(&mut found);
        } else if text.contains(['*', '?']) && !arg.exists() {
            let name = arg.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let dir = arg.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            if dir.to_string_lossy().contains(['*', '?']) {
                return Err(format!("{}: patterns may only be in the file name, not in folder names", arg.display()));
            }
            let mut found = list(dir, |n| matches(&name, n))?;
            if found.is_empty() {
                return Err(format!("no file matches {}", arg.display()));
            }
            if arg.parent().is_none_or(|p| p.as_os_str().is_empty()) {
                found = found.into_iter().map(|p| p.strip_prefix(".").map(Path::to_path_buf).unwrap_or(p)).collect();
            }
            out.append(&mut found);
        } else {
            out.push(arg.clone());
        }
    }
    Ok(out)
}

fn is_plan(name: &str) -> bool {
    let lower = name.to_lowercase();
    (lower.ends_with(".yaml") || lower.ends_with(".yml")) && !name.starts_with('.')
}

fn list(dir: &Path, keep: impl Fn(&str) -> bool) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read the folder {}: {e}", dir.display()))?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| keep(&e.file_name().to_string_lossy()))
        .map(|e| e.path())
        .collect();
    found.sort();
    Ok(found)
}

/// `*` any run of characters, `?` one character; case-insensitive on Windows.
pub fn matches(pattern: &str, name: &str) -> bool {
    let fold = |s: &str| if cfg!(windows) { s.to_lowercase() } else { s.to_string() };
    let p: Vec<char> = fold(pattern).chars().collect();
    let n: Vec<char> = fold(name).chars().collect();
    if name.starts_with('.') && !pattern.starts_with('.') {
        return false;
    }
    // classic two-pointer wildcard match with backtracking to the last `*`
    let (mut i, mut j, mut star, mut mark) = (0, 0, None, 0);
    while j < n.len() {
        if i < p.len() && (p[i] == '?' || p[i] == n[j]) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some(i);
            mark = j;
            i += 1;
        } else if let Some(s) = star {
            i = s + 1;
            mark += 1;
            j = mark;
        } else {
            return false;
        }
    }
    p[i..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn wildcards() {
        assert!(matches("*.yaml", "plan-2567.yaml"));
        assert!(!matches("*.yaml", "plan.yml"));
        assert!(matches("plan-25??.y*", "plan-2567.yaml"));
        assert!(matches("*แผน*", "ก-แผน-ข.yaml"));
        assert!(!matches("*.yaml", ".hidden.yaml"));
        assert!(!matches("a*b", "acbd"));
    }
}
