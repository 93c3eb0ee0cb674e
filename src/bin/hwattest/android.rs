//! `hwattest android` and the Android half of `hwattest inspect`.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use hwattest::android::{AndroidClaims, Challenge, RevocationList, Verifier};
use hwattest::{RootKind, TrustAnchor};

use crate::common::{self, UsageError};

/// Arguments of `hwattest android`.
#[derive(clap::Args)]
#[command(group(
    clap::ArgGroup::new("freshness").required(true).args(["challenge", "no_challenge"])
))]
pub(crate) struct AndroidArgs {
    /// The certificate chain, leaf first: PEM, concatenated DER, a JSON array of base64, or
    /// base64 strings separated by whitespace or commas. The root may be left out.
    #[arg(value_name = "CHAIN_FILE")]
    chain: PathBuf,
    /// The challenge the server issued: hex:…, base64:…, @FILE (raw bytes), or plain text.
    #[arg(long, value_name = "VALUE")]
    challenge: Option<String>,
    /// Do not check the challenge: freshness is then NOT proven (`challenge_checked: false`).
    #[arg(long)]
    no_challenge: bool,
    /// Verification time, RFC 3339 (default: now).
    #[arg(long, value_name = "RFC3339")]
    at: Option<String>,
    /// An extra trusted root: a file holding one certificate (PEM or DER); may be repeated.
    #[arg(long, value_name = "PEM_FILE")]
    root: Vec<PathBuf>,
    /// Google's attestation status list (JSON, as fetched from
    /// https://android.googleapis.com/attestation/status): refuse any listed certificate.
    #[arg(long, value_name = "JSON_FILE")]
    revocation_list: Option<PathBuf>,
    /// Accept chains ending at an Android Keystore software root (reported as software).
    #[arg(long)]
    allow_software: bool,
    /// Print one JSON object instead of a readable summary.
    #[arg(long)]
    pub(crate) json: bool,
}

/// Runs `hwattest android`.
pub(crate) fn run(args: &AndroidArgs) -> Result<ExitCode, UsageError> {
    let chain = common::read_file(&args.chain)?;
    let challenge = args
        .challenge
        .as_deref()
        .map(|value| common::parse_value("--challenge", value))
        .transpose()?;
    let time = common::parse_time(args.at.as_deref())?;

    let mut builder = Verifier::builder().allow_software_attestation(args.allow_software);
    if let Some(path) = &args.revocation_list {
        let limit = hwattest::limits::MAX_REVOCATION_LIST_BYTES;
        let json = common::read_file_limited(path, limit)?;
        let list = RevocationList::from_json(&json)
            .map_err(|e| UsageError(format!("--revocation-list {}: {e}", path.display())))?;
        builder = builder.revocation_list(std::sync::Arc::new(list));
    }
    for path in &args.root {
        let der = common::read_root(path)?;
        let name = format!("custom root {}", path.display());
        let anchor = TrustAnchor::from_certificate_der(&der, &name, RootKind::Custom)
            .map_err(|e| UsageError(format!("--root {}: {e}", path.display())))?;
        builder = builder.add_root(anchor);
    }
    let verifier = builder.build();

    let challenge = match &challenge {
        Some(bytes) => Challenge::Expected(bytes),
        None => Challenge::NotChecked,
    };
    let outcome = verifier
        .verify(&chain, challenge, time)
        .map(|v| v.claims().clone());
    Ok(common::report("android", outcome, args.json, summary))
}

fn summary(claims: &AndroidClaims) -> String {
    let mut out = String::new();
    let rows: [(&str, String); 11] = [
        (
            "attestation",
            format!(
                "version {}, {}",
                claims.attestation_version,
                serde_label(&claims.attestation_security_level)
            ),
        ),
        (
            "keymint",
            format!(
                "version {}, {}",
                claims.keymint_version,
                serde_label(&claims.keymint_security_level)
            ),
        ),
        (
            "challenge (hex)",
            if claims.challenge_checked {
                claims.challenge.clone()
            } else {
                format!("{} (NOT CHECKED: freshness not proven)", claims.challenge)
            },
        ),
        (
            "verified boot",
            claims
                .root_of_trust
                .as_ref()
                .map(|r| {
                    format!(
                        "{}, device {}",
                        serde_label(&r.verified_boot_state),
                        if r.device_locked {
                            "locked"
                        } else {
                            "UNLOCKED"
                        }
                    )
                })
                .unwrap_or_else(|| "not attested".to_owned()),
        ),
        ("os version", opt(claims.os_version)),
        ("os patch level", opt(claims.os_patch_level)),
        (
            "vendor / boot patch",
            format!(
                "{} / {}",
                opt(claims.vendor_patch_level),
                opt(claims.boot_patch_level)
            ),
        ),
        (
            "application",
            claims
                .application
                .as_ref()
                .map(|a| {
                    a.packages
                        .iter()
                        .map(|p| format!("{} ({})", p.name, p.version))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_else(|| "not attested".to_owned()),
        ),
        ("provisioning", serde_label(&claims.provisioning)),
        (
            "revocation",
            if claims.revocation_checked {
                "checked, none listed".to_owned()
            } else {
                "NOT CHECKED (no --revocation-list)".to_owned()
            },
        ),
        (
            "root",
            format!("{} ({})", claims.root.name, serde_label(&claims.root.kind)),
        ),
    ];
    for (label, value) in rows {
        let _ = writeln!(out, "  {label:<20} {value}");
    }
    out.trim_end().to_owned()
}

pub(crate) fn opt<T: ToString>(value: Option<T>) -> String {
    value
        .map(|v| v.to_string())
        .unwrap_or_else(|| "-".to_owned())
}

/// The snake_case name serde gives a unit enum variant.
pub(crate) fn serde_label<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| "?".to_owned())
}
