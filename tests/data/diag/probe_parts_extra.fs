// A probe that takes no `:` parts, given one (a bpftrace habit).
offcpu:foo < @[kstack] = sum(delta) >
