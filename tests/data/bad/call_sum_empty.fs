// `sum()` without a value
profile { @ = sum() }
