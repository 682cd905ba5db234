"""geo.serve: `streamlit run` with the page's imports warmed while the browser loads the front end."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from geo import serve

ROOT = Path(__file__).resolve().parent.parent


def write_page(tmp_path: Path, body: str) -> Path:
    page = tmp_path / "page.py"
    page.write_text(body, encoding="utf-8")
    return page


def test_page_modules_lists_imports_in_order_with_submodules(tmp_path):
    page = write_page(tmp_path, (
        "from __future__ import annotations\n"
        "import json\n"
        "from collections import abc, OrderedDict\n"
        "from os.path import join\n"
        "from . import sibling\n"
        "def later():\n"
        "    import csv\n"))
    assert serve.page_modules(page) == ["json", "collections", "collections.abc", "os.path", *serve.ALSO_WARMED]


def test_streamlit_and_its_components_are_never_looked_up(tmp_path, monkeypatch):
    looked_up = []
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: looked_up.append(name) or real(name, *a))
    page = write_page(tmp_path, "import streamlit as st\nfrom streamlit_folium import st_folium\n"
                                "import streamlit.components.v1 as components\nfrom json import decoder\n")
    assert serve.page_modules(page) == ["json", "json.decoder", *serve.ALSO_WARMED]
    assert looked_up == ["json.decoder"]


def test_the_dashboards_heavy_imports_are_warmed():
    modules = serve.page_modules(ROOT / "dashboard.py")
    assert {"pandas", "folium", "geo.mapview", "geo.pageview", "geo.store"} <= set(modules)
    assert not [m for m in modules if m.startswith("streamlit")]


def test_warm_imports_imports_the_page_modules_and_restores_the_switch_interval(tmp_path, monkeypatch):
    (tmp_path / "warm_probe_mod.py").write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(serve, "server_started", lambda: True)
    monkeypatch.setattr(serve, "ALSO_WARMED", ())
    page = write_page(tmp_path, "import warm_probe_mod\n")
    before = sys.getswitchinterval()
    serve.warm_imports(page)
    assert "warm_probe_mod" in sys.modules
    assert sys.getswitchinterval() == before
    sys.modules.pop("warm_probe_mod")


def test_a_failing_import_is_left_to_the_page(tmp_path, monkeypatch):
    monkeypatch.setattr(serve, "server_started", lambda: True)
    page = write_page(tmp_path, "import no_such_module_for_warming\n")
    serve.warm_imports(page)  # no exception: the page's own import will say what is missing


def test_nothing_is_warmed_before_the_server_starts(tmp_path, monkeypatch):
    monkeypatch.setattr(serve, "server_started", lambda: False)
    monkeypatch.setattr(serve, "page_modules", lambda script: pytest.fail("read the page too early"))
    serve.warm_imports(write_page(tmp_path, "import json\n"))


@pytest.mark.parametrize("argv, expected", [
    ([], ["run", "dashboard.py"]),
    (["--server.port", "8600"], ["run", "dashboard.py", "--server.port", "8600"]),
    (["other.py", "--server.headless", "true"], ["run", "other.py", "--server.headless", "true"]),
])
def test_streamlit_args(argv, expected):
    assert serve.streamlit_args(argv) == expected
