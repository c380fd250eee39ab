"""The named Cypher query library (``<namespace>/<name>.cypher``); see :mod:`orgnet.queries.library`."""

from orgnet.queries.library import Library, Param, Query, QueryFileError, library, parse_query_file, read_library, run_named, run_query

__all__ = ["Library", "Param", "Query", "QueryFileError", "library", "parse_query_file", "read_library", "run_named", "run_query"]
