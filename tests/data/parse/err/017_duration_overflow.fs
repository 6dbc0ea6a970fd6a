offcpu min 18446744074s { }
