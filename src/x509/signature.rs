//! Signature algorithms and verification (pure Rust, RustCrypto), with a verified-signature cache.
//!
//! Supported, because genuine attestation chains use them: RSASSA-PKCS1-v1_5 with SHA-256/384/512
//! (RFC 8017 section 8.2) for 2048- to 4096-bit keys, and ECDSA over P-256 and P-384 with any of
//! SHA-256/384/512 (RFC 5758 section 3.2). Curve and hash are independent: Samsung factory chains
//! sign with a P-384 key and SHA-256, Google's Droid CA3 with a P-256 key and SHA-384.

use std::collections::{HashSet, VecDeque};
use std::sync::Mutex;

use der::asn1::ObjectIdentifier;
use der::Tag;
use p256::ecdsa::signature::hazmat::PrehashVerifier;
use rsa::pkcs1::DecodeRsaPublicKey;
use sha2::{Digest, Sha256, Sha384, Sha512};

use crate::x509::der_reader::TlvReader;
use crate::x509::oid;

/// A certificate or assertion signature algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum SignatureAlgorithm {
    RsaPkcs1Sha256,
    RsaPkcs1Sha384,
    RsaPkcs1Sha512,
    EcdsaSha256,
    EcdsaSha384,
    EcdsaSha512,
    /// Any other algorithm: parsed, never verified.
    Unsupported,
}

impl SignatureAlgorithm {
    /// Reads the content of an AlgorithmIdentifier. The flag is true when an ECDSA identifier
    /// carries NULL parameters, which RFC 5758 forbids and some devices emit.
    pub(crate) fn from_algorithm_identifier(content: &[u8]) -> Option<(Self, bool)> {
        let mut r = TlvReader::new(content)?;
        let id = ObjectIdentifier::from_bytes(r.read(Tag::ObjectIdentifier)?.value).ok()?;
        let params = if r.is_empty() {
            None
        } else {
            Some(r.read_any()?)
        };
        if !r.is_empty() {
            return None;
        }
        let null_params = matches!(params, Some(p) if p.tag == Tag::Null && p.value.is_empty());
        let (alg, rsa) = match id {
            oid::SHA256_WITH_RSA => (Self::RsaPkcs1Sha256, true),
            oid::SHA384_WITH_RSA => (Self::RsaPkcs1Sha384, true),
            oid::SHA512_WITH_RSA => (Self::RsaPkcs1Sha512, true),
            oid::ECDSA_WITH_SHA256 => (Self::EcdsaSha256, false),
            oid::ECDSA_WITH_SHA384 => (Self::EcdsaSha384, false),
            oid::ECDSA_WITH_SHA512 => (Self::EcdsaSha512, false),
            _ => return Some((Self::Unsupported, false)),
        };
        match (rsa, params.is_none(), null_params) {
            // RFC 4055 section 5: parameters MUST be NULL; absent is a common, harmless slip.
            (true, _, _) if params.is_none() || null_params => Some((alg, false)),
            (false, true, _) => Some((alg, false)),
            (false, false, true) => Some((alg, true)),
            _ => None,
        }
    }

    fn code(self) -> u8 {
        match self {
            Self::RsaPkcs1Sha256 => 1,
            Self::RsaPkcs1Sha384 => 2,
            Self::RsaPkcs1Sha512 => 3,
            Self::EcdsaSha256 => 4,
            Self::EcdsaSha384 => 5,
            Self::EcdsaSha512 => 6,
            Self::Unsupported => 0,
        }
    }
}

/// Why a signature was not verified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SignatureError {
    /// The algorithm is not one hwattest verifies.
    UnsupportedAlgorithm,
    /// The key is malformed, of an unsupported type or curve, or does not fit the algorithm.
    UnsupportedKey,
    /// The signature is malformed or does not verify.
    Invalid,
}

/// The smallest RSA modulus accepted, in bits (NIST SP 800-131A: 2048 since 2014).
// LIMITATION: this also refuses the RSA-1024 Android Keystore software root, so software
// attestation under it cannot be reported even when allowed (README, "Limitations").
const MIN_RSA_BITS: usize = 2048;
/// The largest RSA modulus accepted, in bits: Google's roots use 4096, which bounds the work.
const MAX_RSA_BITS: usize = 4096;

/// The public key inside a SubjectPublicKeyInfo, ready to verify.
enum PublicKey {
    Rsa(rsa::PublicKey),
    P256(p256::ecdsa::VerifyingKey),
    P384(p384::ecdsa::VerifyingKey),
}

impl PublicKey {
    /// The key of a SubjectPublicKeyInfo (RFC 5280 section 4.1.2.7):
    /// `SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }`.
    fn from_spki(spki: &[u8]) -> Option<Self> {
        let mut outer = TlvReader::new(spki)?;
        let seq = outer.read(Tag::Sequence)?;
        if !outer.is_empty() {
            return None;
        }
        let mut r = TlvReader::new(seq.value)?;
        let alg = r.read(Tag::Sequence)?;
        let key = r.read(Tag::BitString)?;
        if !r.is_empty() {
            return None;
        }
        let key = match key.value.split_first() {
            Some((0, rest)) => rest,
            _ => return None,
        };
        let mut a = TlvReader::new(alg.value)?;
        let id = ObjectIdentifier::from_bytes(a.read(Tag::ObjectIdentifier)?.value).ok()?;
        if id == oid::RSA_ENCRYPTION {
            let k = rsa::PublicKey::from_pkcs1_der(key).ok()?;
            let bits = rsa::traits::PublicKeyParts::n_bits_precision(&k);
            if !(MIN_RSA_BITS..=MAX_RSA_BITS).contains(&usize::try_from(bits).ok()?) {
                return None;
            }
            return Some(Self::Rsa(k));
        }
        if id != oid::EC_PUBLIC_KEY {
            return None;
        }
        let curve = ObjectIdentifier::from_bytes(a.read(Tag::ObjectIdentifier)?.value).ok()?;
        if !a.is_empty() {
            return None;
        }
        match curve {
            oid::SECP256R1 => p256::ecdsa::VerifyingKey::from_sec1_bytes(key)
                .ok()
                .map(Self::P256),
            oid::SECP384R1 => p384::ecdsa::VerifyingKey::from_sec1_bytes(key)
                .ok()
                .map(Self::P384),
            _ => None,
        }
    }
}

