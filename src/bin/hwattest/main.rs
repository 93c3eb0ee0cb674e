//! `hwattest`: verify Android Key Attestation chains and Apple App Attest objects from the shell.
//!
//! Exit codes: 0 verified, 1 rejected (with the reason), 2 usage error or unreadable input.

mod android;
mod apple;
mod common;
mod inspect;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::common::{UsageError, EXIT_USAGE};

/// Verify hardware-backed key attestation from Android and Apple devices, offline.
#[derive(Parser)]
#[command(
    name = "hwattest",
    version,
    about,
    after_help = "Exit codes: 0 verified, 1 rejected (the reason is printed), \
                  2 usage error or unreadable input."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Verify an Android Key Attestation certificate chain (leaf first).
    Android(android::AndroidArgs),
    /// Verify Apple App Attest attestations and assertions.
    #[command(subcommand)]
    Apple(apple::AppleCommand),
    /// Parse evidence without judging trust, and print everything found: an Android chain, an
    /// App Attest attestation object or an assertion.
    Inspect {
        /// The evidence file (the encodings the verifying commands accept).
        file: PathBuf,
        /// Print JSON instead of a readable summary.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match &cli.command {
        Command::Android(args) => android::run(args),
        Command::Apple(command) => apple::run(command),
        Command::Inspect { file, json } => inspect::run(file, *json),
    };
    match outcome {
        Ok(code) => code,
        Err(UsageError(message)) => {
            eprintln!("hwattest: {message}");
            // Scripts that asked for JSON read stdout: give them the envelope too.
            if let Some(platform) = json_platform(&cli.command) {
                common::usage_envelope(platform, &message);
            }
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// The platform of the JSON envelope, when the command asked for `--json`.
fn json_platform(command: &Command) -> Option<&'static str> {
    match command {
        Command::Android(args) if args.json => Some("android"),
        Command::Apple(apple) if apple.json() => Some("apple"),
        _ => None,
    }
}
