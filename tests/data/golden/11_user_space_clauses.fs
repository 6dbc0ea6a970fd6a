tracepoint:sched:sched_process_exec < @execs[comm] = count() >
BEGIN < clear(@execs) >
interval every 5s < print(@execs); clear(@execs) >
END < print(@execs); exit() >
