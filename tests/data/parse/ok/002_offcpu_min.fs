offcpu min 1ms < @[kstack,ustack]=sum(delta) >
