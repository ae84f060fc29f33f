"""The Neo4j backend: `Neo4jStore` over the official driver, and the local server launcher (server.py)."""

from graph.backends.neo4j.store import Neo4jStore

__all__ = ["Neo4jStore"]
