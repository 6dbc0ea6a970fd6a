// exec_rolling: which programs get started, as a table of exec counts by name, printed every
// 5 seconds and cleared (a rolling view), and once more at the end. No flame graph: the map has
// no stack. BEGIN, END and interval run in user space: print, clear and exit.
tracepoint:sched:sched_process_exec < @execs[comm] = count() >
interval every 5s < print(@execs); clear(@execs) >
END < print(@execs) >