/// The message digest for an algorithm; the length depends on the hash, not the key.
fn digest(alg: SignatureAlgorithm, message: &[u8]) -> Option<Vec<u8>> {
    match alg {
        SignatureAlgorithm::RsaPkcs1Sha256 | SignatureAlgorithm::EcdsaSha256 => {
            Some(Sha256::digest(message).to_vec())
        }
        SignatureAlgorithm::RsaPkcs1Sha384 | SignatureAlgorithm::EcdsaSha384 => {
            Some(Sha384::digest(message).to_vec())
        }
        SignatureAlgorithm::RsaPkcs1Sha512 | SignatureAlgorithm::EcdsaSha512 => {
            Some(Sha512::digest(message).to_vec())
        }
        SignatureAlgorithm::Unsupported => None,
    }
}

/// Verifies `signature` over `message` with the key in `spki` (a DER SubjectPublicKeyInfo).
pub(crate) fn verify(
    spki: &[u8],
    alg: SignatureAlgorithm,
    message: &[u8],
    signature: &[u8],
) -> Result<(), SignatureError> {
    let hashed = digest(alg, message).ok_or(SignatureError::UnsupportedAlgorithm)?;
    let key = PublicKey::from_spki(spki).ok_or(SignatureError::UnsupportedKey)?;
    let rsa_scheme = match alg {
        SignatureAlgorithm::RsaPkcs1Sha256 => Some(rsa::Pkcs1v15Sign::new::<Sha256>()),
        SignatureAlgorithm::RsaPkcs1Sha384 => Some(rsa::Pkcs1v15Sign::new::<Sha384>()),
        SignatureAlgorithm::RsaPkcs1Sha512 => Some(rsa::Pkcs1v15Sign::new::<Sha512>()),
        _ => None,
    };
    let ok = match (key, rsa_scheme) {
        (PublicKey::Rsa(k), Some(scheme)) => k.verify(scheme, &hashed, signature).is_ok(),
        (PublicKey::P256(k), None) => p256::ecdsa::Signature::from_der(signature)
            .map(|sig| k.verify_prehash(&hashed, &sig).is_ok())
            .unwrap_or(false),
        (PublicKey::P384(k), None) => p384::ecdsa::Signature::from_der(signature)
            .map(|sig| k.verify_prehash(&hashed, &sig).is_ok())
            .unwrap_or(false),
        // The key is usable but of another type than the algorithm names: it did not sign.
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(SignatureError::Invalid)
    }
}

/// The remembered cache keys, and their insertion order for eviction.
type Entries = (HashSet<[u8; 32]>, VecDeque<[u8; 32]>);

/// A bounded set of signatures already verified, shared by every verification a verifier runs.
///
/// A verification service sees the same few hundred intermediate certificates millions of times;
/// remembering that (key, algorithm, message, signature) verified turns each repeat into one
/// SHA-256 of the inputs. Only successes are remembered, and the key covers every input byte, so
/// a hit proves exactly what a fresh verification would. When full, the oldest entry is dropped.
#[derive(Debug)]
pub struct SignatureCache {
    capacity: usize,
    entries: Mutex<Entries>,
}

impl SignatureCache {
    /// A cache holding at most `capacity` verified signatures (0 disables caching).
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity,
            entries: Mutex::new((HashSet::new(), VecDeque::new())),
        }
    }

    /// The most signatures it remembers.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Number of signatures remembered.
    pub fn len(&self) -> usize {
        self.entries.lock().map(|e| e.0.len()).unwrap_or(0)
    }

    /// True when nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn key(spki: &[u8], alg: SignatureAlgorithm, message: &[u8], signature: &[u8]) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update([alg.code()]);
        for part in [spki, message, signature] {
            // Length-prefix each part so that no two different inputs share an encoding.
            h.update(u64::try_from(part.len()).unwrap_or(u64::MAX).to_be_bytes());
            h.update(part);
        }
        h.finalize().into()
    }

    /// Verifies as [`verify`] does, answering from the cache when this exact check succeeded
    /// before.
    pub(crate) fn verify(
        &self,
        spki: &[u8],
        alg: SignatureAlgorithm,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), SignatureError> {
        if self.capacity == 0 {
            return verify(spki, alg, message, signature);
        }
        let key = Self::key(spki, alg, message, signature);
        if let Ok(entries) = self.entries.lock() {
            if entries.0.contains(&key) {
                return Ok(());
            }
        }
        verify(spki, alg, message, signature)?;
        if let Ok(mut entries) = self.entries.lock() {
            let (set, order) = &mut *entries;
            if set.insert(key) {
                order.push_back(key);
                while set.len() > self.capacity {
                    match order.pop_front() {
                        Some(old) => set.remove(&old),
                        None => break,
                    };
                }
            }
        }
        Ok(())
    }
}

impl Default for SignatureCache {
    /// A cache of 4096 signatures: a few hundred intermediates with room to spare, about 300 KiB.
    fn default() -> Self {
        Self::new(4096)
    }
}
