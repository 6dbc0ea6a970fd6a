BEGIN { if (1) { exit() } else exit() }
