//! AuthorizationList: the key's properties and the device state, one typed field per KeyMint tag
//! (AOSP "Key and ID attestation", AuthorizationList fields; KeyMint `Tag.aidl`).
//!
//! Parsing is tolerant where genuine devices deviate from DER and strict where a value would
//! become unknowable:
//!
//! - tags out of ascending order, unsorted `SET OF`, a repeated `SET OF` tag (members are
//!   united), a scalar tag repeated with the same value, unknown tags (kept with their raw
//!   bytes) and enum values the spec does not name are accepted and recorded as
//!   [`KeyDescriptionOddity`];
//! - a truncated entry, a wrong inner type, an integer out of range, a non-UTF-8 identifier or a
//!   scalar tag repeated with a different value is an error naming the list and the tag.

use der::Tag;

use crate::android::application_id::AttestationApplicationId;
use crate::android::asn1::{self, km_enum, limit_exceeded, malformed, KmEnum};
use crate::android::key_description::KeyDescriptionOddity;
use crate::android::root_of_trust::RootOfTrust;
use crate::android::tags;
use crate::error::Error;
use crate::limits::{MAX_AUTHORIZATION_TAGS, MAX_SET_MEMBERS};
use crate::x509::der_reader::{Tlv, TlvReader};

km_enum! {
    /// What a key may be used for (KeyMint `KeyPurpose.aidl`; `purpose [1]`).
    KeyPurpose {
        /// Symmetric encryption, or RSA public-key encryption.
        Encrypt = 0,
        /// Decryption.
        Decrypt = 1,
        /// Signing (also MAC generation).
        Sign = 2,
        /// Verification.
        Verify = 3,
        /// Key derivation: Keymaster 1 to 3 only, removed from KeyMint.
        DeriveKey = 4,
        /// Wrapping keys for secure import.
        WrapKey = 5,
        /// Key agreement (ECDH).
        AgreeKey = 6,
        /// Signing attestation certificates for other keys (KeyMint, the ATTEST_KEY purpose).
        AttestKey = 7,
    }
}

km_enum! {
    /// The key's algorithm (KeyMint `Algorithm.aidl`; `algorithm [2]`).
    Algorithm {
        /// RSA.
        Rsa = 1,
        /// Elliptic-curve (ECDSA / ECDH / EdDSA / X25519 with `EcCurve::Curve25519`).
        Ec = 3,
        /// ML-DSA (FIPS 204), KeyMint v5. Value taken from the Pixel 9 Android 17 vector and
        /// android/keyattestation test data; the Algorithm.aidl revision was not checked.
        MlDsa = 4,
        /// AES.
        Aes = 32,
        /// Triple DES.
        TripleDes = 33,
        /// HMAC.
        Hmac = 128,
    }
}

km_enum! {
    /// A symmetric block-cipher mode (KeyMint `BlockMode.aidl`; `blockMode [4]`).
    BlockMode {
        /// ECB.
        Ecb = 1,
        /// CBC.
        Cbc = 2,
        /// CTR.
        Ctr = 3,
        /// GCM.
        Gcm = 32,
    }
}

km_enum! {
    /// A digest the key may be used with (KeyMint `Digest.aidl`; `digest [5]`, `mgfDigest [203]`).
    Digest {
        /// No digest (raw signing).
        None = 0,
        /// MD5.
        Md5 = 1,
        /// SHA-1.
        Sha1 = 2,
        /// SHA-2 224.
        Sha224 = 3,
        /// SHA-2 256.
        Sha256 = 4,
        /// SHA-2 384.
        Sha384 = 5,
        /// SHA-2 512.
        Sha512 = 6,
    }
}

km_enum! {
    /// A padding mode the key may be used with (KeyMint `PaddingMode.aidl`; `padding [6]`).
    PaddingMode {
        /// No padding.
        None = 1,
        /// RSA OAEP.
        RsaOaep = 2,
        /// RSA PSS.
        RsaPss = 3,
        /// RSA PKCS#1 v1.5 encryption padding.
        RsaPkcs1_1_5Encrypt = 4,
        /// RSA PKCS#1 v1.5 signature padding.
        RsaPkcs1_1_5Sign = 5,
        /// PKCS#7 (block ciphers).
        Pkcs7 = 64,
    }
}

km_enum! {
    /// The elliptic curve of an EC key (KeyMint `EcCurve.aidl`; `ecCurve [10]`).
    EcCurve {
        /// NIST P-224.
        P224 = 0,
        /// NIST P-256.
        P256 = 1,
        /// NIST P-384.
        P384 = 2,
        /// NIST P-521.
        P521 = 3,
        /// Curve 25519 (Ed25519 or X25519), KeyMint v2.
        Curve25519 = 4,
    }
}

km_enum! {
    /// Where the key came from (KeyMint `KeyOrigin.aidl`; `origin [702]`).
    KeyOrigin {
        /// Generated inside the secure hardware.
        Generated = 0,
        /// Derived inside the secure hardware.
        Derived = 1,
        /// Imported in plaintext.
        Imported = 2,
        /// Reserved (Keymaster's `UNKNOWN`).
        Reserved = 3,
        /// Imported wrapped, so the plaintext never left secure hardware.
        SecurelyImported = 4,
    }
}

