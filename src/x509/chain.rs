//! Linear chain validation: leaf first, each certificate issued by the next, ending at a root key.
//!
//! This follows RFC 5280 section 6.1 for a path that is given rather than built, with the
//! differences attestation needs, each a parameter of [`ChainPolicy`]:
//!
//! - The trust anchor is a public key. The chain's last certificate is the anchor when its key is
//!   pinned; otherwise the last certificate must be signed by a pinned key whose subject name is
//!   its issuer (the root was omitted). A self-signed tail whose key is not pinned is never
//!   trusted. The anchor's own validity and extensions are not checked (RFC 5280 section 6.1.1).
//! - Validity dates are enforced for every certificate except the anchor and the device-minted
//!   ones the policy names, whose dates are meaningless on real devices.
//! - Every issuer must be a CA with keyCertSign, except an ATTEST_KEY certificate at index 1 when
//!   the policy allows it.

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
    /// Whether certificate 1 is an ATTEST_KEY certificate: device-minted (validity not
    /// enforced) and allowed to issue the leaf without being a CA.
    pub(crate) attest_key_issuer: bool,
}

/// The outcome of a successful validation.
#[derive(Debug)]
pub(crate) struct ValidatedChain<'r> {
    /// The pinned key the chain ends at.
    pub(crate) anchor: &'r TrustAnchor,
    /// Whether the chain's last certificate carries the anchor key (true) or was issued by it.
    #[allow(dead_code, reason = "used by the Android verifier, not on this branch")]
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
                    Err(e) => last_err = signature_error(e, last_index, certs.len()),
                }
            }
            (found.ok_or(last_err)?, false)
        }
    };
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
        if cert.issuer != issuer.subject {
            return Err(Error::IssuerMismatch { index });
        }
        if issuer_index == last_index && root_included {
            continue;
        }
        let attest_key = issuer_index == 1 && policy.attest_key_issuer;
        let constraints = issuer.basic_constraints.unwrap_or_default();
        if attest_key && !constraints.ca {
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
        let device_minted =
            (index == 0 && !policy.leaf_validity) || (index == 1 && policy.attest_key_issuer);
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
