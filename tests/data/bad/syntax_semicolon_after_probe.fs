// a `;` between the probe and its block
profile; { @ = count() }
