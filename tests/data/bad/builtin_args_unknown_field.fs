// an unknown tracepoint field
tracepoint:sched:sched_switch { @[args.prev_nosuch] = count() }
