//! Helpers shared by the fuzz targets: chain framing, byte-level mutation, and the verified
//! base vectors of the differential targets.
//!
//! Base vectors are read at run time from the project's `test-vectors/` and, when present, the
//! shared real-device vectors beside the checkout (`../shared/test-vectors`); nothing from
//! `../shared` is copied into the repository.

use std::path::{Path, PathBuf};

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE_NO_PAD};
use base64::Engine;
use hwattest::android::{AndroidClaims, Challenge, KeyDescription, Verifier};
use hwattest::apple::{self, AssertionClaims, AttestationClaims, Environment, PublicKey};
use hwattest::{RootKind, TrustAnchor, UnixTime};
use serde_json::Value;

/// The repository root (the parent of `fuzz/`).
pub fn repo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `../shared/test-vectors/<platform>` beside the checkout, when present.
pub fn shared_dir(platform: &str) -> Option<PathBuf> {
    let dir = repo_dir().join("../shared/test-vectors").join(platform);
    dir.is_dir().then_some(dir)
}

/// Sub-directories of `dir` that hold a `meta.json`, sorted by name.
fn vector_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.join("meta.json").is_file())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn read_meta(dir: &Path) -> Option<Value> {
    serde_json::from_slice(&std::fs::read(dir.join("meta.json")).ok()?).ok()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

fn rfc3339(text: &str) -> Option<UnixTime> {
    let t =
        time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()?;
    Some(UnixTime::from_unix_seconds(t.unix_timestamp()))
}

/// Frames `rest` in the chain encoding that `selector` names, so that one target exercises
/// every encoding `decode_certificates` accepts. `rest` is split into certificates at its DER
/// boundaries when it is a DER list; otherwise it is framed as one opaque certificate.
///
/// - 0: `rest` as it is (raw DER, PEM or anything else the fuzzer builds);
/// - 1: a PEM bundle;
/// - 2: a JSON array of base64 strings;
/// - 3: base64 strings separated by newlines or commas, in one of three base64 flavours.
pub fn frame_chain(selector: u8, rest: &[u8]) -> Vec<u8> {
    let mode = selector % 4;
    if mode == 0 {
        return rest.to_vec();
    }
    let certs = match rest.first() {
        Some(0x30) => {
            hwattest::encoding::decode_certificates(rest).unwrap_or_else(|_| vec![rest.to_vec()])
        }
        _ => vec![rest.to_vec()],
    };
    match mode {
        1 => {
            let mut out = String::new();
            for cert in &certs {
                out.push_str("-----BEGIN CERTIFICATE-----\n");
                let b64 = STANDARD.encode(cert);
                for line in b64.as_bytes().chunks(64) {
                    out.push_str(&String::from_utf8_lossy(line));
                    out.push('\n');
                }
                out.push_str("-----END CERTIFICATE-----\n");
            }
            out.into_bytes()
        }
        2 => {
            let items: Vec<String> = certs.iter().map(|c| STANDARD.encode(c)).collect();
            serde_json::to_vec(&items).unwrap_or_default()
        }
        _ => {
            let flavour = (selector >> 2) % 3;
            let sep = if selector & 0x80 != 0 { "," } else { "\n" };
            let items: Vec<String> = certs
                .iter()
                .map(|c| match flavour {
                    0 => STANDARD.encode(c),
                    1 => STANDARD_NO_PAD.encode(c),
                    _ => URL_SAFE_NO_PAD.encode(c),
                })
                .collect();
            items.join(sep).into_bytes()
        }
    }
}

/// Applies edit records to a copy of `base`. Each record is four bytes
/// `[op, offset_lo, offset_hi, value]`; the offset wraps around the current length, and `op`
/// modulo 4 is: 0 XOR the byte with `value`, 1 set it to `value`, 2 insert `value` before it,
/// 3 delete it. Records past the last whole one are ignored.
pub fn mutate(base: &[u8], edits: &[u8]) -> Vec<u8> {
    let mut out = base.to_vec();
    for record in edits.chunks_exact(4) {
        let [op, lo, hi, value] = [record[0], record[1], record[2], record[3]];
        if out.is_empty() {
            break;
        }
        let offset = usize::from(u16::from_le_bytes([lo, hi])) % out.len();
        match op % 4 {
            0 => out[offset] ^= value,
            1 => out[offset] = value,
            2 => out.insert(offset, value),
            _ => {
                out.remove(offset);
            }
        }
    }
    out
}

/// A real Android chain that verifies, with everything needed to verify it again.
pub struct AndroidBase {
    /// Where it came from, for messages.
    pub name: String,
    /// The chain as concatenated DER, leaf first.
    pub der: Vec<u8>,
    /// A verifier that accepts it.
    pub verifier: Verifier,
    /// The challenge bound into its leaf.
    pub challenge: Vec<u8>,
    /// A time at which it verifies.
    pub at: UnixTime,
    /// What it proves.
    pub claims: AndroidClaims,
    /// Its leaf's KeyDescription.
    pub key_description: KeyDescription,
}

impl AndroidBase {
    fn new(
        name: String,
        pem: &[u8],
        verifier: Verifier,
        challenge: Vec<u8>,
        at: UnixTime,
    ) -> Option<Self> {
        let der = hwattest::encoding::decode_certificates(pem).ok()?.concat();
        let verified = verifier
            .verify(&der, Challenge::Expected(&challenge), at)
            .ok()?;
        Some(Self {
            name,
            der,
            verifier,
            challenge,
            at,
            claims: verified.claims().clone(),
            key_description: verified.key_description().clone(),
        })
    }
}

/// Every Android chain that verifies: the bundled example (under its own test root) and each
/// shared real-device chain at its suggested time with its challenge.
pub fn android_bases() -> Vec<AndroidBase> {
    let mut out = Vec::new();
    let example = repo_dir().join("test-vectors/android/example");
    let root = std::fs::read(example.join("root.pem"))
        .ok()
        .and_then(|pem| hwattest::encoding::decode_certificates(&pem).ok())
        .and_then(|ders| ders.into_iter().next())
        .and_then(|der| TrustAnchor::from_certificate_der(&der, "example", RootKind::Custom).ok());
    if let (Some(root), Ok(pem), Ok(challenge)) = (
        root,
        std::fs::read(example.join("chain.pem")),
        std::fs::read(example.join("challenge.txt")),
    ) {
        let verifier = Verifier::builder().add_root(root).build();
        // 2026-12-01, inside the example chain's validity.
        let at = UnixTime::from_unix_seconds(1_796_083_200);
        out.extend(AndroidBase::new(
            "example".into(),
            &pem,
            verifier,
            challenge,
            at,
        ));
    }
    if let Some(dir) = shared_dir("android") {
        let verifier = Verifier::builder().allow_software_attestation(true).build();
        for vector in vector_dirs(&dir) {
            let (Some(meta), Ok(pem)) =
                (read_meta(&vector), std::fs::read(vector.join("chain.pem")))
            else {
                continue;
            };
            let challenge = meta["attestation_challenge"]["hex"]
                .as_str()
                .and_then(unhex);
            let at = meta["valid_at_utc_suggested"].as_str().and_then(rfc3339);
            if let (Some(challenge), Some(at)) = (challenge, at) {
                let name = vector.file_name().map(|n| n.to_string_lossy().into_owned());
                out.extend(AndroidBase::new(
                    name.unwrap_or_default(),
                    &pem,
                    verifier.clone(),
                    challenge,
                    at,
                ));
            }
        }
    }
    out
}

/// A real App Attest attestation that verifies.
pub struct AttestationBase {
    /// Where it came from.
    pub name: String,
    /// The attestation object (CBOR).
    pub object: Vec<u8>,
    /// The verifier for its environment.
    pub verifier: apple::Verifier,
    /// The App ID.
    pub app_id: String,
    /// The key identifier.
    pub key_id: Vec<u8>,
    /// The client data hash the app passed.
    pub client_data_hash: Vec<u8>,
    /// A time at which it verifies.
    pub at: UnixTime,
    /// What it proves.
    pub claims: AttestationClaims,
}

/// A real App Attest assertion that verifies.
pub struct AssertionBase {
    /// Where it came from.
    pub name: String,
    /// The assertion object (CBOR).
    pub object: Vec<u8>,
    /// The verifier for its environment.
    pub verifier: apple::Verifier,
    /// The attested key.
    pub public_key: PublicKey,
    /// The App ID.
    pub app_id: String,
    /// The client data hash the app passed.
    pub client_data_hash: Vec<u8>,
    /// The counter stored before it.
    pub stored_counter: u32,
    /// What it proves.
    pub claims: AssertionClaims,
}

/// Every shared App Attest attestation and assertion that verifies (none without `../shared`).
pub fn apple_bases() -> (Vec<AttestationBase>, Vec<AssertionBase>) {
    let mut attestations = Vec::new();
    let mut assertions = Vec::new();
    let Some(dir) = shared_dir("apple") else {
        return (attestations, assertions);
    };
    for vector in vector_dirs(&dir) {
        let Some(meta) = read_meta(&vector) else {
            continue;
        };
        let name = vector
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let environment = match meta["environment"].as_str() {
            Some("production") => Environment::Production,
            _ => Environment::Development,
        };
        let verifier = apple::Verifier::new(environment);
        let app_id = meta["app"]["appId"].as_str().unwrap_or_default().to_owned();
        let mut attested_key = None;
        if let (Ok(object), Some(key_id), Some(client_data_hash), Some(at)) = (
            std::fs::read(vector.join("attestation.cbor")),
            meta["keyId_base64"]
                .as_str()
                .and_then(|t| STANDARD.decode(t).ok()),
            meta["clientDataHash_hex"].as_str().and_then(unhex),
            meta["valid_at_utc"].as_str().and_then(rfc3339),
        ) {
            if let Ok(claims) =
                verifier.verify_attestation(&object, &app_id, &key_id, &client_data_hash, at)
            {
                attested_key = claims.attested_key().ok();
                attestations.push(AttestationBase {
                    name: name.clone(),
                    object,
                    verifier: verifier.clone(),
                    app_id: app_id.clone(),
                    key_id,
                    client_data_hash,
                    at,
                    claims,
                });
            }
        }
        if let Some(file) = meta["public_key_pem_file"].as_str() {
            attested_key = std::fs::read_to_string(vector.join(file))
                .ok()
                .and_then(|pem| PublicKey::from_pem(&pem).ok());
        }
        let (Some(public_key), Some(list)) = (attested_key, meta["assertions"].as_array()) else {
            continue;
        };
        for a in list {
            let object = a["file"]
                .as_str()
                .and_then(|f| std::fs::read(vector.join(f)).ok());
            let client_data_hash = a["clientDataHash_hex"].as_str().and_then(unhex);
            let stored = a["previous_counter_for_test"]
                .as_u64()
                .and_then(|c| u32::try_from(c).ok());
            let (Some(object), Some(client_data_hash), Some(stored_counter)) =
                (object, client_data_hash, stored)
            else {
                continue;
            };
            if let Ok(claims) = verifier.verify_assertion(
                &object,
                &public_key,
                &app_id,
                &client_data_hash,
                stored_counter,
            ) {
                assertions.push(AssertionBase {
                    name: format!("{name}/{}", a["file"].as_str().unwrap_or_default()),
                    object,
                    verifier: verifier.clone(),
                    public_key: public_key.clone(),
                    app_id: app_id.clone(),
                    client_data_hash,
                    stored_counter,
                    claims,
                });
            }
        }
    }
    (attestations, assertions)
}

/// Checks what every `Error` must offer: a non-empty `Display` and a stable kind.
pub fn check_error(error: &hwattest::Error) {
    assert!(!error.to_string().is_empty(), "empty Display for {error:?}");
    assert!(!error.kind().is_empty(), "empty kind for {error:?}");
}
