"""Ingestion: turn a city's own GIS files (BD TOPO, OSM, RNB, cadastre, any GIS file) and records
(occupancy, bookings, parking) into the data directory the twin reads: `python -m geodata.ingest --help`."""
