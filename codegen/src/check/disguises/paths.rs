//! The rules every public path obeys across all builds. One router serves every build at once
//! and tells endpoint and build apart by the path alone, so no two disguises may share a path,
//! and no path may be a real name, which would show the backend's route on the wire.

use std::collections::HashMap;

use super::Resolved;
use crate::check::Checker;
use crate::check::endpoints::CheckedEndpoint;
use crate::diag::{Diagnostic, Loc};
use crate::spec::EndpointSpec;

/// A public path in use: where it was given (or the salt it was derived from), and whose it is.
struct Claim {
    at: Loc,
    owner: String,
    derived: bool,
}

/// Every public path in use, in the order claimed.
pub(super) struct Paths {
    claims: Vec<(String, Claim)>,
    index: HashMap<String, usize>,
    /// With one build, messages need not say which.
    several_builds: bool,
}

impl Paths {
    pub(super) fn new(several_builds: bool) -> Self {
        Paths {
            claims: Vec::new(),
            index: HashMap::new(),
            several_builds,
        }
    }

    /// Claims the public path of every endpoint in `build`, in spec order.
    pub(super) fn claim_build(
        &mut self,
        cx: &mut Checker,
        build: &str,
        endpoints: &[&CheckedEndpoint<'_>],
        resolved: &[Option<Resolved>],
    ) {
        for (endpoint, resolved) in endpoints.iter().zip(resolved) {
            if let Some(resolved) = resolved {
                let owner = format!("`{}` in variant `{build}`", endpoint.real_name());
                self.claim(cx, resolved, owner);
            }
        }
    }

    /// Records a public path; two of one path is an error, whoever they belong to.
    fn claim(&mut self, cx: &mut Checker, resolved: &Resolved, owner: String) {
        let path = &resolved.disguise.public_path;
        let Some(&first) = self.index.get(path) else {
            self.index.insert(path.clone(), self.claims.len());
            let claim = Claim {
                at: resolved.at,
                owner,
                derived: resolved.derived,
            };
            self.claims.push((path.clone(), claim));
            return;
        };
        let first = &self.claims[first].1;
        let (message, help) = if self.several_builds {
            (
                format!(
                    "public path `{path}` of {owner} is already the public path of {}",
                    first.owner
                ),
                "every endpoint needs its own public path in every variant: one router serves them all",
            )
        } else {
            (
                format!("public path `{path}` is used by two endpoints"),
                "every endpoint needs its own public path",
            )
        };
        let note = if first.derived {
            format!("first derived for {} from this salt", first.owner)
        } else {
            "first used here".to_owned()
        };
        cx.diags.push(
            Diagnostic::new(resolved.at, message)
                .note(first.at, note)
                .help(help),
        );
    }

    /// Reports every public path that is some endpoint's real name.
    pub(super) fn check_real_names(
        &self,
        cx: &mut Checker,
        real_names: &HashMap<&str, &EndpointSpec>,
    ) {
        for (path, claim) in &self.claims {
            let Some(real) = real_names.get(path.as_str()) else {
                continue;
            };
            let whose = if self.several_builds {
                format!(" of {}", claim.owner)
            } else {
                String::new()
            };
            cx.diags.push(
                Diagnostic::new(
                    claim.at,
                    format!("public path `{path}`{whose} is a real name: it would show the backend's route on the wire"),
                )
                .note(crate::check::loc(&real.real), "the real name is declared here")
                .help("choose an obfuscated public path"),
            );
        }
    }
}