km_enum! {
    /// The ML-DSA parameter set (`mlDsaVariant [11]`, KeyMint v5). Only the value seen on a real
    /// device is named (1, whose leaf key is ML-DSA-65); others stay `Unknown` until the AIDL
    /// revision defining them can be checked.
    MlDsaVariant {
        /// ML-DSA-65.
        MlDsa65 = 1,
    }
}

/// The authenticators that can unlock a key: a `HardwareAuthenticatorType` bit mask
/// (KeyMint `HardwareAuthenticatorType.aidl`; `userAuthType [504]`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub struct HardwareAuthenticatorTypes(pub u32);

impl HardwareAuthenticatorTypes {
    /// `HardwareAuthenticatorType::PASSWORD` (lock-screen knowledge factor).
    pub const PASSWORD: u32 = 1;
    /// `HardwareAuthenticatorType::FINGERPRINT` (biometric).
    pub const FINGERPRINT: u32 = 2;

    /// True when a password (PIN, pattern) can authorise use.
    pub fn password(self) -> bool {
        self.0 & Self::PASSWORD != 0
    }

    /// True when a biometric can authorise use.
    pub fn fingerprint(self) -> bool {
        self.0 & Self::FINGERPRINT != 0
    }
}

/// An AuthorizationList entry whose tag hwattest does not type, kept verbatim.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct UnknownTag {
    /// The context tag number (the KeyMint tag with its type bits masked off).
    pub tag: u32,
    /// The DER TLV inside the `[tag] EXPLICIT` wrapper.
    #[serde(serialize_with = "crate::serde_bytes::hex")]
    pub value: Vec<u8>,
}

