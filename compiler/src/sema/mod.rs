//! Semantic checks: probes, modifiers, builtins, types and units, maps, locals.
