// a raw tracepoint this kernel does not have
rawtracepoint:sched_swich < @[comm] = count() >
