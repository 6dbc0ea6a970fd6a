// large_io_kib: a filter with units. Only requests of 64 KiB or more are kept (`64KiB` is a
// size, like `bytes`, so the two compare), and the metric is `bytes / 1024`: dividing a size by
// a constant keeps its dimension, so the graph's weights read in KiB. Towers are the code paths
// that issue big requests (streaming reads, direct I/O, writeback), by process.
bio /bytes >= 64KiB/ < @[comm, kstack] = sum(bytes / 1024) >
