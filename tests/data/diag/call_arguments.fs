// print and clear take a whole map; delete takes one entry; exit takes nothing.
offcpu < @x[tid] = count() >
END < print(@x[1]) >
END < clear(5) >
END < delete(@x) >
END < exit(1) >
