END { delete(@x[1, "a"]); clear(@y); exit() }
