// bpftrace's `profile:ms:10`: flamescript takes a rate, `profile hz 100`
profile:ms:10 { @ = count() }
