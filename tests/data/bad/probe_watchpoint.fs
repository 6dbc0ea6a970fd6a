// watchpoints are not supported yet
watchpoint:0x1000:8:w { @ = count() }
