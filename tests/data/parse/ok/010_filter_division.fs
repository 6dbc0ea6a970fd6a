/* division inside a filter needs parentheses */
profile /(pid / 2) > 5/ < @[kstack] = count() >
