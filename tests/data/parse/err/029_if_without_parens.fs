BEGIN { if pid > 5 { exit() } }
