BEGIN { @ = 1 } >
