//! `vumID` and `vraagID`: the exchange's pseudonyms.
//!
//! A `vumID` is the authenticated encryption (ChaCha20-Poly1305, random 96-bit nonce) under the
//! exchange's secret key of the question it was released for, the time of that question, the
//! source and the source's id. The kind of profile and the asking controller are bound to it as
//! associated data, so a `vumID` only opens on the detail path of its kind, for the controller that
//! asked. The exchange keeps no table of pseudonyms: it can resolve a `vumID` only by opening it,
//! and a changed, foreign or expired one does not open.
//!
//! Wire form: `1` (format version) followed by unpadded base64url of nonce ‖ ciphertext ‖ tag,
//! which stays within the contract's `^[a-zA-Z0-9_.-]{0,500}$` for every source id the contract
//! allows (at most 200 characters) and a `bronID` of at most [`BRON_ID_MAX`] characters.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};

use vum_spec::Kind;

/// The longest `bronID` the directory accepts, so that every `vumID` fits in 500 characters.
pub const BRON_ID_MAX: usize = 64;
/// The longest source id (the contract's `SafeIDString`).
pub const ID_MAX: usize = 200;
/// The longest `vumID` (the contract's `VumID`).
pub const VUM_ID_MAX: usize = 500;

const FORMAT: char = '1';
const KEY_LEN: usize = 32;

/// The identification of one question: 128 random bits, written as a UUID (version 4).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VraagId([u8; 16]);

impl VraagId {
    /// A new random id.
    pub fn new() -> Result<Self, KeyError> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).map_err(|_| KeyError::NoRandomness)?;
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        Ok(Self(bytes))
    }
}

impl fmt::Display for VraagId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, b) in self.0.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                f.write_str("-")?;
            }
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for VraagId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VraagId({self})")
    }
}

/// What a `vumID` stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pseudonym {
    /// The question the profile was released for.
    pub vraag_id: VraagId,
    /// When that question was answered (seconds since the Unix epoch).
    pub issued: u64,
    /// The source, as the directory names it.
    pub bron_id: String,
    /// The source's own id of the profile.
    pub id: String,
}

/// The key could not be made or read.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The system has no randomness to offer.
    #[error("the system gave no random bytes")]
    NoRandomness,
    /// A key text that is not 64 hexadecimal digits.
    #[error("a pseudonym key is 64 hexadecimal digits (32 bytes); found {0} characters")]
    Form(usize),
}

/// A pseudonym that cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    /// Its parts are too long to fit a `vumID`.
    #[error("bronID {bron:?} or id ({id} characters) does not fit a vumID")]
    TooLong {
        /// The source.
        bron: String,
        /// The length of the source's id.
        id: usize,
    },
    /// No random nonce.
    #[error("the system gave no random bytes")]
    NoRandomness,
}

/// The exchange's secret key for `vumID`s.
pub struct PseudonymKey {
    key: LessSafeKey,
}

impl fmt::Debug for PseudonymKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PseudonymKey(…)")
    }
}

impl PseudonymKey {
    /// A new random key (pseudonyms die with the process).
    pub fn generate() -> Result<Self, KeyError> {
        let mut bytes = [0u8; KEY_LEN];
        getrandom::fill(&mut bytes).map_err(|_| KeyError::NoRandomness)?;
        Ok(Self::from_bytes(bytes))
    }

    /// A key from 64 hexadecimal digits (surrounding white space ignored).
    pub fn from_hex(text: &str) -> Result<Self, KeyError> {
        let text = text.trim();
        if text.len() != 2 * KEY_LEN || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(KeyError::Form(text.chars().count()));
        }
        let mut bytes = [0u8; KEY_LEN];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16)
                .map_err(|_| KeyError::Form(text.len()))?;
        }
        Ok(Self::from_bytes(bytes))
    }

    fn from_bytes(bytes: [u8; KEY_LEN]) -> Self {
        // CHACHA20_POLY1305 takes exactly KEY_LEN bytes, so this cannot fail.
        let unbound = UnboundKey::new(&CHACHA20_POLY1305, &bytes)
            .unwrap_or_else(|_| unreachable!("a {KEY_LEN}-byte ChaCha20-Poly1305 key"));
        Self {
            key: LessSafeKey::new(unbound),
        }
    }

    /// The `vumID` of a profile released to `asker` (the asking controller's OIN).
    pub fn seal(&self, kind: Kind, asker: &str, p: &Pseudonym) -> Result<String, SealError> {
        if p.bron_id.len() > BRON_ID_MAX || p.bron_id.is_empty() || p.id.len() > ID_MAX {
            return Err(SealError::TooLong {
                bron: p.bron_id.clone(),
                id: p.id.len(),
            });
        }
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce).map_err(|_| SealError::NoRandomness)?;
        let mut data = Vec::with_capacity(26 + p.bron_id.len() + p.id.len() + 16);
        data.extend_from_slice(&p.vraag_id.0);
        data.extend_from_slice(&p.issued.to_be_bytes());
        // At most BRON_ID_MAX (< 256) bytes, checked above.
        data.push(p.bron_id.len() as u8);
        data.extend_from_slice(p.bron_id.as_bytes());
        data.extend_from_slice(p.id.as_bytes());
        self.key
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(associated(kind, asker)),
                &mut data,
            )
            .map_err(|_| SealError::TooLong {
                bron: p.bron_id.clone(),
                id: p.id.len(),
            })?;
        let mut wire = Vec::with_capacity(NONCE_LEN + data.len());
        wire.extend_from_slice(&nonce);
        wire.extend_from_slice(&data);
        Ok(format!("{FORMAT}{}", URL_SAFE_NO_PAD.encode(wire)))
    }

    /// What a `vumID` stands for, if this key made it for this kind and asker; `None` for anything
    /// else (changed, foreign, another kind or asker, not a `vumID` at all).
    pub fn open(&self, kind: Kind, asker: &str, vum_id: &str) -> Option<Pseudonym> {
        let encoded = vum_id.strip_prefix(FORMAT)?;
        if vum_id.len() > VUM_ID_MAX {
            return None;
        }
        let wire = URL_SAFE_NO_PAD.decode(encoded).ok()?;
        if wire.len() < NONCE_LEN {
            return None;
        }
        let (nonce, sealed) = wire.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).ok()?;
        let mut sealed = sealed.to_vec();
        let plain = self
            .key
            .open_in_place(nonce, Aad::from(associated(kind, asker)), &mut sealed)
            .ok()?;
        let (vraag, rest) = plain.split_first_chunk::<16>()?;
        let (issued, rest) = rest.split_first_chunk::<8>()?;
        let (&bron_len, rest) = rest.split_first()?;
        let (bron, id) = rest.split_at_checked(usize::from(bron_len))?;
        Some(Pseudonym {
            vraag_id: VraagId(*vraag),
            issued: u64::from_be_bytes(*issued),
            bron_id: String::from_utf8(bron.to_vec()).ok()?,
            id: String::from_utf8(id.to_vec()).ok()?,
        })
    }
}

