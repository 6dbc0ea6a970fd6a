//! A clause's head: which probe, its `:` parts (resolved against the kernel), its modifiers.
//! Then the filter and the block, through `expr` and `stmt`, in the clause's own scope ([`Cx`]).

use crate::catalog::{ModifierArg, ModifierSpec, ModifierValue, Probe, Resolved, TracepointLayout};
use crate::diag::{Diagnostic, Span, did_you_mean};
use crate::syntax::ast;
use crate::types::Type;

use super::describe::{self, list};
use super::{Checker, checked};

/// What a clause's block may refer to: the probe's builtins, its `args` layout and its locals.
pub(crate) struct Cx<'a> {
    /// `None` when the probe is unknown (already reported): names it might have offered are then
    /// poisoned silently instead of reported as unknown.
    pub(crate) probe: Option<&'a dyn Probe>,
    pub(crate) args: Option<TracepointLayout>,
    /// The probe has parts that failed to resolve (already reported): `args.X` is poisoned.
    pub(crate) args_failed: bool,
    pub(crate) locals: Vec<Local>,
}

/// A `$name` of this clause: its type once assigned (`None`: the value failed to check).
pub(crate) struct Local {
    pub(crate) name: String,
    pub(crate) ty: Option<Type>,
    /// The first assignment, for "first assigned here" labels.
    pub(crate) span: Span,
}

impl<'a> Checker<'a> {
    pub(super) fn clause(&mut self, c: &ast::Clause) -> Option<checked::Clause> {
        let probe = self.probe(&c.probe);
        let mut cx = Cx {
            probe: probe.map(|(_, p)| p),
            args: None,
            args_failed: false,
            locals: Vec::new(),
        };
        let mut resolved = None;
        let mut modifiers = None;
        if let Some((_, p)) = probe {
            resolved = self.resolve(p, &c.probe);
            cx.args_failed = resolved.is_none();
            cx.args = resolved.as_ref().and_then(|r| r.args.clone());
            modifiers = self.modifiers(p, &c.modifiers);
        }
        let filter = c
            .filter
            .as_ref()
            .map(|f| self.condition(&mut cx, f, "a filter"));
        let body = self.block(&mut cx, &c.body);

        let (index, p) = probe?;
        let filter = match filter {
            Some(f) => Some(f?),
            None => None,
        };
        Some(checked::Clause {
            probe: checked::ProbeRef {
                name: p.name(),
                index,
            },
            parts: c.probe.parts.iter().map(|i| i.name.clone()).collect(),
            kind: p.kind(),
            modifiers: modifiers?,
            resolved: resolved?,
            filter,
            body: body?,
            locals: cx
                .locals
                .into_iter()
                .map(|l| checked::LocalDecl {
                    name: l.name,
                    ty: l.ty.unwrap_or(Type::PLAIN),
                })
                .collect(),
            span: c.span,
        })
    }

    /// The catalog entry for the probe's name, or a did-you-mean error.
    fn probe(&mut self, r: &ast::ProbeRef) -> Option<(usize, &'a dyn Probe)> {
        let name = r.name.name.as_str();
        let catalog = self.catalog;
        let found = catalog
            .probes
            .iter()
            .copied()
            .enumerate()
            .find(|(_, p)| p.name() == name || p.aliases().contains(&name));
        if found.is_none() {
            let names: Vec<&str> = self.catalog.probes.iter().map(|p| p.name()).collect();
            let mut d = Diagnostic::error(
                format!("unknown probe `{name}`"),
                r.name.span,
                "not a probe",
            );
            d = match did_you_mean(name, self.catalog.names()) {
                // bpftrace's providers we do not have: say so rather than guess a neighbour.
                _ if crate::habits::NOT_YET.contains(&name) => d.with_help(format!(
                    "`{name}` probes are not supported yet; flamescript's are: {} (`flamescript -l` \
                     lists tracepoints)",
                    names.join(", ")
                )),
                Some(s) => d
                    .with_help(format!("did you mean `{s}`?"))
                    .with_note(format!("probes: {}", names.join(", "))),
                None => d.with_help(format!("use one of: {}", names.join(", "))),
            };
            self.report(d);
        }
        found
    }

