"""The sample data generators: the DMC district (python -m geodata.sample) and a synthetic city (python -m geodata.sample.city)."""
