// Unknown functions: did-you-mean; a builtin called like a function.
profile < @a = cont() >
profile < prnt(@a) >
profile < @b[pid()] = count() >
