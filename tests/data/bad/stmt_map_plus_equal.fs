// `@x += 1`: bpftrace's compound assignment
profile { @x += 1 }
