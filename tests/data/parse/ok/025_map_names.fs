BEGIN { @ = 1; @lat = 2; @lat[pid] = 3; @[pid, tid,] = @lat[pid] + @ }
