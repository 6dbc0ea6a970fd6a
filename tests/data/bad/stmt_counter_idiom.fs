// `@n[comm] = @n[comm] + 1`: bpftrace's counter idiom
profile { @n[comm] = @n[comm] + 1 }
