// Units flow: `delta / 1000` is µs, and a duration literal compared with it is rescaled;
// sizes compare with size literals; plain numbers adopt the other side's unit.
offcpu /(delta / 1000) > 1ms/ < @us = hist(delta / 1000) >
offcpu max 1s /delta > 1000000 && state == 1/ < @waits[ustack] = sum(delta) >
bio /bytes >= 4KiB/ < @io[comm, kstack] = sum(bytes); @big = max(bytes) >
futex min 100us < @locks[ustack] = sum(delta); @avg = avg(delta) >
