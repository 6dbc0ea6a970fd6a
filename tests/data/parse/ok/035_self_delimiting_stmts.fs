// Statements delimit themselves: this is two expression statements, `$x` and `5`; sema, not
// the parser, says that neither does anything.
BEGIN { $x 5 }
