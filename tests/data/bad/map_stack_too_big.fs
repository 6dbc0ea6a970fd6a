// a key too large for BPF's 512-byte stack: refused by --check as by the run
profile { @[comm, comm, comm, comm, comm, comm, comm, comm, comm, comm, comm, comm, comm, comm, comm, comm, comm, comm, comm, comm, comm, comm, comm, comm, comm, comm, comm, comm, comm, comm, comm, comm] = count() }
