tracepoint:sched:sched_switch /args.prev_comm == "swapper/0" || args.prev_pid == 0/ < @[args.next_comm] = count() >
