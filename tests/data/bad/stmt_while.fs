// loops are not supported
profile { while (1) { @ = count() } }
