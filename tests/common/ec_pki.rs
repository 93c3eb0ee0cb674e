//! Test PKI: deterministic P-256/P-384 keys (fixed seeds, RFC 6979 signing) and a small DER
//! writer that builds certificates with any issuer, subject, key, extensions, validity and CA
//! flag, signed by any test key. Both platforms' adversarial tests can mint chains with it.

use p256::ecdsa::signature::Signer;

// ---------------------------------------------------------------------------------------------
// DER writer (X.690), just enough for certificates.
// ---------------------------------------------------------------------------------------------

/// One TLV with a definite, minimal length.
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend(&bytes[skip..]);
    }
    out.extend(content);
    out
}

pub fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

pub fn set(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x31, &parts.concat())
}

pub fn oid(dotted: &str) -> Vec<u8> {
    let arcs: Vec<u64> = dotted.split('.').map(|a| a.parse().unwrap()).collect();
    let mut body = vec![(arcs[0] * 40 + arcs[1]) as u8];
    for &arc in &arcs[2..] {
        let mut chunk = vec![(arc & 0x7f) as u8];
        let mut rest = arc >> 7;
        while rest > 0 {
            chunk.push(0x80 | (rest & 0x7f) as u8);
            rest >>= 7;
        }
        chunk.reverse();
        body.extend(chunk);
    }
    tlv(0x06, &body)
}

pub fn octet_string(bytes: &[u8]) -> Vec<u8> {
    tlv(0x04, bytes)
}

pub fn bit_string(bytes: &[u8]) -> Vec<u8> {
    let mut body = vec![0];
    body.extend(bytes);
    tlv(0x03, &body)
}

pub fn integer(bytes: &[u8]) -> Vec<u8> {
    let mut body = bytes.to_vec();
    if body.first().is_some_and(|b| b & 0x80 != 0) {
        body.insert(0, 0);
    }
    tlv(0x02, &body)
}

/// A GeneralizedTime for seconds since the epoch (RFC 5280 allows it for any year).
pub fn generalized_time(unix: i64) -> Vec<u8> {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let text = format!(
        "{y:04}{m:02}{d:02}{:02}{:02}{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    );
    tlv(0x18, text.as_bytes())
}

/// A Name with one CommonName attribute.
pub fn name(common_name: &str) -> Vec<u8> {
    seq(&[set(&[seq(&[
        oid("2.5.4.3"),
        tlv(0x0c, common_name.as_bytes()),
    ])])])
}

// ---------------------------------------------------------------------------------------------
// Keys and certificates.
// ---------------------------------------------------------------------------------------------

/// A deterministic test key (ECDSA signing is deterministic too, RFC 6979).
#[derive(Clone)]
pub enum TestKey {
    P256(p256::ecdsa::SigningKey),
    P384(p384::ecdsa::SigningKey),
}

impl TestKey {
    pub fn p256(seed: u8) -> Self {
        Self::P256(p256::ecdsa::SigningKey::from_bytes(&[seed; 32].into()).unwrap())
    }

    pub fn p384(seed: u8) -> Self {
        Self::P384(p384::ecdsa::SigningKey::from_bytes(&[seed; 48].into()).unwrap())
    }

    /// The uncompressed SEC1 point.
    pub fn point(&self) -> Vec<u8> {
        match self {
            Self::P256(k) => k.verifying_key().to_sec1_bytes().into_vec(),
            Self::P384(k) => k.verifying_key().to_sec1_bytes().into_vec(),
        }
    }

    /// The DER SubjectPublicKeyInfo.
    pub fn spki(&self) -> Vec<u8> {
        let curve = match self {
            Self::P256(_) => "1.2.840.10045.3.1.7",
            Self::P384(_) => "1.3.132.0.34",
        };
        seq(&[
            seq(&[oid("1.2.840.10045.2.1"), oid(curve)]),
            bit_string(&self.point()),
        ])
    }

    /// The AlgorithmIdentifier this key signs with: ECDSA with SHA-256 (P-256) or SHA-384.
    pub fn signature_algorithm(&self) -> Vec<u8> {
        match self {
            Self::P256(_) => seq(&[oid("1.2.840.10045.4.3.2")]),
            Self::P384(_) => seq(&[oid("1.2.840.10045.4.3.3")]),
        }
    }

    /// A DER ECDSA signature over `message`.
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        match self {
            Self::P256(k) => {
                let sig: p256::ecdsa::Signature = k.sign(message);
                sig.to_der().as_bytes().to_vec()
            }
            Self::P384(k) => {
                let sig: p384::ecdsa::Signature = k.sign(message);
                sig.to_der().as_bytes().to_vec()
            }
        }
    }
}

/// One extension: OID, criticality, extnValue content.
#[derive(Clone)]
pub struct TestExtension {
    pub oid: String,
    pub critical: bool,
    pub value: Vec<u8>,
}

/// What a test certificate says.
pub struct CertSpec<'a> {
    pub serial: u64,
    pub issuer: Vec<u8>,
    pub subject: Vec<u8>,
    pub subject_key: &'a TestKey,
    pub not_before: i64,
    pub not_after: i64,
    /// `Some(true)`: basicConstraints cA plus keyUsage keyCertSign; `Some(false)`: an explicit
    /// end-entity basicConstraints; `None`: no basicConstraints.
    pub ca: Option<bool>,
    pub extensions: Vec<TestExtension>,
}

/// A DER certificate for `spec`, signed by `issuer_key`.
pub fn certificate(spec: &CertSpec<'_>, issuer_key: &TestKey) -> Vec<u8> {
    let mut extensions = Vec::new();
    match spec.ca {
        Some(true) => {
            extensions.push(seq(&[
                oid("2.5.29.19"),
                tlv(0x01, &[0xff]),
                octet_string(&seq(&[tlv(0x01, &[0xff])])),
            ]));
            // keyUsage: keyCertSign (bit 5) and cRLSign (bit 6).
            extensions.push(seq(&[
                oid("2.5.29.15"),
                tlv(0x01, &[0xff]),
                octet_string(&tlv(0x03, &[0x01, 0x06])),
            ]));
        }
        Some(false) => extensions.push(seq(&[oid("2.5.29.19"), octet_string(&seq(&[]))])),
        None => {}
    }
    for ext in &spec.extensions {
        let mut parts = vec![oid(&ext.oid)];
        if ext.critical {
            parts.push(tlv(0x01, &[0xff]));
        }
        parts.push(octet_string(&ext.value));
        extensions.push(seq(&parts));
    }
    let mut tbs = vec![
        tlv(0xa0, &integer(&[2])),
        integer(&spec.serial.to_be_bytes()[spec.serial.leading_zeros() as usize / 8..]),
        issuer_key.signature_algorithm(),
        spec.issuer.clone(),
        seq(&[
            generalized_time(spec.not_before),
            generalized_time(spec.not_after),
        ]),
        spec.subject.clone(),
        spec.subject_key.spki(),
    ];
    if !extensions.is_empty() {
        tbs.push(tlv(0xa3, &seq(&extensions)));
    }
    let tbs = seq(&tbs);
    let signature = issuer_key.sign(&tbs);
    seq(&[
        tbs,
        issuer_key.signature_algorithm(),
        bit_string(&signature),
    ])
}

/// A PEM CERTIFICATE block for `der`.
pub fn pem(der: &[u8]) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out = String::from("-----BEGIN CERTIFICATE-----\n");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap());
        out.push('\n');
    }
    out.push_str("-----END CERTIFICATE-----\n");
    out
}
