//! `code!`: `quote!`'s templates, written out as Rust source text.
//!
//! The emitters used to build a `proc_macro2::TokenStream` with `quote!`. Inside the compiler
//! each of the ~35,000 tokens of crapido's expansion then crossed the proc-macro bridge one
//! call at a time, and outside it each identifier and literal was its own allocation: most of
//! the generator's time (docs/benchmarks.md). `code!` keeps the templates exactly as `quote!`
//! reads them (`#name`, `#(#items)*`, `#(#items),*`), so the emitters still read as the code
//! they generate and every template's delimiters are still checked when veil-codegen
//! compiles, but it appends text to a [`Code`]: the macro hands the whole expansion to the
//! compiler's parser once.
//!
//! Interpolation follows `quote!`: a [`Code`] is spliced as code, a string as a string literal,
//! an integer or float as a suffixed literal (`3i64`, `1f64`), a `bool` as itself, an
//! `Option` as its value or nothing.

use std::fmt::Write as _;

use crate::ir::RustName;

/// Rust source text being generated: a sequence of tokens separated by whitespace.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Code(String);

impl Code {
    /// No code.
    pub fn new() -> Code {
        Code::default()
    }

    /// The identifier of a checked name.
    pub(crate) fn ident(name: &RustName) -> Code {
        // invariant: `check` only builds names that `syn` parsed as identifiers.
        Code(name.source())
    }

    /// A name or path the generator itself spells, such as a vocabulary name
    /// ([`crate::vocab`]) or a `__`-prefixed local: never text from a spec.
    pub(crate) fn name(name: &'static str) -> Code {
        Code(name.to_owned())
    }

    /// The `index`th of a family of generated names: `__ENDPOINT_3`.
    pub(crate) fn numbered(prefix: &'static str, index: usize) -> Code {
        Code(format!("{prefix}{index}"))
    }

    /// An integer literal without a suffix, for an argument whose type the callee fixes.
    pub(crate) fn unsuffixed<T: Into<i128>>(value: T) -> Code {
        Code(format!("{} ", value.into()))
    }

    /// A float literal without a suffix (`1.0`, `0.5`, `-3e20`): Rust's `Debug` of a finite
    /// `f64` always has a point or an exponent, so it reads back as the same `f64`. The other
    /// values are `f64`'s own constants.
    pub(crate) fn float(value: f64) -> Code {
        if value.is_finite() {
            Code(format!("{value:?} "))
        } else if value.is_nan() {
            Code::name("::core::f64::NAN")
        } else if value > 0.0 {
            Code::name("::core::f64::INFINITY")
        } else {
            Code::name("::core::f64::NEG_INFINITY")
        }
    }

    /// The source text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The source text, owned.
    pub fn into_string(self) -> String {
        self.0
    }

    /// Appends template text (what `code!` writes between interpolations).
    pub(crate) fn push_text(&mut self, text: &str) {
        self.0.push_str(text);
        self.0.push(' ');
    }

    /// Appends more code.
    pub(crate) fn push_code(&mut self, code: &Code) {
        self.0.push_str(&code.0);
        self.0.push(' ');
    }
}

impl Extend<Code> for Code {
    fn extend<I: IntoIterator<Item = Code>>(&mut self, iter: I) {
        for code in iter {
            self.push_code(&code);
        }
    }
}

impl FromIterator<Code> for Code {
    fn from_iter<I: IntoIterator<Item = Code>>(iter: I) -> Code {
        let mut code = Code::new();
        code.extend(iter);
        code
    }
}

/// A value `code!` can interpolate.
pub(crate) trait ToCode {
    /// Appends the value's code to `out`.
    fn to_code(&self, out: &mut Code);
}

impl ToCode for Code {
    fn to_code(&self, out: &mut Code) {
        out.push_code(self);
    }
}

impl<T: ToCode + ?Sized> ToCode for &T {
    fn to_code(&self, out: &mut Code) {
        (**self).to_code(out);
    }
}

impl<T: ToCode> ToCode for Option<T> {
    fn to_code(&self, out: &mut Code) {
        if let Some(value) = self {
            value.to_code(out);
        }
    }
}

