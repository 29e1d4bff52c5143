//! Rules for constraints: option lists, field constraints, and rules across fields.
//!
//! A constraint must fit the value it constrains: lengths, patterns and formats apply to
//! text, ranges to numbers, choices to codes held as text or integers. A pattern must compile
//! (with the same `regex` crate the runtime matches with), bounds must be ordered, rules must
//! name fields of their own struct or request.

use serde_saphyr::Spanned;

use super::first_seen::FirstSeen;
use super::{Checker, loc};
use crate::diag::{Diagnostic, Loc};
use crate::ir::{Bounds, Constraints, Field, OptionList, Rule, ValueKind};
use crate::spec::{self, BoundsSpec, ConditionSpec, OptionListSpec, RuleSpec, ThenSpec};

/// What a value is as far as constraints are concerned: the IR's [`ValueKind`], coarser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// A string or a lenient string.
    Text,
    /// An integer or a lenient integer.
    Integer,
    /// A float.
    Number,
    /// A boolean.
    Boolean,
    /// A string enum: its values are fixed by the spec already.
    Enum,
    /// A coded choice: its codes are fixed by the spec already.
    Coded,
    /// A struct, a list or a file: no scalar to constrain.
    Compound,
}

impl Class {
    fn of(kind: &ValueKind) -> Class {
        match kind {
            ValueKind::Text | ValueKind::LenientText => Class::Text,
            ValueKind::Integer | ValueKind::LenientInteger => Class::Integer,
            ValueKind::Number => Class::Number,
            ValueKind::Boolean => Class::Boolean,
            ValueKind::Enum => Class::Enum,
            ValueKind::Coded => Class::Coded,
            ValueKind::Struct | ValueKind::List(_) | ValueKind::File => Class::Compound,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Class::Text => "text",
            Class::Integer => "an integer",
            Class::Number => "a number",
            Class::Boolean => "a boolean",
            Class::Enum => "an enum",
            Class::Coded => "a coded choice",
            Class::Compound => "a struct, list or file",
        }
    }

    /// True for values with one scalar text form, which rules can compare.
    fn is_scalar(self) -> bool {
        self != Class::Compound
    }
}

/// Checks the option lists and indexes them by name.
pub(super) fn option_lists(cx: &mut Checker, specs: &[Spanned<OptionListSpec>]) -> Vec<OptionList> {
    let mut lists = Vec::with_capacity(specs.len());
    let mut names = FirstSeen::new("declared");
    for spec in specs {
        let list = &spec.value;
        let at = loc(&list.name);
        if names.claim(&mut cx.diags, list.name.value.as_str(), at, || {
            format!("option list `{}` is declared twice", list.name.value)
        }) {
            cx.option_index
                .insert(list.name.value.clone(), (lists.len(), at));
        }
        if list.options.value.is_empty() {
            cx.diags.push(
                Diagnostic::new(
                    loc(&list.options),
                    format!("option list `{}` has no options", list.name.value),
                )
                .help("list at least one `- code: 1`"),
            );
        }
        let mut codes = FirstSeen::new("listed");
        for option in &list.options.value {
            let code = &option.value.code;
            codes.claim(&mut cx.diags, code.value, loc(code), || {
                format!(
                    "code {} of option list `{}` is listed twice",
                    code.value, list.name.value
                )
            });
        }
        lists.push(OptionList {
            name: list.name.value.clone(),
            description: list.description.clone(),
            options: list
                .options
                .value
                .iter()
                .map(|o| (o.value.code.value, o.value.name.clone()))
                .collect(),
        });
    }
    lists
}

