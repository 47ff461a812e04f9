"""`python -m geodata.sample [--out DIR]`: builds the sample DMC district (see geodata.sample.district)."""

from geodata.sample.district import main

main()
