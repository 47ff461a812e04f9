"""Kept for old habits: `python -m geodata.build` is `python -m geodata.sample` (the sample district)."""

from geodata.sample.district import main

if __name__ == "__main__":
    main()
