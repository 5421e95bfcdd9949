//! `declare_suite!`, re-exported as `testkit::declare_suite!`: a conformance
//! suite's crate names the file its cases are in and the directory of the
//! twins, and gets a `suite!` macro that writes one `#[test]` per case.
//!
//! A case is any public function at the top of that file that takes the
//! twin, `&Twin` or `Twin`, and nothing else, `async` or not. So a case is
//! named once, where it is defined: there is no list to keep in step.

use std::path::Path;

use proc_macro::TokenStream;
use proc_macro2::Span;
use quote::{format_ident, quote};
use syn::parse::{Parse, ParseStream};
use syn::{FnArg, Ident, Item, LitStr, Token, Type, Visibility, parse_macro_input};

/// `cases: "src/cases.rs", twins: "listings/job-queue/server"`.
struct Input {
    cases: LitStr,
    twins: LitStr,
}

impl Parse for Input {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut cases = None;
        let mut twins = None;
        while !input.is_empty() {
            let key: Ident = input.parse()?;
            input.parse::<Token![:]>()?;
            let value: LitStr = input.parse()?;
            match key.to_string().as_str() {
                "cases" => cases = Some(value),
                "twins" => twins = Some(value),
                _ => return Err(syn::Error::new(key.span(), "expected `cases` or `twins`")),
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        let missing =
            |what| syn::Error::new(Span::call_site(), format!("`{what}: \"...\"` is missing"));
        Ok(Input {
            cases: cases.ok_or_else(|| missing("cases"))?,
            twins: twins.ok_or_else(|| missing("twins"))?,
        })
    }
}

/// How a case takes the twin.
struct Case {
    name: Ident,
    by_reference: bool,
    is_async: bool,
}

/// Whether `ty` is `Twin` (or a path ending in it), and if so whether by
/// reference.
fn twin_parameter(ty: &Type) -> Option<bool> {
    let (ty, by_reference) = match ty {
        Type::Reference(reference) if reference.mutability.is_none() => (&*reference.elem, true),
        other => (other, false),
    };
    match ty {
        Type::Path(path) if path.path.segments.last()?.ident == "Twin" => Some(by_reference),
        _ => None,
    }
}

/// The cases of `file`; or, for a public function that takes the twin and
/// something more (which would silently not be a case), an error.
fn cases_in(file: &syn::File, text: &str, name: &str) -> Result<Vec<Case>, String> {
    let mut cases = Vec::new();
    for item in &file.items {
        let Item::Fn(f) = item else { continue };
        if !matches!(f.vis, Visibility::Public(_)) {
            continue;
        }
        let twins: Vec<bool> = f
            .sig
            .inputs
            .iter()
            .filter_map(|arg| match arg {
                FnArg::Typed(arg) => twin_parameter(&arg.ty),
                FnArg::Receiver(_) => None,
            })
            .collect();
        match (twins.as_slice(), f.sig.inputs.len()) {
            ([by_reference], 1) => cases.push(Case {
                name: f.sig.ident.clone(),
                by_reference: *by_reference,
                is_async: f.sig.asyncness.is_some(),
            }),
            ([], _) => {}
            _ => {
                let ident = f.sig.ident.to_string();
                let line = text
                    .lines()
                    .position(|l| {
                        l.contains(&format!("fn {ident}(")) || l.contains(&format!("fn {ident}<"))
                    })
                    .map_or(0, |i| i + 1);
                return Err(format!(
                    "{name}:{line}: `pub fn {ident}` takes the twin and more, so it is not a case; \
                     a case's only parameter is `&Twin` or `Twin` (make a helper private)"
                ));
            }
        }
    }
    Ok(cases)
}

/// Declares a conformance suite: see the crate's documentation.
#[proc_macro]
pub fn declare_suite(input: TokenStream) -> TokenStream {
    let Input { cases, twins } = parse_macro_input!(input as Input);
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let path = Path::new(&manifest_dir).join(cases.value());
    let found = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))
        .and_then(|text| {
            let file = syn::parse_file(&text)
                .map_err(|e| format!("cannot parse {}: {e}", path.display()))?;
            // Named from the workspace root, where cargo runs rustc.
            let cwd = std::env::current_dir().unwrap_or_default();
            let shown = path
                .strip_prefix(&cwd)
                .unwrap_or(&path)
                .display()
                .to_string();
            cases_in(&file, &text, &shown)
        });
    let found = match found {
        Ok(found) => found,
        Err(message) => {
            return syn::Error::new(cases.span(), message)
                .to_compile_error()
                .into();
        }
    };
    if found.is_empty() {
        let message = format!(
            "no case in {}: a case is a `pub fn` (or `pub async fn`) at the top of the file \
             whose only parameter is `&Twin` or `Twin`",
            cases.value()
        );
        return syn::Error::new(cases.span(), message)
            .to_compile_error()
            .into();
    }
    // `src/cases.rs` is `$crate::cases`; `src/lib.rs` is `$crate` itself.
    let module = cases
        .value()
        .trim_start_matches("src/")
        .trim_end_matches(".rs")
        .to_owned();
    let module: Vec<Ident> = match module.as_str() {
        "lib" => Vec::new(),
        other => other.split('/').map(|m| format_ident!("{m}")).collect(),
    };
    let tests = found.iter().map(|case| {
        let name = &case.name;
        let twin = if case.by_reference {
            quote!(twin)
        } else {
            quote!(::std::clone::Clone::clone(twin))
        };
        let call = quote!($crate #(:: #module)* :: #name (#twin));
        let body = if case.is_async {
            quote!($crate::__testkit::conformance::block_on(#call))
        } else {
            call
        };
        quote! {
            #[test]
            $(#[$attr])*
            fn #name() {
                $crate::__testkit::conformance::run(#twins, &$twin, |twin| #body);
            }
        }
    });
    let doc = format!(
        "Writes one `#[test]` per case of `{}` ({} cases, each named after its function) \
         against the twin that `$twin` evaluates to; the attributes after it (such as \
         `#[ignore = \"why\"]`) go on every test. A failing case also names the code of \
         the twin (in `{}`) that handled what it sent.",
        cases.value(),
        found.len(),
        twins.value()
    );
    let include = format!("/{}", cases.value());
    quote! {
        #[doc(hidden)]
        pub use ::testkit as __testkit;

        // Rebuild when the cases change (the file is read above).
        const _: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), #include));

        #[doc = #doc]
        #[macro_export]
        macro_rules! suite {
            ($twin:expr $(, #[$attr:meta])* $(,)?) => {
                #(#tests)*
            };
        }

        /// Every route and message of both twins leads to a function the
        /// failure messages can name.
        #[cfg(test)]
        #[test]
        fn every_route_of_both_twins_resolves_to_its_handler() {
            ::testkit::conformance::check_handlers(#twins);
        }
    }
    .into()
}
