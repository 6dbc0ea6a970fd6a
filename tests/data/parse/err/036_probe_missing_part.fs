tracepoint:sched: { }
