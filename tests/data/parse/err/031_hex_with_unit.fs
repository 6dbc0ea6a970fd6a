BEGIN { @ = 0x10ms }
