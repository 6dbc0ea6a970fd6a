//! The script-wide map table: every `@map` with one list of key types and one kind of value.
//!
//! The first use of a map fixes its keys; the first assignment fixes its value kind and unit.
//! Every other use must agree, and a use that does not gets a secondary label at the first one.
//! See `sema`'s module doc for why the table is filled by a silent first pass.

use crate::diag::{Diagnostic, Span, did_you_mean};
use crate::types::{Type, unify};

use super::Checker;
use super::checked::{MapDecl, MapId, ValueKind};
use super::describe::a;

#[derive(Clone, Default)]
pub(crate) struct MapTable {
    entries: Vec<Entry>,
}

#[derive(Clone)]
struct Entry {
    name: String,
    /// Each key's type and where it was first written.
    keys: Option<Vec<(Type, Span)>>,
    /// The update kind, the stored value's type, and the first assignment.
    value: Option<(ValueKind, Type, Span)>,
    /// Some statement assigns it, even if that value failed to check (and was reported): uses
    /// of the map are then not reported again as "never assigned".
    assigned: bool,
    /// In this pass, an assignment's value failed with an error of its own (not only because
    /// it read a map that has no value yet).
    value_error: bool,
    /// `value_error` of the previous pass: a read of this map, still without a value, is then
    /// poisoned silently; otherwise the map's value can only come from itself (a cycle).
    failed_before: bool,
}

impl MapTable {
    /// The map's id, creating the entry on its first use.
    pub(crate) fn id(&mut self, name: &str) -> MapId {
        if let Some(i) = self.entries.iter().position(|e| e.name == name) {
            return MapId(i);
        }
        self.entries.push(Entry {
            name: name.to_string(),
            keys: None,
            value: None,
            assigned: false,
            value_error: false,
            failed_before: false,
        });
        MapId(self.entries.len() - 1)
    }

    /// Notes that a statement assigns the map, whether or not its value checked.
    pub(crate) fn mark_assigned(&mut self, id: MapId) {
        self.entries[id.0].assigned = true;
    }

    /// How many keys the map's first use gave it, once known.
    pub(crate) fn key_count(&self, id: MapId) -> Option<usize> {
        self.entries[id.0].keys.as_ref().map(Vec::len)
    }

    /// Notes that an assignment of the map failed with an error of its own.
    pub(crate) fn mark_value_error(&mut self, id: MapId) {
        self.entries[id.0].value_error = true;
    }

    /// How many maps have a value kind: passes repeat while this grows.
    pub(crate) fn known(&self) -> usize {
        self.entries.iter().filter(|e| e.value.is_some()).count()
    }

    /// What a pass learnt, for the next to check against.
    pub(crate) fn restart(&self) -> MapTable {
        let mut next = self.clone();
        for e in &mut next.entries {
            e.failed_before = std::mem::take(&mut e.value_error);
        }
        next
    }

    /// The final table; `None` if some map never got keys or a value (an error was reported).
    pub(crate) fn decls(&self) -> Option<Vec<MapDecl>> {
        self.entries
            .iter()
            .map(|e| {
                let keys = e.keys.as_ref()?;
                let (value, value_ty, span) = e.value?;
                Some(MapDecl {
                    name: e.name.clone(),
                    keys: keys.iter().map(|(t, _)| *t).collect(),
                    value,
                    value_ty,
                    span,
                })
            })
            .collect()
    }
}

/// Whether two key types can share a slot; the wider one when they can.
fn key_union(a: Type, b: Type) -> Option<Type> {
    match (a, b) {
        (Type::Str { len: x }, Type::Str { len: y }) => Some(Type::Str { len: x.max(y) }),
        (Type::Stack(x), Type::Stack(y)) => (x == y).then_some(a),
        (Type::Int(_) | Type::Bool, Type::Int(_) | Type::Bool) => {
            unify(a.unit(), b.unit()).ok().map(Type::Int)
        }
        _ => None,
    }
}

