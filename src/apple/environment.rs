//! The App Attest environment, which the server configures; it never comes from the request.

use serde::{Deserialize, Serialize};

/// The App Attest environment an app was built for (its `com.apple.developer.devicecheck
/// .appattest-environment` entitlement), as the server's configuration says.
///
/// Each environment has its own AAGUID in the authenticator data (Apple, "Validating apps that
/// connect to your server", attestation step 8). The verifier takes it from configuration: an
/// environment read from the request would let a development build pass as production.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Environment {
    /// Apps distributed through the App Store, TestFlight or Enterprise: AAGUID
    /// `appattest` followed by seven 0x00 bytes.
    Production,
    /// Development builds: AAGUID `appattestdevelop`.
    Development,
}

impl Environment {
    /// The AAGUID the authenticator data carries in this environment.
    pub const fn aaguid(self) -> &'static [u8; 16] {
        match self {
            Self::Production => b"appattest\0\0\0\0\0\0\0",
            Self::Development => b"appattestdevelop",
        }
    }

    /// The environment whose AAGUID is `aaguid`, if any.
    pub fn from_aaguid(aaguid: &[u8]) -> Option<Self> {
        [Self::Production, Self::Development]
            .into_iter()
            .find(|env| env.aaguid().as_slice() == aaguid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aaguids_round_trip() {
        for env in [Environment::Production, Environment::Development] {
            assert_eq!(Environment::from_aaguid(env.aaguid()), Some(env));
        }
        assert_eq!(Environment::from_aaguid(b"appattest"), None);
    }
}
