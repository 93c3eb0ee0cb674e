//! The attested P-256 public key, as the server stores it between attestation and assertions.

use p256::pkcs8::{DecodePublicKey, EncodePublicKey};

use crate::error::Error;

/// A P-256 public key: the key App Attest certified, which signs every later assertion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKey {
    key: p256::PublicKey,
}

impl PublicKey {
    /// From a DER SubjectPublicKeyInfo (RFC 5480 section 2), as [`PublicKey::spki_der`] gives.
    ///
    /// # Errors
    ///
    /// [`Error::PublicKeyMalformed`] unless it is a valid P-256 key.
    pub fn from_spki_der(der: &[u8]) -> Result<Self, Error> {
        p256::PublicKey::from_public_key_der(der)
            .map(|key| Self { key })
            .map_err(|_| Error::PublicKeyMalformed)
    }

    /// From a PEM `PUBLIC KEY` block (RFC 7468 section 13).
    ///
    /// # Errors
    ///
    /// [`Error::PublicKeyMalformed`] unless it is a valid P-256 key.
    pub fn from_pem(pem: &str) -> Result<Self, Error> {
        p256::PublicKey::from_public_key_pem(pem.trim())
            .map(|key| Self { key })
            .map_err(|_| Error::PublicKeyMalformed)
    }

    /// From a SEC1 point, compressed or uncompressed (SEC 1 section 2.3.3).
    ///
    /// # Errors
    ///
    /// [`Error::PublicKeyMalformed`] unless it is a point on P-256.
    pub fn from_sec1(point: &[u8]) -> Result<Self, Error> {
        p256::PublicKey::from_sec1_bytes(point)
            .map(|key| Self { key })
            .map_err(|_| Error::PublicKeyMalformed)
    }

    /// Decodes whichever form `input` holds: PEM, DER SubjectPublicKeyInfo or a SEC1 point.
    ///
    /// # Errors
    ///
    /// [`Error::PublicKeyMalformed`].
    pub fn decode(input: &[u8]) -> Result<Self, Error> {
        match input.first() {
            Some(b'-') => {
                Self::from_pem(core::str::from_utf8(input).map_err(|_| Error::PublicKeyMalformed)?)
            }
            Some(0x30) => Self::from_spki_der(input),
            _ => Self::from_sec1(input),
        }
    }

    /// The DER SubjectPublicKeyInfo, the form to store.
    pub fn spki_der(&self) -> Vec<u8> {
        // Encoding a valid P-256 key cannot fail; an empty result would fail every later check.
        self.key
            .to_public_key_der()
            .map(|doc| doc.as_bytes().to_vec())
            .unwrap_or_default()
    }

    /// The uncompressed SEC1 point `04 || x || y`.
    pub fn sec1_uncompressed(&self) -> Vec<u8> {
        // P-256 does not compress points by default (`PointCompression`); a unit test pins it.
        self.key.to_sec1_bytes().into_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_round_trip() {
        let point = p256::SecretKey::from_bytes(&[7u8; 32].into())
            .unwrap()
            .public_key()
            .to_sec1_bytes();
        let key = PublicKey::from_sec1(&point).unwrap();
        let uncompressed = key.sec1_uncompressed();
        assert_eq!(uncompressed.len(), 65);
        assert_eq!(uncompressed[0], 0x04);
        assert_eq!(PublicKey::decode(&key.spki_der()).unwrap(), key);
        assert_eq!(PublicKey::decode(&uncompressed).unwrap(), key);
        assert_eq!(PublicKey::decode(b"\x04"), Err(Error::PublicKeyMalformed));
    }
}
