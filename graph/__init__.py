"""geokg's graph layer: the data model, the storage interface and its backends.

`graph` is the base layer: `app` and `ingest` import it, it imports neither.
"""
