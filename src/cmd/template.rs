//! `phaen template`: list the built-in templates, or write one out to edit.

use std::path::PathBuf;
use std::process::ExitCode;

use phaen::template::Templates;

/// Subcommands of `phaen template`.
#[derive(clap::Subcommand)]
pub enum Command {
    /// List the built-in templates.
    List,
    /// Write a built-in template to DIR/NAME so it can be edited and used with `build --templates DIR`.
    Export {
        /// Template name (see `phaen template list`).
        name: String,
        /// Folder to write it into.
        dir: PathBuf,
    },
}

/// Runs the subcommand.
pub fn run(cmd: Command) -> ExitCode {
    match cmd {
        Command::List => {
            for name in Templates::embedded_names() {
                let description = Templates::default().load(&name).map(|t| t.description).unwrap_or_default();
                println!("{name}\t{description}");
            }
            ExitCode::SUCCESS
        }
        Command::Export { name, dir } => {
            let files = Templates::embedded_files(&name);
            if files.is_empty() {
                eprintln!("error: no built-in template named `{name}` (available: {})", Templates::embedded_names().join(", "));
                return ExitCode::from(1);
            }
            for (rel, bytes) in files {
                let target = dir.join(&name).join(&rel);
                if target.exists() {
                    eprintln!("error: {} exists; remove it or export to another folder", target.display());
                    return ExitCode::from(2);
                }
                if let Err(e) = crate::cmd::build::write_atomic(&target, &bytes) {
                    eprintln!("error: {}: {e}", target.display());
                    return ExitCode::from(2);
                }
                eprintln!("wrote {}", target.display());
            }
            ExitCode::SUCCESS
        }
    }
}
