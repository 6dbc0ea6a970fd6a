// `args` exists only where a probe has a tracepoint record.
offcpu < @[args.prev_pid] = sum(delta) >
