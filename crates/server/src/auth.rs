//! Secrets: opaque tokens (stored only as hashes) and argon2 password hashes.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use std::sync::LazyLock;

use argon2::Argon2;
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

/// A new random token: 32 bytes from the OS, as 64 hex digits.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    // The OS random source failing is not recoverable for a server handing out secrets.
    getrandom::fill(&mut bytes).expect("the operating system's random source failed");
    hex(&bytes)
}

/// What the database keeps instead of a token: a leaked database yields no usable tokens.
pub fn hash_token(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Short hash of a command's canonical encoding, for "same id, same body?".
pub fn body_hash(canonical: &str) -> String {
    hex(&Sha256::digest(canonical.as_bytes())[..16])
}

/// Lower-case hex, two digits a byte. By table, not `write!("{b:02x}")`: it runs for every
/// command's hash, and formatting each byte cost about 2 % of a stored message's instructions.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// Argon2id with the crate's recommended parameters. Slow on purpose: call off the async
/// threads (`spawn_blocking`).
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| anyhow::anyhow!("random source: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("hashing: {e}"))?
        .to_string())
}

/// What an unknown name is checked against, made with the same parameters as real hashes.
static DUMMY: LazyLock<String> =
    LazyLock::new(|| hash_password("no such operator").unwrap_or_default());

/// Makes the dummy hash now (slow; call off the async threads), so the first unknown name
/// does not take twice as long as later ones.
pub fn warm_up() {
    LazyLock::force(&DUMMY);
}

/// Most argon2 runs at once: each takes a core for tens of milliseconds and ~19 MiB, so a flood
/// of logins waits here instead of filling the blocking pool and memory.
static VERIFYING: LazyLock<Semaphore> = LazyLock::new(|| {
    Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZero::get))
});

/// [`verify_password`] on a blocking thread, a few at a time: never on the async threads.
pub async fn verify_password_off_thread(password: String, stored: Option<String>) -> bool {
    let Ok(_permit) = VERIFYING.acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || verify_password(&password, stored.as_deref()))
        .await
        .unwrap_or(false)
}

/// Checks a password against a stored PHC hash. `None` hash still does the work, so an
/// unknown name takes as long as a wrong password.
pub fn verify_password(password: &str, stored: Option<&str>) -> bool {
    let hash = stored.unwrap_or(DUMMY.as_str());
    let ok = PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false);
    ok && stored.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_round_trip() {
        let hash = hash_password("секрет 123").expect("hash");
        assert!(verify_password("секрет 123", Some(&hash)));
        assert!(!verify_password("секрет 124", Some(&hash)));
        assert!(!verify_password("секрет 123", None));
    }

    #[test]
    fn hex_is_two_lower_case_digits_a_byte() {
        assert_eq!(hex(&[]), "");
        assert_eq!(hex(&[0x00, 0x0f, 0x10, 0xa5, 0xff]), "000f10a5ff");
        let every: String = (0..=255u8).map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex(&(0..=255u8).collect::<Vec<_>>()), every);
        // SHA-256 of "abc" (FIPS 180-2, appendix B.1).
        assert_eq!(
            hash_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let a = new_token();
        assert_eq!(a.len(), 64);
        assert_ne!(a, new_token());
        assert_ne!(hash_token(&a), a);
        assert_eq!(hash_token(&a), hash_token(&a));
    }
}
