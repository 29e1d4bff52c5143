//! Compile tests: every class of spec mistake ends as a located compile error. Cases live in
//! tests/ui/<kind>/, each a `.rs` invoking the macro on its own `.yaml`, with the expected
//! `.stderr` beside it (tests/ui/README.md says how to add one and re-bless). tests/ui/sync/
//! holds code that disagrees with a valid spec, and tests/ui-pass/ code that must build.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*/*.rs");
    cases.pass("tests/ui-pass/*.rs");
}
