// `printf` in BEGIN
BEGIN { printf("hello\n") } profile { @ = count() }
