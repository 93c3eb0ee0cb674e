//! Linear chain validation: leaf first, each certificate issued by the next, ending at a root key.
//!
//! This follows RFC 5280 section 6.1 for a path that is given rather than built, with the
//! differences attestation needs, each a parameter of [`ChainPolicy`]:
//!
//! - The trust anchor is a public key. The chain's last certificate is the anchor when its key is
//!   pinned; otherwise the last certificate must be signed by a pinned key whose subject name is
//!   its issuer (the root was omitted). A self-signed tail whose key is not pinned is never
//!   trusted, and the leaf is never the anchor (then nothing would have been verified). The
//!   anchor's own validity and extensions are not checked (RFC 5280 section 6.1.1).
//! - Validity dates are enforced for every certificate except the anchor and the device-minted
//!   ones the policy names, whose dates are meaningless on real devices.
//! - Every issuer must be a CA with keyCertSign, except the leaf's issuer when the policy allows
//!   it (Android: a factory batch attestation certificate, or an ATTEST_KEY certificate).

use crate::error::Error;
use crate::limits::MAX_CHAIN_LENGTH;
use crate::roots::{Roots, TrustAnchor};
use crate::time::UnixTime;
use crate::x509::cert::Certificate;
use crate::x509::signature::{SignatureCache, SignatureError};

/// What the caller's platform rules say about one chain.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ChainPolicy {
    /// The verification time.
    pub(crate) time: UnixTime,
    /// Whether the leaf's validity dates are enforced.
    pub(crate) leaf_validity: bool,
    /// What certificate 1, the leaf's issuer, may be.
    pub(crate) leaf_issuer: LeafIssuer,
}

/// What the certificate that issued the leaf may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LeafIssuer {
    /// A CA, like every other issuer (RFC 5280 section 4.2.1.9).
    Ca,
    /// A CA, or a vendor-issued certificate without the CA flag: some factory-provisioned
    /// Android devices (Sony Xperia 10 III) carry a batch attestation certificate with
    /// `cA = FALSE` and no keyCertSign that signs every leaf.
    MayBeNonCa,
    /// A device-minted ATTEST_KEY certificate: not a CA, and its validity dates are not enforced.
    AttestKey,
}

/// The outcome of a successful validation.
#[derive(Debug)]
pub(crate) struct ValidatedChain<'r> {
    /// The pinned key the chain ends at.
    pub(crate) anchor: &'r TrustAnchor,
    /// Whether the chain's last certificate carries the anchor key (true) or was issued by it.
    pub(crate) root_included: bool,
}

fn signature_error(err: SignatureError, subject: usize, issuer: usize) -> Error {
    match err {
        SignatureError::UnsupportedAlgorithm => {
            Error::UnsupportedSignatureAlgorithm { index: subject }
        }
        SignatureError::UnsupportedKey => Error::UnsupportedPublicKey { index: issuer },
        SignatureError::Invalid => Error::BadSignature { index: subject },
    }
}

