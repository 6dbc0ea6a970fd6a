interval every 1s { print(@); clear(@) }
uprobe file "/usr/bin/bash" symbol "readline" { @[comm] = count() }