/// The key's authorizations and the device state at one enforcement level (AOSP "Key and ID
/// attestation", AuthorizationList fields; KeyMint `KeyCreationResult.aidl` and `Tag.aidl`).
///
/// `NULL` entries are `bool` (true when present); absent entries are `None`, `false` or empty.
///
/// ```text
/// AuthorizationList ::= SEQUENCE {
///     purpose                     [1] EXPLICIT SET OF INTEGER OPTIONAL,
///     algorithm                   [2] EXPLICIT INTEGER OPTIONAL,
///     keySize                     [3] EXPLICIT INTEGER OPTIONAL,
///     blockMode                   [4] EXPLICIT SET OF INTEGER OPTIONAL,
///     digest                      [5] EXPLICIT SET OF INTEGER OPTIONAL,
///     padding                     [6] EXPLICIT SET OF INTEGER OPTIONAL,
///     ecCurve                     [10] EXPLICIT INTEGER OPTIONAL,
///     mlDsaVariant                [11] EXPLICIT INTEGER OPTIONAL,
///     rsaPublicExponent           [200] EXPLICIT INTEGER OPTIONAL,
///     mgfDigest                   [203] EXPLICIT SET OF INTEGER OPTIONAL,
///     rollbackResistance          [303] EXPLICIT NULL OPTIONAL,
///     earlyBootOnly               [305] EXPLICIT NULL OPTIONAL,
///     activeDateTime              [400] EXPLICIT INTEGER OPTIONAL,
///     originationExpireDateTime   [401] EXPLICIT INTEGER OPTIONAL,
///     usageExpireDateTime         [402] EXPLICIT INTEGER OPTIONAL,
///     usageCountLimit             [405] EXPLICIT INTEGER OPTIONAL,
///     noAuthRequired              [503] EXPLICIT NULL OPTIONAL,
///     userAuthType                [504] EXPLICIT INTEGER OPTIONAL,
///     authTimeout                 [505] EXPLICIT INTEGER OPTIONAL,
///     allowWhileOnBody            [506] EXPLICIT NULL OPTIONAL,
///     trustedUserPresenceReq      [507] EXPLICIT NULL OPTIONAL,
///     trustedConfirmationReq      [508] EXPLICIT NULL OPTIONAL,
///     unlockedDeviceReq           [509] EXPLICIT NULL OPTIONAL,
///     allApplications             [600] EXPLICIT NULL OPTIONAL,       -- Keymaster 2, 3
///     applicationId               [601] EXPLICIT OCTET STRING OPTIONAL, -- Keymaster 2
///     creationDateTime            [701] EXPLICIT INTEGER OPTIONAL,
///     origin                      [702] EXPLICIT INTEGER OPTIONAL,
///     rollbackResistant           [703] EXPLICIT NULL OPTIONAL,       -- Keymaster 2, 3
///     rootOfTrust                 [704] EXPLICIT RootOfTrust OPTIONAL,
///     osVersion                   [705] EXPLICIT INTEGER OPTIONAL,
///     osPatchLevel                [706] EXPLICIT INTEGER OPTIONAL,
///     attestationApplicationId    [709] EXPLICIT OCTET STRING OPTIONAL,
///     attestationIdBrand          [710] EXPLICIT OCTET STRING OPTIONAL,
///     attestationIdDevice         [711] EXPLICIT OCTET STRING OPTIONAL,
///     attestationIdProduct        [712] EXPLICIT OCTET STRING OPTIONAL,
///     attestationIdSerial         [713] EXPLICIT OCTET STRING OPTIONAL,
///     attestationIdImei           [714] EXPLICIT OCTET STRING OPTIONAL,
///     attestationIdMeid           [715] EXPLICIT OCTET STRING OPTIONAL,
///     attestationIdManufacturer   [716] EXPLICIT OCTET STRING OPTIONAL,
///     attestationIdModel          [717] EXPLICIT OCTET STRING OPTIONAL,
///     vendorPatchLevel            [718] EXPLICIT INTEGER OPTIONAL,
///     bootPatchLevel              [719] EXPLICIT INTEGER OPTIONAL,
///     deviceUniqueAttestation     [720] EXPLICIT NULL OPTIONAL,
///     attestationIdSecondImei     [723] EXPLICIT OCTET STRING OPTIONAL,
///     moduleHash                  [724] EXPLICIT OCTET STRING OPTIONAL,
/// }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct AuthorizationList {
    /// `[1]` allowed purposes. Every `SET OF` field is sorted by value with duplicates removed,
    /// whatever the encoded order (which is recorded as an oddity when not DER).
    pub purpose: Option<Vec<KeyPurpose>>,
    /// `[2]` algorithm.
    pub algorithm: Option<Algorithm>,
    /// `[3]` key size in bits.
    pub key_size: Option<u32>,
    /// `[4]` block modes.
    pub block_mode: Option<Vec<BlockMode>>,
    /// `[5]` digests.
    pub digest: Option<Vec<Digest>>,
    /// `[6]` padding modes.
    pub padding: Option<Vec<PaddingMode>>,
    /// `[10]` EC curve.
    pub ec_curve: Option<EcCurve>,
    /// `[11]` ML-DSA parameter set.
    pub ml_dsa_variant: Option<MlDsaVariant>,
    /// `[200]` RSA public exponent.
    pub rsa_public_exponent: Option<u64>,
    /// `[203]` RSA OAEP MGF1 digests.
    pub rsa_oaep_mgf_digest: Option<Vec<Digest>>,
    /// `[303]` the key is rollback-resistant.
    pub rollback_resistance: bool,
    /// `[305]` the key is usable only during early boot.
    pub early_boot_only: bool,
    /// `[400]` not usable before, ms since the Unix epoch.
    pub active_date_time: Option<i64>,
    /// `[401]` not usable for signing/encryption after, ms since the Unix epoch.
    pub origination_expire_date_time: Option<i64>,
    /// `[402]` not usable for verification/decryption after, ms since the Unix epoch.
    pub usage_expire_date_time: Option<i64>,
    /// `[405]` maximum number of uses.
    pub usage_count_limit: Option<u32>,
    /// `[503]` no user authentication needed.
    pub no_auth_required: bool,
    /// `[504]` authenticators that can unlock the key.
    pub user_auth_type: Option<HardwareAuthenticatorTypes>,
    /// `[505]` seconds a user authentication stays valid.
    pub auth_timeout: Option<u32>,
    /// `[506]` stays unlocked while on-body.
    pub allow_while_on_body: bool,
    /// `[507]` needs a trusted user-presence test.
    pub trusted_user_presence_required: bool,
    /// `[508]` needs trusted confirmation.
    pub trusted_confirmation_required: bool,
    /// `[509]` usable only while the device is unlocked.
    pub unlocked_device_required: bool,
    /// `[600]` usable by all applications (Keymaster 2, 3).
    pub all_applications: bool,
    /// `[601]` application ID bound at generation (Keymaster 2).
    #[serde(serialize_with = "crate::serde_bytes::hex_opt")]
    pub application_id: Option<Vec<u8>>,
    /// `[701]` creation time, ms since the Unix epoch.
    pub creation_date_time: Option<i64>,
    /// `[702]` origin.
    pub origin: Option<KeyOrigin>,
    /// `[703]` rollback-resistant (Keymaster 2, 3).
    pub rollback_resistant: bool,
    /// `[704]` verified-boot state.
    pub root_of_trust: Option<RootOfTrust>,
    /// `[705]` OS version, e.g. 140000 for Android 14 (0 on some pre-release builds).
    pub os_version: Option<u32>,
    /// `[706]` OS patch level, YYYYMM.
    pub os_patch_level: Option<u32>,
    /// `[709]` the calling app(s).
    pub attestation_application_id: Option<AttestationApplicationId>,
    /// `[710]` device brand (ID attestation).
    pub attestation_id_brand: Option<String>,
    /// `[711]` device name (ID attestation).
    pub attestation_id_device: Option<String>,
    /// `[712]` product name (ID attestation).
    pub attestation_id_product: Option<String>,
    /// `[713]` serial number (ID attestation).
    pub attestation_id_serial: Option<String>,
    /// `[714]` IMEI (ID attestation).
    pub attestation_id_imei: Option<String>,
    /// `[715]` MEID (ID attestation).
    pub attestation_id_meid: Option<String>,
    /// `[716]` manufacturer (ID attestation).
    pub attestation_id_manufacturer: Option<String>,
    /// `[717]` model (ID attestation).
    pub attestation_id_model: Option<String>,
    /// `[718]` vendor patch level, YYYYMMDD (some devices: YYYYMM).
    pub vendor_patch_level: Option<u32>,
    /// `[719]` boot patch level, YYYYMMDD (some devices: YYYYMM or day 00).
    pub boot_patch_level: Option<u32>,
    /// `[720]` attested with a device-unique key (StrongBox, enterprise use).
    pub device_unique_attestation: bool,
    /// `[723]` second IMEI (ID attestation, KeyMint v3).
    pub attestation_id_second_imei: Option<String>,
    /// `[724]` SHA-256 of the APEX `Modules` structure (KeyMint v4).
    #[serde(serialize_with = "crate::serde_bytes::hex_opt")]
    pub module_hash: Option<Vec<u8>>,
    /// Entries with tags hwattest does not type, in encoded order.
    pub unknown_tags: Vec<UnknownTag>,
    /// Deviations from the schema or from DER that were tolerated.
    pub oddities: Vec<KeyDescriptionOddity>,
}

