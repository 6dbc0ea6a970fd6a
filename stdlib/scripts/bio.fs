// bio: which processes and code paths issue block I/O, weighted by bytes. The process name is
// the root frame, so each program's I/O is its own tower.
bio < @[comm, kstack, ustack] = sum(bytes) >
