// Strings: only == and != against a literal, never ordered, never against a number or another
// value read from an event.
profile /comm < "m"/ < @a = count() >
profile /comm == 5/ < @b = count() >
tracepoint:sched:sched_switch /args.prev_comm == args.next_comm/ < @c = count() >
profile < @d = comm >
