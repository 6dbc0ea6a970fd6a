offcpu min 1ms 2ms < @ = 1 >
