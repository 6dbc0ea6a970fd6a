// a tracepoint that does not exist
tracepoint:sched:sched_nosuch { @ = count() }