fn associated(kind: Kind, asker: &str) -> Vec<u8> {
    format!("vumID/{}/{asker}", kind.name()).into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pseudonym(bron: &str, id: &str) -> Pseudonym {
        Pseudonym {
            vraag_id: VraagId::new().unwrap(),
            issued: 1_795_000_000,
            bron_id: bron.to_owned(),
            id: id.to_owned(),
        }
    }

    const ASKER: &str = "00000099000000004000";

    #[test]
    fn a_vum_id_opens_to_what_was_sealed_and_only_for_its_kind_and_asker() {
        let key = PseudonymKey::generate().unwrap();
        let p = pseudonym("bron-a", "wz-texel-001");
        let vum_id = key.seal(Kind::Werkzoekende, ASKER, &p).unwrap();
        assert_eq!(key.open(Kind::Werkzoekende, ASKER, &vum_id), Some(p));
        assert_eq!(key.open(Kind::Vacature, ASKER, &vum_id), None);
        assert_eq!(
            key.open(Kind::Werkzoekende, "00000099000000006000", &vum_id),
            None
        );
        let other = PseudonymKey::generate().unwrap();
        assert_eq!(other.open(Kind::Werkzoekende, ASKER, &vum_id), None);
    }

    #[test]
    fn every_changed_character_is_refused() {
        let key = PseudonymKey::generate().unwrap();
        let vum_id = key
            .seal(Kind::Werkzoekende, ASKER, &pseudonym("b", "x1"))
            .unwrap();
        for i in 0..vum_id.len() {
            let mut bytes = vum_id.clone().into_bytes();
            bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
            let changed = String::from_utf8(bytes).unwrap();
            assert_eq!(key.open(Kind::Werkzoekende, ASKER, &changed), None, "{i}");
        }
        assert_eq!(key.open(Kind::Werkzoekende, ASKER, ""), None);
        assert_eq!(key.open(Kind::Werkzoekende, ASKER, "1"), None);
        assert_eq!(key.open(Kind::Werkzoekende, ASKER, &vum_id[..30]), None);
    }

    #[test]
    fn the_longest_parts_fit_the_contract_pattern_and_longer_ones_are_refused() {
        let key = PseudonymKey::generate().unwrap();
        let p = pseudonym(&"b".repeat(BRON_ID_MAX), &"9".repeat(ID_MAX));
        let vum_id = key.seal(Kind::Vacature, ASKER, &p).unwrap();
        assert!(vum_id.len() <= VUM_ID_MAX, "{}", vum_id.len());
        assert!(
            vum_id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
        );
        let too_long = pseudonym(&"b".repeat(BRON_ID_MAX + 1), "x");
        assert!(key.seal(Kind::Vacature, ASKER, &too_long).is_err());
    }

    #[test]
    fn the_same_profile_gets_a_new_pseudonym_every_time() {
        let key = PseudonymKey::generate().unwrap();
        let p = pseudonym("bron-a", "wz-1");
        let a = key.seal(Kind::Werkzoekende, ASKER, &p).unwrap();
        let b = key.seal(Kind::Werkzoekende, ASKER, &p).unwrap();
        assert_ne!(a, b);
        assert!(!a.contains("wz-1"));
    }

    #[test]
    fn keys_read_from_hex_and_vraag_ids_are_uuids() {
        let hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        let a = PseudonymKey::from_hex(hex).unwrap();
        let b = PseudonymKey::from_hex(&format!(" {hex}\n")).unwrap();
        let p = pseudonym("b", "x");
        let sealed = a.seal(Kind::Werkzoekende, ASKER, &p).unwrap();
        assert_eq!(b.open(Kind::Werkzoekende, ASKER, &sealed), Some(p));
        assert!(matches!(
            PseudonymKey::from_hex("abc"),
            Err(KeyError::Form(3))
        ));
        let id = VraagId::new().unwrap().to_string();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
    }
}
