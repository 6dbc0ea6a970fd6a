// BEGIN, END and interval: user-space clauses that print and clear maps; pagefault and
// profile with their modifiers; one map fed by two probes in one unit (wall-clock time).
BEGIN < @runs = 1 >
profile hz 49 < @wall[kstack, ustack] = sum(period) >
offcpu < @wall[kstack, ustack] = sum(delta) >
pagefault user < @faults[comm] = count() >
interval every 5s < print(@faults); clear(@faults) >
END < print(@wall); exit() >
