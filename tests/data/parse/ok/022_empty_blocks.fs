BEGIN { } END < > profile {;} tp:a:b <;;>