/// A string literal, written by `proc_macro2::Literal::string`: quotes, backslashes and
/// control characters escaped, as the compiler itself writes them.
impl ToCode for str {
    fn to_code(&self, out: &mut Code) {
        let _ = write!(out.0, "{} ", proc_macro2::Literal::string(self));
    }
}

impl ToCode for String {
    fn to_code(&self, out: &mut Code) {
        self.as_str().to_code(out);
    }
}

impl ToCode for bool {
    fn to_code(&self, out: &mut Code) {
        out.push_text(if *self { "true" } else { "false" });
    }
}

macro_rules! suffixed_literals {
    ($($ty:ident)*) => {$(
        impl ToCode for $ty {
            fn to_code(&self, out: &mut Code) {
                let _ = write!(out.0, "{}{} ", self, stringify!($ty));
            }
        }
    )*};
}

// `f64` writes with `Display`, which never uses an exponent and so reads back as the same
// value; non-finite bounds are refused by the spec check.
suffixed_literals!(i64 u64 usize u32 f64);

/// Builds a [`Code`] from a template in `quote!`'s syntax: `#value` interpolates a [`ToCode`]
/// value, `#(#items)*` and `#(#items),*` (any one-token separator) an iterator of them.
///
/// The template is read one token at a time with the three tokens on either side in view, all
/// in one expansion (`quote!`'s own method): each token is written by a rule that needs no
/// recursion, so the macro's depth grows with the template's nesting of delimiters, not with
/// its length. A muncher that recursed once per token would hit rustc's recursion limit (128)
/// on templates of about that many tokens.
macro_rules! code {
    ($($template:tt)*) => {{
        let mut __code = $crate::emit::code::Code::new();
        $crate::emit::code::code_into!(__code; $($template)*);
        __code
    }};
}

/// Writes a template into `$out`: every token beside its neighbours. `@` pads the windows past
/// either end; the current token is parenthesized, so a padding `@` is told from a template's.
macro_rules! code_into {
    ($out:ident; $($template:tt)*) => {
        $crate::emit::code::code_windows!($out;
            (@ @ @ @ @ @ $($template)*)
            (@ @ @ @ @ $($template)* @)
            (@ @ @ @ $($template)* @ @)
            (@ @ @ $(($template))* @ @ @)
            (@ @ $($template)* @ @ @ @)
            (@ $($template)* @ @ @ @ @)
            ($($template)* @ @ @ @ @ @)
        );
    };
}

/// Zips the seven shifted copies of a template into one window per token.
macro_rules! code_windows {
    ($out:ident;
        ($($b3:tt)*) ($($b2:tt)*) ($($b1:tt)*)
        ($($current:tt)*)
        ($($a1:tt)*) ($($a2:tt)*) ($($a3:tt)*)
    ) => {
        $(
            $crate::emit::code::code_token!($out; $b3 $b2 $b1 $current $a1 $a2 $a3);
        )*
    };
}

