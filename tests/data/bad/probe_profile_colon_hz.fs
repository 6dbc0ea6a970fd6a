// bpftrace's `profile:hz:99`: flamescript writes `profile hz 99`
profile:hz:99 { @[kstack] = count(); }
