//! `hwattest`: verify Android Key Attestation chains and Apple App Attest objects from the shell.
//!
//! Exit codes: 0 verified, 1 rejected (with the reason), 2 usage error or unreadable input.

mod android;
mod common;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::common::{UsageError, EXIT_USAGE};

/// Verify hardware-backed key attestation from Android and Apple devices, offline.
#[derive(Parser)]
#[command(name = "hwattest", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Verify an Android Key Attestation certificate chain (leaf first).
    Android(android::AndroidArgs),
    /// Parse evidence without judging trust, and print everything found.
    Inspect {
        /// A certificate chain (PEM, DER, JSON array or list of base64).
        file: PathBuf,
        /// Print JSON instead of a readable summary.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Android(args) => android::run(&args),
        Command::Inspect { file, json } => android::inspect(&file, json),
    };
    match outcome {
        Ok(code) => code,
        Err(UsageError(message)) => {
            eprintln!("hwattest: {message}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}
