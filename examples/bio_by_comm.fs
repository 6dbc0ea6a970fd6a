// bio_by_comm: which programs issue block I/O, and from which code paths, weighted by bytes.
// The process name is the root frame; above it the kernel stack that issued the request
// (`submit_bio` under a file system's write path, or a writeback worker's flush). A tower's
// width is the data it moved; tooltips read in bytes.
bio < @[comm, kstack] = sum(bytes) >
