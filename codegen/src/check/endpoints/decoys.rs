//! Decoy lists: the base build's, on the endpoint, and each listed variant's.

use serde_saphyr::Spanned;

use crate::check::first_seen::FirstSeen;
use crate::check::types::check_part_name;
use crate::check::{Checker, loc};
use crate::diag::{Diagnostic, Loc};
use crate::ir::{Decoy, DecoyValue, Encoding};
use crate::spec::{DecoySpec, FieldSpec};

/// The length of a generated decoy value when the spec gives none.
const DEFAULT_DECOY_LENGTH: u64 = 8;
/// The longest generated decoy value; longer ones only bloat every request.
const MAX_DECOY_LENGTH: u64 = 256;

/// Checks the decoys sent beside the fields of `request`, in a body of `encoding`.
pub(in crate::check) fn decoys(
    cx: &mut Checker,
    specs: &[Spanned<DecoySpec>],
    request: &[Spanned<FieldSpec>],
    encoding: Encoding,
) -> Vec<Decoy> {
    let mut seen = FirstSeen::new("declared");
    let mut decoys = Vec::new();
    for node in specs {
        let decoy = &node.value;
        let at = loc(&decoy.name);
        if encoding == Encoding::Multipart {
            check_part_name(cx, &decoy.name);
        }
        if decoy.name.value.is_empty() {
            cx.diags.error(at, "a decoy's wire name is empty");
            continue;
        }
        if !seen.claim(&mut cx.diags, decoy.name.value.as_str(), at, || {
            format!("decoy `{}` is declared twice", decoy.name.value)
        }) {
            continue;
        }
        if let Some(field) = request
            .iter()
            .find(|f| f.value.name.value == decoy.name.value)
        {
            cx.diags.push(
                Diagnostic::new(
                    at,
                    format!("decoy `{}` collides with the request field of the same name", decoy.name.value),
                )
                .note(loc(&field.value.name), "the field is declared here")
                .help("a decoy is sent beside the fields, so its wire name must differ from every field's"),
            );
            continue;
        }
        if let Some(value) = value(cx, decoy, at) {
            decoys.push(Decoy {
                wire: decoy.name.value.clone(),
                value,
            });
        }
    }
    decoys
}

/// A decoy's value: fixed, or generated afresh for each request.
fn value(cx: &mut Checker, decoy: &DecoySpec, at: Loc) -> Option<DecoyValue> {
    match (&decoy.value, &decoy.generate) {
        (Some(value), None) => {
            if let Some(length) = &decoy.length {
                cx.diags
                    .error(loc(length), "`length` applies to generated decoys only");
            }
            Some(DecoyValue::Fixed(value.value.clone()))
        }
        (None, Some(charset)) => {
            let length = decoy
                .length
                .as_ref()
                .map_or(DEFAULT_DECOY_LENGTH, |l| l.value);
            if !(1..=MAX_DECOY_LENGTH).contains(&length) {
                let at = decoy.length.as_ref().map_or(at, loc);
                cx.diags.error(
                    at,
                    format!(
                        "a generated decoy's length must be 1 to {MAX_DECOY_LENGTH}, not {length}"
                    ),
                );
            }
            Some(DecoyValue::Generated {
                charset: charset.value.into(),
                length,
            })
        }
        (Some(value), Some(_)) => {
            cx.diags.push(
                Diagnostic::new(
                    loc(value),
                    format!(
                        "decoy `{}` has both `value` and `generate`",
                        decoy.name.value
                    ),
                )
                .help("keep `value` for a fixed value, or `generate` for a fresh one per request"),
            );
            None
        }
        (None, None) => {
            cx.diags.push(
                Diagnostic::new(at, format!("decoy `{}` has neither `value` nor `generate`", decoy.name.value))
                    .help("give a fixed `value: ...`, or `generate: alphanumeric` for a fresh value per request"),
            );
            None
        }
    }
}
