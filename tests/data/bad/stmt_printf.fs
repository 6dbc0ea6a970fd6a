// `printf` is not supported
profile { printf("%d\n", pid) }
