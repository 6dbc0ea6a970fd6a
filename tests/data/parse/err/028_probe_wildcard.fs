tracepoint:sched:* { @ = count() }
