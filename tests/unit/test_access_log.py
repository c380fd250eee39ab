"""The access log keeps no search terms (issue 20 §5: people searches by name stayed in it)."""

from __future__ import annotations

import logging

from orgnet.api.main import create_app
from orgnet.settings import Settings


def test_the_access_log_drops_search_terms_and_keeps_the_rest(tmp_path):
    create_app(Settings(orgnet_home=tmp_path))  # as each worker does
    logger = logging.getLogger("uvicorn.access")
    # uvicorn's own access record: client, method, path with query string, HTTP version, status
    record = logger.makeRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/v1/people?q=%E5%BC%A0%E4%B8%89&region=320321", "1.1", 200),
        None,
    )
    for f in logger.filters:
        assert f.filter(record) is not False
    line = record.getMessage()
    assert "%E5%BC%A0" not in line and "张三" not in line, line
    assert line == '127.0.0.1:5000 - "GET /v1/people?q=…&region=320321 HTTP/1.1" 200'