    /// Checks the number of `:` parts, then lets the probe resolve them against the kernel.
    fn resolve(&mut self, p: &dyn Probe, r: &ast::ProbeRef) -> Option<Resolved> {
        let want = p.parts();
        let shape = || {
            let mut s = p.name().to_string();
            for part in want {
                s.push(':');
                s.push_str(&part.to_uppercase());
            }
            s
        };
        if want.is_empty() && !r.parts.is_empty() {
            let span = r.parts[0].span.to(r.parts[r.parts.len() - 1].span);
            let mut d = Diagnostic::error(
                format!("`{}` takes no `:` parts", p.name()),
                span,
                "unexpected part",
            );
            d = match p.modifiers() {
                [] => d.with_help(format!("write `{}` alone", p.name())),
                [m, ..] => d.with_help(format!(
                    "write `{}` alone; options are modifiers after it, e.g. `{} {}`",
                    p.name(),
                    p.name(),
                    format!("{} {}", m.name, example_value(m)).trim_end()
                )),
            };
            self.report(d);
            return None;
        }
        if r.parts.len() != want.len() {
            let span = match r.parts.last() {
                Some(last) => r.name.span.to(last.span),
                None => r.name.span,
            };
            let d = Diagnostic::error(
                format!(
                    "`{}` needs {} `:` parts, found {}",
                    p.name(),
                    want.len(),
                    r.parts.len()
                ),
                span,
                format!("expected `{}`", shape()),
            )
            .with_help(format!("e.g. `{}`", p.example()));
            self.report(d);
            return None;
        }
        let parts: Vec<&str> = r.parts.iter().map(|i| i.name.as_str()).collect();
        match p.resolve(&parts, self.env) {
            Ok(res) => Some(res),
            Err(e) => {
                let span = match e.part.and_then(|i| r.parts.get(i)) {
                    Some(part) => part.span,
                    None => r.span,
                };
                let mut d = Diagnostic::error(e.message, span, e.label);
                if let Some(h) = e.help {
                    d = d.with_help(h);
                }
                self.report(d);
                None
            }
        }
    }

    /// Checks each modifier against the probe's list; returns them with defaults filled in.
    fn modifiers(&mut self, p: &dyn Probe, mods: &[ast::Modifier]) -> Option<Vec<ModifierValue>> {
        let specs = p.modifiers();
        let mut ok = true;
        let mut out = Vec::new();
        let mut seen: Vec<(&ModifierSpec, Span)> = Vec::new();
        for m in mods {
            let name = m.name.name.as_str();
            let Some(spec) = specs.iter().find(|s| s.name == name) else {
                self.unknown_modifier(p, m);
                ok = false;
                continue;
            };
            if let Some((_, first)) = seen.iter().find(|(s, _)| s.name == name) {
                let d = Diagnostic::error(
                    format!("modifier `{name}` is given twice"),
                    m.span,
                    "given again here",
                )
                .with_secondary(*first, "first given here")
                .with_help(format!("keep one `{name}`"));
                self.report(d);
                ok = false;
                continue;
            }
            let rival = seen
                .iter()
                .find(|(s, _)| !spec.group.is_empty() && s.group == spec.group);
            if let Some((other, first)) = rival {
                let group: Vec<&str> = specs
                    .iter()
                    .filter(|s| s.group == spec.group)
                    .map(|s| s.name)
                    .collect();
                let d = Diagnostic::error(
                    format!("modifiers `{}` and `{name}` exclude each other", other.name),
                    m.span,
                    format!("`{name}` here"),
                )
                .with_secondary(*first, format!("conflicts with `{}` here", other.name))
                .with_help(format!("write only one of {}", list(group)));
                self.report(d);
                ok = false;
                continue;
            }
            seen.push((spec, m.span));
            match self.modifier_value(spec, m) {
                Some(value) => out.push(ModifierValue {
                    name: spec.name,
                    value,
                }),
                None => ok = false,
            }
        }
        for spec in specs {
            if let Some(value) = spec.default
                && !seen.iter().any(|(s, _)| s.name == spec.name)
            {
                out.push(ModifierValue {
                    name: spec.name,
                    value,
                });
            }
        }
        if !ok {
            return None;
        }
        if let (Err(e), Some(first), Some(last)) =
            (p.check_modifiers(&out), mods.first(), mods.last())
        {
            let mut d = Diagnostic::error(e.message, first.span.to(last.span), e.label);
            if let Some(h) = e.help {
                d = d.with_help(h);
            }
            self.report(d);
            return None;
        }
        Some(out)
    }

    fn unknown_modifier(&mut self, p: &dyn Probe, m: &ast::Modifier) {
        let name = m.name.name.as_str();
        let specs = p.modifiers();
        if specs.is_empty() {
            let d = Diagnostic::error(
                format!("`{}` takes no modifiers", p.name()),
                m.span,
                "unexpected modifier",
            )
            .with_help(format!(
                "remove `{name}`; to keep only some events, add a filter: `{} /…/ < … >`",
                p.name()
            ));
            self.report(d);
            return;
        }
        let accepts = specs
            .iter()
            .map(|s| format!("`{}`", modifier_shape(s)))
            .collect::<Vec<_>>();
        let accepts = format!("`{}` accepts: {}", p.name(), accepts.join(", "));
        let mut d = Diagnostic::error(
            format!("unknown modifier `{name}` for `{}`", p.name()),
            m.name.span,
            format!("not a modifier of `{}`", p.name()),
        );
        d = match did_you_mean(name, specs.iter().map(|s| s.name)) {
            Some(s) => d
                .with_help(format!("did you mean `{s}`?"))
                .with_note(accepts),
            None => d.with_help(accepts),
        };
        self.report(d);
    }