impl AuthorizationList {
    /// Parses one DER-encoded AuthorizationList SEQUENCE on its own (as found inside a
    /// KeyDescription). Errors name the list as `"AuthorizationList"`.
    pub fn parse(der: &[u8]) -> Result<Self, Error> {
        const FIELD: &str = "AuthorizationList";
        let seq = asn1::single(der, Tag::Sequence, FIELD, None)?;
        Self::from_content(seq.value, FIELD)
    }

    /// The allowed purposes (empty when `purpose [1]` is absent).
    pub fn purposes(&self) -> &[KeyPurpose] {
        self.purpose.as_deref().unwrap_or(&[])
    }

    /// The digests (empty when `digest [5]` is absent).
    pub fn digests(&self) -> &[Digest] {
        self.digest.as_deref().unwrap_or(&[])
    }

    /// The padding modes (empty when `padding [6]` is absent).
    pub fn paddings(&self) -> &[PaddingMode] {
        self.padding.as_deref().unwrap_or(&[])
    }

    /// True when the entries appeared in ascending tag order (X.680 section 8.6 canonical
    /// order, which DER requires).
    pub fn tags_ordered(&self) -> bool {
        !self
            .oddities
            .iter()
            .any(|o| matches!(o, KeyDescriptionOddity::TagsNotAscending { .. }))
    }

    /// Parses the content octets of an AuthorizationList SEQUENCE; `field` names the list in
    /// errors (`"softwareEnforced"`, `"hardwareEnforced"`).
    pub(crate) fn from_content(content: &[u8], field: &'static str) -> Result<Self, Error> {
        let mut list = Self::default();
        let mut r = TlvReader::new(content).ok_or(malformed(field, None))?;
        let mut count = 0usize;
        let mut previous: Option<u32> = None;
        while !r.is_empty() {
            if count >= MAX_AUTHORIZATION_TAGS {
                return Err(limit_exceeded(field, None, MAX_AUTHORIZATION_TAGS));
            }
            count = count.saturating_add(1);

            // Peek first so that a truncated entry still reports its tag number.
            let peeked = match r.peek_tag() {
                Some(Tag::ContextSpecific { number, .. }) => Some(number.0),
                _ => None,
            };
            let entry = r.read_any().ok_or(malformed(field, peeked))?;
            let tag = match entry.tag {
                Tag::ContextSpecific {
                    constructed: true,
                    number,
                } => number.0,
                _ => return Err(malformed(field, peeked)),
            };
            let value = asn1::explicit_inner(entry.value, field, Some(tag))?;

            if previous.is_some_and(|p| tag < p) && list.tags_ordered() {
                list.oddities
                    .push(KeyDescriptionOddity::TagsNotAscending { tag });
            }
            previous = Some(tag);

            list.add_entry(tag, value, field)?;
        }
        Ok(list)
    }

