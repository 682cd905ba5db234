"""One error hierarchy. Library code raises these; only the CLI and the page print them."""
from __future__ import annotations


class GeoError(Exception):
    """Base of every error this package raises on purpose."""


class InputError(GeoError, ValueError):
    """A file or text that cannot be used. The message names the file and the problem."""

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class MetadataError(InputError):
    """A ``.meta.json`` sidecar that is unreadable or says something impossible."""


class StoreError(GeoError, OSError):
    """The store file is missing, corrupt or locked."""


class GazetteerError(GeoError, OSError):
    """The compiled gazetteer index is missing or unreadable (run the build step)."""


class GeocoderUnavailableError(GeoError, OSError):
    """An online geocoder was asked for but the network cannot be reached."""
