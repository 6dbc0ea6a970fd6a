// A misspelt `args` field: did-you-mean over the tracepoint's fields.
tracepoint:sched:sched_switch < @[args.prev_pdi] = count() >