    /// Stores one entry `[tag] EXPLICIT value`.
    fn add_entry(&mut self, tag: u32, value: Tlv<'_>, field: &'static str) -> Result<(), Error> {
        let e = Entry { tag, value, field };
        let odd = &mut self.oddities;
        match tag {
            tags::PURPOSE => merge_set(&mut self.purpose, e.enum_set(odd)?, e, odd)?,
            tags::ALGORITHM => set_once(&mut self.algorithm, e.enumerated(odd)?, e, odd)?,
            tags::KEY_SIZE => set_once(&mut self.key_size, e.u32()?, e, odd)?,
            tags::BLOCK_MODE => merge_set(&mut self.block_mode, e.enum_set(odd)?, e, odd)?,
            tags::DIGEST => merge_set(&mut self.digest, e.enum_set(odd)?, e, odd)?,
            tags::PADDING => merge_set(&mut self.padding, e.enum_set(odd)?, e, odd)?,
            tags::EC_CURVE => set_once(&mut self.ec_curve, e.enumerated(odd)?, e, odd)?,
            tags::ML_DSA_VARIANT => {
                set_once(&mut self.ml_dsa_variant, e.enumerated(odd)?, e, odd)?;
            }
            tags::RSA_PUBLIC_EXPONENT => {
                set_once(&mut self.rsa_public_exponent, e.u64()?, e, odd)?;
            }
            tags::RSA_OAEP_MGF_DIGEST => {
                merge_set(&mut self.rsa_oaep_mgf_digest, e.enum_set(odd)?, e, odd)?;
            }
            tags::ROLLBACK_RESISTANCE => e.flag(&mut self.rollback_resistance, odd)?,
            tags::EARLY_BOOT_ONLY => e.flag(&mut self.early_boot_only, odd)?,
            tags::ACTIVE_DATE_TIME => set_once(&mut self.active_date_time, e.i64()?, e, odd)?,
            tags::ORIGINATION_EXPIRE_DATE_TIME => {
                set_once(&mut self.origination_expire_date_time, e.i64()?, e, odd)?;
            }
            tags::USAGE_EXPIRE_DATE_TIME => {
                set_once(&mut self.usage_expire_date_time, e.i64()?, e, odd)?;
            }
            tags::USAGE_COUNT_LIMIT => set_once(&mut self.usage_count_limit, e.u32()?, e, odd)?,
            tags::NO_AUTH_REQUIRED => e.flag(&mut self.no_auth_required, odd)?,
            tags::USER_AUTH_TYPE => {
                let types = HardwareAuthenticatorTypes(e.u32()?);
                set_once(&mut self.user_auth_type, types, e, odd)?;
            }
            tags::AUTH_TIMEOUT => set_once(&mut self.auth_timeout, e.u32()?, e, odd)?,
            tags::ALLOW_WHILE_ON_BODY => e.flag(&mut self.allow_while_on_body, odd)?,
            tags::TRUSTED_USER_PRESENCE_REQUIRED => {
                e.flag(&mut self.trusted_user_presence_required, odd)?;
            }
            tags::TRUSTED_CONFIRMATION_REQUIRED => {
                e.flag(&mut self.trusted_confirmation_required, odd)?;
            }
            tags::UNLOCKED_DEVICE_REQUIRED => e.flag(&mut self.unlocked_device_required, odd)?,
            tags::ALL_APPLICATIONS => e.flag(&mut self.all_applications, odd)?,
            tags::APPLICATION_ID => set_once(&mut self.application_id, e.octets()?, e, odd)?,
            tags::CREATION_DATE_TIME => {
                set_once(&mut self.creation_date_time, e.i64()?, e, odd)?;
            }
            tags::ORIGIN => set_once(&mut self.origin, e.enumerated(odd)?, e, odd)?,
            tags::ROLLBACK_RESISTANT => e.flag(&mut self.rollback_resistant, odd)?,
            tags::ROOT_OF_TRUST => {
                let rot = RootOfTrust::parse(value.raw, field, odd)?;
                set_once(&mut self.root_of_trust, rot, e, odd)?;
            }
            tags::OS_VERSION => set_once(&mut self.os_version, e.u32()?, e, odd)?,
            tags::OS_PATCH_LEVEL => set_once(&mut self.os_patch_level, e.u32()?, e, odd)?,
            tags::ATTESTATION_APPLICATION_ID => {
                let id = AttestationApplicationId::parse(&e.octets()?, field, odd)?;
                set_once(&mut self.attestation_application_id, id, e, odd)?;
            }
            tags::ATTESTATION_ID_BRAND => {
                set_once(&mut self.attestation_id_brand, e.utf8()?, e, odd)?;
            }
            tags::ATTESTATION_ID_DEVICE => {
                set_once(&mut self.attestation_id_device, e.utf8()?, e, odd)?;
            }
            tags::ATTESTATION_ID_PRODUCT => {
                set_once(&mut self.attestation_id_product, e.utf8()?, e, odd)?;
            }
            tags::ATTESTATION_ID_SERIAL => {
                set_once(&mut self.attestation_id_serial, e.utf8()?, e, odd)?;
            }
            tags::ATTESTATION_ID_IMEI => {
                set_once(&mut self.attestation_id_imei, e.utf8()?, e, odd)?;
            }
            tags::ATTESTATION_ID_MEID => {
                set_once(&mut self.attestation_id_meid, e.utf8()?, e, odd)?;
            }
            tags::ATTESTATION_ID_MANUFACTURER => {
                set_once(&mut self.attestation_id_manufacturer, e.utf8()?, e, odd)?;
            }
            tags::ATTESTATION_ID_MODEL => {
                set_once(&mut self.attestation_id_model, e.utf8()?, e, odd)?;
            }
            tags::VENDOR_PATCH_LEVEL => set_once(&mut self.vendor_patch_level, e.u32()?, e, odd)?,
            tags::BOOT_PATCH_LEVEL => set_once(&mut self.boot_patch_level, e.u32()?, e, odd)?,
            tags::DEVICE_UNIQUE_ATTESTATION => e.flag(&mut self.device_unique_attestation, odd)?,
            tags::ATTESTATION_ID_SECOND_IMEI => {
                set_once(&mut self.attestation_id_second_imei, e.utf8()?, e, odd)?;
            }
            tags::MODULE_HASH => set_once(&mut self.module_hash, e.octets()?, e, odd)?,
            _ => {
                odd.push(KeyDescriptionOddity::UnknownTag { tag });
                self.unknown_tags.push(UnknownTag {
                    tag,
                    value: value.raw.to_vec(),
                });
            }
        }
        Ok(())
    }
}

