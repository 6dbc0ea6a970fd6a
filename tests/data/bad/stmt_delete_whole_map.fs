// `delete` needs a key
profile { @s[comm] = count(); delete(@s) }
