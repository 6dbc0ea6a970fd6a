// `count` without parentheses
profile { @[comm] = count }
