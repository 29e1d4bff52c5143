//! The "declared twice" bookkeeping every list of the spec shares: where each name was first
//! declared, and one error for each later declaration, noted at the first.

use std::collections::HashMap;
use std::hash::Hash;

use crate::diag::{Diagnostic, Diagnostics, Loc};

/// The first place of each key of one namespace (types, fields, decoys, success codes, ...).
pub(crate) struct FirstSeen<K> {
    first: HashMap<K, Loc>,
    /// How the spec introduces a key: `declared`, `listed`, `used`; the note says "first
    /// {verb} here".
    verb: &'static str,
}

impl<K: Eq + Hash> FirstSeen<K> {
    /// An empty namespace whose entries are `verb` ("declared", "listed", "used").
    pub(crate) fn new(verb: &'static str) -> Self {
        FirstSeen {
            first: HashMap::new(),
            verb,
        }
    }

    /// Records `key` as declared at `at`. A key already recorded is reported at `at` with
    /// `message` (called only then) and a note at its first place; the first place stays, and
    /// the result is false.
    pub(crate) fn claim(
        &mut self,
        diags: &mut Diagnostics,
        key: K,
        at: Loc,
        message: impl FnOnce() -> String,
    ) -> bool {
        match self.first.get(&key) {
            Some(first) => {
                diags.push(
                    Diagnostic::new(at, message())
                        .note(*first, format!("first {} here", self.verb)),
                );
                false
            }
            None => {
                self.first.insert(key, at);
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_declaration_is_reported_at_both_places_and_the_first_stays() {
        let mut diags = Diagnostics::default();
        let mut seen = FirstSeen::new("declared");
        assert!(seen.claim(&mut diags, "a", Loc::new(1, 1), || unreachable!()));
        assert!(!seen.claim(&mut diags, "a", Loc::new(2, 1), || "twice".into()));
        assert!(!seen.claim(&mut diags, "a", Loc::new(3, 1), || "thrice".into()));
        assert!(seen.claim(&mut diags, "b", Loc::new(4, 1), || unreachable!()));
        let notes: Vec<_> = diags
            .errors
            .iter()
            .map(|d| (d.loc, d.notes.clone()))
            .collect();
        let first = vec![(Loc::new(1, 1), "first declared here".to_owned())];
        assert_eq!(
            notes,
            [(Loc::new(2, 1), first.clone()), (Loc::new(3, 1), first)]
        );
    }
}
