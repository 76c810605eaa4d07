//! `phaen schema`: print the JSON Schema of a kind of plan file.

use std::process::ExitCode;

use phaen::plan::Kind;

/// Arguments of `phaen schema`.
#[derive(clap::Args)]
pub struct Args {
    /// Kind of plan: anticorruption or provincial-drive.
    #[arg(long, default_value = "anticorruption")]
    kind: String,
}

/// Runs the command.
pub fn run(args: Args) -> ExitCode {
    match Kind::ALL.iter().find(|k| k.name() == args.kind) {
        Some(kind) => {
            print!("{}", phaen::plan::schema(*kind));
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("error: no kind `{}` (kinds: {})", args.kind, Kind::ALL.map(|k| k.name()).join(", "));
            ExitCode::from(2)
        }
    }
}
