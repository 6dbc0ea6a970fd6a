// `exit(1)`
profile { @ = count(); exit(1) }
