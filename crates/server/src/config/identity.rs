//! `[identity]`: the secret a site vouches for its logged-in customers with.
//!
//! The site's own server computes HMAC-SHA256 of the customer's id under this secret and puts
//! the id and the hash into the page (`window.FrontdeskContact`); the widget sends both in
//! `identify`, and the server links the visitor to that customer only when the hash matches.
//! A visitor can type any name into a form, but cannot make this hash without the secret.

use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// A secret shorter than this could be found offline from any one customer's own hash (which
/// every logged-in customer can read in their page), so the server will not start with it.
pub const MIN_SECRET_CHARS: usize = 32;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IdentityConfig {
    /// Shared with the site's server, never with the page; empty: `identify` is refused.
    pub secret: String,
}

/// Why a customer's hash was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    #[error("this server verifies no customers: [identity] secret is not set")]
    NotConfigured,
    #[error("the customer's hash does not match their id")]
    Mismatch,
}

impl IdentityConfig {
    /// Refuses a secret too short to keep (an empty one turns verification off).
    pub fn check(&self) -> Result<(), String> {
        let chars = self.secret.chars().count();
        if chars != 0 && chars < MIN_SECRET_CHARS {
            return Err(format!(
                "[identity] secret has {chars} characters; use at least {MIN_SECRET_CHARS} \
                 (e.g. `openssl rand -hex 32`)"
            ));
        }
        Ok(())
    }

    /// Whether `hash` (hex, either case) is HMAC-SHA256 of `customer_id` under the secret;
    /// compared in constant time.
    pub fn verify(&self, customer_id: &str, hash: &str) -> Result<(), IdentityError> {
        if self.secret.is_empty() {
            return Err(IdentityError::NotConfigured);
        }
        let tag = decode_hex(hash).ok_or(IdentityError::Mismatch)?;
        let mut mac = Hmac::<Sha256>::new_from_slice(self.secret.as_bytes())
            .map_err(|_| IdentityError::NotConfigured)?;
        mac.update(customer_id.as_bytes());
        mac.verify_slice(&tag).map_err(|_| IdentityError::Mismatch)
    }

    /// The hash a site computes for `customer_id` (tests, and the docs' examples).
    pub fn sign(&self, customer_id: &str) -> String {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(self.secret.as_bytes()).expect("HMAC takes any key");
        mac.update(customer_id.as_bytes());
        crate::auth::hex(&mac.finalize().into_bytes())
    }
}

/// 32 bytes from 64 hex digits; anything else is no hash.
fn decode_hex(hex: &str) -> Option<[u8; 32]> {
    let digits = hex.as_bytes();
    // Digits only: `from_str_radix` would take a sign too ("+f").
    if digits.len() != 64 || !digits.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let mut out = [0u8; 32];
    for (byte, pair) in out.iter_mut().zip(digits.chunks_exact(2)) {
        let text = std::str::from_utf8(pair).ok()?;
        *byte = u8::from_str_radix(text, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> IdentityConfig {
        IdentityConfig {
            secret: "a".repeat(MIN_SECRET_CHARS),
        }
    }

    #[test]
    fn a_hash_made_with_the_secret_verifies_and_no_other() {
        let c = config();
        let hash = c.sign("42");
        assert_eq!(c.verify("42", &hash), Ok(()));
        assert_eq!(c.verify("42", &hash.to_uppercase()), Ok(()));
        assert_eq!(c.verify("43", &hash), Err(IdentityError::Mismatch));
        let other = IdentityConfig {
            secret: "b".repeat(MIN_SECRET_CHARS),
        };
        assert_eq!(
            c.verify("42", &other.sign("42")),
            Err(IdentityError::Mismatch)
        );
        for bad in ["", "zz", &hash[..62], &format!("{hash}00"), &"g".repeat(64)] {
            assert_eq!(c.verify("42", bad), Err(IdentityError::Mismatch), "{bad}");
        }
    }

    #[test]
    fn a_hash_is_hex_digits_and_nothing_else() {
        assert_eq!(decode_hex(&"0f".repeat(32)), Some([15; 32]));
        // `from_str_radix` alone would read "+f" as 15.
        assert_eq!(decode_hex(&format!("+f{}", "0f".repeat(31))), None);
    }

    /// RFC 4231, test case 2: the hash is the standard HMAC-SHA256, so a site computes it with
    /// whatever its language has.
    #[test]
    fn the_hash_is_standard_hmac_sha256() {
        let c = IdentityConfig {
            secret: "Jefe".into(),
        };
        assert_eq!(
            c.sign("what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn no_secret_verifies_nothing_and_a_short_one_is_refused() {
        let off = IdentityConfig::default();
        assert_eq!(
            off.verify("42", &config().sign("42")),
            Err(IdentityError::NotConfigured)
        );
        assert!(off.check().is_ok());
        let short = IdentityConfig {
            secret: "short".into(),
        };
        assert!(short.check().unwrap_err().contains("at least 32"));
        assert!(config().check().is_ok());
    }
}