/// One `[tag] EXPLICIT value` entry being decoded, with what an error must name.
#[derive(Clone, Copy)]
struct Entry<'a> {
    tag: u32,
    value: Tlv<'a>,
    field: &'static str,
}

impl<'a> Entry<'a> {
    fn malformed(self) -> Error {
        malformed(self.field, Some(self.tag))
    }

    fn expect(self, tag: Tag) -> Result<&'a [u8], Error> {
        if self.value.tag == tag {
            Ok(self.value.value)
        } else {
            Err(self.malformed())
        }
    }

    fn i64(self) -> Result<i64, Error> {
        asn1::int_i64(self.expect(Tag::Integer)?).ok_or(self.malformed())
    }

    fn u32(self) -> Result<u32, Error> {
        asn1::int_u32(self.expect(Tag::Integer)?).ok_or(self.malformed())
    }

    fn u64(self) -> Result<u64, Error> {
        asn1::int_u64(self.expect(Tag::Integer)?).ok_or(self.malformed())
    }

    fn octets(self) -> Result<Vec<u8>, Error> {
        Ok(self.expect(Tag::OctetString)?.to_vec())
    }

    fn utf8(self) -> Result<String, Error> {
        String::from_utf8(self.octets()?).map_err(|_| self.malformed())
    }

    /// An INTEGER holding a KeyMint enum; a value the spec does not name is recorded.
    fn enumerated<T: KmEnum>(self, odd: &mut Vec<KeyDescriptionOddity>) -> Result<T, Error> {
        let value = T::from_km(self.i64()?);
        self.record_unknown(value, odd);
        Ok(value)
    }

    fn record_unknown<T: KmEnum>(self, value: T, odd: &mut Vec<KeyDescriptionOddity>) {
        if let Some(value) = value.unknown_value() {
            odd.push(KeyDescriptionOddity::UnknownEnumValue {
                tag: self.tag,
                value,
            });
        }
    }

    /// A `SET OF INTEGER` holding KeyMint enums, sorted by value with duplicates removed.
    fn enum_set<T: KmEnum>(self, odd: &mut Vec<KeyDescriptionOddity>) -> Result<Vec<T>, Error> {
        let content = self.expect(Tag::Set)?;
        let members = asn1::members(content, Tag::Integer, self.field, Some(self.tag))?;
        if !asn1::is_der_set_order(&members) {
            odd.push(KeyDescriptionOddity::SetNotSorted { tag: self.tag });
        }
        let mut out: Vec<T> = Vec::with_capacity(members.len());
        for member in members {
            let value = T::from_km(asn1::int_i64(member.value).ok_or(self.malformed())?);
            self.record_unknown(value, odd);
            if out.contains(&value) {
                odd.push(KeyDescriptionOddity::DuplicateSetMember { tag: self.tag });
            } else {
                out.push(value);
            }
        }
        out.sort_by_key(|v| v.km_value());
        Ok(out)
    }

    /// A `NULL` marker; present means true.
    fn flag(self, slot: &mut bool, odd: &mut Vec<KeyDescriptionOddity>) -> Result<(), Error> {
        if !self.expect(Tag::Null)?.is_empty() {
            return Err(self.malformed());
        }
        if *slot {
            odd.push(KeyDescriptionOddity::RepeatedTag { tag: self.tag });
        }
        *slot = true;
        Ok(())
    }
}

/// Stores a scalar entry; a repeat with the same value is recorded, with a different value it
/// is an error (the value would be unknowable).
fn set_once<T: PartialEq>(
    slot: &mut Option<T>,
    value: T,
    e: Entry<'_>,
    odd: &mut Vec<KeyDescriptionOddity>,
) -> Result<(), Error> {
    match slot {
        None => *slot = Some(value),
        Some(existing) if *existing == value => {
            odd.push(KeyDescriptionOddity::RepeatedTag { tag: e.tag });
        }
        Some(_) => return Err(e.malformed()),
    }
    Ok(())
}

/// Stores a `SET OF` entry; a repeated tag unites its members with the earlier ones (seen on
/// real devices, and what Google's parser does) and is recorded. The result stays sorted.
fn merge_set<T: KmEnum>(
    slot: &mut Option<Vec<T>>,
    values: Vec<T>,
    e: Entry<'_>,
    odd: &mut Vec<KeyDescriptionOddity>,
) -> Result<(), Error> {
    let Some(existing) = slot else {
        *slot = Some(values);
        return Ok(());
    };
    odd.push(KeyDescriptionOddity::RepeatedTag { tag: e.tag });
    for value in values {
        if existing.contains(&value) {
            continue;
        }
        if existing.len() >= MAX_SET_MEMBERS {
            return Err(limit_exceeded(e.field, Some(e.tag), MAX_SET_MEMBERS));
        }
        existing.push(value);
    }
    existing.sort_by_key(|v| v.km_value());
    Ok(())
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::as_conversions)]
mod tests {
    use super::*;
    use crate::android::asn1::test_util::*;
    use crate::android::root_of_trust::VerifiedBootState;

