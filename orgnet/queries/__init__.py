"""The named Cypher query library (``<namespace>/<name>.cypher``); see :mod:`orgnet.queries.library`."""

from orgnet.errors import QueryFileError
from orgnet.queries.library import Library, Query, library, parse_query_file, read_library, run_named, run_query
from orgnet.queries.params import Param

__all__ = ["Library", "Param", "Query", "QueryFileError", "library", "parse_query_file", "read_library", "run_named", "run_query"]
