//! Derived disguises: a public path and decoys from a salt, the build's name and the real name
//! alone. The derivation is part of the spec format (docs/architecture.md, "Derived disguises
//! hash only the salt, the build's name and the real name"): changing it would move every
//! derived path of every app build already shipped.

use serde_saphyr::Spanned;

use crate::check::endpoints::check_route;
use crate::check::{Checker, loc};
use crate::diag::Diagnostic;
use crate::ir::{Decoy, DecoyValue, Disguise};
use crate::spec::AutoDisguiseSpec;

/// How many decoys a derived disguise has unless the spec says.
const DEFAULT_AUTO_DECOYS: u64 = 2;
/// The most decoys a derived disguise may ask for.
const MAX_AUTO_DECOYS: u64 = 16;

/// Checks an `auto_disguise` block: a salt, a usable prefix, a bounded number of decoys.
pub(super) fn check_auto(cx: &mut Checker, auto: &Spanned<AutoDisguiseSpec>) {
    let auto = &auto.value;
    if auto.salt.value.is_empty() {
        cx.diags.error(
            loc(&auto.salt),
            "the salt is empty: every spec would derive the same disguises",
        );
    }
    if let Some(prefix) = &auto.prefix {
        if prefix.value == "/" {
            cx.diags.push(
                Diagnostic::new(
                    loc(prefix),
                    "a prefix of `/` would derive paths starting with `//`",
                )
                .help("leave `prefix` out for paths right under `/`"),
            );
        } else {
            check_route(cx, prefix, "prefix");
        }
    }
    if let Some(count) = &auto.decoys
        && count.value > MAX_AUTO_DECOYS
    {
        cx.diags.error(
            loc(count),
            format!(
                "at most {MAX_AUTO_DECOYS} derived decoys, not {}",
                count.value
            ),
        );
    }
}

/// The disguise derived for `real` in `variant`: a path under the prefix and, when asked,
/// decoys. It depends only on the salt, the variant and the real name, so adding an endpoint
/// changes no other endpoint's disguise. The derivation is part of the spec format: changing
/// it would change every derived disguise, so it is fixed (FNV-1a and splitmix64, below).
pub(crate) fn derive(
    auto: &AutoDisguiseSpec,
    variant: &str,
    real: &str,
    with_decoys: bool,
    fields: &[&str],
) -> Disguise {
    let mut rng = SplitMix(fnv1a(&[
        auto.salt.value.as_bytes(),
        variant.as_bytes(),
        real.as_bytes(),
    ]));
    const LOWER: &[u8] = b"abcdefghijkmnpqrstuvwxyz";
    const MIXED: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
    const ALNUM: &[u8] = b"23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
    let token = format!("{}-{}", rng.text(LOWER, 4), rng.text(LOWER, 3));
    let prefix = auto.prefix.as_ref().map_or("", |p| p.value.as_str());
    let mut decoys = Vec::new();
    if with_decoys {
        let count = auto
            .decoys
            .as_ref()
            .map_or(DEFAULT_AUTO_DECOYS, |c| c.value.min(MAX_AUTO_DECOYS));
        while (decoys.len() as u64) < count {
            let length = 4 + rng.below(3);
            let wire = rng.text(MIXED, length);
            // Names are drawn until they differ from each other and from the request's
            // fields (the draw goes on from the same generator, so it stays deterministic).
            if decoys.iter().any(|d: &Decoy| d.wire == wire) || fields.contains(&wire.as_str()) {
                continue;
            }
            let value_length = 1 + rng.below(6);
            decoys.push(Decoy {
                wire,
                value: DecoyValue::Fixed(rng.text(ALNUM, value_length)),
            });
        }
    }
    Disguise {
        variant: variant.to_owned(),
        public_path: format!("{prefix}/{token}"),
        decoys,
    }
}

/// FNV-1a over the parts, each followed by a 0 byte so that `ab`+`c` differs from `a`+`bc`.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &byte in part.iter().chain(&[0u8]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// splitmix64: a small generator with a fixed, documented output for a seed.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `bound` (`bound` > 0; the slight modulo bias does not matter here).
    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    fn text(&mut self, alphabet: &[u8], length: usize) -> String {
        (0..length)
            .map(|_| char::from(alphabet[self.below(alphabet.len())]))
            .collect()
    }
}