    const FIELD: &str = "AuthorizationList";

    fn parse(entries: &[Vec<u8>]) -> Result<AuthorizationList, Error> {
        AuthorizationList::parse(&seq(entries))
    }

    fn null() -> Vec<u8> {
        hex("0500")
    }

    fn octets(b: &[u8]) -> Vec<u8> {
        tlv(&[0x04], b)
    }

    #[test]
    fn high_tag_numbers_are_decoded() {
        // [704] has identifier octets bf 85 40, [724] bf 85 54: check the builder agrees.
        assert_eq!(ctx(704), hex("bf8540"));
        assert_eq!(ctx(724), hex("bf8554"));
        let rot = seq(&[
            octets(&[0; 4]),
            hex("0101ff"),
            hex("0a0100"),
            octets(&[1; 4]),
        ]);
        let app = seq(&[
            set(&[seq(&[octets(b"com.example"), int(3)])]),
            set(&[octets(&[9])]),
        ]);
        let list = parse(&[
            explicit(1, &set(&[int(2), int(7)])),
            explicit(10, &int(1)),
            explicit(503, &null()),
            explicit(701, &int(1_598_689_274_215)),
            explicit(704, &rot),
            explicit(705, &int(140_000)),
            explicit(709, &octets(&app)),
            explicit(710, &octets(b"google")),
            explicit(724, &octets(&[0xAB; 32])),
        ])
        .unwrap();
        assert_eq!(list.purposes(), &[KeyPurpose::Sign, KeyPurpose::AttestKey]);
        assert_eq!(list.ec_curve, Some(EcCurve::P256));
        assert!(list.no_auth_required);
        assert_eq!(list.creation_date_time, Some(1_598_689_274_215));
        let rot = list.root_of_trust.as_ref().unwrap();
        assert_eq!(rot.verified_boot_state, VerifiedBootState::Verified);
        assert!(rot.device_locked);
        assert_eq!(list.os_version, Some(140_000));
        let app = list.attestation_application_id.as_ref().unwrap();
        assert_eq!(app.packages[0].name, "com.example");
        assert_eq!(app.packages[0].version, 3);
        assert_eq!(app.signature_digests, vec![vec![9]]);
        assert_eq!(list.attestation_id_brand.as_deref(), Some("google"));
        assert_eq!(list.module_hash, Some(vec![0xAB; 32]));
        assert!(list.tags_ordered());
        assert!(list.oddities.is_empty());
    }

    #[test]
    fn out_of_order_tags_are_recorded_once() {
        let list = parse(&[
            explicit(705, &int(120_000)),
            explicit(717, &octets(b"model")),
            explicit(716, &octets(b"maker")),
            explicit(710, &octets(b"brand")),
            explicit(718, &int(20_230_805)),
        ])
        .unwrap();
        assert_eq!(list.attestation_id_manufacturer.as_deref(), Some("maker"));
        assert_eq!(list.vendor_patch_level, Some(20_230_805));
        assert!(!list.tags_ordered());
        assert_eq!(
            list.oddities,
            vec![KeyDescriptionOddity::TagsNotAscending { tag: 716 }]
        );
    }

    #[test]
    fn repeated_set_tag_is_united() {
        let list = parse(&[
            explicit(5, &set(&[int(4)])),
            explicit(5, &set(&[int(1), int(4)])),
        ])
        .unwrap();
        assert_eq!(list.digests(), &[Digest::Md5, Digest::Sha256]);
        assert_eq!(
            list.oddities,
            vec![KeyDescriptionOddity::RepeatedTag { tag: 5 }]
        );
    }

    #[test]
    fn repeated_scalar_tag_must_agree() {
        let same = parse(&[explicit(3, &int(256)), explicit(3, &int(256))]).unwrap();
        assert_eq!(same.key_size, Some(256));
        assert_eq!(
            same.oddities,
            vec![KeyDescriptionOddity::RepeatedTag { tag: 3 }]
        );
        assert_eq!(
            parse(&[explicit(3, &int(256)), explicit(3, &int(384))]),
            Err(malformed(FIELD, Some(3)))
        );
    }

    #[test]
    fn unsorted_set_and_duplicate_members_are_recorded() {
        let list = parse(&[explicit(1, &set(&[int(3), int(2), int(3)]))]).unwrap();
        assert_eq!(list.purposes(), &[KeyPurpose::Sign, KeyPurpose::Verify]);
        assert_eq!(
            list.oddities,
            vec![
                KeyDescriptionOddity::SetNotSorted { tag: 1 },
                KeyDescriptionOddity::DuplicateSetMember { tag: 1 },
            ]
        );
    }

