"""Local by default (issue 17): who may write, the upload limits, and the server settings that keep it so."""
from __future__ import annotations

import re
import shlex
import subprocess
import tomllib
from pathlib import Path

import pytest

from geo import access, upload

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "k3y-" + "x" * 28


def make_run_command(*args: str) -> list[str]:
    """The server command line `make run ARGS` would run (a dry run: nothing starts or ingests):
    `python -m geo.serve`, which is `streamlit run` with the page's imports warmed."""
    out = subprocess.run(["make", "-s", "-n", "run", *args], cwd=ROOT, capture_output=True, text=True, check=True)
    lines = [line for line in out.stdout.splitlines() if " geo.serve dashboard.py " in line]
    assert len(lines) == 1, out.stdout
    return shlex.split(lines[0])


def project_config() -> dict:
    return tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("address", ["127.0.0.1", "127.0.0.2", "localhost", "LocalHost", "::1", "[::1]"])
def test_loopback_addresses(address):
    assert access.is_loopback(address)


@pytest.mark.parametrize("address", [None, "", "0.0.0.0", "::", "192.168.1.20", "10.0.0.5", "fe80::1",
                                     "my-laptop.local", "localhost.evil.example"])
def test_shared_addresses(address):
    assert not access.is_loopback(address)


def test_local_page_writes_without_a_token():
    rights = access.write_access("127.0.0.1", None)
    assert rights.allowed and not rights.needs_token and rights.accepts(None)


def test_shared_page_without_a_token_cannot_write_and_says_how():
    rights = access.write_access("0.0.0.0", None)
    assert not rights.allowed and not rights.accepts(TOKEN)
    assert access.TOKEN_ENV in rights.reason and "secrets.toml" in rights.reason


def test_unset_address_counts_as_every_interface():
    rights = access.write_access(None, None)
    assert not rights.allowed and "every network interface" in rights.reason


def test_shared_page_refuses_a_short_token():
    rights = access.write_access("0.0.0.0", "hunter2")
    assert not rights.allowed and "shorter than" in rights.reason
    assert "hunter2" not in rights.reason


def test_shared_page_with_a_token_checks_it():
    rights = access.write_access("0.0.0.0", TOKEN)
    assert rights.allowed and rights.needs_token
    assert rights.accepts(TOKEN) and rights.accepts(f"  {TOKEN}\n")  # a pasted token keeps no stray spaces
    for wrong in (None, "", TOKEN[:-1], TOKEN + "x", TOKEN.upper()):
        assert not rights.accepts(wrong)
    assert TOKEN not in repr(rights)


def test_token_comparison_is_constant_time(monkeypatch):
    calls = []
    real = access.hmac.compare_digest
    monkeypatch.setattr(access.hmac, "compare_digest", lambda a, b: calls.append(1) or real(a, b))
    assert access.token_matches("ä" + TOKEN, "ä" + TOKEN)  # non-ASCII tokens work too
    assert calls


def test_token_comes_from_env_then_secrets():
    assert access.configured_token({access.TOKEN_ENV: f" {TOKEN} "}, {access.TOKEN_SECRET: "other"}) == TOKEN
    assert access.configured_token({}, {access.TOKEN_SECRET: TOKEN}) == TOKEN
    assert access.configured_token({access.TOKEN_ENV: ""}, None) is None


def test_missing_secrets_file_means_no_token():
    class NoSecretsFile(dict):
        def get(self, key, default=None):  # st.secrets raises like this without a secrets.toml
            raise FileNotFoundError("No secrets found")

    assert access.configured_token({}, NoSecretsFile()) is None


def test_batch_of_101_files_is_refused_whole():
    files = [(f"f{i}.txt", b"Storm reaches the coast\nForecasters said it would weaken.\n") for i in range(101)]
    batch = upload.collect(files, None, {})
    assert batch.articles == [] and batch.files_read == 0
    assert len(batch.errors) == 1 and "too many files (101; at most 100" in batch.errors[0]
    assert upload.collect(files[:100], None, {}).errors == []


def test_a_6_mb_text_is_refused_with_the_good_files():
    big = ("Headline\n" + "Officials said the river rose. " * 210_000).encode()[:6 * 2**20]
    assert len(big) == 6 * 2**20
    batch = upload.collect([("good.txt", b"Storm\nForecasters said it would weaken.\n"), ("big.txt", big)], None, {})
    assert batch.articles == []
    assert len(batch.errors) == 1 and re.match(r"big\.txt: too large \(6\.\d MB; at most 5 MB", batch.errors[0])


def test_too_long_a_paste_is_refused():
    batch = upload.collect([], "Headline\n" + "x" * upload.MAX_PASTE_CHARS, {})
    assert batch.articles == [] and "pasted text is too long" in batch.errors[0]


def test_config_listens_on_loopback():
    assert access.is_loopback(project_config()["server"]["address"])


def test_config_keeps_xsrf_and_cors_protection_on():
    server = project_config()["server"]
    assert server.get("enableXsrfProtection", True) is True
    assert server.get("enableCORS", True) is True
    assert server.get("xsrfCookieSameSite", "lax") != "none"


def test_config_upload_limit_matches_the_form():
    assert project_config()["server"]["maxUploadSize"] == upload.MAX_FILE_MB


def test_make_run_listens_on_loopback_and_keeps_protection():
    cmd = make_run_command("PORT=8765")
    assert cmd[cmd.index("--server.address") + 1] == "127.0.0.1"
    flags = " ".join(cmd)
    for option in ("enableXsrfProtection", "enableCORS", "maxUploadSize", "xsrfCookieSameSite"):
        assert option not in flags  # the config's values stand


def test_make_run_share_switch():
    cmd = make_run_command("PORT=8765", "HOST=0.0.0.0")
    assert cmd[cmd.index("--server.address") + 1] == "0.0.0.0"
