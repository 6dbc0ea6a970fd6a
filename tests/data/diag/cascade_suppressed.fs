// A map whose only assignment fails is reported once, at the assignment: its later uses are
// not reported again as "never assigned", nor is a local whose value failed.
offcpu < @lat = hist(dleta); $d = dleta; @sum = sum($d) >
END < print(@lat); clear(@lat) >
profile < @copy = @lat >
