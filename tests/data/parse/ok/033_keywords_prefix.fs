BEGIN { $ifx = 1; @elsewhere = iff; print(if_, else_) }
