"""Shared fixtures for the EMA codec tests.

``synthetic`` is the folder of small EMA files written for these tests from the public spec
(in the repository, so every clone tests the codec and the import); ``golden`` is the
folder of MovieLabs' sample files, outside the repository, used as an extra when present.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.shared_data import shared_data

GOLDEN_DIR = shared_data("ema")
SYNTHETIC_DIR = Path(__file__).with_name("files")


@pytest.fixture(scope="session")
def golden() -> Path:
    """The folder of MovieLabs sample avails; tests using it skip when it is absent."""
    if not GOLDEN_DIR.is_dir():
        pytest.skip(f"EMA golden files not found at {GOLDEN_DIR} (they live outside the repo)")
    return GOLDEN_DIR


@pytest.fixture(scope="session")
def synthetic() -> Path:
    """The folder of synthetic EMA files kept in the repository (never skipped)."""
    return SYNTHETIC_DIR
