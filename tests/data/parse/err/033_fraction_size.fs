BEGIN { @ = 1.5KiB }
