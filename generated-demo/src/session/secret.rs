//! The secrets of a login: session tokens and one-time codes, drawn from the operating
//! system's random source, and the SHA-256 digests they are stored and compared as.

use sha2::{Digest, Sha256};

/// Random bytes in a session token: 256 bits, twice the 128 that make guessing hopeless.
pub const TOKEN_BYTES: usize = 32;
/// The length of a session token: its bytes in lowercase hex.
pub const TOKEN_LEN: usize = TOKEN_BYTES * 2;
/// Digits in a one-time code, as the app's SMS step sends.
pub const CODE_DIGITS: usize = 6;

/// The operating system's random source failed: no secret can be drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoRandomness;

impl std::fmt::Display for NoRandomness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the operating system's random source failed")
    }
}

impl std::error::Error for NoRandomness {}

/// A new session token: [`TOKEN_BYTES`] random bytes, hex encoded.
pub fn new_token() -> Result<String, NoRandomness> {
    let mut bytes = [0u8; TOKEN_BYTES];
    getrandom::fill(&mut bytes).map_err(|_| NoRandomness)?;
    Ok(hex::encode(bytes))
}

/// A new one-time code: [`CODE_DIGITS`] decimal digits, each value equally likely.
pub fn new_code() -> Result<String, NoRandomness> {
    const CODES: u32 = 1_000_000;
    // Rejection sampling: 2^32 is not a multiple of a million, so the values at the top of
    // the range, which would make the low codes likelier, are drawn again.
    const ZONE: u32 = u32::MAX - u32::MAX % CODES;
    loop {
        let drawn = getrandom::u32().map_err(|_| NoRandomness)?;
        if drawn < ZONE {
            return Ok(format!("{:0width$}", drawn % CODES, width = CODE_DIGITS));
        }
    }
}

/// The SHA-256 digest of `secret`, in lowercase hex: what is stored, and what is compared.
///
/// Comparing digests rather than secrets is what makes the comparison safe to time: how long
/// `==` takes tells at most how many leading digits of a *digest* matched, and choosing a
/// guess whose digest starts with given digits takes a preimage attack.
pub fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Whether `credential` has the shape of a session token (so that others are refused
/// without a database lookup).
pub fn is_token_shaped(credential: &str) -> bool {
    credential.len() == TOKEN_LEN
        && credential
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Whether `code` has the shape of a one-time code.
pub fn is_code_shaped(code: &str) -> bool {
    code.len() == CODE_DIGITS && code.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_64_hex_digits_and_differ() {
        let first = new_token().unwrap();
        let second = new_token().unwrap();
        assert!(is_token_shaped(&first), "{first}");
        assert_ne!(first, second);
    }

    #[test]
    fn codes_are_six_digits() {
        for _ in 0..100 {
            let code = new_code().unwrap();
            assert!(is_code_shaped(&code), "{code}");
        }
    }

    #[test]
    fn the_digest_is_sha256_in_hex() {
        // The published SHA-256 of "abc" (FIPS 180-2, appendix B.1).
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn only_lowercase_hex_of_the_right_length_is_token_shaped() {
        assert!(!is_token_shaped(""));
        assert!(!is_token_shaped(&"A".repeat(TOKEN_LEN)));
        assert!(!is_token_shaped(&"a".repeat(TOKEN_LEN - 1)));
        assert!(is_token_shaped(&"a".repeat(TOKEN_LEN)));
        assert!(!is_code_shaped("12345"));
        assert!(!is_code_shaped("12345a"));
    }
}
