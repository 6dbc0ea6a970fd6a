// Several independent errors in one script: sema keeps going and reports each once.
ofcpu < @a = count() >
offcpu min 1 < @b[kstack] = sum(dleta) >
bio < @c[comm] = sum(bytes + 1ms); $x = comm >
pagefault user kernel < @a = sum(address) >
END < print(@missing) >