    #[test]
    fn unknown_tag_is_kept_verbatim() {
        let list = parse(&[explicit(999, &int(5)), explicit(1010, &null())]).unwrap();
        assert_eq!(
            list.unknown_tags,
            vec![
                UnknownTag {
                    tag: 999,
                    value: hex("020105"),
                },
                UnknownTag {
                    tag: 1010,
                    value: hex("0500"),
                },
            ]
        );
        assert_eq!(
            list.oddities,
            vec![
                KeyDescriptionOddity::UnknownTag { tag: 999 },
                KeyDescriptionOddity::UnknownTag { tag: 1010 },
            ]
        );
    }

    #[test]
    fn unknown_enum_value_is_kept_and_recorded() {
        let list = parse(&[explicit(2, &int(99)), explicit(702, &int(4))]).unwrap();
        assert_eq!(list.algorithm, Some(Algorithm::Unknown(99)));
        assert_eq!(list.origin, Some(KeyOrigin::SecurelyImported));
        assert_eq!(
            list.oddities,
            vec![KeyDescriptionOddity::UnknownEnumValue { tag: 2, value: 99 }]
        );
    }

    #[test]
    fn non_der_boolean_in_root_of_trust_is_true_and_recorded() {
        let rot = seq(&[octets(&[]), hex("010101"), hex("0a0102")]);
        let list = parse(&[explicit(704, &rot)]).unwrap();
        let rot = list.root_of_trust.unwrap();
        assert!(rot.device_locked);
        assert_eq!(rot.verified_boot_hash, None);
        assert_eq!(
            list.oddities,
            vec![KeyDescriptionOddity::NonDerBoolean { tag: 704 }]
        );
    }

    #[test]
    fn truncated_value_names_its_tag() {
        // [705] claims five content octets but holds three: bf 85 41 05 02 01 01.
        let der = seq(&[hex("bf854105020101")]);
        assert_eq!(
            AuthorizationList::parse(&der),
            Err(malformed(FIELD, Some(705)))
        );
    }

    #[test]
    fn wrong_inner_type_names_its_tag() {
        assert_eq!(
            parse(&[explicit(3, &octets(&[1]))]),
            Err(malformed(FIELD, Some(3)))
        );
        assert_eq!(
            parse(&[explicit(503, &int(1))]),
            Err(malformed(FIELD, Some(503)))
        );
        assert_eq!(
            parse(&[explicit(710, &octets(&[0xC3, 0x28]))]),
            Err(malformed(FIELD, Some(710))),
            "identifier that is not UTF-8"
        );
        assert_eq!(
            parse(&[explicit(705, &hex("02020001"))]),
            Err(malformed(FIELD, Some(705))),
            "non-minimal INTEGER"
        );
        // An EXPLICIT wrapper holding two values.
        let two = [int(1), int(2)].concat();
        assert_eq!(
            parse(&[tlv(&ctx(705), &two)]),
            Err(malformed(FIELD, Some(705)))
        );
        // A primitive (IMPLICIT-looking) entry.
        assert_eq!(parse(&[hex("830102")]), Err(malformed(FIELD, Some(3))));
    }

    #[test]
    fn too_many_tags_is_refused() {
        let entries = vec![explicit(999, &null()); MAX_AUTHORIZATION_TAGS + 1];
        assert_eq!(
            parse(&entries),
            Err(Error::KeyDescriptionLimitExceeded {
                index: None,
                field: FIELD,
                tag: None,
                limit: MAX_AUTHORIZATION_TAGS,
            })
        );
        let entries = vec![explicit(999, &null()); MAX_AUTHORIZATION_TAGS];
        assert!(parse(&entries).is_ok());
    }

    #[test]
    fn too_many_set_members_is_refused() {
        let members: Vec<Vec<u8>> = (0..=MAX_SET_MEMBERS as u64).map(int).collect();
        assert_eq!(
            parse(&[explicit(5, &set(&members))]),
            Err(Error::KeyDescriptionLimitExceeded {
                index: None,
                field: FIELD,
                tag: Some(5),
                limit: MAX_SET_MEMBERS,
            })
        );
    }

    #[test]
    fn repeated_sets_cannot_grow_past_the_limit() {
        let first: Vec<Vec<u8>> = (0..MAX_SET_MEMBERS as u64).map(int).collect();
        let second = vec![int(MAX_SET_MEMBERS as u64)];
        assert_eq!(
            parse(&[explicit(5, &set(&first)), explicit(5, &set(&second))]),
            Err(Error::KeyDescriptionLimitExceeded {
                index: None,
                field: FIELD,
                tag: Some(5),
                limit: MAX_SET_MEMBERS,
            })
        );
    }

    #[test]
    fn serializes_bytes_as_hex_and_enums_snake_case() {
        let list = parse(&[
            explicit(1, &set(&[int(7)])),
            explicit(724, &octets(&[0xAB, 0x01])),
        ])
        .unwrap();
        let json = serde_json::to_value(&list).unwrap();
        assert_eq!(json["purpose"], serde_json::json!(["attest_key"]));
        assert_eq!(json["module_hash"], "ab01");
    }
}