/// Validates `certs` (leaf first) to one of `roots` at `policy.time`.
pub(crate) fn validate<'r>(
    certs: &[Certificate<'_>],
    roots: &'r Roots,
    cache: &SignatureCache,
    policy: &ChainPolicy,
) -> Result<ValidatedChain<'r>, Error> {
    // 1. Shape and size.
    let last = certs.last().ok_or(Error::InputEmpty)?;
    if certs.len() > MAX_CHAIN_LENGTH {
        return Err(Error::ChainTooLong {
            len: certs.len(),
            limit: MAX_CHAIN_LENGTH,
        });
    }
    let last_index = certs.len().saturating_sub(1);

    // 2. The anchor: the last certificate's key is pinned, or a pinned key issued it.
    let (anchor, root_included) = match roots.find_by_key(last.spki) {
        Some(anchor) => (anchor, true),
        None => {
            let candidates = roots.find_by_subject(last.issuer);
            if candidates.is_empty() {
                return Err(Error::UntrustedRoot);
            }
            let mut found = None;
            let mut last_err = Error::UntrustedRoot;
            for candidate in candidates {
                match cache.verify(
                    &candidate.spki,
                    last.signature_algorithm,
                    last.tbs,
                    last.signature,
                ) {
                    Ok(()) => {
                        found = Some(candidate);
                        break;
                    }
                    Err(SignatureError::UnsupportedAlgorithm) => {
                        last_err = Error::UnsupportedSignatureAlgorithm { index: last_index }
                    }
                    // The pinned key did not sign it, whether or not its type fits.
                    Err(_) => last_err = Error::BadSignature { index: last_index },
                }
            }
            (found.ok_or(last_err)?, false)
        }
    };
    // The anchor's own signature is never checked, so an anchor that is also the leaf would
    // mean nothing was verified: anyone can write a certificate carrying a pinned public key.
    if root_included && last_index == 0 {
        return Err(Error::UntrustedRoot);
    }
    // With the root included, the last certificate is the anchor and is not itself checked.
    let checked = if root_included {
        last_index
    } else {
        certs.len()
    };

    // 3. Names and issuer constraints, for each certificate and the one after it.
    let mut ca_below = 0u32;
    for (index, pair) in certs.windows(2).enumerate() {
        let [cert, issuer] = pair else { continue };
        let issuer_index = index.saturating_add(1);
        // LIMITATION: names are compared byte for byte, without RFC 5280 section 7.1
        // normalisation; a chain whose CA re-encodes a name differently is refused, never
        // wrongly accepted (README, "Limitations").
        if cert.issuer != issuer.subject {
            return Err(Error::IssuerMismatch { index });
        }
        if issuer_index == last_index && root_included {
            continue;
        }
        let non_ca_allowed = issuer_index == 1 && policy.leaf_issuer != LeafIssuer::Ca;
        let constraints = issuer.basic_constraints.unwrap_or_default();
        if non_ca_allowed && !constraints.ca {
            continue;
        }
        if !constraints.ca {
            return Err(Error::IssuerNotCa {
                index: issuer_index,
            });
        }
        if issuer.key_cert_sign == Some(false) {
            return Err(Error::IssuerKeyUsage {
                index: issuer_index,
            });
        }
        if let Some(limit) = constraints.path_len {
            if ca_below > limit {
                return Err(Error::PathLengthExceeded {
                    index: issuer_index,
                });
            }
        }
        ca_below = ca_below.saturating_add(1);
    }

    // 4. Validity of every certificate whose dates mean something.
    for (index, cert) in certs.iter().enumerate().take(checked) {
        let device_minted = (index == 0 && !policy.leaf_validity)
            || (index == 1 && policy.leaf_issuer == LeafIssuer::AttestKey);
        if device_minted {
            continue;
        }
        if policy.time < cert.not_before {
            return Err(Error::CertificateNotYetValid {
                index,
                time: policy.time.as_unix_seconds(),
                not_before: cert.not_before.as_unix_seconds(),
            });
        }
        if policy.time > cert.not_after {
            return Err(Error::CertificateExpired {
                index,
                time: policy.time.as_unix_seconds(),
                not_after: cert.not_after.as_unix_seconds(),
            });
        }
    }

    // 5. Signatures, last because they cost the most.
    for (index, pair) in certs.windows(2).enumerate() {
        let [cert, issuer] = pair else { continue };
        cache
            .verify(
                issuer.spki,
                cert.signature_algorithm,
                cert.tbs,
                cert.signature,
            )
            .map_err(|e| signature_error(e, index, index.saturating_add(1)))?;
    }

    Ok(ValidatedChain {
        anchor,
        root_included,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::decode_certificates;
    use crate::x509::cert::Strictness;
    use crate::x509::oid::ANDROID_KEY_DESCRIPTION;

    #[test]
    fn probe_real_chains() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/test-vectors/android"
        );
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let roots = Roots::google();
        let cache = SignatureCache::default();
        for e in entries {
            let path = e.unwrap().path();
            let Ok(pem) = std::fs::read(path.join("chain.pem")) else {
                continue;
            };
            let meta = std::fs::read_to_string(path.join("meta.json")).unwrap();
            let at = meta.split("\"valid_at_utc_suggested\": \"").nth(1).unwrap();
            let at = &at[..19];
            let t = crate::time::parse_asn1_time(
                format!(
                    "{}{}{}{}{}{}Z",
                    &at[0..4],
                    &at[5..7],
                    &at[8..10],
                    &at[11..13],
                    &at[14..16],
                    &at[17..19]
                )
                .as_bytes(),
                true,
            )
            .unwrap();
            let ders = decode_certificates(&pem).unwrap();
            let mut certs = Vec::new();
            let mut res = Ok(());
            for (i, d) in ders.iter().enumerate() {
                let probe = Certificate::parse(d, i, Strictness::Device);
                let strict = match &probe {
                    Ok(c) => i == 0 || (i == 1 && c.extension(&ANDROID_KEY_DESCRIPTION).is_some()),
                    Err(_) => true,
                };
                let s = if strict {
                    Strictness::Device
                } else {
                    Strictness::Vendor
                };
                match Certificate::parse(d, i, s) {
                    Ok(c) => certs.push(c),
                    Err(err) => {
                        res = Err(err);
                        break;
                    }
                }
            }
            let attest = certs
                .get(1)
                .map(|c| c.extension(&ANDROID_KEY_DESCRIPTION).is_some())
                .unwrap_or(false);
            let leaf_issuer = if attest {
                LeafIssuer::AttestKey
            } else {
                LeafIssuer::MayBeNonCa
            };
            let out = res.and_then(|_| {
                validate(
                    &certs,
                    &roots,
                    &cache,
                    &ChainPolicy {
                        time: t,
                        leaf_validity: false,
                        leaf_issuer,
                    },
                )
                .map(|v| (v.anchor.name().to_owned(), v.root_included))
            });
            let odd: Vec<_> = certs.iter().map(|c| c.oddities.clone()).collect();
            println!(
                "{:50} {:?} {:?}",
                path.file_name().unwrap().to_str().unwrap(),
                out,
                odd
            );
        }
    }
}
