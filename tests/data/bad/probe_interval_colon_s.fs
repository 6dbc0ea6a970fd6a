// bpftrace's `interval:s:1`: flamescript writes `interval every 1s`
interval:s:1 { print(@) }