/// Writes one token of a template, seen with three tokens before and three after it.
macro_rules! code_token {
    // Padding, not a token of the template.
    ($out:ident; $b3:tt $b2:tt $b1:tt @ $a1:tt $a2:tt $a3:tt) => {};
    // `#(#items)*`: every item, in order; then the group and the `*` are skipped.
    ($out:ident; $b3:tt $b2:tt $b1:tt (#) ( # $items:ident ) * $a3:tt) => {
        for __item in $items {
            $crate::emit::code::ToCode::to_code(&__item, &mut $out);
        }
    };
    ($out:ident; $b3:tt $b2:tt # (( # $items:ident )) * $a2:tt $a3:tt) => {};
    ($out:ident; $b3:tt # ( # $items:ident ) (*) $a1:tt $a2:tt $a3:tt) => {};
    // `#(#items),*`: every item, a separator between two; then the group, the separator and
    // the `*` are skipped.
    ($out:ident; $b3:tt $b2:tt $b1:tt (#) ( # $items:ident ) $separator:tt *) => {
        for (__index, __item) in ::core::iter::IntoIterator::into_iter($items).enumerate() {
            if __index > 0 {
                $out.push_text(::core::stringify!($separator));
            }
            $crate::emit::code::ToCode::to_code(&__item, &mut $out);
        }
    };
    ($out:ident; $b3:tt $b2:tt # (( # $items:ident )) $separator:tt * $a3:tt) => {};
    ($out:ident; $b3:tt # ( # $items:ident ) ($separator:tt) * $a2:tt $a3:tt) => {};
    ($out:ident; # ( # $items:ident ) $separator:tt (*) $a1:tt $a2:tt $a3:tt) => {};
    // Any other repetition: `quote!` zips several iterators in one, `code!` does not.
    ($out:ident; $b3:tt $b2:tt $b1:tt (#) ( $($other:tt)* ) $a2:tt $a3:tt) => {
        ::core::compile_error!(
            "code!: a repetition holds one interpolation and nothing else: #(#items)* or \
             #(#items),*; map the items to code first"
        );
    };
    // `#value`; then the name is skipped.
    ($out:ident; $b3:tt $b2:tt $b1:tt (#) $value:ident $a2:tt $a3:tt) => {
        $crate::emit::code::ToCode::to_code(&$value, &mut $out);
    };
    ($out:ident; $b3:tt $b2:tt # ($value:ident) $a1:tt $a2:tt $a3:tt) => {};
    // Delimited groups: their contents may interpolate, one level deeper.
    ($out:ident; $b3:tt $b2:tt $b1:tt ({ $($inner:tt)* }) $a1:tt $a2:tt $a3:tt) => {
        $out.push_text("{");
        $crate::emit::code::code_into!($out; $($inner)*);
        $out.push_text("}");
    };
    ($out:ident; $b3:tt $b2:tt $b1:tt (( $($inner:tt)* )) $a1:tt $a2:tt $a3:tt) => {
        $out.push_text("(");
        $crate::emit::code::code_into!($out; $($inner)*);
        $out.push_text(")");
    };
    ($out:ident; $b3:tt $b2:tt $b1:tt ([ $($inner:tt)* ]) $a1:tt $a2:tt $a3:tt) => {
        $out.push_text("[");
        $crate::emit::code::code_into!($out; $($inner)*);
        $out.push_text("]");
    };
    // Any other token is written as it is.
    ($out:ident; $b3:tt $b2:tt $b1:tt ($token:tt) $a1:tt $a2:tt $a3:tt) => {
        $out.push_text(::core::stringify!($token));
    };
}

pub(crate) use {code, code_into, code_token, code_windows};

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokens of `stream`, flattened, without their spacing (which only says whether two
    /// punctuation marks were written together).
    fn flat(stream: proc_macro2::TokenStream, out: &mut Vec<String>) {
        for tree in stream {
            match tree {
                proc_macro2::TokenTree::Group(group) => {
                    out.push(format!("{:?}", group.delimiter()));
                    flat(group.stream(), out);
                    out.push("end".to_owned());
                }
                proc_macro2::TokenTree::Punct(punct) => out.push(punct.as_char().to_string()),
                other => out.push(other.to_string()),
            }
        }
    }

    fn tokens(stream: proc_macro2::TokenStream) -> Vec<String> {
        let mut out = Vec::new();
        flat(stream, &mut out);
        out
    }

    fn lexed(code: &Code) -> Vec<String> {
        tokens(code.as_str().parse().expect("generated code lexes"))
    }

    #[test]
    fn templates_read_as_quote_reads_them() {
        let name = Code::name("Thing");
        let fields = vec![code!(pub a: i64,), code!(pub r#type: bool,)];
        let wire = "a\"b\\c\nñ";
        let bounds = [1u64, 2];
        let written = code! {
            /// A doc comment, then code on the next line.
            #[derive(::core::clone::Clone)]
            pub struct #name<'a> {
                #(#fields)*
            }
            impl #name<'_> {
                const WIRE: &'static str = #wire;
                const BOUNDS: &[u64] = &[#(#bounds),*];
                fn f(x: ::core::option::Option<u8>) -> bool { x.is_some() && #name::WIRE.len() >= 2 }
            }
        };
        let expected = quote::quote! {
            /// A doc comment, then code on the next line.
            #[derive(::core::clone::Clone)]
            pub struct Thing<'a> {
                pub a: i64,
                pub r#type: bool,
            }
            impl Thing<'_> {
                const WIRE: &'static str = "a\"b\\c\nñ";
                const BOUNDS: &[u64] = &[1u64, 2u64];
                fn f(x: ::core::option::Option<u8>) -> bool { x.is_some() && Thing::WIRE.len() >= 2 }
            }
        };
        assert_eq!(lexed(&written), tokens(expected));
    }

    #[test]
    fn literals_are_suffixed_like_quote() {
        let (int, float, flag, none) = (-3i64, 1.5f64, true, Option::<Code>::None);
        let written = code!(#int #float #flag #none);
        assert_eq!(
            written.as_str().split_whitespace().collect::<Vec<_>>(),
            ["-3i64", "1.5f64", "true"]
        );
    }

    /// rustc stops a macro at 128 nested expansions. A template of more than 1,000 tokens,
    /// most of them in one group and with interpolations at its far end, expands with
    /// `code!`'s depth bounded by its nesting, and writes what `quote!` writes.
    #[test]
    fn a_template_of_over_a_thousand_tokens_expands() {
        let (name, items) = (Code::name("LONG"), [1i64, 2, 3]);
        let written = code! {
            pub const #name: [u8; 260] = [0u8 + 0u8, 1u8 + 1u8, 2u8 + 2u8, 3u8 + 3u8, 4u8 + 4u8, 5u8 + 5u8, 6u8 + 6u8, 7u8 + 0u8, 8u8 + 1u8, 9u8 + 2u8, 0u8 + 3u8, 1u8 + 4u8, 2u8 + 5u8, 3u8 + 6u8, 4u8 + 0u8, 5u8 + 1u8, 6u8 + 2u8, 7u8 + 3u8, 8u8 + 4u8, 9u8 + 5u8, 0u8 + 6u8, 1u8 + 0u8, 2u8 + 1u8, 3u8 + 2u8, 4u8 + 3u8, 5u8 + 4u8, 6u8 + 5u8, 7u8 + 6u8, 8u8 + 0u8, 9u8 + 1u8, 0u8 + 2u8, 1u8 + 3u8, 2u8 + 4u8, 3u8 + 5u8, 4u8 + 6u8, 5u8 + 0u8, 6u8 + 1u8, 7u8 + 2u8, 8u8 + 3u8, 9u8 + 4u8, 0u8 + 5u8, 1u8 + 6u8, 2u8 + 0u8, 3u8 + 1u8, 4u8 + 2u8, 5u8 + 3u8, 6u8 + 4u8, 7u8 + 5u8, 8u8 + 6u8, 9u8 + 0u8, 0u8 + 1u8, 1u8 + 2u8, 2u8 + 3u8, 3u8 + 4u8, 4u8 + 5u8, 5u8 + 6u8, 6u8 + 0u8, 7u8 + 1u8, 8u8 + 2u8, 9u8 + 3u8, 0u8 + 4u8, 1u8 + 5u8, 2u8 + 6u8, 3u8 + 0u8, 4u8 + 1u8, 5u8 + 2u8, 6u8 + 3u8, 7u8 + 4u8, 8u8 + 5u8, 9u8 + 6u8, 0u8 + 0u8, 1u8 + 1u8, 2u8 + 2u8, 3u8 + 3u8, 4u8 + 4u8, 5u8 + 5u8, 6u8 + 6u8, 7u8 + 0u8, 8u8 + 1u8, 9u8 + 2u8, 0u8 + 3u8, 1u8 + 4u8, 2u8 + 5u8, 3u8 + 6u8, 4u8 + 0u8, 5u8 + 1u8, 6u8 + 2u8, 7u8 + 3u8, 8u8 + 4u8, 9u8 + 5u8, 0u8 + 6u8, 1u8 + 0u8, 2u8 + 1u8, 3u8 + 2u8, 4u8 + 3u8, 5u8 + 4u8, 6u8 + 5u8, 7u8 + 6u8, 8u8 + 0u8, 9u8 + 1u8, 0u8 + 2u8, 1u8 + 3u8, 2u8 + 4u8, 3u8 + 5u8, 4u8 + 6u8, 5u8 + 0u8, 6u8 + 1u8, 7u8 + 2u8, 8u8 + 3u8, 9u8 + 4u8, 0u8 + 5u8, 1u8 + 6u8, 2u8 + 0u8, 3u8 + 1u8, 4u8 + 2u8, 5u8 + 3u8, 6u8 + 4u8, 7u8 + 5u8, 8u8 + 6u8, 9u8 + 0u8, 0u8 + 1u8, 1u8 + 2u8, 2u8 + 3u8, 3u8 + 4u8, 4u8 + 5u8, 5u8 + 6u8, 6u8 + 0u8, 7u8 + 1u8, 8u8 + 2u8, 9u8 + 3u8, 0u8 + 4u8, 1u8 + 5u8, 2u8 + 6u8, 3u8 + 0u8, 4u8 + 1u8, 5u8 + 2u8, 6u8 + 3u8, 7u8 + 4u8, 8u8 + 5u8, 9u8 + 6u8, 0u8 + 0u8, 1u8 + 1u8, 2u8 + 2u8, 3u8 + 3u8, 4u8 + 4u8, 5u8 + 5u8, 6u8 + 6u8, 7u8 + 0u8, 8u8 + 1u8, 9u8 + 2u8, 0u8 + 3u8, 1u8 + 4u8, 2u8 + 5u8, 3u8 + 6u8, 4u8 + 0u8, 5u8 + 1u8, 6u8 + 2u8, 7u8 + 3u8, 8u8 + 4u8, 9u8 + 5u8, 0u8 + 6u8, 1u8 + 0u8, 2u8 + 1u8, 3u8 + 2u8, 4u8 + 3u8, 5u8 + 4u8, 6u8 + 5u8, 7u8 + 6u8, 8u8 + 0u8, 9u8 + 1u8, 0u8 + 2u8, 1u8 + 3u8, 2u8 + 4u8, 3u8 + 5u8, 4u8 + 6u8, 5u8 + 0u8, 6u8 + 1u8, 7u8 + 2u8, 8u8 + 3u8, 9u8 + 4u8, 0u8 + 5u8, 1u8 + 6u8, 2u8 + 0u8, 3u8 + 1u8, 4u8 + 2u8, 5u8 + 3u8, 6u8 + 4u8, 7u8 + 5u8, 8u8 + 6u8, 9u8 + 0u8, 0u8 + 1u8, 1u8 + 2u8, 2u8 + 3u8, 3u8 + 4u8, 4u8 + 5u8, 5u8 + 6u8, 6u8 + 0u8, 7u8 + 1u8, 8u8 + 2u8, 9u8 + 3u8, 0u8 + 4u8, 1u8 + 5u8, 2u8 + 6u8, 3u8 + 0u8, 4u8 + 1u8, 5u8 + 2u8, 6u8 + 3u8, 7u8 + 4u8, 8u8 + 5u8, 9u8 + 6u8, 0u8 + 0u8, 1u8 + 1u8, 2u8 + 2u8, 3u8 + 3u8, 4u8 + 4u8, 5u8 + 5u8, 6u8 + 6u8, 7u8 + 0u8, 8u8 + 1u8, 9u8 + 2u8, 0u8 + 3u8, 1u8 + 4u8, 2u8 + 5u8, 3u8 + 6u8, 4u8 + 0u8, 5u8 + 1u8, 6u8 + 2u8, 7u8 + 3u8, 8u8 + 4u8, 9u8 + 5u8, 0u8 + 6u8, 1u8 + 0u8, 2u8 + 1u8, 3u8 + 2u8, 4u8 + 3u8, 5u8 + 4u8, 6u8 + 5u8, 7u8 + 6u8, 8u8 + 0u8, 9u8 + 1u8, 0u8 + 2u8, 1u8 + 3u8, 2u8 + 4u8, 3u8 + 5u8, 4u8 + 6u8, 5u8 + 0u8, 6u8 + 1u8, 7u8 + 2u8, 8u8 + 3u8, 9u8 + 4u8, 0u8 + 5u8, 1u8 + 6u8, 2u8 + 0u8, 3u8 + 1u8, 4u8 + 2u8, 5u8 + 3u8, 6u8 + 4u8, 7u8 + 5u8, 8u8 + 6u8, 9u8 + 0u8];
            pub const TAIL: &[i64] = &[#(#items),*];
        };
        let expected = quote::quote! {
            pub const LONG: [u8; 260] = [0u8 + 0u8, 1u8 + 1u8, 2u8 + 2u8, 3u8 + 3u8, 4u8 + 4u8, 5u8 + 5u8, 6u8 + 6u8, 7u8 + 0u8, 8u8 + 1u8, 9u8 + 2u8, 0u8 + 3u8, 1u8 + 4u8, 2u8 + 5u8, 3u8 + 6u8, 4u8 + 0u8, 5u8 + 1u8, 6u8 + 2u8, 7u8 + 3u8, 8u8 + 4u8, 9u8 + 5u8, 0u8 + 6u8, 1u8 + 0u8, 2u8 + 1u8, 3u8 + 2u8, 4u8 + 3u8, 5u8 + 4u8, 6u8 + 5u8, 7u8 + 6u8, 8u8 + 0u8, 9u8 + 1u8, 0u8 + 2u8, 1u8 + 3u8, 2u8 + 4u8, 3u8 + 5u8, 4u8 + 6u8, 5u8 + 0u8, 6u8 + 1u8, 7u8 + 2u8, 8u8 + 3u8, 9u8 + 4u8, 0u8 + 5u8, 1u8 + 6u8, 2u8 + 0u8, 3u8 + 1u8, 4u8 + 2u8, 5u8 + 3u8, 6u8 + 4u8, 7u8 + 5u8, 8u8 + 6u8, 9u8 + 0u8, 0u8 + 1u8, 1u8 + 2u8, 2u8 + 3u8, 3u8 + 4u8, 4u8 + 5u8, 5u8 + 6u8, 6u8 + 0u8, 7u8 + 1u8, 8u8 + 2u8, 9u8 + 3u8, 0u8 + 4u8, 1u8 + 5u8, 2u8 + 6u8, 3u8 + 0u8, 4u8 + 1u8, 5u8 + 2u8, 6u8 + 3u8, 7u8 + 4u8, 8u8 + 5u8, 9u8 + 6u8, 0u8 + 0u8, 1u8 + 1u8, 2u8 + 2u8, 3u8 + 3u8, 4u8 + 4u8, 5u8 + 5u8, 6u8 + 6u8, 7u8 + 0u8, 8u8 + 1u8, 9u8 + 2u8, 0u8 + 3u8, 1u8 + 4u8, 2u8 + 5u8, 3u8 + 6u8, 4u8 + 0u8, 5u8 + 1u8, 6u8 + 2u8, 7u8 + 3u8, 8u8 + 4u8, 9u8 + 5u8, 0u8 + 6u8, 1u8 + 0u8, 2u8 + 1u8, 3u8 + 2u8, 4u8 + 3u8, 5u8 + 4u8, 6u8 + 5u8, 7u8 + 6u8, 8u8 + 0u8, 9u8 + 1u8, 0u8 + 2u8, 1u8 + 3u8, 2u8 + 4u8, 3u8 + 5u8, 4u8 + 6u8, 5u8 + 0u8, 6u8 + 1u8, 7u8 + 2u8, 8u8 + 3u8, 9u8 + 4u8, 0u8 + 5u8, 1u8 + 6u8, 2u8 + 0u8, 3u8 + 1u8, 4u8 + 2u8, 5u8 + 3u8, 6u8 + 4u8, 7u8 + 5u8, 8u8 + 6u8, 9u8 + 0u8, 0u8 + 1u8, 1u8 + 2u8, 2u8 + 3u8, 3u8 + 4u8, 4u8 + 5u8, 5u8 + 6u8, 6u8 + 0u8, 7u8 + 1u8, 8u8 + 2u8, 9u8 + 3u8, 0u8 + 4u8, 1u8 + 5u8, 2u8 + 6u8, 3u8 + 0u8, 4u8 + 1u8, 5u8 + 2u8, 6u8 + 3u8, 7u8 + 4u8, 8u8 + 5u8, 9u8 + 6u8, 0u8 + 0u8, 1u8 + 1u8, 2u8 + 2u8, 3u8 + 3u8, 4u8 + 4u8, 5u8 + 5u8, 6u8 + 6u8, 7u8 + 0u8, 8u8 + 1u8, 9u8 + 2u8, 0u8 + 3u8, 1u8 + 4u8, 2u8 + 5u8, 3u8 + 6u8, 4u8 + 0u8, 5u8 + 1u8, 6u8 + 2u8, 7u8 + 3u8, 8u8 + 4u8, 9u8 + 5u8, 0u8 + 6u8, 1u8 + 0u8, 2u8 + 1u8, 3u8 + 2u8, 4u8 + 3u8, 5u8 + 4u8, 6u8 + 5u8, 7u8 + 6u8, 8u8 + 0u8, 9u8 + 1u8, 0u8 + 2u8, 1u8 + 3u8, 2u8 + 4u8, 3u8 + 5u8, 4u8 + 6u8, 5u8 + 0u8, 6u8 + 1u8, 7u8 + 2u8, 8u8 + 3u8, 9u8 + 4u8, 0u8 + 5u8, 1u8 + 6u8, 2u8 + 0u8, 3u8 + 1u8, 4u8 + 2u8, 5u8 + 3u8, 6u8 + 4u8, 7u8 + 5u8, 8u8 + 6u8, 9u8 + 0u8, 0u8 + 1u8, 1u8 + 2u8, 2u8 + 3u8, 3u8 + 4u8, 4u8 + 5u8, 5u8 + 6u8, 6u8 + 0u8, 7u8 + 1u8, 8u8 + 2u8, 9u8 + 3u8, 0u8 + 4u8, 1u8 + 5u8, 2u8 + 6u8, 3u8 + 0u8, 4u8 + 1u8, 5u8 + 2u8, 6u8 + 3u8, 7u8 + 4u8, 8u8 + 5u8, 9u8 + 6u8, 0u8 + 0u8, 1u8 + 1u8, 2u8 + 2u8, 3u8 + 3u8, 4u8 + 4u8, 5u8 + 5u8, 6u8 + 6u8, 7u8 + 0u8, 8u8 + 1u8, 9u8 + 2u8, 0u8 + 3u8, 1u8 + 4u8, 2u8 + 5u8, 3u8 + 6u8, 4u8 + 0u8, 5u8 + 1u8, 6u8 + 2u8, 7u8 + 3u8, 8u8 + 4u8, 9u8 + 5u8, 0u8 + 6u8, 1u8 + 0u8, 2u8 + 1u8, 3u8 + 2u8, 4u8 + 3u8, 5u8 + 4u8, 6u8 + 5u8, 7u8 + 6u8, 8u8 + 0u8, 9u8 + 1u8, 0u8 + 2u8, 1u8 + 3u8, 2u8 + 4u8, 3u8 + 5u8, 4u8 + 6u8, 5u8 + 0u8, 6u8 + 1u8, 7u8 + 2u8, 8u8 + 3u8, 9u8 + 4u8, 0u8 + 5u8, 1u8 + 6u8, 2u8 + 0u8, 3u8 + 1u8, 4u8 + 2u8, 5u8 + 3u8, 6u8 + 4u8, 7u8 + 5u8, 8u8 + 6u8, 9u8 + 0u8];
            pub const TAIL: &[i64] = &[1i64, 2i64, 3i64];
        };
        let tokens = lexed(&written);
        assert!(tokens.len() > 1_000, "{} tokens", tokens.len());
        assert_eq!(tokens, super::tests::tokens(expected));
    }
}
