//! `hwattest apple attestation` and `hwattest apple assertion`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use base64::Engine;
use hwattest::apple::{
    client_data_hash, AssertionClaims, AttestationClaims, Environment, PublicKey, Verifier,
};
use hwattest::{RootKind, Roots, TrustAnchor};

use crate::android::{opt, serde_label};
use crate::common::{self, UsageError};

/// The App Attest environment the server is configured for.
#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum EnvironmentArg {
    /// AAGUID `appattest` followed by seven zero bytes.
    Production,
    /// AAGUID `appattestdevelop`.
    Development,
}

/// `hwattest apple …`
#[derive(clap::Subcommand)]
pub(crate) enum AppleCommand {
    /// Verify an App Attest attestation object (raw CBOR or base64).
    Attestation(AttestationArgs),
    /// Verify an App Attest assertion (raw CBOR or base64) with the stored public key.
    Assertion(AssertionArgs),
}

/// Arguments of `hwattest apple attestation`.
#[derive(clap::Args)]
#[command(group(
    clap::ArgGroup::new("binding").required(true).args(["challenge", "client_data_hash"])
))]
pub(crate) struct AttestationArgs {
    /// The attestation object: raw CBOR, or base64 text (standard or URL-safe).
    file: PathBuf,
    /// The App ID: team ID, a period, and the bundle ID.
    #[arg(long, value_name = "TEAMID.BUNDLE")]
    app_id: String,
    /// The key identifier the app sent (usually `base64:…`).
    #[arg(long, value_name = "VALUE")]
    key_id: String,
    /// The one-time challenge; the app passed SHA-256 of it as clientDataHash.
    #[arg(long, value_name = "VALUE")]
    challenge: Option<String>,
    /// The exact clientDataHash bytes the app passed (Apple's own samples pass the raw
    /// challenge here).
    #[arg(long, value_name = "VALUE")]
    client_data_hash: Option<String>,
    /// The environment this server accepts (server configuration, never the request's word).
    #[arg(long, value_enum, default_value = "production")]
    environment: EnvironmentArg,
    /// Verification time, RFC 3339 (default: now).
    #[arg(long, value_name = "RFC3339")]
    at: Option<String>,
    /// An extra trusted root: a file holding one certificate (PEM or DER); may be repeated.
    #[arg(long, value_name = "PEM_FILE")]
    root: Vec<PathBuf>,
    /// Print one JSON object instead of a readable summary.
    #[arg(long)]
    json: bool,
}

/// Arguments of `hwattest apple assertion`.
#[derive(clap::Args)]
#[command(group(
    clap::ArgGroup::new("client").required(true).args(["client_data", "client_data_hash"])
))]
pub(crate) struct AssertionArgs {
    /// The assertion: raw CBOR, or base64 text (standard or URL-safe).
    file: PathBuf,
    /// The App ID: team ID, a period, and the bundle ID.
    #[arg(long, value_name = "TEAMID.BUNDLE")]
    app_id: String,
    /// The stored public key: a PEM or DER file, or a hex:/base64:/@ VALUE (SPKI DER or SEC1
    /// point).
    #[arg(long, value_name = "PEM_FILE_OR_VALUE")]
    public_key: String,
    /// The client data the app signed; its SHA-256 is the clientDataHash.
    #[arg(long, value_name = "VALUE")]
    client_data: Option<String>,
    /// The exact clientDataHash bytes the app passed to generateAssertion, instead of
    /// --client-data.
    #[arg(long, value_name = "VALUE")]
    client_data_hash: Option<String>,
    /// The counter stored after the previous attestation or assertion (0 after attestation).
    #[arg(long, value_name = "N")]
    previous_counter: u32,
    /// Print one JSON object instead of a readable summary.
    #[arg(long)]
    json: bool,
}

impl AppleCommand {
    /// Whether `--json` was asked for.
    pub(crate) fn json(&self) -> bool {
        match self {
            Self::Attestation(args) => args.json,
            Self::Assertion(args) => args.json,
        }
    }
}

/// Runs `hwattest apple …`.
pub(crate) fn run(command: &AppleCommand) -> Result<ExitCode, UsageError> {
    match command {
        AppleCommand::Attestation(args) => attestation(args),
        AppleCommand::Assertion(args) => assertion(args),
    }
}

