"""The Neo4j backend: `Neo4jStore` over the official driver, and the local server launcher."""
