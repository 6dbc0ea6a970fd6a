// A local used before it is assigned, and one assigned only in another clause.
offcpu < @a = sum($d); $d = delta >
offcpu < $start = nsecs >
offcpu < @b = max($start) >
