interval every 5m { print(@) }
