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

/// Rust source text being generated: a sequence of tokens separated by whitespace.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Code(String);

impl Code {
    /// No code.
    pub fn new() -> Code {
        Code::default()
    }

    /// Code taken as it is: an identifier or path computed by the emitter.
    pub(crate) fn raw(text: impl Into<String>) -> Code {
        Code(text.into())
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

/// A string literal. Rust's `Debug` of a `str` is a valid string literal with the same value:
/// quotes, backslashes and control characters escaped.
impl ToCode for str {
    fn to_code(&self, out: &mut Code) {
        let _ = write!(out.0, "{self:?} ");
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
macro_rules! code {
    ($($template:tt)*) => {{
        let mut __code = $crate::emit::code::Code::new();
        $crate::emit::code::code_into!(__code; [] $($template)*);
        __code
    }};
}

/// `code!`'s muncher: template tokens without interpolations gather in `[...]` and are
/// written with one `stringify!`; interpolations and delimiters write what gathered first.
macro_rules! code_into {
    // The end.
    ($out:ident; [$($text:tt)*]) => {
        $crate::emit::code::code_text!($out; $($text)*);
    };
    // `#(#items)*`: every item, in order.
    ($out:ident; [$($text:tt)*] # ( # $items:ident ) * $($rest:tt)*) => {
        $crate::emit::code::code_text!($out; $($text)*);
        for __item in $items {
            $crate::emit::code::ToCode::to_code(&__item, &mut $out);
        }
        $crate::emit::code::code_into!($out; [] $($rest)*);
    };
    // `#(#items),*`: every item, a separator between two.
    ($out:ident; [$($text:tt)*] # ( # $items:ident ) $separator:tt * $($rest:tt)*) => {
        $crate::emit::code::code_text!($out; $($text)*);
        for (__index, __item) in ::core::iter::IntoIterator::into_iter($items).enumerate() {
            if __index > 0 {
                $out.push_text(::core::stringify!($separator));
            }
            $crate::emit::code::ToCode::to_code(&__item, &mut $out);
        }
        $crate::emit::code::code_into!($out; [] $($rest)*);
    };
    // Any other repetition: `quote!` zips several iterators in one, `code!` does not.
    ($out:ident; [$($text:tt)*] # ( $($other:tt)* ) $($rest:tt)*) => {
        ::core::compile_error!(
            "code!: a repetition holds one interpolation and nothing else: #(#items)* or \
             #(#items),*; map the items to code first"
        );
    };
    // `#value`.
    ($out:ident; [$($text:tt)*] # $value:ident $($rest:tt)*) => {
        $crate::emit::code::code_text!($out; $($text)*);
        $crate::emit::code::ToCode::to_code(&$value, &mut $out);
        $crate::emit::code::code_into!($out; [] $($rest)*);
    };
    // Delimited groups: their contents may interpolate.
    ($out:ident; [$($text:tt)*] { $($inner:tt)* } $($rest:tt)*) => {
        $crate::emit::code::code_text!($out; $($text)*);
        $out.push_text("{");
        $crate::emit::code::code_into!($out; [] $($inner)*);
        $out.push_text("}");
        $crate::emit::code::code_into!($out; [] $($rest)*);
    };
    ($out:ident; [$($text:tt)*] ( $($inner:tt)* ) $($rest:tt)*) => {
        $crate::emit::code::code_text!($out; $($text)*);
        $out.push_text("(");
        $crate::emit::code::code_into!($out; [] $($inner)*);
        $out.push_text(")");
        $crate::emit::code::code_into!($out; [] $($rest)*);
    };
    ($out:ident; [$($text:tt)*] [ $($inner:tt)* ] $($rest:tt)*) => {
        $crate::emit::code::code_text!($out; $($text)*);
        $out.push_text("[");
        $crate::emit::code::code_into!($out; [] $($inner)*);
        $out.push_text("]");
        $crate::emit::code::code_into!($out; [] $($rest)*);
    };
    // Any other token gathers.
    ($out:ident; [$($text:tt)*] $token:tt $($rest:tt)*) => {
        $crate::emit::code::code_into!($out; [$($text)* $token] $($rest)*);
    };
}

/// Writes gathered template tokens, all in one `stringify!`.
macro_rules! code_text {
    ($out:ident;) => {};
    ($out:ident; $($text:tt)+) => {
        $out.push_text(::core::stringify!($($text)+));
    };
}

pub(crate) use {code, code_into, code_text};

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
        let name = Code::raw("Thing");
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
}
