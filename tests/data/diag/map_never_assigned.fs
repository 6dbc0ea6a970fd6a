// Printing, clearing and reading maps that nothing stores into.
offcpu < @lat = hist(delta) >
END < print(@lta); clear(@nothing) >
profile < @n = @counts[pid] >
