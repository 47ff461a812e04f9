import sys

from geodata.ingest.cli import main

sys.exit(main())
