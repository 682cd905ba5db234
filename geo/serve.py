"""`python -m geo.serve [SCRIPT] [streamlit options]`: `streamlit run`, with the page's libraries
imported while the browser is still loading Streamlit's own front end.

Why: Streamlit runs a page's script only once a browser has loaded the front end (about sixty
scripts) and opened its websocket, and the map page's first run then spent 1-2 s importing
pandas, folium and the page's own modules before it could draw anything (bench/RESULTS.md,
firstmap). Imported in a background thread as soon as the server is up, they overlap the
browser's load, and the first run finds them done. `streamlit run dashboard.py` still works; it
only waits longer for its first map. The thread imports and runs nothing else: no store is
opened and no model loaded.
"""
from __future__ import annotations

import ast
import importlib
import importlib.util
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

DEFAULT_SCRIPT = "dashboard.py"
WARM_SWITCH_INTERVAL = 0.0002  # seconds; Python's default is 0.005
# Streamlit is loaded by the server itself; a component package (streamlit_folium) declares its
# component when imported, and declared before a script runs, its files are never served.
NOT_WARMED = ("streamlit",)
ALSO_WARMED = ("folium", "folium.plugins")  # what streamlit_folium imports, warmed in its place


def page_modules(script: Path) -> list[str]:
    """The modules ``script`` imports at its top level, in its order, submodules named in a
    ``from package import a, b`` included; Streamlit's and its components' left out."""
    tree = ast.parse(script.read_text(encoding="utf-8"), filename=str(script))
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names if _warmed(alias.name)]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level and _warmed(node.module):
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names if _is_module(node.module, alias.name)]
    return list(dict.fromkeys(names + list(ALSO_WARMED)))


def _warmed(module: str) -> bool:
    return module != "__future__" and not module.startswith(NOT_WARMED)


def _is_module(package: str, name: str) -> bool:
    """Whether ``from package import name`` names a submodule (finding it imports ``package``)."""
    try:
        return importlib.util.find_spec(f"{package}.{name}") is not None
    except (ImportError, ValueError):  # ``package`` is a module, not a package
        return False


def server_started(timeout: float = 60.0) -> bool:
    """Wait until Streamlit's runtime has started (it then answers the health check)."""
    from streamlit.runtime import Runtime, RuntimeState

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if Runtime.exists() and Runtime.instance().state != RuntimeState.INITIAL:
            return True
        time.sleep(0.02)
    return False


def warm_imports(script: Path) -> None:
    """Import what ``script`` imports once the server is up: started with it, the imports held
    its start back as long as they saved. One that fails is left for the page to report."""
    if not server_started() or not script.is_file():
        return
    # While this thread holds the GIL, the server's event loop waits up to the switch interval
    # each time it takes the GIL back after a read or a send, and the browser fetches about
    # sixty files from it meanwhile: a short interval keeps those fetches at full speed.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(WARM_SWITCH_INTERVAL)
    try:
        for name in page_modules(script):
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - the page's own import names the problem
                return
    finally:
        sys.setswitchinterval(interval)


def streamlit_args(argv: Sequence[str]) -> list[str]:
    """``streamlit run`` arguments: the script first (dashboard.py unless one is given)."""
    args = list(argv)
    if not args or args[0].startswith("-"):
        args.insert(0, DEFAULT_SCRIPT)
    return ["run", *args]


def main(argv: Sequence[str] | None = None) -> None:
    args = streamlit_args(sys.argv[1:] if argv is None else argv)
    script = Path(args[1]).resolve()
    # Streamlit itself first, in this thread, so the two threads never import it at once; the
    # script's folder on the path, as `streamlit run` puts it, so its own modules are found.
    from streamlit.web import cli

    sys.path.insert(0, str(script.parent))
    threading.Thread(target=warm_imports, args=(script,), name="geo-warm-imports", daemon=True).start()
    cli.main(args=args, prog_name="streamlit")


if __name__ == "__main__":
    main()
