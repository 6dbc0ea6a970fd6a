// a tracepoint without its name
tracepoint:sched { @ = count() }