/// Checks the constraints of a field of type `ty` and resolves them.
pub(crate) fn constraints(
    cx: &mut Checker,
    spec: spec::Constraints<'_>,
    value: &ValueKind,
    wire: &str,
) -> Constraints {
    let kind = Class::of(value);
    let mut out = Constraints::default();
    let fits = |cx: &mut Checker, key: &str, at: Loc, allowed: &[Class], what: &str| {
        let ok = allowed.contains(&kind);
        if !ok {
            cx.diags.push(
                Diagnostic::new(
                    at,
                    format!(
                        "`{key}` applies to {what}; field `{wire}` is {}",
                        kind.describe()
                    ),
                )
                .help(format!("remove `{key}`, or change the field's type")),
            );
        }
        ok
    };
    if let Some(node) = spec.length
        && fits(cx, "length", loc(node), &[Class::Text], "text")
    {
        out.length = length_bounds(cx, node);
    }
    if let Some(node) = spec.pattern
        && fits(cx, "pattern", loc(node), &[Class::Text], "text")
    {
        out.pattern = pattern(cx, node);
    }
    if let Some(node) = spec.range
        && fits(
            cx,
            "range",
            loc(node),
            &[Class::Integer, Class::Number],
            "integers and numbers",
        )
    {
        out.range = range_bounds(cx, node);
    }
    if let Some(node) = spec.format
        && fits(cx, "format", loc(node), &[Class::Text], "text")
    {
        out.format = Some(node.value.into());
    }
    if let Some(node) = spec.choice
        && fits(
            cx,
            "choice",
            loc(node),
            &[Class::Text, Class::Integer],
            "text and integers",
        )
    {
        match cx.option_index.get(&node.value) {
            Some((index, _)) => out.choice = Some(*index),
            None => {
                let mut known: Vec<&str> = cx.option_index.keys().map(String::as_str).collect();
                known.sort_unstable();
                let help = if known.is_empty() {
                    "declare it under `options:`".to_owned()
                } else {
                    format!("the option lists are {}", known.join(", "))
                };
                cx.diags.push(
                    Diagnostic::new(loc(node), format!("unknown option list `{}`", node.value))
                        .help(help),
                );
            }
        }
    }
    out
}

fn length_bounds(cx: &mut Checker, node: &Spanned<BoundsSpec>) -> Option<Bounds<u64>> {
    let whole = |cx: &mut Checker, bound: &Option<Spanned<f64>>| {
        let bound = bound.as_ref()?;
        let value = bound.value;
        if value < 0.0 || value.fract() != 0.0 || value > u32::MAX as f64 {
            cx.diags.error(
                loc(bound),
                format!("a length bound is a whole number of characters, not {value}"),
            );
            return None;
        }
        Some(value as u64)
    };
    let (min, max) = (whole(cx, &node.value.min), whole(cx, &node.value.max));
    ordered(cx, node, min.map(|v| v as f64), max.map(|v| v as f64))?;
    Some(Bounds { min, max })
}

fn range_bounds(cx: &mut Checker, node: &Spanned<BoundsSpec>) -> Option<Bounds<f64>> {
    // YAML reads `.inf` and `.nan` as floats; no value is checked against those, and the
    // generated code writes bounds as Rust literals, which have no such spelling.
    let finite = |cx: &mut Checker, bound: &Option<Spanned<f64>>| -> Result<Option<f64>, ()> {
        match bound {
            Some(bound) if !bound.value.is_finite() => {
                cx.diags.error(
                    loc(bound),
                    format!("a range bound is a finite number, not {}", bound.value),
                );
                Err(())
            }
            bound => Ok(bound.as_ref().map(|b| b.value)),
        }
    };
    let (min, max) = (finite(cx, &node.value.min), finite(cx, &node.value.max));
    let (min, max) = (min.ok()?, max.ok()?);
    ordered(cx, node, min, max)?;
    Some(Bounds { min, max })
}

fn ordered(
    cx: &mut Checker,
    node: &Spanned<BoundsSpec>,
    min: Option<f64>,
    max: Option<f64>,
) -> Option<()> {
    if node.value.min.is_none() && node.value.max.is_none() {
        cx.diags
            .error(loc(node), "bounds need `min`, `max` or both");
        return None;
    }
    if let (Some(min), Some(max)) = (min, max)
        && min > max
    {
        cx.diags.error(
            loc(node),
            format!("`min` ({min}) is greater than `max` ({max})"),
        );
        return None;
    }
    Some(())
}

