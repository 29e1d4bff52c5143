//! The base build: the endpoints as the spec describes them.

use super::Resolved;
use super::derive::{check_auto, derive};
use crate::check::endpoints::CheckedEndpoint;
use crate::check::{Checker, loc};
use crate::diag::Diagnostic;
use crate::ir::Disguise;
use crate::spec::ApiSpec;

/// Each endpoint's disguise in the base build `name`: its own `path` and `decoys`, or, with
/// `api.auto_disguise`, a derived path and (when it lists none) derived decoys.
pub(super) fn resolve(
    cx: &mut Checker,
    api: &ApiSpec,
    name: &str,
    endpoints: &[&CheckedEndpoint<'_>],
) -> Vec<Option<Resolved>> {
    let auto = api.auto_disguise.as_ref();
    if let Some(auto) = auto {
        check_auto(cx, auto);
    }
    let mut resolved = Vec::with_capacity(endpoints.len());
    for endpoint in endpoints {
        let spec = endpoint.spec;
        resolved.push(match (&spec.path, auto) {
            (Some(path), _) => Some(Resolved {
                disguise: Disguise {
                    variant: name.to_owned(),
                    public_path: path.value.clone(),
                    decoys: endpoint.decoys.clone(),
                },
                at: loc(path),
                derived: false,
            }),
            (None, Some(auto)) => {
                let with_decoys = spec.decoys.is_empty();
                let fields = endpoint.field_names();
                let mut disguise =
                    derive(&auto.value, name, endpoint.real_name(), with_decoys, &fields);
                if !with_decoys {
                    disguise.decoys = endpoint.decoys.clone();
                }
                Some(Resolved {
                    disguise,
                    at: loc(&auto.value.salt),
                    derived: true,
                })
            }
            (None, None) => {
                cx.diags.push(
                    Diagnostic::new(
                        loc(&spec.real),
                        format!("endpoint `{}` has no `path`", endpoint.real_name()),
                    )
                    .help("give its public path with `path:`, or set `api.auto_disguise` to derive one"),
                );
                None
            }
        });
    }
    resolved
}
