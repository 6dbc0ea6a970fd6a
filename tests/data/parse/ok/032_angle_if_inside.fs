profile < if (pid > 5) { @big = count() } else { @small[pid > 1] = count() } >
