// bpftrace's `interval:ms:100`
profile { @ = count() } interval:ms:100 { exit() }
