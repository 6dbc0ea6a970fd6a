#!/usr/bin/env flamescript
# wallclock: on-CPU and off-CPU time in one graph

profile hz 99 {
  @[kstack, ustack] = count()   // on-CPU samples
}

offcpu min 1ms {
  @[kstack, ustack] = sum(delta) # off-CPU time
}

END { print(@) }
