//! `hwattest inspect`: parse evidence of either platform without judging trust.

use std::path::Path;
use std::process::ExitCode;

use hwattest::x509::CertificateSummary;

use crate::android::{opt, serde_label};
use crate::common::{self, outln, UsageError};

/// Whether the input is an App Attest CBOR object (raw, or base64 of a CBOR map) rather than a
/// certificate chain. A CBOR map starts with major type 5; no PEM, DER, JSON or base64 text does.
fn is_apple(input: &[u8]) -> bool {
    let is_map = |b: u8| b & 0xe0 == 0xa0;
    match input.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(&b) if is_map(b) => true,
        Some(b'-' | b'[' | 0x30) | None => false,
        Some(_) => hwattest::encoding::decode_base64(input)
            .ok()
            .and_then(|bytes| bytes.first().copied())
            .is_some_and(is_map),
    }
}

/// Runs `hwattest inspect`.
pub(crate) fn run(path: &Path, json: bool) -> Result<ExitCode, UsageError> {
    let input = common::read_file(path)?;
    let unreadable = |e: hwattest::Error| UsageError(format!("{}: {e}", path.display()));
    if is_apple(&input) {
        let report = hwattest::apple::inspect(&input).map_err(unreadable)?;
        if json {
            return Ok(common::print_json(&report));
        }
        let mut out = String::new();
        print_apple(&mut out, &report);
        common::emit(&out);
    } else {
        let report = hwattest::android::inspect(&input).map_err(unreadable)?;
        if json {
            return Ok(common::print_json(&report));
        }
        let mut out = String::new();
        print_android(&mut out, &report);
        common::emit(&out);
    }
    Ok(ExitCode::from(common::EXIT_VERIFIED))
}

fn print_certificate(
    out: &mut String,
    index: usize,
    error: Option<&String>,
    cert: Option<&CertificateSummary>,
) {
    outln!(out, "certificate {index}");
    if let Some(error) = error {
        outln!(out, "  error        {error}");
    }
    let Some(cert) = cert else { return };
    outln!(out, "  subject      {}", cert.subject);
    outln!(out, "  issuer       {}", cert.issuer);
    outln!(out, "  serial       {}", cert.serial_hex);
    outln!(
        out,
        "  validity     {} .. {}",
        common::format_time(cert.not_before),
        common::format_time(cert.not_after)
    );
    outln!(out, "  key sha256   {}", cert.public_key_sha256);
    outln!(out, "  ca           {}", opt(cert.ca));
    outln!(out, "  extensions   {}", cert.extensions.join(", "));
    if !cert.oddities.is_empty() {
        let labels: Vec<String> = cert.oddities.iter().map(serde_label).collect();
        outln!(out, "  oddities     {}", labels.join(", "));
    }
}

fn print_indented_json<T: serde::Serialize>(out: &mut String, title: &str, value: &T) {
    outln!(out, "  {title}:");
    for line in compact_json(value).lines() {
        outln!(out, "    {line}");
    }
}

fn print_android(out: &mut String, report: &hwattest::android::ChainReport) {
    outln!(out, "Android certificate chain (not verified)");
    for cert in &report.certificates {
        print_certificate(
            out,
            cert.index,
            cert.error.as_ref(),
            cert.certificate.as_ref(),
        );
        if let Some(error) = &cert.key_description_error {
            outln!(out, "  KeyDescription error: {error}");
        }
        if let Some(kd) = &cert.key_description {
            print_indented_json(out, "KeyDescription", kd);
        }
        if let Some(error) = &cert.provisioning_info_error {
            outln!(out, "  ProvisioningInfo error: {error}");
        }
        if let Some(info) = &cert.provisioning_info {
            print_indented_json(out, "ProvisioningInfo", info);
        }
    }
}

fn print_apple(out: &mut String, report: &hwattest::apple::AppleReport) {
    use hwattest::apple::AppleReport;
    match report {
        AppleReport::Attestation {
            certificates,
            receipt_len,
            authenticator_data,
            authenticator_data_error,
        } => {
            outln!(out, "App Attest attestation object (not verified)");
            for cert in certificates {
                print_certificate(
                    out,
                    cert.index,
                    cert.error.as_ref(),
                    cert.certificate.as_ref(),
                );
                if let Some(nonce) = &cert.nonce_extension {
                    outln!(out, "  nonce ext    {}", hex(nonce));
                }
            }
            outln!(out, "receipt        {receipt_len} bytes (not decoded)");
            print_auth_data(
                out,
                authenticator_data.as_ref(),
                authenticator_data_error.as_ref(),
            );
        }
        AppleReport::Assertion {
            signature,
            authenticator_data,
            authenticator_data_error,
        } => {
            outln!(out, "App Attest assertion (not verified)");
            outln!(out, "signature      {}", hex(signature));
            print_auth_data(
                out,
                authenticator_data.as_ref(),
                authenticator_data_error.as_ref(),
            );
        }
    }
}

fn print_auth_data(
    out: &mut String,
    data: Option<&hwattest::apple::AuthenticatorData>,
    error: Option<&String>,
) {
    if let Some(error) = error {
        outln!(out, "authenticator data error: {error}");
    }
    if let Some(data) = data {
        outln!(out, "authenticator data:");
        for line in compact_json(data).lines() {
            outln!(out, "  {line}");
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Pretty JSON without the null, false and empty members, for people.
fn compact_json<T: serde::Serialize>(value: &T) -> String {
    fn prune(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                map.retain(|_, v| {
                    prune(v);
                    !(v.is_null()
                        || *v == serde_json::Value::Bool(false)
                        || v.as_array().is_some_and(Vec::is_empty))
                });
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(prune),
            _ => {}
        }
    }
    let mut json = serde_json::to_value(value).unwrap_or_default();
    prune(&mut json);
    serde_json::to_string_pretty(&json).unwrap_or_default()
}
