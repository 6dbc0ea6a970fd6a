BEGIN { @d = 5ns + 250us + 3ms + 2s; @s = 512B + 4KiB + 2MiB + 1GiB }
