// bpftrace's `probe1, probe2 { }`
profile, offcpu { @ = count() }
