BEGIN { @ = 1.5 }
