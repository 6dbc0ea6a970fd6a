#!/usr/bin/env flamescript
// nothing here yet
/* still nothing */
