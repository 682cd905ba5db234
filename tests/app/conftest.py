"""AppTest runs the page in this process: pin the listening address the page sees."""
from __future__ import annotations

import pytest
from streamlit import config


@pytest.fixture(autouse=True)
def serve_on():
    """server.address as `make run` sets it (127.0.0.1), whatever the working directory;
    a test calls ``serve_on("0.0.0.0")`` to see the page as `make run HOST=0.0.0.0` shows it."""
    before = config.get_option("server.address")
    config.set_option("server.address", "127.0.0.1")
    yield lambda address: config.set_option("server.address", address)
    config.set_option("server.address", before)
