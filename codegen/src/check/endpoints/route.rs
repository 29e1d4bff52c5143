//! What a route may look like: real names, public paths and derivation prefixes alike.

use serde_saphyr::Spanned;

use crate::check::{Checker, loc};
use crate::diag::Diagnostic;

/// A route is `/` followed by segments of URL-safe characters that no router reads as
/// syntax: letters, digits, `-`, `.`, `_` and `~`. Braces, colons and stars would become
/// path parameters or wildcards in the generated router.
pub(in crate::check) fn check_route(cx: &mut Checker, node: &Spanned<String>, what: &str) {
    let route = &node.value;
    let problem = if !route.starts_with('/') {
        Some(format!("{what} `{route}` does not start with `/`"))
    } else if route.len() > 1 && route.ends_with('/') {
        Some(format!("{what} `{route}` ends with `/`"))
    } else if route.contains("//") {
        Some(format!("{what} `{route}` has an empty segment (`//`)"))
    } else if route
        .split('/')
        .any(|segment| segment == "." || segment == "..")
    {
        // URL parsers resolve these away: a client would call another path than the server's.
        Some(format!(
            "{what} `{route}` has a `.` or `..` segment, which URLs resolve away"
        ))
    } else {
        route
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || "/-._~".contains(*c)))
            .map(|c| {
                format!("{what} `{route}` has the character `{c}`, which is not allowed in a route")
            })
    };
    if let Some(message) = problem {
        cx.diags.push(
            Diagnostic::new(loc(node), message)
                .help("a route is `/` and segments of letters, digits, `-`, `.`, `_` and `~`, such as `/Crapido/mkla-pk`"),
        );
    }
}
