tracepoint:sched:sched_process_exec < @[comm] = count() >
