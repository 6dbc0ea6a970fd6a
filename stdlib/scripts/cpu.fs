// cpu: where the CPUs spend their time. 99 samples a second on every CPU, counted by kernel
// and user stack; wide frames are the code that burns CPU.
profile hz 99 < @[kstack, ustack] = count() >
