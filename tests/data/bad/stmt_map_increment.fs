// `@[comm]++`: bpftrace's counter, `count()` here
profile { @[comm]++ }
