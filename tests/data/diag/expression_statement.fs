// A bare expression as a statement does nothing.
profile < pid + 1 >