    /// The modifier's argument in base units, checked for presence, kind and range.
    fn modifier_value(&mut self, spec: &ModifierSpec, m: &ast::Modifier) -> Option<u64> {
        let name = spec.name;
        let (want, min, max) = match spec.arg {
            ModifierArg::None => {
                if let Some(arg) = &m.arg {
                    let d = Diagnostic::error(
                        format!("modifier `{name}` takes no value"),
                        arg.span,
                        "unexpected value",
                    )
                    .with_help(format!("write `{name}` alone"));
                    self.report(d);
                    return None;
                }
                return Some(0);
            }
            ModifierArg::Int { min, max } => ("an integer", min, max),
            ModifierArg::Duration { min, max } => ("a duration", min, max),
            ModifierArg::Size { min, max } => ("a size", min, max),
        };
        let example = format!("{name} {}", example_value(spec));
        let Some(arg) = &m.arg else {
            let d = Diagnostic::error(
                format!("modifier `{name}` needs {want}"),
                m.span,
                format!("expected {want} after `{name}`"),
            )
            .with_help(format!("e.g. `{example}`"));
            self.report(d);
            return None;
        };
        let (found, value) = match (&arg.kind, spec.arg) {
            (ast::ExprKind::Int(n), ModifierArg::Int { .. })
            | (ast::ExprKind::Duration(n), ModifierArg::Duration { .. })
            | (ast::ExprKind::Size(n), ModifierArg::Size { .. }) => (None, *n),
            (ast::ExprKind::Int(_), _) => (Some("a plain number"), 0),
            (ast::ExprKind::Duration(_), _) => (Some("a duration"), 0),
            (ast::ExprKind::Size(_), _) => (Some("a size"), 0),
            (ast::ExprKind::Str(_), _) => (Some("a string"), 0),
            _ => (Some("an expression"), 0),
        };
        if let Some(found) = found {
            let help = match (spec.arg, &arg.kind) {
                (ModifierArg::Duration { min, max }, ast::ExprKind::Int(n)) => {
                    // Only the units that put the number in range (`every 5` cannot be 5 ns
                    // when the minimum is 1 ms).
                    let units = [
                        ("ns", 1),
                        ("us", 1_000),
                        ("ms", 1_000_000),
                        ("s", 1_000_000_000),
                    ];
                    let fits: Vec<String> = units
                        .iter()
                        .filter(|(_, f)| {
                            n.checked_mul(*f).is_some_and(|v| (min..=max).contains(&v))
                        })
                        .map(|(u, _)| format!("`{name} {n}{u}`"))
                        .collect();
                    match fits.as_slice() {
                        [] => format!("write the unit, e.g. `{example}`"),
                        [one] => format!("write the unit: {one}"),
                        [init @ .., last] => {
                            format!("write the unit: {} or {last}", init.join(", "))
                        }
                    }
                }
                (ModifierArg::Size { .. }, ast::ExprKind::Int(n)) => {
                    format!("write the unit: `{name} {n}B` or `{name} {n}KiB`")
                }
                _ => format!("e.g. `{example}`"),
            };
            let d = Diagnostic::error(
                format!("modifier `{name}` needs {want}, found {found}"),
                arg.span,
                format!("expected {want}"),
            )
            .with_help(help);
            self.report(d);
            return None;
        }
        if !(min..=max).contains(&value) {
            let show = |v| match spec.arg {
                ModifierArg::Duration { .. } => describe::duration(v),
                ModifierArg::Size { .. } => describe::size(v),
                _ => v.to_string(),
            };
            let d = Diagnostic::error(
                format!("`{name} {}` is out of range", show(value)),
                arg.span,
                format!("must be from {} to {}", show(min), show(max)),
            )
            .with_help(format!(
                "choose a value from {} to {}",
                show(min),
                show(max)
            ));
            self.report(d);
            return None;
        }
        Some(value)
    }
}

/// How a modifier is written in lists: `hz N`, `min DURATION`, `user`.
fn modifier_shape(s: &ModifierSpec) -> String {
    match s.arg {
        ModifierArg::None => s.name.to_string(),
        ModifierArg::Int { .. } => format!("{} N", s.name),
        ModifierArg::Duration { .. } => format!("{} DURATION", s.name),
        ModifierArg::Size { .. } => format!("{} SIZE", s.name),
    }
}

/// A valid argument for examples: the default if there is one, else a typical value in range.
fn example_value(s: &ModifierSpec) -> String {
    match s.arg {
        ModifierArg::None => String::new(),
        ModifierArg::Int { min, .. } => s.default.unwrap_or(min).to_string(),
        ModifierArg::Duration { min, max } => {
            describe::duration(s.default.unwrap_or(1_000_000).clamp(min, max))
        }
        ModifierArg::Size { min, max } => describe::size(s.default.unwrap_or(4096).clamp(min, max)),
    }
}
