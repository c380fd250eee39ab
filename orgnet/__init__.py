"""orgnet: a city's party and government network as a Neo4j graph, with coverage analysis."""

__version__ = "0.1.0"
