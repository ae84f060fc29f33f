"""geokg ingestion: articles in, typed events with resolved actors out, loaded into the graph."""
