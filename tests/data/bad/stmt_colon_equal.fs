// `:=` is not assignment
profile { @[comm] := count() }
