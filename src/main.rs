//! The `phaen` command line.

mod cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Turns a YAML plan into the official Thai document (PDF and DOCX).
#[derive(Parser)]
#[command(name = "phaen", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the documents of one or more plan files.
    Build(cmd::build::Args),
    /// Check plan files without writing anything (exit 0 clean, 1 errors, 2 unreadable).
    Check(cmd::check::Args),
    /// Write back the plan file (and template) a PDF built by phaen carries.
    Extract(cmd::extract::Args),
    /// Write a starter plan to fill in (never overwrites a file).
    New(cmd::new::Args),
    /// Write next fiscal year's plan from this year's, marking what to decide.
    Next(cmd::next::Args),
    /// Print the JSON Schema of plan files, for editors.
    Schema(cmd::schema::Args),
    /// Build, then build again each time the plan (or a picture or template it uses) is saved.
    Watch(cmd::watch::Args),
    /// List or export the built-in templates.
    #[command(subcommand)]
    Template(cmd::template::Command),
}

/// Subcommand names; any other first argument is taken as a plan to build.
const SUBCOMMANDS: &[&str] = &["build", "check", "extract", "new", "next", "schema", "template", "watch", "help"];

fn main() -> ExitCode {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // `phaen PLAN.yaml…` (also what dropping files on phaen.exe runs) builds
    // the plans, writing the documents beside each one
    let implicit = args.get(1).is_some_and(|a| {
        let a = a.to_string_lossy();
        !a.starts_with('-') && !SUBCOMMANDS.contains(&a.as_ref())
    });
    let only_plans = args[1..].iter().all(|a| !a.to_string_lossy().starts_with('-'));
    if implicit {
        args.splice(1..1, ["build".into(), "--beside".into()]);
    }
    let code = run(Cli::parse_from(args));
    if implicit && only_plans && pause_before_closing() {
        use std::io::BufRead;
        eprintln!("กด Enter เพื่อปิดหน้าต่างนี้ (press Enter to close this window)");
        let _ = std::io::stdin().lock().read_line(&mut String::new());
    }
    code
}

/// On Windows, a console window opened for a plan dropped on phaen.exe (or a
/// double-clicked plan) closes as soon as phaen ends, before anyone can read
/// the result. phaen waits for Enter when started that way: plan files only,
/// stdin a console, and not from a command prompt (cmd.exe puts PROMPT in the
/// environment; Explorer does not). PHAEN_NO_PAUSE=1 turns it off.
fn pause_before_closing() -> bool {
    use std::io::IsTerminal;
    cfg!(windows) && std::env::var_os("PROMPT").is_none() && std::env::var_os("PHAEN_NO_PAUSE").is_none() && std::io::stdin().is_terminal()
}

fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Extract(args) => cmd::extract::run(args),
        Command::New(args) => cmd::new::run(args),
        Command::Next(args) => cmd::next::run(args),
        Command::Schema(args) => cmd::schema::run(args),
        Command::Template(c) => cmd::template::run(c),
        Command::Watch(args) => cmd::watch::run(args),
    }
}
