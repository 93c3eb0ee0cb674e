//! A thin TLV reader over `der`, for structures that must be read field by field.
//!
//! Device-minted certificates break DER rules that `x509-cert` enforces (see DESIGN.md section
//! 3), so the certificate splitter walks TLVs itself. Lengths and tags are still decoded by `der`,
//! which refuses indefinite and non-minimal lengths.

use der::{asn1::AnyRef, Decode, Reader, SliceReader, Tag, Tagged};

/// One decoded TLV: its tag, its content octets, and the whole encoding.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tlv<'a> {
    pub(crate) tag: Tag,
    pub(crate) value: &'a [u8],
    pub(crate) raw: &'a [u8],
}

/// Reads TLVs one after another from a byte slice.
pub(crate) struct TlvReader<'a> {
    input: &'a [u8],
    reader: SliceReader<'a>,
}

impl<'a> TlvReader<'a> {
    /// A reader over `input`; fails only if `input` is longer than `der` can address.
    pub(crate) fn new(input: &'a [u8]) -> Option<Self> {
        Some(Self {
            input,
            reader: SliceReader::new(input).ok()?,
        })
    }

    /// True when every byte has been read.
    pub(crate) fn is_empty(&self) -> bool {
        self.reader.is_finished()
    }

    /// The tag of the next TLV, if any.
    pub(crate) fn peek_tag(&self) -> Option<Tag> {
        Tag::peek(&self.reader).ok()
    }

    /// Reads the next TLV, whatever its tag.
    pub(crate) fn read_any(&mut self) -> Option<Tlv<'a>> {
        let start = usize::try_from(self.reader.position()).ok()?;
        let any = AnyRef::decode(&mut self.reader).ok()?;
        let end = usize::try_from(self.reader.position()).ok()?;
        Some(Tlv {
            tag: any.tag(),
            value: any.value(),
            raw: self.input.get(start..end)?,
        })
    }

    /// Reads the next TLV and requires its tag to be `tag`.
    pub(crate) fn read(&mut self, tag: Tag) -> Option<Tlv<'a>> {
        let tlv = self.read_any()?;
        (tlv.tag == tag).then_some(tlv)
    }

    /// Reads the next TLV if its tag is `tag`; leaves the reader untouched otherwise.
    pub(crate) fn read_optional(&mut self, tag: Tag) -> Option<Option<Tlv<'a>>> {
        if self.peek_tag() == Some(tag) {
            self.read(tag).map(Some)
        } else {
            Some(None)
        }
    }
}

/// The content of an ASN.1 context-specific tag `[number]`.
pub(crate) fn context_tag(number: u8, constructed: bool) -> Tag {
    Tag::ContextSpecific {
        constructed,
        number: der::TagNumber(u32::from(number)),
    }
}
