// uprobes are not supported yet
uprobe:/bin/bash:readline { @ = count() }
