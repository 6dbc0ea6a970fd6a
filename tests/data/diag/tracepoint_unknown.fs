// A misspelt tracepoint name in a known category, then a misspelt category.
tracepoint:sched:sched_swich < @a = count() >
tp:schde:sched_switch < @b = count() >
tp:nosuch:thing < @c = count() >
