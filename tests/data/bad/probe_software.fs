// bpftrace's `software:cpu-clock:N`
software:cpu-clock:1000000 { @ = count() }
