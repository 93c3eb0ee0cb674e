//! Writes the seed corpora of the fuzz targets, one folder per target, from test vectors.
//!
//! Usage: `cargo run --example fuzz_seeds -- OUT_DIR VECTOR_DIR...` (what `fuzz/seed.sh` runs).
//! Every file under each VECTOR_DIR is read by its kind: certificate chains (PEM, DER),
//! base64 KeyDescription and AuthorizationList values, App Attest objects (CBOR and base64
//! text), authenticator data fragments, public keys, and the `provisioningInfoHex` values of
//! `meta.json` files. KeyDescription extension values and AuthorizationLists are cut out of
//! the real chains; the authenticator data, credential certificates and keys out of the real
//! App Attest objects. Seeds are named by a hash of their content, so repeats collapse.

use std::collections::BTreeMap;
use std::error::Error;
use std::path::{Path, PathBuf};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hwattest::android::key_description_extension;
use hwattest::apple::{Assertion, AttestationObject, AuthenticatorData, PublicKey};
use hwattest::encoding::{decode_base64, decode_certificates};
use sha2::{Digest, Sha256};

type Seeds = BTreeMap<&'static str, Vec<Vec<u8>>>;

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args_os().skip(1);
    let out = PathBuf::from(
        args.next()
            .ok_or("usage: fuzz_seeds OUT_DIR VECTOR_DIR...")?,
    );
    let mut seeds = Seeds::new();
    for dir in args {
        let mut files = Vec::new();
        list_files(Path::new(&dir), &mut files)?;
        files.sort();
        for file in files {
            add_file(&file, &mut seeds)?;
        }
    }
    // The documented status list shape, so the revocation target starts inside the schema.
    push(
        &mut seeds,
        "revocation_list",
        br#"{"entries":{"2c8cdddfd5e03bfc":{"status":"REVOKED","reason":"KEY_COMPROMISE"}}}"#
            .to_vec(),
    );
    // The differential targets take a base selector and edit records: start from no edit and
    // from one edit on each base.
    for target in ["android_mutated_chain", "apple_mutated"] {
        for pick in 0..32u8 {
            seeds.entry(target).or_default().push(vec![pick]);
            seeds
                .entry(target)
                .or_default()
                .push(vec![pick, 0, pick, 0, 1]);
        }
    }
    for (target, list) in &seeds {
        let dir = out.join(target);
        std::fs::create_dir_all(&dir)?;
        for seed in list {
            let name = hwattest_hex(&Sha256::digest(seed));
            std::fs::write(dir.join(name.get(..16).unwrap_or(&name)), seed)?;
        }
        println!("{target}: {} seeds", std::fs::read_dir(&dir)?.count());
    }
    Ok(())
}

fn hwattest_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn list_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Box<dyn Error>> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            list_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn push(seeds: &mut Seeds, target: &'static str, seed: Vec<u8>) {
    if !seed.is_empty() {
        seeds.entry(target).or_default().push(seed);
    }
}

fn add_file(path: &Path, seeds: &mut Seeds) -> Result<(), Box<dyn Error>> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bytes = std::fs::read(path)?;
    if name == "meta.json" {
        let meta: serde_json::Value = serde_json::from_slice(&bytes)?;
        provisioning_info_values(&meta, seeds);
    } else if path.to_string_lossy().contains("status-list") && name.ends_with(".json") {
        push(seeds, "revocation_list", bytes);
    } else if name.ends_with(".pem") {
        if bytes.windows(10).any(|w| w == b"PUBLIC KEY") {
            push(seeds, "apple_public_key", bytes);
        } else if let Ok(ders) = decode_certificates(&bytes) {
            add_chain(&ders, Some(bytes), seeds);
        }
    } else if name.ends_with(".der") || name.ends_with(".x509") {
        // Receipts (PKCS #7) land here too: harmless seeds for the certificate parser.
        push(seeds, "certificate", bytes.clone());
        add_chain(&[bytes], None, seeds);
    } else if name.ends_with(".b64") {
        // A base64 KeyDescription or AuthorizationList.
        push(seeds, "base64", bytes.clone());
        if let Ok(der) = decode_base64(&bytes) {
            add_key_description(&der, seeds);
        }
    } else if name.ends_with(".b64.txt") {
        push(seeds, "base64", bytes.clone());
        if name.starts_with("attestation") {
            push(seeds, "apple_attestation", bytes);
        } else if name.starts_with("assertion") {
            push(seeds, "apple_assertion", bytes);
        }
    } else if name.ends_with(".cbor") {
        add_apple_object(&bytes, seeds);
    } else if name.ends_with("authdata.bin") {
        push(seeds, "apple_authenticator_data", bytes);
    }
    Ok(())
}

