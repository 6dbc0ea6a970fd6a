// `args` alone is a record, not a value.
tp:sched:sched_process_exec < @[args] = count() >
