// BEGIN and END run in user space: per-task builtins do not exist there.
BEGIN < @start[pid] = nsecs >
END < @stacks[kstack] = count() >
