"""geokg's outward face: the FastAPI app, the explorer page and the `geokg` command line."""
