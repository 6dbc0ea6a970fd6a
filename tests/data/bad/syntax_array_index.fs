// indexing a value
tracepoint:sched:sched_switch { @ = sum(args.prev_comm[0]) }
