// The documented off-CPU one-liner checks clean.
offcpu min 1ms < @[kstack,ustack]=sum(delta) >
