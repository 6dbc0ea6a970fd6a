// probe names are lowercase
PROFILE { @ = count() }
