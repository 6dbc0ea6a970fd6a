// bpftrace's `interval:1s`
profile { @ = count() } interval:1s { exit() }
