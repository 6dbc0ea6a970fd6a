// a byte order mark inside the script (one at its start is read as spaces)
profile { @ = count() }
﻿offcpu { @o = count() }
