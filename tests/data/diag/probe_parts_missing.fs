// A tracepoint needs a category and a name.
tracepoint:sched < @ = count() >