impl Checker<'_> {
    /// Checks the keys of one use (`@m[k1, k2]`) against the map's first use. `keys` holds each
    /// key's type, `None` when that key already failed; `span` covers the whole map reference.
    pub(super) fn map_keys(
        &mut self,
        id: MapId,
        keys: &[(Option<Type>, Span)],
        span: Span,
    ) -> bool {
        let known: Option<Vec<(Type, Span)>> =
            keys.iter().map(|(t, s)| t.map(|t| (t, *s))).collect();
        let entry = &mut self.maps.entries[id.0];
        let Some(first) = &mut entry.keys else {
            entry.keys = known;
            return true;
        };
        let Some(known) = known else { return false };
        let name = entry.name.clone();
        if first.len() != known.len() {
            let count = |n: usize| match n {
                0 => "no key".to_string(),
                1 => "1 key".to_string(),
                n => format!("{n} keys"),
            };
            let first_span = first.first().map_or(span, |(_, s)| *s);
            let d = Diagnostic::error(
                format!(
                    "map `{name}` is used with {} here, {} before",
                    count(known.len()),
                    count(first.len())
                ),
                span,
                format!("{} here", count(known.len())),
            )
            .with_secondary(
                first_span,
                format!("first used with {} here", count(first.len())),
            )
            .with_help(format!(
                "use the same keys, in the same order, everywhere `{name}` appears"
            ));
            self.report(d);
            return false;
        }
        let mut ok = true;
        let mut diags = Vec::new();
        for (n, ((want, want_span), (got, got_span))) in first.iter_mut().zip(&known).enumerate() {
            match key_union(*want, *got) {
                Some(wider) => *want = wider,
                None => {
                    ok = false;
                    diags.push(
                        Diagnostic::error(
                            format!("key {} of map `{name}` changes type", n + 1),
                            *got_span,
                            format!("{} here", a(*got)),
                        )
                        .with_secondary(*want_span, format!("{} here first", a(*want)))
                        .with_help(format!(
                            "use the same keys, in the same order, everywhere `{name}` appears"
                        )),
                    );
                }
            }
        }
        for d in diags {
            self.report(d);
        }
        ok
    }

    /// Records or checks an assignment's update kind and value type.
    pub(super) fn map_value(&mut self, id: MapId, kind: ValueKind, ty: Type, span: Span) -> bool {
        let entry = &mut self.maps.entries[id.0];
        let Some((first_kind, first_ty, first_span)) = entry.value else {
            entry.value = Some((kind, ty, span));
            return true;
        };
        let name = entry.name.clone();
        if first_kind != kind {
            let d = Diagnostic::error(
                format!(
                    "map `{name}` is updated with both {} and {}",
                    first_kind.describe(),
                    kind.describe()
                ),
                span,
                format!("{} here", kind.describe()),
            )
            .with_secondary(first_span, format!("{} here first", first_kind.describe()))
            .with_help("a map keeps one kind of value: give one of them another name");
            self.report(d);
            return false;
        }
        let same = match (first_ty, ty) {
            (Type::Int(_) | Type::Bool, Type::Int(_) | Type::Bool) => {
                unify(first_ty.unit(), ty.unit()).is_ok()
            }
            _ => first_ty == ty,
        };
        if !same {
            let d = Diagnostic::error(
                format!("the values of map `{name}` have different units"),
                span,
                format!("{} here", a(ty)),
            )
            .with_secondary(first_span, format!("{} here first", a(first_ty)))
            .with_help("a map's values share one unit: use a separate map for each");
            self.report(d);
            return false;
        }
        true
    }

    /// The type a read of the map (`@m[k]` in an expression) has.
    pub(super) fn map_read(&mut self, id: MapId, span: Span) -> Option<Type> {
        let entry = &self.maps.entries[id.0];
        let name = entry.name.clone();
        match entry.value {
            Some((ValueKind::Count, ..)) => Some(Type::PLAIN),
            Some((ValueKind::Hist, ..)) => {
                let d = Diagnostic::error(
                    format!("map `{name}` is a histogram and cannot be read as a number"),
                    span,
                    "a histogram",
                )
                .with_help(format!(
                    "print it with `print({name})`, or keep a `sum` or `count` in another map"
                ));
                self.report(d);
                None
            }
            Some((ValueKind::Last, ty, _)) => Some(ty),
            Some((_, ty, _)) => Some(Type::Int(ty.unit())),
            // Its assignment failed and was reported: the read is poisoned, not reported again.
            None if entry.assigned && (entry.failed_before || self.quiet) => None,
            // Assigned, and no assignment failed on its own: every value it is given reads a
            // map that has none, itself included (`@x = @x + 1`, `@x = @y; @y = @x`).
            None if entry.assigned => {
                self.cyclic_read(id, span);
                None
            }
            None => {
                self.never_assigned(id, span);
                None
            }
        }
    }

    /// A read of a map whose only values come from reading maps without a value: bpftrace's
    /// counter idiom (`@n[comm] = @n[comm] + 1`) or a cycle between maps.
    fn cyclic_read(&mut self, id: MapId, span: Span) {
        let name = self.maps.entries[id.0].name.clone();
        let d = match self.assigning.as_ref().filter(|(m, _)| *m == id) {
            Some((_, update)) => Diagnostic::error(
                format!("map `{name}` is read in its own update"),
                span,
                format!("`{name}` has no value before this assignment gives it one"),
            )
            .with_help(update.clone())
            .with_note(
                "reading a map to update it (bpftrace's `@n = @n + 1`) is not supported: \
                 aggregations update a map in place",
            ),
            None => Diagnostic::error(
                format!("map `{name}` never gets a value"),
                span,
                format!("read here, but `{name}` is only assigned values read from maps"),
            )
            .with_help(format!(
                "give a map a value from the event first, e.g. `{name} = count()` or `{name} = pid`"
            )),
        };
        self.report(d);
    }

    /// Reports a use (`print`, `clear`, `delete`, a read) of a map that is never assigned.
    pub(super) fn never_assigned(&mut self, id: MapId, span: Span) -> bool {
        let entry = &self.maps.entries[id.0];
        if entry.value.is_some() {
            return true;
        }
        if entry.assigned {
            // The assignment failed and was reported; the use is poisoned, not reported again.
            return false;
        }
        let name = entry.name.clone();
        let assigned: Vec<&str> = self
            .maps
            .entries
            .iter()
            .filter(|e| e.value.is_some())
            .map(|e| e.name.as_str())
            .collect();
        let help = match did_you_mean(&name, assigned) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("assign it somewhere, e.g. `{name} = count()`"),
        };
        let d = Diagnostic::error(
            format!("map `{name}` is never assigned"),
            span,
            "used here, but nothing stores into it",
        )
        .with_help(help);
        self.report(d);
        false
    }
}
