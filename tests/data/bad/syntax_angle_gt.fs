// `>` inside `< >` closes the block
profile < $big = pid > 1000; @[comm] = sum($big) >
