// C for loops are not supported
profile { for ($i = 0; $i < 5; $i++) { @ = count() } }
