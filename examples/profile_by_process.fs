// profile_by_process: where the CPUs spend their time, one tower per process. 99 samples a
// second on every CPU, counted by process name, kernel stack and user stack. The process names
// are the root frames, so the graph's first row splits the machine's CPU time between programs;
// above each name, its wide frames are the code that burns CPU.
profile hz 99 < @[comm, kstack, ustack] = count() >
