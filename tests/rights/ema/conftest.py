"""Shared fixtures for the EMA codec tests: the MovieLabs golden files (read-only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.shared_data import shared_data

GOLDEN_DIR = shared_data("ema")


@pytest.fixture(scope="session")
def golden() -> Path:
    """The folder of MovieLabs sample avails; tests using it skip when it is absent."""
    if not GOLDEN_DIR.is_dir():
        pytest.skip(f"EMA golden files not found at {GOLDEN_DIR} (they live outside the repo)")
    return GOLDEN_DIR
