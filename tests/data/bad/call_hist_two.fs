// `hist` with two arguments
profile { @ = hist(pid, 2) }