fn attestation(args: &AttestationArgs) -> Result<ExitCode, UsageError> {
    let object = common::read_file(&args.file)?;
    let key_id = common::parse_value("--key-id", &args.key_id)?;
    let client_data_hash = match (&args.challenge, &args.client_data_hash) {
        (Some(challenge), _) => {
            client_data_hash(&common::parse_value("--challenge", challenge)?).to_vec()
        }
        (None, Some(hash)) => common::parse_value("--client-data-hash", hash)?,
        (None, None) => {
            return Err(UsageError(
                "--challenge or --client-data-hash is required".to_owned(),
            ))
        }
    };
    let time = common::parse_time(args.at.as_deref())?;
    let environment = match args.environment {
        EnvironmentArg::Production => Environment::Production,
        EnvironmentArg::Development => Environment::Development,
    };

    let mut roots = Roots::empty();
    for path in &args.root {
        let der = common::read_root(path)?;
        let name = format!("custom root {}", path.display());
        let anchor = TrustAnchor::from_certificate_der(&der, &name, RootKind::Custom)
            .map_err(|e| UsageError(format!("--root {}: {e}", path.display())))?;
        roots.add(anchor);
    }
    let verifier = Verifier::new(environment).with_additional_roots(&roots);

    let outcome =
        verifier.verify_attestation(&object, &args.app_id, &key_id, &client_data_hash, time);
    Ok(common::report(
        "apple",
        outcome,
        args.json,
        attestation_summary,
    ))
}

fn attestation_summary(claims: &AttestationClaims) -> String {
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    let rows: [(&str, String); 9] = [
        ("app id", claims.app_id.clone()),
        ("environment", serde_label(&claims.environment)),
        ("key id (base64)", b64(&claims.key_id)),
        ("public key (base64)", b64(&claims.public_key)),
        ("counter", claims.counter.to_string()),
        (
            "receipt",
            format!("{} bytes (not validated)", claims.receipt.len()),
        ),
        ("bundle version", opt(claims.bundle_version.clone())),
        (
            "leaf validity",
            format!(
                "{} .. {}",
                common::format_time(claims.leaf_not_before),
                common::format_time(claims.leaf_not_after)
            ),
        ),
        ("root", claims.root.clone()),
    ];
    rows.iter()
        .map(|(label, value)| format!("  {label:<20} {value}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn assertion(args: &AssertionArgs) -> Result<ExitCode, UsageError> {
    let assertion = common::read_file(&args.file)?;
    // A VALUE when it has a VALUE prefix, otherwise a file: a mistyped path must say so rather
    // than be read as the key's text.
    let key = &args.public_key;
    let key_bytes = if ["hex:", "base64:", "@"].iter().any(|p| key.starts_with(p)) {
        common::parse_value("--public-key", key)?
    } else {
        common::read_file(Path::new(key))
            .map_err(|UsageError(e)| UsageError(format!("--public-key: {e}")))?
    };
    let public_key =
        PublicKey::decode(&key_bytes).map_err(|e| UsageError(format!("--public-key: {e}")))?;
    let client_data_hash = match (&args.client_data, &args.client_data_hash) {
        (Some(data), _) => client_data_hash(&common::parse_value("--client-data", data)?).to_vec(),
        (None, Some(hash)) => common::parse_value("--client-data-hash", hash)?,
        (None, None) => {
            return Err(UsageError(
                "--client-data or --client-data-hash is required".to_owned(),
            ))
        }
    };

    // The environment plays no part in an assertion; the key was bound to it at attestation.
    let verifier = Verifier::new(Environment::Production);
    let outcome = verifier.verify_assertion(
        &assertion,
        &public_key,
        &args.app_id,
        &client_data_hash,
        args.previous_counter,
    );
    Ok(common::report(
        "apple",
        outcome,
        args.json,
        assertion_summary,
    ))
}

fn assertion_summary(claims: &AssertionClaims) -> String {
    format!(
        "  {:<20} {}\n  {:<20} {}",
        "new counter",
        claims.counter,
        "bundle version",
        opt(claims.bundle_version.clone())
    )
}
