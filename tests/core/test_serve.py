"""A server started any other way than `make run` shows no traceback and no technical page."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def served(tmp_path):
    """`cinebridge serve` as a user would start it: no CINEBRIDGE_DEBUG in the environment."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CINEBRIDGE_", "DATABASE"))}
    env["CINEBRIDGE_DATA_DIR"] = str(tmp_path)
    server = subprocess.Popen(
        [sys.executable, "-m", "cinebridge.cli", "serve", "--port", str(port), "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # a generous bound on start-up, not a speed claim
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, "the server stopped"
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_shows_no_technical_page(served):
    status, body = _get(f"{served}/no-such-page/")
    assert status == 404
    assert "URLconf" not in body and "DEBUG = True" not in body


def test_serve_still_serves_the_static_files(served):
    status, body = _get(f"{served}/static/js/search-form.js")
    assert status == 200 and "data-search-form" in body


def test_only_make_run_turns_debug_on():
    plan = subprocess.run(
        ["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    [serve] = [line for line in plan.splitlines() if "cinebridge serve" in line]
    assert "CINEBRIDGE_DEBUG=${CINEBRIDGE_DEBUG:-1}" in serve
