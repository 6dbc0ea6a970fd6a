// Modifiers valid alone but not together: a minimum above the maximum lets nothing through.
offcpu min 5ms max 1ms < @[kstack] = sum(delta) >
