// A common builtin a span probe cannot provide: refused by the checker, as the run would.
offcpu < @[cgroup] = sum(delta) >