/// Compiles the pattern as the runtime will: anchored, so it must match the whole value.
fn pattern(cx: &mut Checker, node: &Spanned<String>) -> Option<String> {
    let anchored = format!("^(?:{})$", node.value);
    if cx.valid_patterns.contains(&anchored) {
        return Some(anchored);
    }
    match regex::Regex::new(&anchored) {
        Ok(_) => {
            cx.valid_patterns.insert(anchored.clone());
            Some(anchored)
        }
        Err(err) => {
            let text = err.to_string();
            // regex's message draws the pattern over several lines; its last line says what.
            let reason = text
                .lines()
                .last()
                .unwrap_or("invalid")
                .trim_start_matches("error: ")
                .to_owned();
            cx.diags
                .error(loc(node), format!("invalid pattern: {reason}"));
            None
        }
    }
}

/// Checks the rules of a struct or request whose (checked) fields are `fields`.
pub(crate) fn rules(cx: &mut Checker, rules: &[Spanned<RuleSpec>], fields: &[Field]) -> Vec<Rule> {
    let mut out = Vec::new();
    for node in rules {
        let rule = &node.value;
        let checked = match (&rule.equal, &rule.when, &rule.then) {
            (Some(pair), None, None) => equal_rule(cx, pair, fields),
            (None, Some(when), Some(then)) => when_rule(cx, when, then, fields),
            _ => {
                cx.diags.push(
                    Diagnostic::new(
                        loc(node),
                        "a rule is either `equal: [a, b]`, or `when:` with `then:`",
                    )
                    .help("for example `- equal: [confirmCardNo, cardNo]`"),
                );
                None
            }
        };
        out.extend(checked);
    }
    out
}

/// The index of the field a rule names; an unknown name is an error that lists the fields.
fn rule_field(cx: &mut Checker, fields: &[Field], name: &Spanned<String>) -> Option<usize> {
    let found = fields.iter().position(|f| f.wire == name.value);
    if found.is_none() {
        let known: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
        cx.diags.push(
            Diagnostic::new(
                loc(name),
                format!("the rule names `{}`, which is not a field here", name.value),
            )
            .help(format!("the fields are {}", known.join(", "))),
        );
    }
    found
}

/// `equal: [a, b]`: two different fields of one scalar kind.
fn equal_rule(
    cx: &mut Checker,
    pair: &Spanned<Vec<Spanned<String>>>,
    fields: &[Field],
) -> Option<Rule> {
    let [first, second] = &pair.value[..] else {
        cx.diags.error(loc(pair), "`equal` takes two field names");
        return None;
    };
    let (a, b) = (
        rule_field(cx, fields, first),
        rule_field(cx, fields, second),
    );
    let (a, b) = (a?, b?);
    let (kind_a, kind_b) = (Class::of(&fields[a].value), Class::of(&fields[b].value));
    if a == b {
        cx.diags
            .error(loc(second), "`equal` names the same field twice");
        None
    } else if !kind_a.is_scalar() || kind_a != kind_b {
        cx.diags.error(
            loc(pair),
            format!(
                "`{}` and `{}` cannot be compared: {} and {}",
                first.value,
                second.value,
                kind_a.describe(),
                kind_b.describe()
            ),
        );
        None
    } else {
        Some(Rule::Equal {
            first: a,
            second: b,
        })
    }
}

/// `when: {field, is}` with `then: {field, constraints}`.
fn when_rule(
    cx: &mut Checker,
    when: &Spanned<ConditionSpec>,
    then: &Spanned<ThenSpec>,
    fields: &[Field],
) -> Option<Rule> {
    let tested = rule_field(cx, fields, &when.value.field);
    let target = rule_field(cx, fields, &then.value.field);
    let (tested, target) = (tested?, target?);
    if !Class::of(&fields[tested].value).is_scalar() {
        cx.diags.error(
            loc(&when.value.field),
            format!(
                "`when` tests `{}`, which has no single value",
                when.value.field.value
            ),
        );
        return None;
    }
    let target_field = &fields[target];
    let constraints = constraints(
        cx,
        then.value.constraints(),
        &target_field.value,
        &target_field.wire,
    );
    if constraints.is_empty() {
        cx.diags.push(
            Diagnostic::new(loc(then), "`then` constrains nothing")
                .help("give `then` a `length`, `pattern`, `range`, `format` or `choice`"),
        );
        return None;
    }
    Some(Rule::When {
        field: tested,
        is: when.value.is.value.clone(),
        target,
        then: constraints,
    })
}
