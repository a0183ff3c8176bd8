"""Where the real data made by others lives: ``../shared/data`` beside the checkout.

A fresh clone elsewhere (CI clones into a temporary folder) looks in
``$CINEBRIDGE_SHARED_DATA``, then beside each folder above the checkout, then in
``/work/shared/data``.
"""

from __future__ import annotations

import os
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]


def shared_data(name: str) -> Path:
    """The folder ``name`` (e.g. "ema") of the shared data, or a path that does not exist."""
    candidates = []
    if os.environ.get("CINEBRIDGE_SHARED_DATA"):
        candidates.append(Path(os.environ["CINEBRIDGE_SHARED_DATA"]))
    candidates += [parent / "shared" / "data" for parent in _ROOT.parents]
    candidates.append(Path("/work/shared/data"))
    for folder in candidates:
        if (folder / name).is_dir():
            return folder / name
    return candidates[0] / name
