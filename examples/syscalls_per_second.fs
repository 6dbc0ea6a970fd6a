// syscalls_per_second: system calls per second by process name, printed and cleared every
// second (a rolling top), ending by itself after 5 seconds. No flame graph: the map has no
// stack. BEGIN starts the count from an empty map once every probe is attached.
tracepoint:raw_syscalls:sys_enter < @calls[comm] = count() >
BEGIN < clear(@calls) >
interval every 1s < print(@calls); clear(@calls) >
interval every 5s < exit() >
