// bpftrace's counter idiom reads a map in its own update: refused with a positioned error and
// the aggregation that does it (`count()`, `sum(…)`), never a silent exit.
// See: #19
profile < @n[comm] = @n[comm] + 1 >
profile < @x = @x + 1 >
profile < @bytes[pid] = @bytes[pid] + period >
