"""The suite runs with no network (make test wraps pytest in a network namespace)."""
import os
import socket

import pytest


@pytest.mark.skipif(os.environ.get("GEO_NETNS") != "1", reason="not run under scripts/offline.sh's network namespace")
def test_no_route_off_the_machine():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(2)
    try:
        assert s.connect_ex(("1.1.1.1", 80)) != 0
    finally:
        s.close()
    # loopback still works for the app and browser tests
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    c = socket.create_connection(srv.getsockname(), timeout=2)
    c.close()
    srv.close()
