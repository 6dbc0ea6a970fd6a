// A tracepoint clause: `args` fields typed from the fixture layout, a string compared with a
// literal in the filter, locals, if/else, a map read, delete.
tracepoint:sched:sched_switch /args.prev_comm == "bash"/ {
    $next = args.next_pid;
    if ($next > 100) {
        @switches[args.next_comm, $next] = count();
    } else if (args.prev_state == 0) {
        @preempted = count();
    } else {
        delete(@switches[args.prev_comm, args.prev_pid]);
    }
    @last_prio = args.next_prio;
}
tp:sched:sched_process_exec < @execs[comm] = count() >
