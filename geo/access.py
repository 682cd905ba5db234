"""Who may add articles: anyone at this machine, and on a shared page only the holder of a token.

The page listens on loopback by default (``.streamlit/config.toml``). When it is
started on a network address, anyone who can reach the port reads the store, so
writing into it (planting claims in someone's evidence) needs a secret that the
person who started the page set. Nothing here logs or shows a token.
"""
from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field

TOKEN_ENV = "GEO_WRITE_TOKEN"
TOKEN_SECRET = "write_token"  # the key in .streamlit/secrets.toml
MIN_TOKEN_CHARS = 16  # a short word is guessed; the form can be submitted again and again
HOW_TO_ENABLE = (f"To turn it on, restart the page with a long random token in the environment variable "
                 f"`{TOKEN_ENV}` (or `{TOKEN_SECRET}` in `.streamlit/secrets.toml`), "
                 f"at least {MIN_TOKEN_CHARS} characters, and enter it here.")


@dataclass(frozen=True)
class WriteAccess:
    """What the upload form may do on this page, and why."""

    allowed: bool  # the form may add articles (perhaps after a token check)
    needs_token: bool  # the form asks for the token and checks it
    reason: str  # shown when writing is off; never contains the token
    token: str | None = field(default=None, repr=False)  # repr=False: never printed with the rest

    def accepts(self, given: str | None) -> bool:
        """May this submission add articles? Checks the token when the page needs one."""
        if not self.allowed:
            return False
        return token_matches(given, self.token) if self.needs_token else True


def is_loopback(address: str | None) -> bool:
    """True when the server can be reached from this machine only.

    Unset or empty means every interface (Streamlit's own default); a host name
    other than ``localhost`` might resolve to anything, so it counts as shared.
    """
    if not address:
        return False
    host = address.strip().strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def configured_token(environ: Mapping[str, str], secrets: Mapping | None = None) -> str | None:
    """The write token from the environment, else from Streamlit secrets; None if neither set one.

    ``secrets`` may be ``st.secrets``, which raises when there is no secrets file.
    """
    token = environ.get(TOKEN_ENV, "").strip()
    if not token and secrets is not None:
        try:
            token = str(secrets.get(TOKEN_SECRET) or "").strip()
        except Exception:  # no or unreadable secrets.toml: no token from there
            token = ""
    return token or None


def write_access(address: str | None, token: str | None) -> WriteAccess:
    """Local pages write freely; shared pages only with a long enough configured token."""
    if is_loopback(address):
        return WriteAccess(True, False, "")
    where = f"on {address}" if address else "on every network interface"
    if token is None:
        return WriteAccess(False, False, f"Adding articles is off: this page is shared {where}. {HOW_TO_ENABLE}")
    if len(token) < MIN_TOKEN_CHARS:
        return WriteAccess(False, False, f"Adding articles is off: this page is shared {where} and its write "
                                         f"token is shorter than {MIN_TOKEN_CHARS} characters. {HOW_TO_ENABLE}")
    return WriteAccess(True, True, "", token)


def token_matches(given: str | None, token: str | None) -> bool:
    """Constant-time comparison, so the time taken does not tell how much of a guess was right."""
    if not given or not token:
        return False
    return hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8"))
