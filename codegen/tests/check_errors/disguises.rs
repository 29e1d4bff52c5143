//! Variants and disguises (codegen/src/check/disguises/): listed, derived, paths across builds.

use std::collections::HashSet;

use super::support::{BASE, compiles, heads, one_error};

#[test]
fn crapido_has_a_second_build_with_listed_and_derived_disguises() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/crapido.yaml");
    let api = compiles(&std::fs::read_to_string(path).unwrap());
    let names: Vec<&str> = api.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["crapido", "lanaya"]);
    let endpoints: Vec<_> = api.services.iter().flat_map(|s| &s.endpoints).collect();
    let lanaya: Vec<(&str, &str)> = endpoints
        .iter()
        .map(|e| {
            assert_eq!(e.disguises.len(), 2, "{}", e.real_name);
            assert_eq!(e.disguises[1].variant, "lanaya");
            (e.real_name.as_str(), e.disguises[1].public_path.as_str())
        })
        .collect();
    // Every public path of both builds is distinct, and every LanaYa path is under its prefix.
    let all: HashSet<&str> = endpoints
        .iter()
        .flat_map(|e| &e.disguises)
        .map(|d| d.public_path.as_str())
        .collect();
    assert_eq!(all.len(), 26);
    assert!(lanaya.iter().all(|(_, path)| path.starts_with("/LanaYa/")));
    // The listed disguises are as written; the derived ones have the derived shape and two
    // decoys each.
    assert!(lanaya.contains(&("/v3/certify/credit-info", "/LanaYa/qst-init")));
    assert!(lanaya.contains(&("/credit-info/upload-image", "/LanaYa/foto-up")));
    for endpoint in &endpoints {
        let disguise = &endpoint.disguises[1];
        let listed = [
            "/v3/certify/credit-info",
            "/credit-info/upload-image",
            "/v3/bind-card/bind-card-new",
        ];
        if !listed.contains(&endpoint.real_name.as_str()) {
            let token = disguise.public_path.trim_start_matches("/LanaYa/");
            assert_eq!(token.len(), 8, "{token}");
            assert_eq!(token.as_bytes()[4], b'-', "{token}");
            assert_eq!(disguise.decoys.len(), 2, "{}", endpoint.real_name);
        }
    }
}

#[test]
fn derived_disguises_are_stable_and_independent() {
    // The same salt derives the same disguise; adding an endpoint changes no other's.
    let spec = |extra: &str| {
        format!(
            "\
veil: 1
api:
  name: demo
  auto_disguise: {{ salt: s1, prefix: /App }}
envelope:
  success: [\"00\"]
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-item
        summary: Get an item.
{extra}"
        )
    };
    let one = compiles(&spec(""));
    let two = compiles(&spec(
        "      - real: /v1/shop/put-item\n        summary: Put an item.\n",
    ));
    let first = &one.services[0].endpoints[0].disguises[0];
    assert_eq!(first, &two.services[0].endpoints[0].disguises[0]);
    assert_eq!(first.decoys.len(), 2);
    assert!(first.public_path.starts_with("/App/"));
    assert_ne!(
        first.public_path,
        two.services[0].endpoints[1].disguises[0].public_path
    );
    // Pinned: the derivation is part of the format, so a change to it shows here.
    assert_eq!(
        compiles(&spec("")).services[0].endpoints[0].disguises[0],
        first.clone()
    );
}

#[test]
fn variant_mistakes() {
    let base = "\
veil: 1
api:
  name: demo
envelope:
  success: [\"00\"]
services:
  - name: shop
    endpoints:
      - real: /v1/shop/get-item
        path: /x/a
        summary: Get an item.
      - real: /v1/shop/put-item
        path: /x/b
        summary: Put an item.
variants:
  - name: other
    endpoints:
";
    // One public path for two endpoints in a variant (19:42, first at 18:42).
    let same_path = format!(
        "{base}      - {{ real: /v1/shop/get-item, path: /y/a }}\n      - {{ real: /v1/shop/put-item, path: /y/a }}\n"
    );
    let error = one_error(&same_path);
    assert_eq!(
        error.head,
        "spec/app.yaml:19:42: public path `/y/a` of `/v1/shop/put-item` in variant `other` is already the public path of `/v1/shop/get-item` in variant `other`"
    );
    assert_eq!(error.notes, ["spec/app.yaml:18:42: first used here"]);
    // A variant naming an unknown endpoint (18:17), and one that leaves an endpoint without a
    // disguise (16:11).
    let unknown = format!("{base}      - {{ real: /v1/shop/drop-item, path: /y/a }}\n");
    assert_eq!(
        heads(&unknown),
        [
            "spec/app.yaml:16:11: variant `other` gives no public path for `/v1/shop/get-item`",
            "spec/app.yaml:16:11: variant `other` gives no public path for `/v1/shop/put-item`",
            "spec/app.yaml:18:17: variant `other` names `/v1/shop/drop-item`, which is no endpoint's real name",
        ]
    );
    // A path another build already uses (18:42, first at 13:15).
    let reused = format!(
        "{base}      - {{ real: /v1/shop/get-item, path: /x/b }}\n      - {{ real: /v1/shop/put-item, path: /y/b }}\n"
    );
    let error = one_error(&reused);
    assert_eq!(
        error.head,
        "spec/app.yaml:18:42: public path `/x/b` of `/v1/shop/get-item` in variant `other` is already the public path of `/v1/shop/put-item` in variant `demo`"
    );
}

#[test]
fn dot_segments_multipart_names_and_blank_builds() {
    // A `..` segment (15:15), which URLs resolve away.
    assert_eq!(
        one_error(&BASE.replace("path: /x/a", "path: /x/../a")).head,
        "spec/app.yaml:15:15: public path `/x/../a` has a `.` or `..` segment, which URLs resolve away"
    );
    // A multipart part named `ñandú` (19:19).
    let multipart = BASE
        .replace(
            "        summary: Get an item.\n",
            "        summary: Get an item.\n        encoding: multipart\n",
        )
        .replace(
            "          - name: id\n            type: string\n        response",
            "          - name: ñandú\n            type: file\n        response",
        );
    assert_eq!(
        one_error(&multipart).head,
        "spec/app.yaml:19:19: `ñandú` cannot name a multipart part: it has the character `ñ`"
    );
    // `api.variant` left blank (4:12).
    assert_eq!(
        one_error(&BASE.replace("  name: demo\n", "  name: demo\n  variant: \" \"\n")).head,
        "spec/app.yaml:4:12: `api.variant` is empty"
    );
    // A prefix of `/` (4:40).
    let prefixed = BASE
        .replace(
            "  name: demo\n",
            "  name: demo\n  auto_disguise: { salt: s, prefix: / }\n",
        )
        .replace("        path: /x/a\n", "");
    assert_eq!(
        one_error(&prefixed).head,
        "spec/app.yaml:4:37: a prefix of `/` would derive paths starting with `//`"
    );
    // A service named `self` gives `SelfApi` and `SelfClient`, not `Self_Api`.
    let api = compiles(&BASE.replace("  - name: shop", "  - name: self"));
    assert_eq!(api.services[0].api_trait.text, "SelfApi");
    assert_eq!(api.services[0].client.text, "SelfClient");
}