/// A chain in every framing the `android_chain` target applies (selector byte, then bytes),
/// each certificate for `certificate`, and each KeyDescription for `key_description`.
fn add_chain(ders: &[Vec<u8>], pem: Option<Vec<u8>>, seeds: &mut Seeds) {
    let concatenated = ders.concat();
    if let Some(pem) = pem {
        push(seeds, "android_chain", [&[0u8][..], &pem].concat());
    }
    for selector in [0u8, 1, 2, 3, 0x87, 0x0b] {
        push(
            seeds,
            "android_chain",
            [&[selector][..], &concatenated].concat(),
        );
    }
    for der in ders {
        push(seeds, "certificate", der.clone());
        if let Ok(Some(extension)) = key_description_extension(der) {
            add_key_description(extension, seeds);
        }
    }
}

/// A KeyDescription, and its two AuthorizationLists cut out of it.
fn add_key_description(der: &[u8], seeds: &mut Seeds) {
    push(seeds, "key_description", der.to_vec());
    let lists = tlvs(der)
        .and_then(|outer| outer.first().and_then(|seq| content(seq)))
        .and_then(tlvs)
        .unwrap_or_default();
    for list in lists.iter().skip(6) {
        push(seeds, "key_description", list.to_vec());
    }
}

/// The App Attest seeds in one CBOR object, and everything cut out of it.
fn add_apple_object(bytes: &[u8], seeds: &mut Seeds) {
    if let Ok(object) = AttestationObject::parse(bytes) {
        push(seeds, "apple_attestation", bytes.to_vec());
        for der in &object.x5c {
            push(seeds, "certificate", der.clone());
        }
        if let Ok(parsed) = AuthenticatorData::parse(&object.auth_data) {
            if let Some(credential) = parsed.attested_credential {
                let point = credential.public_key.sec1_uncompressed();
                if let Ok(key) = PublicKey::from_sec1(&point) {
                    let spki = key.spki_der();
                    let pem = format!(
                        "-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----\n",
                        STANDARD.encode(&spki)
                    );
                    push(seeds, "apple_public_key", point.to_vec());
                    push(seeds, "apple_public_key", spki);
                    push(seeds, "apple_public_key", pem.into_bytes());
                }
            }
        }
        push(seeds, "apple_authenticator_data", object.auth_data);
    } else if let Ok(assertion) = Assertion::parse(bytes) {
        push(seeds, "apple_assertion", bytes.to_vec());
        push(
            seeds,
            "apple_authenticator_data",
            assertion.authenticator_data,
        );
    }
}

/// Every `provisioningInfoHex` string anywhere in a meta.json.
fn provisioning_info_values(value: &serde_json::Value, seeds: &mut Seeds) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v.as_str()) {
                    ("provisioningInfoHex", Some(text)) => {
                        if let Some(bytes) = unhex(text) {
                            push(seeds, "provisioning_info", bytes);
                        }
                    }
                    _ => provisioning_info_values(v, seeds),
                }
            }
        }
        serde_json::Value::Array(list) => {
            for v in list {
                provisioning_info_values(v, seeds);
            }
        }
        _ => {}
    }
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i.checked_add(2)?)?, 16).ok())
        .collect()
}

/// The TLVs of `input`, each whole (definite lengths only); `None` if it is not a TLV list.
fn tlvs(input: &[u8]) -> Option<Vec<&[u8]>> {
    let mut out = Vec::new();
    let mut rest = input;
    while !rest.is_empty() {
        let (header, len) = header(rest)?;
        let (tlv, after) = rest.split_at_checked(header.checked_add(len)?)?;
        out.push(tlv);
        rest = after;
    }
    Some(out)
}

/// The content octets of one TLV.
fn content(tlv: &[u8]) -> Option<&[u8]> {
    let (header, _) = header(tlv)?;
    tlv.get(header..)
}

/// The header length and content length of the TLV at the front of `input`.
fn header(input: &[u8]) -> Option<(usize, usize)> {
    let mut at = 1usize;
    if input.first()? & 0x1f == 0x1f {
        while input.get(at)? & 0x80 != 0 {
            at = at.checked_add(1)?;
        }
        at = at.checked_add(1)?;
    }
    let first = *input.get(at)?;
    at = at.checked_add(1)?;
    if first < 0x80 {
        return Some((at, usize::from(first)));
    }
    let count = usize::from(first & 0x7f);
    let mut len = 0usize;
    for _ in 0..count {
        len = len
            .checked_mul(256)?
            .checked_add(usize::from(*input.get(at)?))?;
        at = at.checked_add(1)?;
    }
    Some((at, len))
}
