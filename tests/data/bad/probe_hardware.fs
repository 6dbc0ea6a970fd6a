// bpftrace's `hardware:cpu-cycles:N`
hardware:cpu-cycles:1000000 { @ = count() }
