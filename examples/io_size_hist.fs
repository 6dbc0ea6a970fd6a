// io_size_hist: the distribution of block I/O request sizes, per kind of request (`rwbs`: R,
// W, WS, …). No flame graph: a histogram has no stack, so it prints as a table of power-of-two
// buckets at the end of the run. Expect peaks at 4 KiB (page-sized I/O) and at the file
// system's largest request size.
bio < @sizes[rwbs] = hist(bytes) >
