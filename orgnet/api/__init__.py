"""The HTTP API (FastAPI): routers per resource, problem-details errors."""
