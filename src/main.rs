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
    /// Print the JSON Schema of plan files, for editors.
    Schema(cmd::schema::Args),
    /// List or export the built-in templates.
    #[command(subcommand)]
    Template(cmd::template::Command),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Schema(args) => cmd::schema::run(args),
        Command::Template(c) => cmd::template::run(c),
    }
}
