// an argument past the ones the tracepoint passes (sched_switch: 4 in this fixture)
rawtracepoint:sched_switch < @[arg5] = count() >
