// An unknown probe with no close name: the help lists every probe. The block is still
// checked with the common builtins, so nothing else is reported.
kprobe < @[kstack, comm] = count() >
