// raw tracepoints are not supported yet
rawtracepoint:sched_switch { @ = count() }
