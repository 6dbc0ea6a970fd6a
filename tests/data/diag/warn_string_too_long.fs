// A warning, not an error: a literal longer than `comm` can hold never matches. The script
// still checks (a program is produced).
profile /comm == "a_very_long_process_name"/ < @a = count() >
profile /comm != "short"/ < @b = count() >
