//! `phaen new`: write a starter plan, from the examples embedded in the
//! program, with comments in Thai that explain each part to the person who
//! fills it in. The file checks clean and builds as written.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use phaen::plan::{self, Kind};

/// Arguments of `phaen new`.
#[derive(clap::Args)]
pub struct Args {
    /// File to write [default: plan-YEAR.yaml]; an existing file is never overwritten.
    file: Option<PathBuf>,
    /// Kind of plan: anticorruption or provincial-drive.
    #[arg(long, default_value = "anticorruption")]
    kind: String,
    /// Full name of the office, e.g. "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาชลบุรี เขต ๑".
    #[arg(long)]
    office: Option<String>,
    /// Short name of the office, e.g. "สพป.ชลบุรี เขต ๑".
    #[arg(long)]
    short_name: Option<String>,
    /// Province, e.g. ชลบุรี.
    #[arg(long)]
    province: Option<String>,
    /// Fiscal year in the Buddhist Era, e.g. 2568 or ๒๕๖๘.
    #[arg(long)]
    fiscal_year: Option<String>,
}

/// The fiscal year the starters are written for.
const STARTER_YEAR: u32 = 2568;

/// Runs the command: 0 written, 1 a wrong value, 2 the file exists or cannot be written.
pub fn run(args: Args) -> ExitCode {
    let Some(kind) = Kind::ALL.iter().copied().find(|k| k.name() == args.kind) else {
        eprintln!("error: no kind `{}` (kinds: {})", args.kind, Kind::ALL.map(|k| k.name()).join(", "));
        return ExitCode::from(1);
    };
    let year = match &args.fiscal_year {
        None => STARTER_YEAR,
        Some(y) => match fiscal_year(y) {
            Ok(y) => y,
            Err(()) => return ExitCode::from(1),
        },
    };
    let mut text = shift_years(plan::starter(kind), year as i64 - STARTER_YEAR as i64);
    let quoted = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    if kind == Kind::Anticorruption {
        if let Some(office) = &args.office {
            text = text.replacen("  name: สำนักงานเขตพื้นที่การศึกษาประถมศึกษาตัวอย่าง เขต ๑", &format!("  name: {}", quoted(office)), 1);
        }
        if let Some(short) = args.short_name.as_ref().or(args.office.as_ref()) {
            text = text.replacen("  short_name: สพป.ตัวอย่าง เขต ๑", &format!("  short_name: {}", quoted(short)), 1);
        }
    } else if args.office.is_some() || args.short_name.is_some() {
        eprintln!("warning: a provincial drive plan has no office; --office is not used");
    }
    if let Some(p) = &args.province {
        text = text.replacen("province: ตัวอย่าง", &format!("province: {}", quoted(p)), 1).replacen("[เมืองตัวอย่าง]", &format!("[{}]", quoted(&format!("เมือง{p}"))), 1);
    }
    let file = args.file.unwrap_or_else(|| PathBuf::from(format!("plan-{year}.yaml")));
    let mut f = match std::fs::OpenOptions::new().write(true).create_new(true).open(&file) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!("error: {} already exists; phaen new never overwrites a file", file.display());
            eprintln!("  = help: give another file name: phaen new NEW-NAME.yaml");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("error: {}: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    if let Err(e) = f.write_all(text.as_bytes()).and_then(|_| f.sync_all()) {
        drop(f);
        let _ = std::fs::remove_file(&file);
        eprintln!("error: {}: {e}", file.display());
        return ExitCode::from(2);
    }
    eprintln!("wrote {}", file.display());
    if kind == Kind::Anticorruption && args.short_name.is_none() && args.office.is_some() {
        eprintln!("  the short name is the full name for now: edit `short_name:` (e.g. สพป.ชลบุรี เขต ๑)");
    }
    eprintln!("next: fill it in, then `phaen check {0}` and `phaen {0}`", file.display());
    ExitCode::SUCCESS
}

/// Reads a fiscal year given on the command line (Buddhist Era, Thai or
/// Arabic digits); prints what is wrong otherwise.
pub fn fiscal_year(y: &str) -> Result<u32, ()> {
    match plan::numbers::parse(y).ok().and_then(|d| d.whole()).and_then(|w| u32::try_from(w).ok()) {
        Some(y) if (2400..2700).contains(&y) => Ok(y),
        Some(y) if (1900..2400).contains(&y) => {
            eprintln!("error: {y} is a year of the Christian era; plans count years in the Buddhist Era (พ.ศ.)");
            eprintln!("  = help: add 543: --fiscal-year {}", y + 543);
            Err(())
        }
        _ => {
            eprintln!("error: `{y}` is not a fiscal year; write it in the Buddhist Era, e.g. --fiscal-year 2568");
            Err(())
        }
    }
}

/// Moves every year written in Arabic digits (the starters write only the
/// plan's years so; fixed years of national plans are in Thai digits) by `delta`.
fn shift_years(text: &str, delta: i64) -> String {
    if delta == 0 {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let boundary_before = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if boundary_before && i + 4 <= bytes.len() && bytes[i..i + 4].iter().all(u8::is_ascii_digit) && (i + 4 == bytes.len() || !bytes[i + 4].is_ascii_alphanumeric() && bytes[i + 4] != b'.') {
            let y: i64 = text[i..i + 4].parse().unwrap_or(0);
            if (2540..=2600).contains(&y) {
                out.push_str(&(y + delta).to_string());
                i += 4;
                continue;
            }
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn years_shift_and_scores_do_not() {
        assert_eq!(super::shift_years("fiscal_year: 2568\n- year: 2565\n  score: 2565.5\nx: ๒๕๖๑ 12345", 2), "fiscal_year: 2570\n- year: 2567\n  score: 2565.5\nx: ๒๕๖๑ 12345");
    }
}
