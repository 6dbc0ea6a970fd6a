// uretprobes are not supported yet
uretprobe:/bin/bash:readline { @ = count() }
