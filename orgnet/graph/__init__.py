"""The graph: domain model, schema, Neo4j access and the local server."""
